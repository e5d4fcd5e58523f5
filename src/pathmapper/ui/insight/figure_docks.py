"""The figures strip: the map's numbers, large enough to read from the back of the room.

`FiguresDock`: tiles (steps, handoffs, loops, gaps, patient contacts, lead time, organisations
met, routes) in one low row over the time spent waiting against the time adding value, as a
painted bar. `HandoffsDock`: the handoffs between organisations as a painted heat map with the
count in every cell (its own dock: a matrix needs room in both directions).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pathmapper.analysis import Analysis
from pathmapper.layout.style import BLUE, BLUISH_GREEN, INK, ORANGE, blend
from pathmapper.model import describe_minutes

NUMBER_PIXELS = 28
LABEL_PIXELS = 14


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class FigureTile(QFrame):
    """A large number over a short label, and a smaller line under it."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        self.number = QLabel("–", self)
        self.number.setFont(_font(NUMBER_PIXELS, bold=True))
        self.label = QLabel(label, self)
        self.label.setFont(_font(LABEL_PIXELS, bold=True))
        self.detail = QLabel("", self)
        self.detail.setFont(_font(LABEL_PIXELS - 2))
        self.detail.setStyleSheet("color: #5A6B7D")
        for widget in (self.number, self.label, self.detail):
            layout.addWidget(widget)

    def show_figure(self, number: str, detail: str = "") -> None:
        self.number.setText(number)
        self.detail.setText(detail)
        self.setToolTip(f"{self.label.text()}: {number}" + (f" ({detail})" if detail else ""))


def percent(part: float, whole: float) -> str:
    """A share in whole percent, never rounded to 0% or 100% when it is not exactly that."""
    share = 100 * part / whole
    if 0 < share < 1:
        return "under 1%"
    if 99 < share < 100:
        return "over 99%"
    return f"{round(share)}%"


class TimeBar(QWidget):
    """Waiting (orange, hatched) against value-adding time (green, solid), with the words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.waiting = 0.0
        self.value_adding = 0.0
        self.setFixedHeight(46)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_times(self, waiting: float, value_adding: float) -> None:
        self.waiting, self.value_adding = waiting, value_adding
        total = waiting + value_adding
        share = f"{percent(waiting, total)} of the time is waiting" if total else ""
        self.setToolTip(
            f"Waiting {describe_minutes(waiting)}, value-adding {describe_minutes(value_adding)}"
            + (f": {share}" if share else "")
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_font(LABEL_PIXELS, bold=True))
        total = self.waiting + self.value_adding
        bar = QRectF(2, 22, self.width() - 4, self.height() - 24)
        if not total:
            painter.setPen(QColor(INK))
            painter.drawText(
                QRectF(0, 0, self.width(), 22), "No waits or value-adding times given yet"
            )
            painter.end()
            return
        wait_share = self.waiting / total
        wait_rect = QRectF(bar.x(), bar.y(), bar.width() * wait_share, bar.height())
        value_rect = QRectF(
            wait_rect.right(), bar.y(), bar.width() - wait_rect.width(), bar.height()
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ORANGE))
        painter.drawRect(wait_rect)
        painter.setBrush(QBrush(QColor("#8A5F00"), Qt.BrushStyle.BDiagPattern))
        painter.drawRect(wait_rect)
        painter.setBrush(QColor(BLUISH_GREEN))
        painter.drawRect(value_rect)
        painter.setPen(QPen(QColor(INK), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        painter.setPen(QColor(INK))
        caption = (
            f"Waiting {describe_minutes(self.waiting)} ({percent(self.waiting, total)})  ·  "
            f"adding value {describe_minutes(self.value_adding)}"
        )
        painter.drawText(QRectF(0, 0, self.width(), 22), caption)
        painter.end()


def initials(names: list[str]) -> list[str]:
    """Short column headings: the initials of each organisation ("GP practice" -> "GP"),
    made unique with a number."""
    shorts: list[str] = []
    for name in names:
        words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
        short = "".join(word[0].upper() for word in words[:3]) or "?"
        if len(words) == 1:
            short = words[0][:3].capitalize()
        candidate, number = short, 2
        while candidate in shorts:
            candidate, number = f"{short}{number}", number + 1
        shorts.append(candidate)
    return shorts


class HandoffHeatMap(QWidget):
    """Organisation by organisation: how many arrows hand the patient from row to column.
    Rows shrink to fit the strip's height (between MIN_CELL and MAX_CELL); a column is as wide
    as a row is tall, or wider when its heading (the organisation's initials) needs the room."""

    MIN_CELL, MAX_CELL = 22, 44
    LABEL_WIDTH = 150
    TITLE_HEIGHT = 40  # the title line and the column initials
    HEADING_PIXELS = LABEL_PIXELS - 2
    HEADING_PADDING = 8  # clear space between two columns' initials

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organisations: list[str] = []
        self.shorts: list[str] = []  # the column headings, one per organisation
        self.counts: dict[tuple[str, str], int] = {}
        self.heading_font = _font(self.HEADING_PIXELS, bold=True)
        self.heading_width = 0.0  # the widest heading and its padding
        self.setMinimumHeight(self.TITLE_HEIGHT + self.MIN_CELL * 2)

    def show_matrix(self, organisations: list[str], counts: dict[tuple[str, str], int]) -> None:
        self.organisations = organisations
        self.counts = dict(counts)
        self.shorts = initials(organisations)
        metrics = QFontMetricsF(self.heading_font)
        widest = max((metrics.horizontalAdvance(short) for short in self.shorts), default=0.0)
        self.heading_width = widest + self.HEADING_PADDING
        self.setToolTip(
            "Handoffs between organisations, from the row to the column: "
            + ", ".join(
                f"{short} = {name}" for short, name in zip(self.shorts, organisations, strict=True)
            )
        )
        columns = max(1, len(organisations))
        self.setMinimumWidth(
            self.LABEL_WIDTH + round(self.column_width(self.MIN_CELL) * columns) + 4
        )
        self.updateGeometry()
        self.update()

    def cell_size(self) -> float:
        """A row's height (and a column's least width)."""
        rows = max(1, len(self.organisations))
        fits = (self.height() - self.TITLE_HEIGHT) / rows
        across = (self.width() - self.LABEL_WIDTH) / rows
        return float(max(self.MIN_CELL, min(self.MAX_CELL, fits, across)))

    def column_width(self, cell: float) -> float:
        return max(cell, self.heading_width)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(_font(LABEL_PIXELS, bold=True))
        painter.setPen(QColor(INK))
        if not self.counts:
            painter.drawText(QRectF(0, 0, self.width(), 24), "No handoffs between organisations")
            painter.end()
            return
        painter.drawText(QRectF(0, 0, self.width(), 20), "Handoffs: from (row) → to (column)")
        largest = max(self.counts.values())
        cell = self.cell_size()
        width = self.column_width(cell)
        top, left = float(self.TITLE_HEIGHT), float(self.LABEL_WIDTH)
        painter.setFont(self.heading_font)
        for column, short in enumerate(self.shorts):
            painter.drawText(
                QRectF(left + column * width, top - 20, width - 2, 18),
                Qt.AlignmentFlag.AlignCenter,
                short,
            )
        painter.setFont(_font(max(11, min(LABEL_PIXELS, round(cell * 0.55))), bold=True))
        metrics = painter.fontMetrics()
        for row, source in enumerate(self.organisations):
            y = top + row * cell
            short = self.shorts[row]
            label = f"{source} · {short}"
            if metrics.horizontalAdvance(label) > self.LABEL_WIDTH - 8:
                room = self.LABEL_WIDTH - 8 - metrics.horizontalAdvance(f"… · {short}")
                label = metrics.elidedText(source, Qt.TextElideMode.ElideRight, room)
                label = f"{label} · {short}"
            painter.setPen(QColor(INK))
            painter.drawText(
                QRectF(0, y, left - 8, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            for column, target in enumerate(self.organisations):
                box = QRectF(left + column * width, y, width - 2, cell - 2)
                count = self.counts.get((source, target), 0)
                share = count / largest if largest else 0.0
                fill = blend("#FFFFFF", BLUE, 0.15 + 0.85 * share) if count else "#F2F2F2"
                painter.fillRect(box, QColor(fill))
                if source == target:
                    painter.setPen(QPen(QColor("#C8D0D9"), 1, Qt.PenStyle.DotLine))
                    painter.drawRect(box)
                if count:
                    painter.setPen(QColor("#FFFFFF" if share > 0.45 else INK))
                    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{count:,}")
        painter.end()


def on_paper(widget: QWidget) -> QWidget:
    """Figures and charts are drawn on white with dark ink, like the map and the PDF, whatever
    the window theme: their colours were chosen for paper, and in a dark theme the dock's own
    background left dark ink on dark grey."""
    palette = QPalette(widget.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#FFFFFF"),
        (QPalette.ColorRole.Base, "#FFFFFF"),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Text, INK),
    ):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
    return widget


class FiguresDock(QDockWidget):
    """The figures of the latest analysis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Figures", parent)
        self.setObjectName("figures-dock")
        body = QWidget(self)
        outer = QHBoxLayout(body)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.tiles: dict[str, FigureTile] = {}
        names = (
            ("steps", "Steps"),
            ("handoffs", "Handoffs"),
            ("loops", "Loops"),
            ("gaps", "Gaps"),
            ("contacts", "Patient contacts"),
            ("lead_time", "Lead time"),
            ("organisations", "Organisations met"),
            ("routes", "Routes"),
            ("standards", "Standards met"),
        )
        column = 0
        for key, label in names:
            tile = FigureTile(label, body)
            span = 2 if key == "lead_time" else 1  # "12w 4h – 42w 2d" needs the room
            grid.addWidget(tile, 0, column, 1, span)
            column += span
            self.tiles[key] = tile
        self.tiles["standards"].hide()  # until a map with programme standards is analysed
        self.time_bar = TimeBar(body)
        grid.addWidget(self.time_bar, 1, 0, 1, column)
        grid.setRowStretch(2, 1)
        outer.addLayout(grid)
        self.setWidget(on_paper(body))

    def show_analysis(self, analysis: Analysis) -> None:
        summary = analysis.summary
        tiles = self.tiles
        tiles["steps"].show_figure(f"{summary['steps']:,}", f"{summary['lanes']:,} lanes")
        tiles["handoffs"].show_figure(
            f"{summary['handoffs']:,}",
            f"{summary['cross_org_handoffs']:,} between organisations",
        )
        tiles["loops"].show_figure(
            f"{summary['loops']:,}", f"{summary['expected_loops']:,} planned"
        )
        gaps = analysis.findings_in("Gaps")
        serious = sum(finding.severity != "info" for finding in gaps)
        tiles["gaps"].show_figure(f"{len(gaps):,}", f"{serious:,} to fix")
        tiles["contacts"].show_figure(f"{summary['patient_contacts_max']:,}", "most on one route")
        tiles["lead_time"].show_figure(*lead_time_text(summary))
        tiles["organisations"].show_figure(
            f"{analysis.organisations_met_max:,}", f"of {summary['organisations']:,} on one route"
        )
        more = " (and more)" if summary["routes_truncated"] else ""
        tiles["routes"].show_figure(f"{summary['routes']:,}", f"start to end{more}")
        # Shown only for a map checked against programme standards (File > Programme standards).
        tiles["standards"].setVisible(analysis.standards_met is not None)
        if analysis.standards_met is not None:
            met, total = analysis.standards_met
            tiles["standards"].show_figure(f"{met:,}", f"of {total:,} standards")
        self.time_bar.show_times(
            analysis.waiting_minutes_total, analysis.value_adding_minutes_total
        )


class HandoffsDock(QDockWidget):
    """The handoff matrix on its own, with room for every organisation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Handoffs", parent)
        self.setObjectName("handoffs-dock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heat_map = HandoffHeatMap(body)
        layout.addWidget(self.heat_map, 1)
        self.setWidget(on_paper(body))

    def show_analysis(self, analysis: Analysis) -> None:
        involved = {name for pair in analysis.handoff_matrix for name in pair}
        order = [name for name in analysis.graph.path_map.organisations() if name in involved]
        order += sorted(involved - set(order))
        self.heat_map.show_matrix(order, analysis.handoff_matrix)


def lead_time_text(summary: dict[str, object]) -> tuple[str, str]:
    """The lead time range as the tile shows it: ("6w 2d – 14w", "at least, some times unknown")."""
    shortest, longest = summary.get("lead_time_min_minutes"), summary.get("lead_time_max_minutes")
    if not isinstance(shortest, int | float) or not isinstance(longest, int | float):
        return "–", "no route from start to end"
    if shortest == longest:
        text = describe_minutes(longest)
    else:
        text = f"{describe_minutes(shortest)} – {describe_minutes(longest)}"
    bound = "at least: some steps have no time" if summary.get("lead_time_is_lower_bound") else ""
    return text, bound or "shortest – longest route"
