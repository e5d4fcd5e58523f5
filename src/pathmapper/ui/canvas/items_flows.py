"""Flow items: orthogonal arrows with rounded corners, branch labels on white pills, and
handoffs drawn by `layout.style.flow_style` (thicker across lanes, dashed across organisations).

A selected flow shows a handle at each end; the scene lets people drag them to reconnect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pathmapper.layout.primitives import FLOW_LABEL_FONT_SIZE, FlowLabel
from pathmapper.layout.style import CORNER_RADIUS, INK, SELECTION, FlowStyle, flow_style
from pathmapper.model import Flow, crosses_organisations
from pathmapper.ui.canvas.painting import (
    LOW_DETAIL,
    arrowhead,
    brush,
    colour,
    path_pieces,
    pen,
    rounded_polyline,
)
from pathmapper.ui.canvas.theme import theme_of
from pathmapper.ui.fonts import drawing_font

FLOW_Z = 5.0
LONG_DASHED = 600.0  # points: a dashed arrow reaching further is drawn piece by piece
END_HANDLE_RADIUS = 6.0
HIT_WIDTH = 12.0


class FlowItem(QGraphicsItem):
    """One arrow. `apply(points, label, style)` redraws it along a new route, with its label
    where the layout placed it."""

    element_kind = "flow"

    def __init__(self, flow_id: str) -> None:
        super().__init__()
        self.element_id = flow_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(FLOW_Z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.points: list[tuple[float, float]] = []
        self._style = FlowStyle(INK, 1.6, ())
        self._drawing: ArrowDrawing | None = None  # made when first painted or hit-tested
        self._polyline: QPolygonF | None = None  # made when first drawn far out
        self._label: FlowLabel | None = None
        self._label_rect = QRectF()
        self._hit_shape: QPainterPath | None = None
        self._bounds = QRectF()

    def apply(
        self,
        points: Sequence[tuple[float, float]],
        label: FlowLabel | None,
        style: FlowStyle,
    ) -> None:
        if self.pos() != QPointF():  # shifted with its steps during a drag
            self.setPos(0.0, 0.0)
        drawn = (self.points, self._label, self._style)
        if drawn == (list(points), label, style):
            return  # the same arrow: nothing to rebuild or repaint
        self.points = list(points)
        self._style = style
        self._drawing = None
        self._polyline = None
        self._label = label
        if label is not None:
            box = label.rect
            self._label_rect = QRectF(box.x, box.y, box.width, box.height)
        else:
            self._label_rect = QRectF()
        self._hit_shape = None  # made when first asked for
        # The route's corners bound the rounded line and the arrowhead's tip; the margin
        # (more than half the head's width) takes its sides and the end handles.
        margin = END_HANDLE_RADIUS + style.width + 2
        bounds = QRectF()
        if self.points:
            xs, ys = [x for x, _ in self.points], [y for _, y in self.points]
            bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        if label is not None:
            bounds = bounds.united(self._label_rect)
        bounds = bounds.adjusted(-margin, -margin, margin, margin)
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def end_points(self) -> tuple[QPointF, QPointF] | None:
        if len(self.points) < 2:
            return None
        return QPointF(*self.points[0]), QPointF(*self.points[-1])

    def end_at(self, scene_point: QPointF) -> str | None:
        """ "source" or "target" when a scene point is on that end's handle of a selected flow."""
        ends = self.end_points()
        if ends is None or not self.isSelected():
            return None
        for name, end in zip(("source", "target"), ends, strict=True):
            delta = scene_point - end
            if (delta.x() ** 2 + delta.y() ** 2) ** 0.5 <= END_HANDLE_RADIUS + 3:
                return name
        return None

    @property
    def style(self) -> FlowStyle:
        return self._style

    @property
    def polyline(self) -> QPolygonF:
        """The route's corners as a plain line, in item coordinates (all that is drawn far out,
        so far out no arrow makes its rounded path, head and dashes)."""
        if self._polyline is None:
            self._polyline = QPolygonF([QPointF(x, y) for x, y in self.points])
        return self._polyline

    def drawing(self) -> ArrowDrawing:
        """The painter paths of the arrow, made on first use: at open and during a drag
        most arrows of a big map are off screen, and never need them."""
        if self._drawing is None:
            self._drawing = ArrowDrawing.of(self.points, self._style)
        return self._drawing

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """A band along the line, the arrowhead and the label pill."""
        if self._hit_shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            drawing = self.drawing()
            hit = stroker.createStroke(drawing.path)
            hit.addPolygon(drawing.head)
            if self._label is not None:
                hit.addRect(self._label_rect)
            hit.setFillRule(Qt.FillRule.WindingFill)
            self._hit_shape = hit
        return self._hit_shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = self._style
        selected = self.isSelected()
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOW_DETAIL:
            painter.setPen(pen(SELECTION if selected else style.colour, style.width * 1.5))
            painter.drawPolyline(self.polyline)
            return
        drawing = self.drawing()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        width = style.width * theme_of(self.scene()).line_scale
        if selected:
            painter.setPen(pen(SELECTION, width + 6.0))
            painter.setOpacity(0.35)
            painter.drawPath(drawing.path)
            painter.setOpacity(1.0)
        if drawing.pieces:
            dashed = pen(style.colour, width, style.dash)
            _draw_pieces(painter, drawing.pieces, option.exposedRect, dashed)
        else:
            painter.setPen(pen(style.colour, width, style.dash))
            painter.drawPath(drawing.path)
        painter.setPen(pen(style.colour, 1.0))
        painter.setBrush(brush(style.colour))
        painter.drawPolygon(drawing.head)
        if self._label is not None:
            painter.setPen(pen(style.colour, 1.2))
            painter.setBrush(brush("#FFFFFF"))
            radius = self._label_rect.height() / 2
            painter.drawRoundedRect(self._label_rect, radius, radius)
            painter.setPen(colour(INK))
            painter.setFont(drawing_font(FLOW_LABEL_FONT_SIZE))
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._label.text)
        ends = self.end_points()
        if selected and ends is not None:
            painter.setPen(pen("#FFFFFF", 1.5))
            painter.setBrush(brush(SELECTION))
            for end in ends:
                painter.drawEllipse(end, END_HANDLE_RADIUS, END_HANDLE_RADIUS)


@dataclass(frozen=True)
class ArrowDrawing:
    """What paints one arrow: the rounded line stopping under the head, the head, and a long
    dashed line cut in pieces (with the length before each)."""

    path: QPainterPath
    head: QPolygonF
    pieces: list[tuple[QPainterPath, float]]

    @classmethod
    def of(cls, points: Sequence[tuple[float, float]], style: FlowStyle) -> ArrowDrawing:
        head, shortened = arrowhead(points, style)
        path = rounded_polyline(shortened, CORNER_RADIUS)
        reach = path.boundingRect()
        long_dashed = style.dash and reach.width() + reach.height() > LONG_DASHED
        return cls(path, head, path_pieces(path) if long_dashed else [])


def _draw_pieces(
    painter: QPainter, pieces: list[tuple[QPainterPath, float]], exposed: QRectF, dashed: QPen
) -> None:
    """Only the pieces of a long dashed arrow in the area being painted, each with its dashes
    where the whole arrow would have them: dashing the whole of an arrow back across a big
    map, for the few centimetres on screen, was most of a frame's time."""
    margin = dashed.widthF() * 2  # (a straight piece's own rectangle has no width)
    for piece, before in pieces:
        reach = piece.controlPointRect().adjusted(-margin, -margin, margin, margin)
        if reach.intersects(exposed):
            shifted = QPen(dashed)
            shifted.setDashOffset(before / dashed.widthF())
            painter.setPen(shifted)
            painter.drawPath(piece)


def arrow_style(
    flow: Flow,
    crosses_lanes: bool,
    lane_of: Mapping[str, str],
    organisations: Mapping[str, str | None],
) -> FlowStyle:
    """How an arrow is drawn: `flow_style` for its route, dashed when its steps' lanes
    (`lane_of`: step id -> lane id) belong to different `organisations` (lane id -> care
    organisation, None for the patient's own lane, which is no organisation)."""
    crosses = crosses_organisations(
        organisations.get(lane_of.get(flow.source, "")),
        organisations.get(lane_of.get(flow.target, "")),
    )
    return flow_style(crosses_lanes, crosses, flow.expected_loop)
