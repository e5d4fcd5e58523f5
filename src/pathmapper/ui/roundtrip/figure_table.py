"""The figures of a comparison as a compact table: figure, A, B, the change with an arrow for
its direction, and better or worse in words and colour (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pathmapper.analysis.compare import Figure, MapComparison
from pathmapper.analysis.compare_text import (
    VERDICT_WORDS,
    change_text,
    first_amount,
    second_amount,
    verdict,
)
from pathmapper.layout.style import VERDICT_INKS

COLUMNS = ("Figure", "A", "B", "Change", "")
FIGURE_COLUMN, FIRST_COLUMN, SECOND_COLUMN, CHANGE_COLUMN, VERDICT_COLUMN = range(5)
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the figure's number (float or None) in the A/B cells
# Darker shades of bluish green and vermillion: readable as text on white.


class FigureTable(QTableWidget):
    """Read-only; one row per figure of `compare_maps`, in its order."""

    def __init__(self, comparison: MapComparison, parent: QWidget | None = None) -> None:
        super().__init__(len(comparison.figures), len(COLUMNS), parent)
        self.setObjectName("compare-figures")
        self.comparison = comparison
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(FIGURE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (FIRST_COLUMN, SECOND_COLUMN, CHANGE_COLUMN, VERDICT_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, figure in enumerate(comparison.figures):
            self._fill_row(row, figure)
        self.resizeRowsToContents()

    def _fill_row(self, row: int, figure: Figure) -> None:
        judged = verdict(figure)
        bold = QFont(self.font())
        bold.setBold(True)
        cells = (
            (FIGURE_COLUMN, figure.name, None),
            (FIRST_COLUMN, first_amount(figure), figure.first),
            (SECOND_COLUMN, second_amount(figure), figure.second),
            (CHANGE_COLUMN, change_text(figure), figure.change),
            (VERDICT_COLUMN, VERDICT_WORDS[judged], None),
        )
        for column, text, value in cells:
            item = QTableWidgetItem(text)
            item.setData(VALUE_ROLE, value)
            if column != FIGURE_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column in (CHANGE_COLUMN, VERDICT_COLUMN) and judged in VERDICT_INKS:
                item.setForeground(QBrush(QColor(VERDICT_INKS[judged])))
                item.setFont(bold)
            item.setToolTip(_explain(figure))
            self.setItem(row, column, item)

    def row_of(self, key: str) -> int:
        keys = [figure.key for figure in self.comparison.figures]
        return keys.index(key)

    def cell_text(self, key: str, column: int) -> str:
        item = self.item(self.row_of(key), column)
        return item.text() if item is not None else ""

    def cell_value(self, key: str, column: int) -> float | None:
        item = self.item(self.row_of(key), column)
        value = item.data(VALUE_ROLE) if item is not None else None
        return None if value is None else float(value)


def _explain(figure: Figure) -> str:
    direction = {
        "lower": "lower is better",
        "higher": "higher is better",
        "neither": "neither more nor less is better",
    }[figure.better]
    return f"{figure.name}: A {first_amount(figure)}, B {second_amount(figure)} ({direction})"
