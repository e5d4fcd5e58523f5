"""MapScene: the items of one open map, kept in step with its `MapDocument`.

The scene listens to the document. Changes are collected and applied together (after every
undo-stack step, or on the next turn of the event loop for changes made elsewhere): the
geometry is computed once per burst, then only the items whose element changed or whose box or
route moved are updated. A "reset" rebuilds everything.

Gestures (see `interaction.py`) turn into commands, which go through `execute`: done, pushed on
the undo stack, or refused with a message on `commandRefused`.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QWidget,
)

from pathmapper.commands import Change, Command, MapDocument
from pathmapper.layout.geometry import compute_geometry
from pathmapper.layout.incremental import update_geometry
from pathmapper.layout.lane_colours import accent_indexes
from pathmapper.layout.primitives import (
    LANE_HEADER_WIDTH,
    PHASE_HEADER_HEIGHT,
    MapGeometry,
    Rect,
    StepBox,
)
from pathmapper.layout.style import CANVAS_BACKGROUND
from pathmapper.model import PathMap
from pathmapper.ui.canvas.far_view import FarPictureItem
from pathmapper.ui.canvas.host import Tool
from pathmapper.ui.canvas.interaction import CanvasInteraction
from pathmapper.ui.canvas.items_comments import CommentItem
from pathmapper.ui.canvas.items_flows import FlowItem, arrow_style
from pathmapper.ui.canvas.items_lanes import (
    CornerItem,
    LaneBandItem,
    LaneHeaderItem,
    PhaseColumnItem,
    PhaseHeaderItem,
)
from pathmapper.ui.canvas.items_steps import StepItem
from pathmapper.ui.canvas.painting import brush
from pathmapper.ui.canvas.theme import EDITOR_THEME, CanvasTheme
from pathmapper.ui.undo import push

SCENE_MARGIN = 40.0
# Qt's item index splits the scene in two, across and down in turn, `depth` times, and sizes the
# depth by the number of items only. A long map (a 5,000-step pathway is 118,000 x 7,700 pt) then
# gets leaves many screens wide that every tall arrow crosses, and each repaint asks Python for the
# bounds of thousands of arrows it does not draw. Leaves about a screenful (at 100%) each keep a
# repaint to what is near the view.
INDEX_LEAF_AREA = 1_000_000.0  # pt^2, about 1,400 x 800 pt
MAX_INDEX_DEPTH = 12
SELECTABLE_KINDS = ("step", "flow", "comment", "lane", "phase")
ItemT = TypeVar("ItemT", LaneHeaderItem, PhaseHeaderItem, StepItem, FlowItem, CommentItem)


class MapScene(QGraphicsScene):
    """The canvas of one map. Build it with the document and the window's undo stack."""

    selectionIdsChanged = Signal(list)  # the model ids now selected
    commandRefused = Signal(str)  # a message for the room: why an edit was not made
    toolChanged = Signal(str)  # "select", "add_step" or "connect"
    geometryChanged = Signal()  # items were moved or resized to follow the model

    def __init__(
        self,
        document: MapDocument,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        colours_beside: PathMap | None = None,
    ) -> None:
        """`colours_beside`: a map this one is shown next to, whose lane colours it takes."""
        super().__init__(parent)
        self.colours_beside = colours_beside
        self.document = document
        self.undo_stack = undo_stack
        self.items_by_id: dict[str, QGraphicsItem] = {}
        self.lane_bands: dict[str, LaneBandItem] = {}
        self.phase_columns: dict[str, PhaseColumnItem] = {}
        self.corner = CornerItem()
        self.geometry = MapGeometry()
        self.tool = Tool.SELECT
        self.tool_kind = "activity"
        self.dragging = False
        self.theme: CanvasTheme = EDITOR_THEME
        self.hidden_comment_kinds: frozenset[str] = frozenset()  # notes filtered out
        self.far = False  # zoomed out below a readable scale: see `show_far`
        self._far_picture = FarPictureItem(self)
        self._pending: list[Change] = []
        self._last_selection: list[str] = []
        self._stacked: list[str] = []  # the elements' order when last stacked
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.sync)
        self.setBackgroundBrush(brush(CANVAS_BACKGROUND))
        self.interaction = CanvasInteraction(self)
        self._unsubscribe = unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_args: unsubscribe())  # deleted without detach()
        undo_stack.indexChanged.connect(self.sync)
        self.selectionChanged.connect(self._on_selection_changed)
        self.rebuild()

    @property
    def path_map(self) -> PathMap:
        return self.document.path_map

    def detach(self) -> None:
        """Stop following the document and the undo stack (before the scene is thrown away)."""
        self._unsubscribe()
        self._flush_timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.undo_stack.indexChanged.disconnect(self.sync)

    # ------------------------------------------------------------------------------- editing

    def execute(self, command: Command) -> bool:
        """Do a command and push it on the undo stack; False (and `commandRefused`) if refused."""
        done = push(self.undo_stack, self.document, command, self.commandRefused.emit)
        self.sync()
        return done

    def set_tool(self, tool: Tool, kind: str = "activity") -> None:
        """Select (default); add a step of `kind` at the next click; or connect two steps."""
        self.tool = tool
        self.tool_kind = kind
        self.toolChanged.emit(tool.value)

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw with `theme` (the editor's, or the projector's in presentation mode)."""
        self.theme = theme
        for item in self.items():
            item.update()

    def hide_comment_kinds(self, kinds: Iterable[str]) -> None:
        """Hide the notes of these kinds (a filter; the notes stay on the map)."""
        self.hidden_comment_kinds = frozenset(kinds)
        for comment in self.path_map.comments:
            item = self.items_by_id.get(comment.id)
            if item is not None:
                item.setVisible(comment.kind not in self.hidden_comment_kinds)

    def show_far(self, far: bool) -> None:
        """Draw the steps and arrows as one low-detail picture (far out) or as items."""
        if far != self.far:
            self.far = far
            self._follow_far()

    def _follow_far(self) -> None:
        if self._far_picture.scene() is not self:  # a rebuild took it away
            self.addItem(self._far_picture)
        self._far_picture.follow(self.far)

    def edit_label(self, element_id: str, new_step: bool = False) -> bool:
        """Open the in-place editor on a step's label, a lane's or a phase's name (`new_step`:
        a step just added, which Esc takes back)."""
        return self.interaction.edit_text(element_id, new_step)

    # ----------------------------------------------------------------------------- selection

    def selected_ids(self) -> list[str]:
        """Model ids of the selected steps, flows, comments, lanes and phases, in map order."""
        chosen = {
            getattr(item, "element_id", None)
            for item in self.selectedItems()
            if getattr(item, "element_kind", "") in SELECTABLE_KINDS
        }
        return [element.id for element in self.path_map.elements() if element.id in chosen]

    def select_ids(self, ids: list[str]) -> None:
        """Select exactly the items of these model ids."""
        wanted = set(ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for element_id in wanted:
                item = self.items_by_id.get(element_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def select_all(self) -> None:
        """Every step, arrow and comment (lanes and phases stay unselected)."""
        ids = [s.id for s in self.path_map.steps] + [f.id for f in self.path_map.flows]
        self.select_ids(ids + [c.id for c in self.path_map.comments])

    def _on_selection_changed(self) -> None:
        ids = self.selected_ids()
        if ids != self._last_selection:
            self._last_selection = ids
            if self.far:  # the selection draws itself
                self._follow_far()
            self.selectionIdsChanged.emit(ids)

    # ------------------------------------------------------------------- following the model

    def _on_change(self, change: Change) -> None:
        if not shiboken6.isValid(self._flush_timer):  # the scene is gone
            self._unsubscribe()
            return
        self._pending.append(change)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    @Slot()
    def sync(self) -> None:
        """Apply the changes heard since the last sync (safe to call at any time)."""
        self._flush_timer.stop()
        if not self._pending:
            return
        changes, self._pending = self._pending, []
        if any(change.action == "reset" for change in changes):
            self.rebuild()
            return
        selected = set(self.selected_ids())
        touched: set[str] = set()
        changed_steps: set[str] = set()
        for change in changes:
            if change.kind == "step":
                changed_steps.add(change.element_id)
            if change.action == "removed":
                self._remove_items(change.element_id)
                touched.discard(change.element_id)
            elif change.kind != "map":
                touched.add(change.element_id)
        old = self.geometry
        self.geometry = update_geometry(old, self.path_map, changed_steps)
        self._update_items(touched, old)
        still_there = [i for i in selected if i in self.items_by_id]
        if len(still_there) != len(selected):
            self._on_selection_changed()

    def refresh(self, ids: Iterable[str] = ()) -> None:
        """Put items back where the model says: after a drag or preview that changed nothing,
        and for the steps `ids` (whose items a drag moved)."""
        self.sync()
        self._update_items(set(ids), self.geometry)

    def rebuild(self) -> None:
        """Throw every item away and draw the map afresh."""
        self.interaction.cancel()
        for item in list(self.items()):
            if item.parentItem() is None and item is not self.corner:
                self.removeItem(item)
        if self.corner.scene() is None:
            self.addItem(self.corner)
        self.items_by_id.clear()
        self.lane_bands.clear()
        self.phase_columns.clear()
        self.geometry = compute_geometry(self.path_map)
        self._update_items(None, None)
        self._on_selection_changed()

    def _remove_items(self, element_id: str) -> None:
        for registry in (self.items_by_id, self.lane_bands, self.phase_columns):
            item = registry.pop(element_id, None)
            if item is not None and item.scene() is self:
                self.removeItem(item)

    def _update_items(self, touched: set[str] | None, old: MapGeometry | None) -> None:
        """Create missing items and update those whose element or geometry changed
        (every item when `touched` is None)."""
        path_map, geometry = self.path_map, self.geometry
        everything = touched is None
        touched = touched or set()
        accents = accent_indexes(path_map, self.colours_beside)
        for index, lane in enumerate(path_map.lanes):
            band = geometry.lane_band(lane.id)
            if band is None:
                continue
            header = self._item(lane.id, LaneHeaderItem)
            body = self.lane_bands.get(lane.id)
            if body is None:
                body = self.lane_bands[lane.id] = LaneBandItem(lane.id)
                self.addItem(body)
            body.apply(lane, index, band)
            header.apply(lane, accents[lane.id], band)
        columns = {column.phase_id: column for column in geometry.phases}
        for phase in path_map.phases:
            column = columns[phase.id]
            self._item(phase.id, PhaseHeaderItem).apply(phase, column)
            line = self.phase_columns.get(phase.id)
            if line is None:
                line = self.phase_columns[phase.id] = PhaseColumnItem(phase.id)
                self.addItem(line)
            line.apply(column)
        old_steps = old.steps if old is not None else {}
        moved_steps: set[str] = set()
        for step in path_map.steps:
            box = geometry.steps.get(step.id)
            item = self._item(step.id, StepItem)
            item.setVisible(box is not None)
            if box is None:
                continue
            old_box = old_steps.get(step.id)
            if everything or step.id in touched or old_box is None or _resized(old_box, box):
                item.apply(step, box)
                moved_steps.add(step.id)
            elif old_box != box:  # the same box elsewhere (its lane moved): no need to redraw it
                item.setPos(box.rect.x, box.rect.y)
                moved_steps.add(step.id)
        organisations = {lane.id: lane.care_organisation for lane in path_map.lanes}
        lane_of = {step.id: step.lane for step in path_map.steps}
        old_flows = old.flows if old is not None else {}
        for flow in path_map.flows:
            route = geometry.flows.get(flow.id)
            flow_item = self._item(flow.id, FlowItem)
            flow_item.setVisible(route is not None)
            if route is None:
                continue
            ends_touched = flow.source in moved_steps or flow.target in moved_steps
            if everything or flow.id in touched or ends_touched or old_flows.get(flow.id) != route:
                style = arrow_style(flow, route.crosses_lanes, lane_of, organisations)
                flow_item.apply(route.points, route.label, style)
        for comment in path_map.comments:
            comment_item = self._item(comment.id, CommentItem)
            note = geometry.notes.get(comment.id)
            if note is None:
                comment_item.setVisible(False)
                continue
            if everything or comment.id in touched or comment_item.note != note:
                comment_item.apply(comment, note)
            comment_item.setVisible(comment.kind not in self.hidden_comment_kinds)
        self.corner.apply(
            path_map.title,
            Rect(-LANE_HEADER_WIDTH, -PHASE_HEADER_HEIGHT, LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT),
        )
        extent = self.map_rect()
        self.setSceneRect(extent)
        depth = index_depth(extent.width(), extent.height())
        if depth != self.bspTreeDepth():  # a new depth rebuilds the index
            self.setBspTreeDepth(depth)
        if self.far:
            self._follow_far()
        self._stack_in_map_order()
        self.geometryChanged.emit()

    def _stack_in_map_order(self) -> None:
        """Items of one kind overlap at their edges (lane bands share a line; steps can touch):
        the later in the map is drawn over the earlier, as in a scene drawn afresh, whatever
        order the edits added them in."""
        path_map = self.path_map
        lanes, phases = [lane.id for lane in path_map.lanes], [p.id for p in path_map.phases]
        order = [
            *lanes,
            *phases,
            *(step.id for step in path_map.steps),
            *(flow.id for flow in path_map.flows),
            *(comment.id for comment in path_map.comments),
        ]
        if order == self._stacked:  # every addition or removal changes it
            return
        self._stacked = order
        stacks: list[list[QGraphicsItem | None]] = [
            [self.items_by_id.get(element_id) for element_id in order],
            [self.lane_bands.get(lane_id) for lane_id in lanes],
            [self.phase_columns.get(phase_id) for phase_id in phases],
        ]
        for stack in stacks:
            items = [item for item in stack if item is not None]
            for lower, upper in reversed(list(itertools.pairwise(items))):
                lower.stackBefore(upper)

    def _item(self, element_id: str, item_type: type[ItemT]) -> ItemT:
        item = self.items_by_id.get(element_id)
        if not isinstance(item, item_type):
            if item is not None:
                self.removeItem(item)
            item = item_type(element_id)
            self.items_by_id[element_id] = item
            self.addItem(item)
        return item

    def map_rect(self) -> QRectF:
        """Everything the map draws (headers, title corner, notes) with a margin."""
        bounds = self.geometry.bounds
        rect = QRectF(
            bounds.x, -PHASE_HEADER_HEIGHT, bounds.width, bounds.bottom + PHASE_HEADER_HEIGHT
        )
        for comment in self.path_map.comments:  # not every item: this runs on every sync
            item = self.items_by_id.get(comment.id)
            if isinstance(item, CommentItem):
                rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)

    # ----------------------------------------------------------------- pinned headers (view)

    def pin_headers(self, left: float, top: float, right: float | None = None) -> None:
        """Keep lane headers at least at x = `left` and phase headers at y = `top` (the
        visible edges of the view), so their names stay in sight while scrolling."""
        if not shiboken6.isValid(self.corner):  # the scene is being destroyed
            return
        # Looked up by lane and phase, not found among every item: this runs on every scroll.
        for lane in self.path_map.lanes:
            lane_header = self.items_by_id.get(lane.id)
            if isinstance(lane_header, LaneHeaderItem):
                lane_header.setX(max(lane_header.home_x, left))
        for phase in self.path_map.phases:
            phase_header = self.items_by_id.get(phase.id)
            if isinstance(phase_header, PhaseHeaderItem):
                phase_header.setY(max(phase_header.home_y, top))
                phase_header.show_name_between(left + LANE_HEADER_WIDTH, right)
        self.corner.setPos(max(self.corner.home.x(), left), max(self.corner.home.y(), top))

    # ------------------------------------------------------------------ dragging steps (items)

    def snapped_top_left(self, item: QGraphicsItem, proposed: QPointF) -> QPointF:
        if not isinstance(item, StepItem):
            return proposed
        return self.interaction.snapped_top_left(item, proposed)

    def step_dragged(self, item: QGraphicsItem) -> None:
        if isinstance(item, StepItem):
            self.interaction.step_dragged(item)

    # ------------------------------------------------------------------ events to interaction

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction.press(event):
            event.accept()
        else:
            super().mousePressEvent(event)
            self.interaction.after_press(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction.move(event):
            event.accept()
        else:
            super().mouseMoveEvent(event)
            self.interaction.after_move()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction.release(event):
            event.accept()
        else:
            super().mouseReleaseEvent(event)
            self.interaction.after_release(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction.double_click(event):
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)


def _resized(old: StepBox, new: StepBox) -> bool:
    """Anything but the place of a step's box changed (its size, kind or wrapped label)."""
    return (old.kind, old.lines, old.rect.width, old.rect.height) != (
        new.kind,
        new.lines,
        new.rect.width,
        new.rect.height,
    )


def index_depth(width: float, height: float) -> int:
    """The depth of the scene's item index for a scene of this size: leaves of about
    INDEX_LEAF_AREA, at least Qt's smallest useful depth of 3 and at most MAX_INDEX_DEPTH."""
    leaves = max(1.0, width * height / INDEX_LEAF_AREA)
    return max(3, min(MAX_INDEX_DEPTH, math.ceil(math.log2(leaves))))
