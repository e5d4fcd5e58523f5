"""The Findings dock: every finding of the live analysis, grouped, filtered, one click from the
map. The full message and what to do about it show in a pane under the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pathmapper.analysis import SEVERITIES, Analysis, Finding
from pathmapper.ui.insight.findings_model import FindingsModel, finding_tooltip
from pathmapper.ui.insight.icons import severity_icon

SEVERITY_PLURALS = {"error": "Problems", "warning": "Warnings", "info": "Notes"}
DETAIL_HINT = "Click a finding to see it on the map."


class FindingsDock(QDockWidget):
    """`findingChosen(Finding)` when a finding is clicked or reached with the keyboard."""

    findingChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Findings", parent)
        self.setObjectName("findings-dock")
        self.model = FindingsModel(self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        self.filter_box = QLineEdit(body)
        self.filter_box.setPlaceholderText("Filter findings (words in the message)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter_box)

        buttons = QHBoxLayout()
        self.severity_buttons: dict[str, QToolButton] = {}
        for severity in SEVERITIES:
            button = QToolButton(body)
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setIconSize(QSize(20, 20))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide {SEVERITY_PLURALS[severity].lower()}")
            button.toggled.connect(self._apply_filter)
            buttons.addWidget(button)
            self.severity_buttons[severity] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.tree = QTreeView(body)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # fast with thousands of rows
        self.tree.setIconSize(QSize(20, 20))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        self.tree.clicked.connect(self._choose)
        self.tree.activated.connect(self._choose)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)
        layout.addWidget(self.tree, 1)

        self.detail = QLabel(body)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setMinimumHeight(90)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        detail_font = QFont(self.detail.font())
        detail_font.setPointSizeF(detail_font.pointSizeF() * 1.1)
        self.detail.setFont(detail_font)
        self.detail.setText(DETAIL_HINT)
        layout.addWidget(self.detail)

        self.status = QLabel("Checking the map…", body)
        layout.addWidget(self.status)
        self.setWidget(body)
        self._counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        self._label_buttons()

    # ----------------------------------------------------------------------------- input

    def show_analysis(self, analysis: Analysis) -> None:
        current = self.model.finding_at(self.tree.currentIndex())
        self._counts = {
            severity: sum(f.severity == severity for f in analysis.findings)
            for severity in SEVERITIES
        }
        self._label_buttons()
        self.model.set_findings(analysis.findings)
        self.status.setText(_status_line(self._counts))
        if current is None or not self._select_finding(current):
            # What was chosen is not found any more (fixed, or another map opened): the detail
            # must not go on describing it.
            self.detail.setText(DETAIL_HINT)

    def show_busy(self, busy: bool) -> None:
        if busy:
            self.status.setText("Checking the map…")
        else:
            self.status.setText(_status_line(self._counts))

    def set_filter_text(self, text: str) -> None:
        self.filter_box.setText(text)

    def shown_findings(self) -> list[Finding]:
        return self.model.shown_findings()

    def index_of(self, finding: Finding) -> QModelIndex:
        """Where a shown finding sits in the tree (invalid if the filter hides it)."""
        return self.model.index_of(finding)

    # ---------------------------------------------------------------------------- inside

    def _label_buttons(self) -> None:
        for severity, button in self.severity_buttons.items():
            button.setText(f"{SEVERITY_PLURALS[severity]} {self._counts[severity]:,}")

    def _apply_filter(self) -> None:
        chosen = [s for s, button in self.severity_buttons.items() if button.isChecked()]
        self.model.set_filter(self.filter_box.text(), chosen)

    def _after_reset(self) -> None:
        # Sections open; sub-headers (many findings of one kind) stay closed until asked.
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))

    def _select_finding(self, finding: Finding) -> bool:
        """Make a finding current again (after a re-analysis); False when it is gone."""
        index = self.index_of(finding)
        if index.isValid():
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
        return index.isValid()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding_at(current)
        if finding is None:
            self.detail.setText(DETAIL_HINT)
            return
        self.detail.setText(finding_tooltip(finding))

    def _choose(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        if finding is not None:
            self._current_changed(index, QModelIndex())
            self.findingChosen.emit(finding)


def _status_line(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "Nothing found: no gaps, loops, handoffs or repeats to look at."
    parts = [f"{counts[s]:,} {SEVERITY_PLURALS[s].lower()}" for s in SEVERITIES if counts[s]]
    return "Found " + ", ".join(parts)
