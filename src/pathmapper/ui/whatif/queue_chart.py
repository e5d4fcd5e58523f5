"""The busiest queue over the weeks: a line chart drawn with QPainter, big enough to read on a
projector. The x axis is the simulated week, the y axis the patients waiting at the end of it
(the mean over runs); a second line, dashed, compares another map's busiest queue."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from pathmapper.layout.style import BLUE, INK, MUTED_INK

CHART_FONT_POINTS = 11.0
TITLE_LINES = 3
LINE_WIDTH = 3.0
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64.0, 16.0, 34.0, 46.0


@dataclass(frozen=True)
class QueueLine:
    """One queue over the weeks: what it is called in the key, and its lengths."""

    name: str
    lengths: tuple[float, ...]
    colour: str = BLUE
    dashed: bool = False


def nice_top(largest: float) -> tuple[float, float]:
    """A round top for the y axis and the step between its ticks (1, 2 or 5 times a power of
    ten), so the ticks read 0, 20, 40."""
    if largest <= 0:
        return 1.0, 0.5
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    return step * math.ceil(largest / step), step


class QueueChart(QWidget):
    """`show_lines` draws the lines; `clear` says there is nothing to draw yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatif-queue-chart")
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.lines: tuple[QueueLine, ...] = ()
        self.empty_text = "Run the what-if to see the busiest queue over the weeks."

    def show_lines(self, title: str, lines: tuple[QueueLine, ...]) -> None:
        self.title = title
        self.lines = tuple(line for line in lines if line.lengths)
        self.update()

    def clear(self, empty_text: str) -> None:
        self.title, self.lines, self.empty_text = "", (), empty_text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        font = QFont(self.font())
        font.setPointSizeF(CHART_FONT_POINTS)
        painter.setFont(font)
        ink, muted = QColor(INK), QColor(MUTED_INK)
        if not self.lines:
            painter.setPen(muted)
            painter.drawText(
                QRectF(self.rect()).adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()
            return
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink)
        title_room = self._draw_title(painter)
        painter.setFont(font)
        plot = QRectF(self.rect()).adjusted(
            MARGIN_LEFT, max(MARGIN_TOP, title_room + 10), -MARGIN_RIGHT, -MARGIN_BOTTOM
        )
        weeks = max(len(line.lengths) for line in self.lines)
        top, step = nice_top(max(max(line.lengths) for line in self.lines))

        def at(week: float, length: float) -> QPointF:
            x = plot.left() + plot.width() * (week - 1) / max(weeks - 1, 1)
            return QPointF(x, plot.bottom() - plot.height() * length / top)

        # The y axis: patients waiting, with round ticks and faint grid lines.
        grid = QPen(QColor("#D8DEE6"), 1.0)
        ticks = round(top / step)
        for index in range(ticks + 1):
            value = step * index
            y = at(1, value).y()
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            label = f"{value:,.0f}" if step >= 1 else f"{value:,.1f}"
            painter.drawText(
                QRectF(0, y - 10, plot.left() - 8, 20),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        painter.setPen(QPen(ink, 1.5))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        # The x axis: weeks, ticked every few weeks so the labels never crowd.
        every = next(n for n in (1, 2, 4, 13, 26, 52, 104, 260, 520) if weeks / n <= 10)
        painter.setPen(muted)
        for week in [1, *range(every, weeks + 1, every)]:
            x = at(week, 0).x()
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 5))
            painter.drawText(
                QRectF(x - 30, plot.bottom() + 6, 60, 18), Qt.AlignmentFlag.AlignHCenter, str(week)
            )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 24, plot.width(), 20),
            Qt.AlignmentFlag.AlignHCenter,
            "week",
        )
        painter.save()
        painter.translate(14, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-100, -10, 200, 20), Qt.AlignmentFlag.AlignCenter, "waiting")
        painter.restore()
        key_x, key_y = plot.left() + 8, plot.top() + 10
        for line in self.lines:
            pen = QPen(QColor(line.colour), LINE_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            points = [at(week, length) for week, length in enumerate(line.lengths, start=1)]
            painter.drawPolyline(QPolygonF(points))
            if len(self.lines) > 1:  # a key, one line each, only when there is a choice
                painter.drawLine(QPointF(key_x, key_y), QPointF(key_x + 24, key_y))
                painter.setPen(ink)
                name = painter.fontMetrics().elidedText(
                    line.name, Qt.TextElideMode.ElideRight, int(plot.width() - 40)
                )
                painter.drawText(QPointF(key_x + 30, key_y + 5), name)
                key_y += painter.fontMetrics().height() + 4
        painter.end()

    def _draw_title(self, painter: QPainter) -> float:
        """The title over up to TITLE_LINES lines; the height it took."""
        metrics = painter.fontMetrics()
        lines = title_lines(self.title, max(1, self.width() - 16), metrics)
        step = metrics.lineSpacing()
        for index, text in enumerate(lines):
            painter.drawText(QPointF(8, 4 + metrics.ascent() + index * step), text)
        return 4 + len(lines) * step


def title_lines(title: str, width: int, metrics: QFontMetrics) -> list[str]:
    """`title` wrapped at spaces to `width` over up to TITLE_LINES lines: the step's name is
    what matters, and cut short in the middle it could name the wrong step. A title longer
    than that has the end of its last line cut, with an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in title.split():
        candidate = f"{line} {word}".strip()
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) > TITLE_LINES:
        rest = " ".join(lines[TITLE_LINES - 1 :])
        lines = [
            *lines[: TITLE_LINES - 1],
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
        ]
    return lines


__all__ = ["QueueChart", "QueueLine", "nice_top", "title_lines"]
