"""What the pointer and keyboard do on the canvas, turned into commands.

Dragging steps moves only the items (and re-routes just the arrows attached to them); the model
changes once, on release, with one command. Other drags (a new arrow from a step's handle,
an arrow's end to another step, a lane header up or down, a lane's bottom edge, a phase's right
edge) show a preview and make their command on release. Escape abandons any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSceneMouseEvent

from pathmapper.commands import (
    AddFlow,
    AddStep,
    MoveLane,
    ReconnectFlow,
    RemoveElements,
    ResizeLane,
    ResizePhase,
    SetFields,
)
from pathmapper.commands.canvas_edits import StepPlacement, place_steps
from pathmapper.layout.primitives import LABEL_FONT_SIZE
from pathmapper.layout.step_shapes import step_size
from pathmapper.layout.style import SELECTION
from pathmapper.model import Flow, Step, StepKind, new_id
from pathmapper.ui.canvas.drag_routes import DraggedFlows
from pathmapper.ui.canvas.host import GestureHost, Tool
from pathmapper.ui.canvas.items_comments import CommentItem
from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.canvas.items_lanes import (
    RESIZE_GRIP,
    LaneBandItem,
    LaneHeaderItem,
    PhaseHeaderItem,
)
from pathmapper.ui.canvas.items_steps import StepItem
from pathmapper.ui.canvas.label_editor import InlineTextEditor
from pathmapper.ui.canvas.painting import GRID_SIZE, pen, snap
from pathmapper.ui.canvas.placement import place_for_centre

MIN_LANE_HEIGHT = 60.0
MIN_PHASE_WIDTH = 80.0
DRAG_THRESHOLD = 4.0
PREVIEW_Z = 90.0


class Drag(Enum):
    NONE = "none"
    STEPS = "steps"
    CONNECT = "connect"
    RECONNECT = "reconnect"
    LANE_MOVE = "lane_move"
    LANE_RESIZE = "lane_resize"
    PHASE_RESIZE = "phase_resize"


class CanvasInteraction:
    """The gestures of one scene. The scene forwards its mouse and key events here."""

    def __init__(self, scene: GestureHost) -> None:
        self.scene = scene
        self.drag = Drag.NONE
        self.editor: InlineTextEditor | None = None
        self._press = QPointF()
        self._subject = ""  # the step, flow, lane or phase the drag is about
        self._end = ""  # "source" or "target" while reconnecting
        self._anchor = QPointF()  # the fixed end of the rubber line while (re)connecting
        self._start_positions: dict[str, QPointF] = {}
        self._dragged_flows: DraggedFlows | None = None
        self._dragged_now: set[str] = set()
        self._preview: QGraphicsPathItem | None = None
        self._header_offset = 0.0

    # --------------------------------------------------------------------------- mouse

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        scene, pos = self.scene, event.scenePos()
        self._press = pos
        if self.editor is not None and not self.editor.sceneBoundingRect().contains(pos):
            self.editor.commit()
        if scene.tool is Tool.ADD_STEP:
            step_id = self.add_step_at(pos, scene.tool_kind)  # type: ignore[arg-type]
            scene.set_tool(Tool.SELECT)
            if step_id is not None:  # typing names it at once, as after a double-click
                self.edit_text(step_id, new_step=True)
            return True
        for item in scene.selectedItems():
            if isinstance(item, FlowItem) and (end := item.end_at(pos)) is not None:
                return self._start_reconnect(item, end)
        top = self._top_item(pos)
        if isinstance(top, StepItem):
            if top.handle_contains(pos) or scene.tool is Tool.CONNECT:
                return self._start_connect(top)
            scene.dragging = True
            return False
        if isinstance(top, LaneHeaderItem):
            self._select_only(top, event)
            if top.on_bottom_edge(pos):
                return self._start(Drag.LANE_RESIZE, top.element_id)
            self._header_offset = pos.y() - top.y()
            return self._start(Drag.LANE_MOVE, top.element_id)
        if isinstance(top, LaneBandItem) and abs(pos.y() - top.band_rect().bottom()) <= RESIZE_GRIP:
            return self._start(Drag.LANE_RESIZE, top.element_id)
        if isinstance(top, PhaseHeaderItem):
            self._select_only(top, event)
            if top.on_right_edge(pos):
                return self._start(Drag.PHASE_RESIZE, top.element_id)
            return True
        return False

    def after_press(self, event: QGraphicsSceneMouseEvent) -> None:
        """After Qt's own press (selection): remember where the selected steps were."""
        if self.scene.dragging:
            self.drag = Drag.STEPS
            self._start_positions = {
                item.element_id: item.pos()
                for item in self.scene.selectedItems()
                if isinstance(item, StepItem)
            }
            self._dragged_flows = DraggedFlows.of_drag(self.scene.path_map, self._start_positions)

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        pos = event.scenePos()
        if self.drag in (Drag.CONNECT, Drag.RECONNECT):
            self._update_rubber_line(pos)
            return True
        if self.drag is Drag.LANE_MOVE:
            header = self.scene.items_by_id.get(self._subject)
            if header is not None and abs(pos.y() - self._press.y()) >= DRAG_THRESHOLD:
                header.setY(pos.y() - self._header_offset)  # headers sit above the bands
            return True
        if self.drag is Drag.LANE_RESIZE:
            band = self.scene.geometry.lane_band(self._subject)
            if band is not None:
                line = QPainterPath()
                line.moveTo(band.header.left, pos.y())
                line.lineTo(band.rect.right, pos.y())
                self._show_preview(line)
            return True
        if self.drag is Drag.PHASE_RESIZE:
            body = self.scene.geometry.body
            line = QPainterPath()
            line.moveTo(pos.x(), body.top - 44)
            line.lineTo(pos.x(), body.bottom)
            self._show_preview(line)
            return True
        return False

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self.drag in (Drag.NONE, Drag.STEPS):
            return False
        drag, subject, pos = self.drag, self._subject, event.scenePos()
        self.cancel()
        scene = self.scene
        if drag is Drag.CONNECT:
            target = self._step_at(pos)
            if target is not None and target != subject:
                scene.execute(AddFlow(Flow(id=new_id(), source=subject, target=target)))
        elif drag is Drag.RECONNECT:
            step_id = self._step_at(pos)
            if step_id is not None:
                ends = {self._end: step_id}
                scene.execute(ReconnectFlow(subject, **ends))
        elif drag is Drag.LANE_MOVE:
            self._finish_lane_move(subject, pos)
        elif drag is Drag.LANE_RESIZE:
            band = scene.geometry.lane_band(subject)
            if band is not None and abs(pos.y() - self._press.y()) >= DRAG_THRESHOLD:
                height = max(MIN_LANE_HEIGHT, snap(pos.y() - band.rect.top))
                scene.execute(ResizeLane(subject, height))
        elif drag is Drag.PHASE_RESIZE:
            column = next((c for c in scene.geometry.phases if c.phase_id == subject), None)
            if column is not None and abs(pos.x() - self._press.x()) >= DRAG_THRESHOLD:
                width = max(MIN_PHASE_WIDTH, snap(pos.x() - column.rect.left))
                scene.execute(ResizePhase(subject, width))
        scene.refresh()
        return True

    def after_release(self, event: QGraphicsSceneMouseEvent) -> None:
        """After Qt's own release: a step drag becomes one command."""
        if self.drag is not Drag.STEPS:
            self.scene.dragging = False
            return
        self.drag = Drag.NONE
        self.scene.dragging = False
        self._dragged_flows = None
        moved = {
            step_id: start
            for step_id, start in self._start_positions.items()
            if (item := self.scene.items_by_id.get(step_id)) is not None and item.pos() != start
        }
        self._start_positions = {}
        if not moved:
            return
        placements: dict[str, StepPlacement] = {}
        for step_id in moved:
            item = self.scene.items_by_id[step_id]
            assert isinstance(item, StepItem)
            place = self._model_place(item, item.centre())
            if place is not None:
                placements[step_id] = place
        if placements:
            self.scene.execute(place_steps(self.scene.path_map, placements))
        self.scene.refresh(moved)

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        top = self._top_item(pos)
        element_id = getattr(top, "element_id", None)
        if isinstance(top, StepItem | FlowItem | CommentItem | LaneHeaderItem | PhaseHeaderItem):
            assert element_id is not None
            return self.edit_text(element_id)
        if self.scene.geometry.lane_at(pos.y()) is not None and pos.x() >= 0:
            step_id = self.add_step_at(pos, "activity")
            if step_id is not None:
                self.edit_text(step_id, new_step=True)
            return True
        return False

    # ----------------------------------------------------------------------------- keys

    def delete_selection(self) -> bool:
        ids = self.scene.selected_ids()
        if ids:
            self.scene.execute(RemoveElements(ids))
        return True

    def rename_selection(self) -> bool:
        """The label (or name) of the one selected element, opened for typing."""
        ids = self.scene.selected_ids()
        return len(ids) == 1 and self.edit_text(ids[0])

    def escape(self) -> bool:
        """Esc on the canvas: end a gesture, else go back to the select tool, else select
        nothing."""
        scene = self.scene
        if self.drag is not Drag.NONE:
            self.cancel()
            scene.refresh()
        elif scene.tool is not Tool.SELECT:
            scene.set_tool(Tool.SELECT)
        else:
            scene.clearSelection()
        return True

    def nudge(self, columns: int, rows: int) -> bool:
        """Move the selected steps one grid square per column or row; False when no step is
        selected (the arrow keys then scroll)."""
        return self._nudge(columns * GRID_SIZE, rows * GRID_SIZE)

    def _nudge(self, dx: float, dy: float) -> bool:
        placements: dict[str, StepPlacement] = {}
        for item in self.scene.selectedItems():
            if isinstance(item, StepItem):
                place = self._model_place(item, item.centre() + QPointF(dx, dy))
                if place is not None:
                    placements[item.element_id] = place
        if not placements:
            return False
        self.scene.execute(place_steps(self.scene.path_map, placements, nudge=True))
        return True

    # ------------------------------------------------------------------------- editing

    def edit_text(self, element_id: str, new_step: bool = False) -> bool:
        """Open the in-place editor on the text of a step, arrow, note, lane or phase. For a
        step just added (`new_step`: the last edit on the undo stack added it), Esc takes the
        step back as well: it was never named."""
        scene = self.scene
        element = scene.path_map.element(element_id)
        item = scene.items_by_id.get(element_id)
        if element is None or item is None:
            return False
        if self.editor is not None:
            self.editor.commit()
        field = {"Step": "label", "Flow": "label", "Comment": "text"}.get(
            type(element).__name__, "name"
        )
        text = str(getattr(element, field))
        rect = item.sceneBoundingRect()
        if isinstance(item, StepItem):
            rect = item.scene_box().adjusted(6, 6, -6, -6)
        elif isinstance(item, FlowItem):
            route = scene.geometry.flows.get(element_id)
            anchor = route.label_anchor if route else (rect.center().x(), rect.center().y())
            rect = QRectF(anchor[0] - 70, anchor[1] - 12, 140, 24)
        on_cancel: Callable[[], None] = self._editor_closed
        if new_step:
            on_cancel = partial(self._cancel_new_step, scene.undo_stack.index())
        editor = InlineTextEditor(
            text,
            rect,
            LABEL_FONT_SIZE,
            lambda new_text: self._commit_text(element_id, field, text, new_text),
            on_cancel,
        )
        self.editor = editor
        scene.addItem(editor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _commit_text(self, element_id: str, field: str, old: str, new: str) -> None:
        self._editor_closed()
        new = new.strip()
        if new != old and self.scene.path_map.element(element_id) is not None:
            self.scene.execute(SetFields(element_id, {field: new}, merge=False))

    def _editor_closed(self) -> None:
        self.editor = None

    def _cancel_new_step(self, added_at: int) -> None:
        self._editor_closed()
        stack = self.scene.undo_stack
        if stack.index() == added_at and stack.canUndo():  # nothing else done since
            stack.undo()

    # --------------------------------------------------------------------------- adding

    def add_step_at(self, pos: QPointF, kind: StepKind) -> str | None:
        """Add a step of `kind` centred near `pos` (in the lane there); its id, or None."""
        scene = self.scene
        if not scene.path_map.lanes:
            scene.commandRefused.emit("There are no lanes yet: add a lane, then add steps to it.")
            return None
        probe = Step(id=new_id(), kind=kind, lane=scene.path_map.lanes[0].id)
        width, height, _ = step_size(probe)
        place = place_for_centre(
            scene.geometry, scene.path_map, (pos.x(), pos.y()), (width, height)
        )
        if place is None:
            return None
        step = probe.model_copy(
            update={"lane": place.lane, "phase": place.phase, "x": place.x, "y": place.y}
        )
        if not scene.execute(AddStep(step)):
            return None
        scene.select_ids([step.id])
        return step.id

    # ------------------------------------------------------------------- step dragging

    def snapped_top_left(self, item: StepItem, proposed: QPointF) -> QPointF:
        """Keep a dragged step's centre on the 10-point grid of the lane under it."""
        cx, cy = proposed.x() + item.width / 2, proposed.y() + item.height / 2
        band_top = 0.0
        for band in self.scene.geometry.lanes:
            if band.rect.top <= cy < band.rect.bottom:
                band_top = band.rect.top
                break
        cx, cy = snap(cx), band_top + snap(cy - band_top)
        return QPointF(cx - item.width / 2, cy - item.height / 2)

    def step_dragged(self, item: StepItem) -> None:
        """A step item moved under the pointer; its arrows follow in `after_move`."""
        self._dragged_now.add(item.element_id)

    def after_move(self) -> None:
        """After Qt moved the dragged items: re-route only the arrows attached to them, once."""
        if not self._dragged_now:
            return
        moved, self._dragged_now = self._dragged_now, set()
        if self._dragged_flows is not None:
            self._dragged_flows.follow(self.scene, moved)

    def _model_place(self, item: StepItem, centre: QPointF) -> StepPlacement | None:
        step = self.scene.path_map.step(item.element_id)
        if step is None:
            return None
        place = place_for_centre(
            self.scene.geometry,
            self.scene.path_map,
            (centre.x(), centre.y()),
            (item.width, item.height),
            step.phase,
        )
        return None if place is None else (place.x, place.y, place.lane, place.phase)

    # ------------------------------------------------------------------------- helpers

    def cancel(self) -> None:
        """Abandon the current drag (its preview goes; nothing changes)."""
        self.drag = Drag.NONE
        self.scene.dragging = False
        if self._preview is not None:
            if self._preview.scene() is not None:  # only ever in this scene
                self.scene.removeItem(self._preview)
            self._preview = None

    def _start(self, drag: Drag, subject: str) -> bool:
        self.drag = drag
        self._subject = subject
        return True

    def _start_connect(self, item: StepItem) -> bool:
        self._start(Drag.CONNECT, item.element_id)
        self._anchor = item.mapToScene(item.handle_centre())
        self._update_rubber_line(self._anchor)
        return True

    def _start_reconnect(self, item: FlowItem, end: str) -> bool:
        self._start(Drag.RECONNECT, item.element_id)
        self._end = end
        ends = item.end_points()
        assert ends is not None
        self._anchor = ends[1] if end == "source" else ends[0]
        self._update_rubber_line(self._press)
        return True

    def _update_rubber_line(self, pos: QPointF) -> None:
        path = QPainterPath()
        path.moveTo(self._anchor)
        path.lineTo(pos)
        path.addEllipse(pos, 4.0, 4.0)
        self._show_preview(path)

    def _show_preview(self, path: QPainterPath) -> None:
        if self._preview is None:
            self._preview = QGraphicsPathItem()
            self._preview.setPen(pen(SELECTION, 2.0, (6.0, 4.0)))
            self._preview.setZValue(PREVIEW_Z)
            self.scene.addItem(self._preview)
        self._preview.setPath(path)

    def _finish_lane_move(self, lane_id: str, pos: QPointF) -> None:
        scene = self.scene
        if abs(pos.y() - self._press.y()) < DRAG_THRESHOLD:
            return
        lanes = scene.geometry.lanes
        index = len(lanes) - 1 if pos.y() >= lanes[-1].rect.bottom else 0
        for position, band in enumerate(lanes):
            if band.rect.top <= pos.y() < band.rect.bottom:
                index = position
                break
        current = next(i for i, band in enumerate(lanes) if band.lane_id == lane_id)
        if index != current:
            scene.execute(MoveLane(lane_id, index))

    def _select_only(self, item: QGraphicsItem, event: QGraphicsSceneMouseEvent) -> None:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.scene.clearSelection()
        item.setSelected(True)

    def _top_item(self, pos: QPointF) -> QGraphicsItem | None:
        for item in self.scene.items(pos):
            if item is self._preview or item is self.editor:
                continue
            if hasattr(item, "element_id"):
                return item
        return None

    def _step_at(self, pos: QPointF) -> str | None:
        for item in self.scene.items(pos):
            if isinstance(item, StepItem):
                return item.element_id
        return None
