"""The graphics items overlays are drawn with. They sit above the canvas in an OverlayLayer
(high z), take no mouse buttons and carry no `element_id`, so clicks and drags reach the map's
own items beneath and the canvas never mistakes them for its own."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pathmapper.layout.primitives import Rect
from pathmapper.ui.fonts import drawing_font

OVERLAY_Z = 60.0  # above steps (10), comments (15) and headers (40); below in-place editors
BADGE_FONT_SIZE = 15.0


def overlay_pen(
    hex_colour: str, width: float, dash: Sequence[float] = (), alpha: int = 255
) -> QPen:
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    pen = QPen(colour, width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if dash else Qt.PenCapStyle.RoundCap)
    if dash:
        pen.setDashPattern([value / width for value in dash])  # Qt counts dashes in widths
    return pen


def _inert(item: QGraphicsItem) -> None:
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)


class OverlayLayer(QGraphicsItem):
    """An invisible parent for one overlay's items: shown, hidden and removed as one."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.overlay_name = name
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(OVERLAY_Z)
        _inert(self)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        pass


def polyline_path(points: Sequence[tuple[float, float]], trim_end: float = 0.0) -> QPainterPath:
    """A path through the points, its last segment shortened by `trim_end` (clear of the
    canvas arrowhead, which stays visible)."""
    path = QPainterPath()
    if len(points) < 2:
        return path
    coords = [QPointF(x, y) for x, y in points]
    if trim_end > 0:
        last, before = coords[-1], coords[-2]
        length = ((last.x() - before.x()) ** 2 + (last.y() - before.y()) ** 2) ** 0.5
        if length > trim_end * 1.5:
            share = (length - trim_end) / length
            coords[-1] = before + (last - before) * share
    path.moveTo(coords[0])
    for point in coords[1:]:
        path.lineTo(point)
    return path


class FlowStroke(QGraphicsPathItem):
    """A flow re-drawn along its route with an overlay's pen."""

    def __init__(
        self, flow_id: str, points: Sequence[tuple[float, float]], pen: QPen, parent: QGraphicsItem
    ) -> None:
        super().__init__(polyline_path(points, trim_end=pen.widthF() + 8.0), parent)
        self.flow_id = flow_id
        self.setPen(pen)
        _inert(self)


class StepMark(QGraphicsPathItem):
    """An outline or ring round a step: `inset` below zero reaches outside the step's box."""

    def __init__(
        self,
        step_id: str,
        rect: Rect,
        pen: QPen,
        parent: QGraphicsItem,
        reach: float = 6.0,
        fill: QColor | None = None,
        ring: float = 0.0,
    ) -> None:
        outer = QRectF(rect.x, rect.y, rect.width, rect.height).adjusted(
            -reach, -reach, reach, reach
        )
        path = QPainterPath()
        path.addRoundedRect(outer, 10.0, 10.0)
        if ring > 0:  # a halo: the band between the step's box and `outer`, the box left clear
            inner = QPainterPath()
            inner.addRoundedRect(QRectF(rect.x, rect.y, rect.width, rect.height), 6.0, 6.0)
            path = path.subtracted(inner)
        super().__init__(path, parent)
        self.step_id = step_id
        self.setPen(pen)
        self.setBrush(QBrush(fill) if fill is not None else QBrush(Qt.BrushStyle.NoBrush))
        _inert(self)


class Badge(QGraphicsItem):
    """A short text on a filled pill or circle, centred on a point: counts, numbers, words."""

    def __init__(
        self,
        text: str,
        centre: tuple[float, float],
        fill: str,
        ink: str,
        parent: QGraphicsItem,
        outline: str = "#000000",
        font_size: float = BADGE_FONT_SIZE,
        tooltip: str = "",
    ) -> None:
        super().__init__(parent)
        self.text = text
        self.fill = QColor(fill)
        self.ink = QColor(ink)
        self.outline = QColor(outline)
        self.font = drawing_font(font_size, bold=True)
        metrics = QFontMetricsF(self.font)
        height = metrics.height() + 8.0
        width = max(height, metrics.horizontalAdvance(text) + 14.0)
        self.rect = QRectF(centre[0] - width / 2, centre[1] - height / 2, width, height)
        if tooltip:
            self.setToolTip(tooltip)
        _inert(self)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.outline, 1.5))
        painter.setBrush(self.fill)
        radius = self.rect.height() / 2
        painter.drawRoundedRect(self.rect, radius, radius)
        painter.setFont(self.font)
        painter.setPen(self.ink)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)
