"""Quick capture: a pathway typed as people talk, without the mouse.

With one step selected on the canvas (and no label being edited):

- Enter adds the next step to its right, in the same lane, joined by an arrow, and opens its
  label for typing (Enter again commits the label; the new step stays selected, so the next
  Enter carries on).
- Ctrl+Down / Ctrl+Up add the next step in the lane below / above: a handoff.
- Tab adds a branch from a decision: a new step to its right, in the first free row below the
  branches it already has, joined by an arrow with an empty label. Its label opens first; Tab
  in that label commits it and opens the branch (arrow) label, Enter just commits.

With nothing selected, Enter on a map without steps adds the Start step in the first lane (or
in the selected lane). Each of these is one undo step; typing a label is another.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from pathmapper.commands import AddNextStep, AddStep, MapDocument, add_next_step
from pathmapper.commands.document import kind_of
from pathmapper.layout import COLUMN_SPACING, DEFAULT_LANE_HEIGHT
from pathmapper.model import Step, new_id
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.canvas.label_editor import InlineTextEditor
from pathmapper.ui.keys import KeyRouter


class QuickCapture(QObject):
    """The quick-capture key table; each key adds steps as commands."""

    def __init__(
        self,
        scene: MapScene,
        view: MapView,
        report: Callable[[str], None],
        keys: KeyRouter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.view = view
        self.report = report
        self._branch: tuple[InlineTextEditor, str] | None = None  # a new branch's label, flow
        keys.set_mode_test("capture", lambda: True)
        keys.bind(
            "capture",
            ("Return", "Enter"),
            "add the next step after the selected one",
            lambda: self.add_next(0),
        )
        keys.bind(
            "capture",
            "Ctrl+Down",
            "add the next step in the lane below (a handoff)",
            lambda: self.add_next(1),
        )
        keys.bind(
            "capture",
            "Ctrl+Up",
            "add the next step in the lane above (a handoff)",
            lambda: self.add_next(-1),
        )
        keys.bind(
            "capture",
            "Tab",
            "add a branch from the selected decision; in a new "
            "branch's label: on to the arrow's label",
            self._tab,
            while_typing=True,
        )

    @property
    def document(self) -> MapDocument:
        return self.scene.document

    def _tab(self) -> bool:
        editor = self.scene.interaction.editor
        if editor is None:
            return self.add_branch()
        if self._branch is not None and self._branch[0] is editor:
            return self._edit_branch_label()
        return False

    # ---------------------------------------------------------------------------- edits

    def add_next(self, lane_offset: int) -> bool:
        """The next step in the same lane (0), the lane below (1) or above (-1)."""
        path_map = self.document.path_map
        source = self._selected_step()
        if source is None:
            if lane_offset == 0 and not path_map.steps:
                return self._add_first_step()
            self.report("Select a step first: Enter adds the next step after it")
            return True
        lane_ids = [lane.id for lane in path_map.lanes]
        index = lane_ids.index(source.lane) + lane_offset
        if not 0 <= index < len(lane_ids):
            where = "below" if lane_offset > 0 else "above"
            lane = path_map.lane(source.lane)
            self.report(f"There is no lane {where} '{lane.name if lane else ''}': add one first")
            return True
        command = add_next_step(self.document, source.id, lane_ids[index])
        self._do(command, command.step_id)
        return True

    def add_branch(self) -> bool:
        """Another branch out of the selected decision."""
        source = self._selected_step()
        if source is None or source.kind != "decision":
            self.report("Tab adds a branch from a decision: select a decision step first")
            return True
        command = add_next_step(self.document, source.id)
        editor = self._do(command, command.step_id)
        if editor is not None:
            self._branch = (editor, command.flow_id)
        return True

    def _add_first_step(self) -> bool:
        path_map = self.document.path_map
        lanes = [
            element_id
            for element_id in self.scene.selected_ids()
            if (element := path_map.element(element_id)) is not None and kind_of(element) == "lane"
        ]
        lane = path_map.lane(lanes[0]) if lanes else (path_map.lanes[0] if path_map.lanes else None)
        if lane is None:
            self.report("Add a lane first: a step belongs in a lane")
            return True
        y = (lane.height or DEFAULT_LANE_HEIGHT) / 2
        step = Step(id=new_id(), kind="start", lane=lane.id, x=COLUMN_SPACING / 2, y=y)
        self._do(AddStep(step), step.id)
        return True

    def _do(self, command: AddNextStep | AddStep, step_id: str) -> InlineTextEditor | None:
        """Push the command, select the new step and open its label; the editor, or None."""
        self._branch = None
        if not self.scene.execute(command):
            return None
        self.scene.select_ids([step_id])
        item = self.scene.items_by_id.get(step_id)
        if item is not None:
            self.view.ensureVisible(item, 80, 60)
        if self.scene.edit_label(step_id, new_step=True):
            return self.scene.interaction.editor
        return None

    def _edit_branch_label(self) -> bool:
        assert self._branch is not None
        editor, flow_id = self._branch
        self._branch = None
        editor.commit()
        self.scene.sync()
        if self.document.path_map.flow(flow_id) is not None:
            self.scene.edit_label(flow_id)
        return True

    def _selected_step(self) -> Step | None:
        path_map = self.document.path_map
        steps = [s for i in self.scene.selected_ids() if (s := path_map.step(i)) is not None]
        return steps[0] if len(steps) == 1 else None
