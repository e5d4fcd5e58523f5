"""Lane bands and headers, phase columns and headers, and the title corner.

Headers are separate items so the view can pin them to its edges while scrolling: lane headers
stay at the left edge, phase headers at the top, and the corner (the map's title) above both.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pathmapper.layout.primitives import HEADER_FONT_SIZE, LaneBand, PhaseColumn, Rect
from pathmapper.layout.style import (
    GRID_LINE,
    HEADER_FILL,
    INK,
    MUTED_INK,
    SELECTION,
    lane_accent,
    lane_tint,
)
from pathmapper.layout.text import line_height, wrap_text
from pathmapper.model import Lane, Phase
from pathmapper.ui.canvas.painting import LOW_DETAIL, colour, font_metrics, pen
from pathmapper.ui.canvas.theme import theme_of
from pathmapper.ui.fonts import drawing_font

LANE_Z = 0.0
PHASE_Z = 1.0
LANE_HEADER_Z = 40.0
PHASE_HEADER_Z = 41.0
CORNER_Z = 42.0
STRIPE_WIDTH = 9.0
HEADER_PADDING = 10.0
ORGANISATION_FONT_SIZE = 11.0
RESIZE_GRIP = 5.0  # how close to an edge a press resizes instead


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.width, rect.height)


class LaneBandItem(QGraphicsItem):
    """The body of a lane: a pale band with a line along its bottom edge."""

    element_kind = "lane_band"

    def __init__(self, lane_id: str) -> None:
        super().__init__()
        self.element_id = lane_id
        self.setZValue(LANE_Z)
        self._rect = QRectF()
        self._tint = "#FFFFFF"

    def apply(self, lane: Lane, index: int, band: LaneBand) -> None:
        self.prepareGeometryChange()
        self._rect = qrect(band.rect)
        self._tint = lane_tint(index, lane.colour)
        self.update()

    def band_rect(self) -> QRectF:
        return self._rect

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(0, 0, 0, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = theme_of(self.scene())
        painter.fillRect(self._rect, colour(self._tint))
        painter.setPen(pen(theme.grid_line, min(2.0, 1.5 * theme.line_scale)))
        painter.drawLine(self._rect.bottomLeft(), self._rect.bottomRight())


class _HeaderItem(QGraphicsItem):
    """What lane and phase headers share: a click selects one, and each draws a pale box with
    lines along its inner edges and, when selected, a frame."""

    def __init__(self, element_id: str, z: float) -> None:
        super().__init__()
        self.element_id = element_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(z)
        self.setAcceptHoverEvents(True)
        self._rect = QRectF()

    def boundingRect(self) -> QRectF:
        return self._rect

    def _paint_box(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, stripe: str | None = None
    ) -> bool:
        """The box (with a colour stripe down its left edge); whether its text is readable."""
        painter.fillRect(self._rect, colour(HEADER_FILL))
        if stripe is not None:
            painter.fillRect(QRectF(0, 0, STRIPE_WIDTH, self._rect.height()), colour(stripe))
        painter.setPen(pen(GRID_LINE, 1.5))
        painter.drawLine(self._rect.bottomLeft(), self._rect.bottomRight())
        painter.drawLine(self._rect.topRight(), self._rect.bottomRight())
        if self.isSelected():
            painter.setPen(pen(SELECTION, 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._rect.adjusted(1.5, 1.5, -1.5, -1.5))
        return option.levelOfDetailFromTransform(painter.worldTransform()) >= LOW_DETAIL


class LaneHeaderItem(_HeaderItem):
    """A lane's header: colour stripe, name in bold, organisation beneath. Click selects it."""

    element_kind = "lane"

    def __init__(self, lane_id: str) -> None:
        super().__init__(lane_id, LANE_HEADER_Z)
        self._accent = "#000000"
        self._name_lines: list[tuple[QPointF, str]] = []
        self._organisation_lines: list[tuple[QPointF, str]] = []
        self.home_x = 0.0

    @property
    def accent(self) -> str:
        """The colour of the lane's stripe (its organisation's)."""
        return self._accent

    def apply(self, lane: Lane, index: int, band: LaneBand) -> None:
        self.prepareGeometryChange()
        self.home_x = band.header.x
        self._rect = QRectF(0, 0, band.header.width, band.header.height)
        self.setPos(band.header.x, band.header.y)
        self._accent = lane_accent(index, lane.colour)
        text_width = band.header.width - STRIPE_WIDTH - 2 * HEADER_PADDING
        name = wrap_text(lane.name or "(unnamed lane)", HEADER_FONT_SIZE, text_width, bold=True)
        organisation = (
            wrap_text(lane.organisation, ORGANISATION_FONT_SIZE, text_width, max_lines=2)
            if lane.organisation and lane.organisation.strip() and lane.organisation != lane.name
            else []
        )
        name_step, org_step = line_height(HEADER_FONT_SIZE), line_height(ORGANISATION_FONT_SIZE)
        block = len(name) * name_step + len(organisation) * org_step + (4 if organisation else 0)
        top = max(HEADER_PADDING, (band.header.height - block) / 2)
        left = STRIPE_WIDTH + HEADER_PADDING
        name_ascent = font_metrics(HEADER_FONT_SIZE, bold=True).ascent()
        org_ascent = font_metrics(ORGANISATION_FONT_SIZE).ascent()
        self._name_lines = [
            (QPointF(left, top + i * name_step + name_ascent), line) for i, line in enumerate(name)
        ]
        top += len(name) * name_step + 4
        self._organisation_lines = [
            (QPointF(left, top + i * org_step + org_ascent), line)
            for i, line in enumerate(organisation)
        ]
        self.update()

    def on_bottom_edge(self, scene_point: QPointF) -> bool:
        local = self.mapFromScene(scene_point)
        return abs(local.y() - self._rect.bottom()) <= RESIZE_GRIP

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._paint_box(painter, option, self._accent):
            return
        painter.setPen(colour(INK))
        painter.setFont(drawing_font(HEADER_FONT_SIZE, bold=True))
        for point, line in self._name_lines:
            painter.drawText(point, line)
        painter.setPen(colour(MUTED_INK))
        painter.setFont(drawing_font(ORGANISATION_FONT_SIZE))
        for point, line in self._organisation_lines:
            painter.drawText(point, line)


class PhaseColumnItem(QGraphicsItem):
    """A phase column: a dashed line down its right edge, through every lane."""

    element_kind = "phase_column"

    def __init__(self, phase_id: str) -> None:
        super().__init__()
        self.element_id = phase_id
        self.setZValue(PHASE_Z)
        self._rect = QRectF()

    def apply(self, column: PhaseColumn) -> None:
        self.prepareGeometryChange()
        self._rect = qrect(column.rect)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, 0, 1, 0)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(pen(theme_of(self.scene()).grid_line, 1.5, (6.0, 4.0)))
        painter.drawLine(self._rect.topRight(), self._rect.bottomRight())


class PhaseHeaderItem(_HeaderItem):
    """A phase's header above its column, its name centred in bold. Click selects it."""

    element_kind = "phase"

    def __init__(self, phase_id: str) -> None:
        super().__init__(phase_id, PHASE_HEADER_Z)
        self._lines: list[str] = []
        self._name_rect = QRectF()
        self.home_y = 0.0

    def apply(self, phase: Phase, column: PhaseColumn) -> None:
        self.prepareGeometryChange()
        self.home_y = column.header.y
        self._rect = QRectF(0, 0, column.header.width, column.header.height)
        self._name_rect = self._rect
        self.setPos(column.header.x, column.header.y)
        self._lines = wrap_text(
            phase.name or "(unnamed phase)",
            HEADER_FONT_SIZE,
            column.header.width - 2 * HEADER_PADDING,
            bold=True,
            max_lines=2,
        )
        self.update()

    def show_name_between(self, left: float, right: float | None) -> None:
        """Centre the name in the part of the header in sight (between scene x `left`, where
        the pinned lane headers end, and `right`), so a wide phase keeps its name visible."""
        x = self.x()
        start = max(0.0, left - x)
        end = self._rect.right() if right is None else min(self._rect.right(), right - x)
        span = self._rect.adjusted(start, 0, 0, 0)
        span.setRight(end)
        if span.width() < 60:  # too little of it in sight: leave the name where it belongs
            span = self._rect
        if span != self._name_rect:
            self._name_rect = span
            self.update()

    def on_right_edge(self, scene_point: QPointF) -> bool:
        local = self.mapFromScene(scene_point)
        return abs(local.x() - self._rect.right()) <= RESIZE_GRIP

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._paint_box(painter, option):
            return
        painter.setPen(colour(INK))
        painter.setFont(drawing_font(HEADER_FONT_SIZE, bold=True))
        painter.drawText(
            self._name_rect.adjusted(HEADER_PADDING, 2, -HEADER_PADDING, -2),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            "\n".join(self._lines),
        )


class CornerItem(QGraphicsItem):
    """The corner above the lane headers and left of the phase headers: the map's title."""

    element_kind = "corner"

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(CORNER_Z)
        self._rect = QRectF()
        self._title = ""
        self.home = QPointF()

    def apply(self, title: str, rect: Rect) -> None:
        self.prepareGeometryChange()
        self.home = QPointF(rect.x, rect.y)
        self._rect = QRectF(0, 0, rect.width, rect.height)
        self.setPos(self.home)
        self._title = title or "Untitled map"
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.fillRect(self._rect, colour("#FFFFFF"))
        painter.setPen(pen(GRID_LINE, 1.5))
        painter.drawLine(self._rect.topRight(), self._rect.bottomRight())
        painter.drawLine(self._rect.bottomLeft(), self._rect.bottomRight())
        painter.setPen(colour(INK))
        painter.setFont(drawing_font(12.0, bold=True))
        painter.drawText(
            self._rect.adjusted(8, 2, -8, -2),
            int(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            ),
            self._title,
        )
