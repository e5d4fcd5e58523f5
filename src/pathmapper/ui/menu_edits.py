"""What the Edit, Insert and Arrange menus do: each builds a command from the selection and pushes
it; refusals become a status message for the room. The clipboard carries a JSON fragment under
`application/x-pathmapper-fragment+json`, so copy and paste also work between two windows.
"""

from __future__ import annotations

import atexit
import json
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication, QUndoStack

from pathmapper.commands import (
    AddPhase,
    AddStep,
    Command,
    MapDocument,
    MoveLane,
    Paste,
    RemoveElements,
    add_lane,
    add_next_step,
    copy_fragment,
)
from pathmapper.commands.clipboard import DUPLICATE_OFFSET, duplicate
from pathmapper.commands.document import kind_of
from pathmapper.commands.window_edits import (
    AlignEdge,
    DistributeAxis,
    align_steps,
    distribute_steps,
)
from pathmapper.layout import COLUMN_SPACING, DEFAULT_LANE_HEIGHT
from pathmapper.model import KIND_NAMES, Phase, Step, StepKind, new_id
from pathmapper.ui.undo import push

FRAGMENT_MIME_TYPE = "application/x-pathmapper-fragment+json"
_clipboard_release_registered = False


def _release_clipboard() -> None:
    """Take pathmapper's fragment off the clipboard before the interpreter shuts down.

    Qt owns the QMimeData once it is on the clipboard; on the offscreen and minimal platforms
    (tests, `pathmapper render`) it is destroyed during interpreter teardown, after Python's
    side of it, and the process dies with a segmentation fault. No other program can paste
    the fragment, so nothing is lost by clearing it at exit.
    """
    application = QGuiApplication.instance()
    if application is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(FRAGMENT_MIME_TYPE):
        clipboard.clear()


def put_fragment_on_clipboard(text: str) -> None:
    """Put a JSON fragment on the system clipboard, arranging for its release at exit."""
    global _clipboard_release_registered
    if not _clipboard_release_registered:
        atexit.register(_release_clipboard)
        _clipboard_release_registered = True
    mime = QMimeData()
    mime.setData(FRAGMENT_MIME_TYPE, text.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(mime)


class Selection(Protocol):
    """What the editing needs of the canvas scene (`ui.canvas.MapScene`)."""

    def selected_ids(self) -> list[str]: ...

    def select_ids(self, ids: list[str]) -> None: ...

    def select_all(self) -> None: ...

    def edit_label(self, element_id: str, new_step: bool = False) -> bool: ...


class EditingController(QObject):
    def __init__(
        self,
        document: MapDocument,
        undo_stack: QUndoStack,
        selection: Selection,
        report: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = undo_stack
        self.selection = selection
        self.report = report

    def _push(self, command: Command) -> bool:
        return push(self.undo_stack, self.document, command, on_refused=self._refused)

    def _refused(self, message: str) -> None:
        self.report(f"Not done: {message}")

    def _selected(self) -> list[str]:
        path_map = self.document.path_map
        return [i for i in self.selection.selected_ids() if path_map.element(i) is not None]

    def _selected_of(self, kind: str) -> list[str]:
        path_map = self.document.path_map
        found = []
        for element_id in self._selected():
            element = path_map.element(element_id)
            if element is not None and kind_of(element) == kind:
                found.append(element_id)
        return found

    # ------------------------------------------------------------------------- clipboard

    def copy(self) -> bool:
        ids = self._selected()
        if not ids:
            self.report("Select something to copy first")
            return False
        fragment = copy_fragment(self.document.path_map, ids)
        if not (fragment["steps"] or fragment["comments"] or fragment["lanes"]):
            self.report("Only steps, lanes and comments can be copied")
            return False
        put_fragment_on_clipboard(json.dumps(fragment, ensure_ascii=False))
        count = len(fragment["steps"])
        self.report(f"Copied {count} step{'s' if count != 1 else ''}")
        return True

    def cut(self) -> None:
        if self.copy():
            self._push(RemoveElements(self._selected()))

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(FRAGMENT_MIME_TYPE):
            self.report("The clipboard holds no pathmapper steps to paste")
            return
        try:
            fragment: Any = json.loads(bytes(mime.data(FRAGMENT_MIME_TYPE).data()).decode("utf-8"))
            path_map = self.document.path_map
            same_map = any(path_map.step(step.get("id", "")) for step in fragment.get("steps", []))
            command = Paste(fragment, offset=DUPLICATE_OFFSET if same_map else (0.0, 0.0))
        except (ValueError, AttributeError, TypeError) as problem:
            self.report(f"Cannot paste: {problem}")
            return
        if self._push(command):
            self.selection.select_ids(command.pasted_ids)

    def duplicate(self) -> None:
        ids = self._selected()
        if not ids:
            self.report("Select something to duplicate first")
            return
        try:
            command = duplicate(self.document.path_map, ids)
        except ValueError as problem:
            self._refused(str(problem))
            return
        if self._push(command):
            self.selection.select_ids(command.pasted_ids)

    def delete(self) -> None:
        ids = self._selected()
        if not ids:
            self.report("Select something to delete first")
            return
        self._push(RemoveElements(ids))

    def select_all(self) -> None:
        self.selection.select_all()

    def _added(self, element_id: str, new_step: bool = False) -> None:
        """Select what was just added and open its label for typing (Enter keeps it; for a new
        step, Esc takes the step back)."""
        self.selection.select_ids([element_id])
        self.selection.edit_label(element_id, new_step)

    # ---------------------------------------------------------------------------- insert

    def insert_step(self, kind: StepKind) -> None:
        """A step from the keyboard: after the selected step (joined by an arrow), or at the end
        of the selected lane, or of the first lane."""
        path_map = self.document.path_map
        steps = self._selected_of("step")
        if len(steps) == 1:
            next_step = add_next_step(self.document, steps[0], kind=kind)
            command: Command = next_step
            new_step = next_step.step_id
        else:
            lanes = self._selected_of("lane")
            lane = path_map.lane(lanes[0]) if lanes else None
            lane = lane or (path_map.lanes[0] if path_map.lanes else None)
            if lane is None:
                self.report("Add a lane first: a step belongs in a lane")
                return
            xs = [step.x for step in path_map.steps_in_lane(lane.id) if step.x is not None]
            x = max(xs) + COLUMN_SPACING if xs else COLUMN_SPACING / 2
            y = (lane.height or DEFAULT_LANE_HEIGHT) / 2
            step = Step(id=new_id(), kind=kind, lane=lane.id, x=x, y=y)
            command = AddStep(step)
            new_step = step.id
        if self._push(command):
            self._added(new_step, new_step=True)
            self.report(f"{KIND_NAMES[kind]} step added: type its label, then Enter")

    def add_lane(self) -> None:
        path_map = self.document.path_map
        lanes = self._selected_of("lane")
        lane_ids = [lane.id for lane in path_map.lanes]
        index = lane_ids.index(lanes[0]) + 1 if lanes else None
        command = add_lane(path_map, index)
        if self._push(command):
            self._added(command.lane_id)

    def add_phase(self) -> None:
        path_map = self.document.path_map
        phase = Phase(id=new_id(), name=f"Phase {len(path_map.phases) + 1}")
        if self._push(AddPhase(phase)):
            self._added(phase.id)

    # --------------------------------------------------------------------------- arrange

    def align(self, edge: AlignEdge) -> None:
        try:
            command = align_steps(self.document.path_map, self._selected_of("step"), edge)
        except ValueError as problem:
            self._refused(str(problem))
            return
        self._push(command)

    def distribute(self, axis: DistributeAxis) -> None:
        try:
            command = distribute_steps(self.document.path_map, self._selected_of("step"), axis)
        except ValueError as problem:
            self._refused(str(problem))
            return
        self._push(command)

    def _current_lane(self) -> str | None:
        lanes = self._selected_of("lane")
        if lanes:
            return lanes[0]
        path_map = self.document.path_map
        steps = [path_map.step(i) for i in self._selected_of("step")]
        lane_ids = {step.lane for step in steps if step is not None}
        return lane_ids.pop() if len(lane_ids) == 1 else None

    def move_lane(self, delta: int) -> None:
        lane_id = self._current_lane()
        if lane_id is None:
            self.report("Select a lane (or a step in it) to move it")
            return
        path_map = self.document.path_map
        index = [lane.id for lane in path_map.lanes].index(lane_id) + delta
        if not 0 <= index < len(path_map.lanes):
            self.report("The lane is already at the " + ("top" if delta < 0 else "bottom"))
            return
        self._push(MoveLane(lane_id, index))
        self.selection.select_ids([lane_id])

    def delete_lane(self) -> None:
        lane_id = self._current_lane()
        if lane_id is None:
            self.report("Select a lane (or a step in it) to delete it")
            return
        self._push(RemoveElements([lane_id]))
