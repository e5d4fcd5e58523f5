"""The map far out: every step and arrow drawn as one picture, not as 10,000 items.

Below a readable scale (`FAR_ZOOM`, where labels are already left out) a step is a filled
shape and an arrow a plain line, the same low-detail drawing the items make themselves. Painting
thousands of items one by one is what made zooming out on a 5,000-step map slow (each is a call
into Python, and each cached step is drawn again into a new pixmap at every zoom step), so the
scene switches them off (`ItemHasNoContents`: still there to click and select, just not
painted) and `FarPictureItem` draws them in a few calls: one path per colour. Selected steps,
their arrows and selected notes keep drawing themselves, so a drag far out still shows them
moving; notes are otherwise left out far out, as their text cannot be read there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pathmapper.layout.style import STEP_STYLES
from pathmapper.ui.canvas.host import SceneItems
from pathmapper.ui.canvas.items_comments import CommentItem
from pathmapper.ui.canvas.items_flows import FLOW_Z, FlowItem
from pathmapper.ui.canvas.items_steps import StepItem
from pathmapper.ui.canvas.painting import LOW_DETAIL, brush, pen

FAR_ZOOM = LOW_DETAIL  # the items draw no text below this scale either: the picture looks the same
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
FLOW_LINE_SCALE = 1.5  # as FlowItem draws itself at low detail
TILE_WIDTH = 3000.0  # points: the picture is kept in strips this wide


@dataclass
class _Tile:
    """The picture of a strip of the map, so a paint draws only the strips in sight."""

    bounds: QRectF = field(default_factory=QRectF)
    shapes: dict[str, QPainterPath] = field(default_factory=dict)  # fill -> step shapes
    lines: dict[tuple[str, float], QPainterPath] = field(default_factory=dict)  # pen -> arrows

    def take(self, rect: QRectF) -> None:
        self.bounds = rect if self.bounds.isNull() else self.bounds.united(rect)


class FarPictureItem(QGraphicsItem):
    """Steps and arrows of `scene` not drawing themselves, in one paint."""

    def __init__(self, scene: SceneItems) -> None:
        super().__init__()
        self._map_scene = scene
        self.setZValue(FLOW_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self._tiles: list[_Tile] | None = None
        self._bounds = QRectF()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def follow(self, far: bool) -> None:
        """Switch the items' own painting off (far) or on, and draw the rest here (far)."""
        scene = self._map_scene
        kept = _drawing_themselves(scene) if far else set()
        for element_id, item in scene.items_by_id.items():
            if not isinstance(item, StepItem | FlowItem | CommentItem):
                continue
            off = far and element_id not in kept
            if bool(item.flags() & NO_CONTENTS) != off:
                item.setFlag(NO_CONTENTS, off)
                item.update()  # a cached step paints itself afresh
        self.prepareGeometryChange()
        self._bounds = scene.sceneRect() if far else QRectF()
        self._tiles = None
        self.setVisible(far)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._tiles is None:
            self._tiles = self._draw_up()
        exposed = option.exposedRect
        in_sight = [tile for tile in self._tiles if tile.bounds.intersects(exposed)]
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for tile in in_sight:  # every line first: shapes cover them in every strip
            for (line_colour, width), lines in tile.lines.items():
                painter.setPen(pen(line_colour, width))
                painter.drawPath(lines)
        painter.setPen(Qt.PenStyle.NoPen)
        for tile in in_sight:
            for fill, shapes in tile.shapes.items():
                painter.setBrush(brush(fill))
                painter.drawPath(shapes)

    def _draw_up(self) -> list[_Tile]:
        tiles: dict[int, _Tile] = defaultdict(_Tile)
        for item in self._map_scene.items_by_id.values():
            if not item.isVisible() or not item.flags() & NO_CONTENTS:
                continue
            if isinstance(item, StepItem):
                shape = item.outline.translated(item.pos())
                tile = tiles[int(shape.boundingRect().left() // TILE_WIDTH)]
                tile.take(shape.boundingRect())
                fill = STEP_STYLES.get(item.kind, STEP_STYLES["activity"]).outline
                if fill not in tile.shapes:
                    tile.shapes[fill] = QPainterPath()
                    tile.shapes[fill].setFillRule(Qt.FillRule.WindingFill)  # overlaps stay filled
                tile.shapes[fill].addPath(shape)
            elif isinstance(item, FlowItem):
                line = item.polyline
                width = item.style.width * FLOW_LINE_SCALE
                tile = tiles[int(line.boundingRect().left() // TILE_WIDTH)]
                tile.take(line.boundingRect().adjusted(-width, -width, width, width))
                key = (item.style.colour, width)
                tile.lines.setdefault(key, QPainterPath()).addPolygon(line)
        return list(tiles.values())


def _drawing_themselves(scene: SceneItems) -> set[str]:
    """Selected steps, flows and notes, and the arrows of selected steps (a drag moves them)."""
    selected = {
        getattr(item, "element_id", "")
        for item in scene.selectedItems()
        if isinstance(item, StepItem | FlowItem | CommentItem)
    }
    attached = {
        flow.id
        for flow in scene.path_map.flows
        if flow.source in selected or flow.target in selected
    }
    return selected | attached
