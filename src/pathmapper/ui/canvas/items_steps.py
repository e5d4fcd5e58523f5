"""Step items: each kind drawn with its process-mapping symbol, label, marker and time badges.

A step item draws and reports; it never changes the model. Its position is the top-left of its
box in scene coordinates. While the scene drags steps it moves the items only; the model learns
of the move on release, as one command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pathmapper.layout.primitives import BADGE_FONT_SIZE, StepBox
from pathmapper.layout.style import (
    BADGE_COLOURS,
    INK,
    SELECTION,
    STEP_STYLES,
    TIME_BADGE_FILL,
)
from pathmapper.model import Step
from pathmapper.ui.canvas.host import StepDragHost
from pathmapper.ui.canvas.painting import (
    LOW_DETAIL,
    brush,
    colour,
    font_metrics,
    hourglass,
    label_baselines,
    pen,
    step_outline,
)
from pathmapper.ui.canvas.theme import theme_of
from pathmapper.ui.fonts import drawing_font

STEP_Z = 10.0
HANDLE_RADIUS = 7.0
GLYPH_FONT_SIZE = 12.0
MARGIN = 14.0  # around the box: badges, marker and handle reach out this far


class StepItem(QGraphicsItem):
    """One step. `apply(step, box)` redraws it for the step's current fields and box."""

    element_kind = "step"

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.element_id = step_id
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(STEP_Z)
        # Dragging only translates a step: its cached pixmap is reused, not repainted.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.kind = "activity"
        self.width = 0.0
        self.height = 0.0
        self.hovered = False
        self._outline = QPainterPath()
        self._hit_shape: QPainterPath | None = None
        self._lines: list[tuple[QPointF, str]] = []
        self._glyph: tuple[QPointF, str] | None = None
        self._hourglass: QPainterPath | None = None
        self._badges: list[tuple[QRectF, str, str]] = []
        self._bounds = QRectF()

    # ------------------------------------------------------------------ geometry from the model

    def apply(self, step: Step, box: StepBox) -> None:
        self.prepareGeometryChange()
        self.kind = step.kind
        self.width, self.height = box.rect.width, box.rect.height
        self.setPos(box.rect.x, box.rect.y)
        self._outline = step_outline(step.kind, self.width, self.height)
        self._lines = label_baselines(box.lines, step.kind, self.width, self.height)
        self._glyph = self._glyph_place(step.kind)
        self._hourglass = hourglass(14.0, self.height / 2, 14.0) if step.kind == "wait" else None
        self._badges = [
            (
                QRectF(b.rect.x - box.rect.x, b.rect.y - box.rect.y, b.rect.width, b.rect.height),
                b.text,
                BADGE_COLOURS[b.kind],
            )
            for b in box.badges
        ]
        self._hit_shape = None  # made when first asked for: most steps are never hit-tested
        self._bounds = QRectF(-MARGIN, -MARGIN, self.width + 2 * MARGIN, self.height + 2 * MARGIN)
        for rect, _text, _colour in self._badges:
            self._bounds = self._bounds.united(rect.adjusted(-2, -2, 2, 2))
        self.update()

    def _glyph_place(self, kind: str) -> tuple[QPointF, str] | None:
        glyph = STEP_STYLES.get(kind, STEP_STYLES["activity"]).glyph
        if not glyph or kind == "wait":
            return None
        if kind == "decision":
            return QPointF(self.width * 0.13, self.height / 2 + GLYPH_FONT_SIZE * 0.35), glyph
        return QPointF(self.width - 16.0, 15.0), glyph

    def handle_centre(self) -> QPointF:
        return QPointF(self.width, self.height / 2)

    def handle_contains(self, scene_point: QPointF) -> bool:
        """Is a scene point on the connection handle (shown on hover at the right edge)?"""
        local = self.mapFromScene(scene_point)
        delta = local - self.handle_centre()
        distance: float = (delta.x() ** 2 + delta.y() ** 2) ** 0.5
        return distance <= HANDLE_RADIUS + 3

    def centre(self) -> QPointF:
        return self.pos() + QPointF(self.width / 2, self.height / 2)

    def scene_box(self) -> QRectF:
        return QRectF(self.pos(), self.pos() + QPointF(self.width, self.height))

    # ------------------------------------------------------------------------------ Qt methods

    @property
    def outline(self) -> QPainterPath:
        """The step's shape in item coordinates (shared: do not change it)."""
        return self._outline

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """The symbol with a few points of slack around it, and the connection handle."""
        if self._hit_shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(6.0)
            handle = QPainterPath()
            handle.addEllipse(self.handle_centre(), HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
            outline = self._outline.united(stroker.createStroke(self._outline))
            self._hit_shape = outline.united(handle)
        return self._hit_shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = STEP_STYLES.get(self.kind, STEP_STYLES["activity"])
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        if detail < LOW_DETAIL:
            painter.setPen(pen(SELECTION, 4.0) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(brush(style.outline))
            painter.drawPath(self._outline)
            return
        theme = theme_of(self.scene())
        lines = theme.line_scale
        if selected:
            painter.setPen(pen(SELECTION, 7.0 * lines))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._outline)
        painter.setPen(pen(style.outline, 1.8 * lines))
        painter.setBrush(brush(style.fill))
        painter.drawPath(self._outline)
        if self._hourglass is not None:
            painter.setPen(pen(style.outline, 1.4))
            painter.setBrush(brush(style.outline))
            painter.drawPath(self._hourglass)
        painter.setPen(colour(theme.label_ink if theme.bold_labels else INK))
        painter.setFont(drawing_font(12.0, bold=theme.bold_labels))
        bold = font_metrics(12.0, bold=True) if theme.bold_labels else None
        for point, line in self._lines:
            if bold is not None:  # bold is wider: centre it again
                point = QPointF((self.width - bold.horizontalAdvance(line)) / 2, point.y())
            painter.drawText(point, line)
        if self._glyph is not None:
            painter.setPen(colour(style.outline))
            painter.setFont(drawing_font(GLYPH_FONT_SIZE))
            painter.drawText(self._glyph[0], self._glyph[1])
        if self._badges:
            painter.setFont(drawing_font(BADGE_FONT_SIZE, bold=True))
            for rect, text, hex_colour in self._badges:
                painter.setPen(pen(hex_colour, 1.5))
                painter.setBrush(brush(TIME_BADGE_FILL))
                radius = rect.height() / 2
                painter.drawRoundedRect(rect, radius, radius)
                painter.setPen(colour(hex_colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if self.hovered or selected:
            painter.setPen(pen(TIME_BADGE_FILL, 1.5))
            painter.setBrush(brush(SELECTION))
            painter.drawEllipse(self.handle_centre(), HANDLE_RADIUS, HANDLE_RADIUS)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.handle_contains(event.scenePos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.OpenHandCursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.unsetCursor()
        self.update()
        super().hoverLeaveEvent(event)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        scene = self.scene()
        if scene is None:
            return super().itemChange(change, value)
        map_scene: StepDragHost = scene  # type: ignore[assignment]
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and map_scene.dragging:
            return map_scene.snapped_top_left(self, value)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged and map_scene.dragging:
            map_scene.step_dragged(self)
        return super().itemChange(change, value)
