"""Quick capture: a pathway typed as people talk, without the mouse.

With one step selected on the canvas (and no label being edited):

- Enter adds the next step to its right, in the same lane, joined by an arrow, and opens its
  label for typing (Enter again commits the label; the new step stays selected, so the next
  Enter carries on).
- Ctrl+Down / Ctrl+Up add the next step in the lane below / above: a handoff. Ctrl+Down from
  the bottom lane adds a lane for it too.
- Alt+Right / Alt+Left select the next / previous step along the arrows; Alt+Down / Alt+Up the
  next / previous branch.
- Tab adds a branch from a decision: a new step to its right, in the first free row below the
  branches it already has, joined by an arrow with an empty label. Its label opens first; Tab
  in that label commits it and opens the branch (arrow) label, Enter just commits.

With nothing selected, Enter on a map without steps adds the Start step in the first lane (or
in the selected lane). Each of these is one undo step; typing a label is another, and Esc in
the label of a step just added takes the step back. These keys are the capture table of the
canvas's key router (`ui.keys`), so Help > Keyboard shortcuts lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

from PySide6.QtCore import QObject

from pathmapper.commands import (
    AddStep,
    Command,
    CompositeCommand,
    MapDocument,
    add_lane,
    add_next_step,
)
from pathmapper.commands.document import kind_of
from pathmapper.layout import COLUMN_SPACING, DEFAULT_LANE_HEIGHT
from pathmapper.model import Lane, Step, new_id
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

        keys.bind(
            "capture",
            "Alt+Right",
            "select the next step, along the arrow out",
            partial(self.follow, "next"),
        )
        keys.bind(
            "capture",
            "Alt+Left",
            "select the step before, along the arrow in",
            partial(self.follow, "previous"),
        )
        keys.bind(
            "capture",
            "Alt+Down",
            "select the next branch (another arrow out of the step before)",
            partial(self.follow, "branch down"),
        )
        keys.bind(
            "capture", "Alt+Up", "select the branch before", partial(self.follow, "branch up")
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

    # ------------------------------------------------------------------------- moving

    def follow(self, where: Literal["next", "previous", "branch down", "branch up"]) -> bool:
        """Select the step an arrow leads to from the selected one: the next (its first arrow
        out), the previous (its first arrow in), or a sibling branch (the other arrows out of
        the step before it, in the map's order)."""
        path_map = self.document.path_map
        step = self._selected_step()
        if step is None:
            self.report("Select a step first: Alt and the arrow keys move along its arrows")
            return True
        out = [f.target for f in path_map.flows if f.source == step.id]
        into = [f.source for f in path_map.flows if f.target == step.id]
        target: str | None = None
        if where == "next":
            target = out[0] if out else None
        elif where == "previous":
            target = into[0] if into else None
        elif into:
            branches = [f.target for f in path_map.flows if f.source == into[0]]
            if len(branches) > 1:
                turn = 1 if where == "branch down" else -1
                target = branches[(branches.index(step.id) + turn) % len(branches)]
        if target is None:
            missing = {"next": "arrow out of", "previous": "arrow into"}.get(
                where, "other branch at"
            )
            self.report(f"There is no {missing} this step")
            return True
        self.scene.select_ids([target])
        item = self.scene.items_by_id.get(target)
        if item is not None:
            self.view.ensureVisible(item, 80, 60)
        return True

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
        if 0 <= index < len(lane_ids):
            command = add_next_step(self.document, source.id, lane_ids[index])
            self._do(command, command.step_id)
            return True
        if lane_offset < 0:
            lane = path_map.lane(source.lane)
            self.report(f"There is no lane above '{lane.name if lane else ''}': add one first")
            return True
        # Past the bottom lane: the handoff goes to someone not on the map yet, so their lane
        # comes with the step, in one undo step (Esc in the label takes both back). The lanes
        # are usually listed in the order the patient meets them, so new ones go below.
        new_lane = add_lane(path_map)
        next_step = add_next_step(self.document, source.id, new_lane.lane_id)
        both = CompositeCommand("Add a lane and the next step", [new_lane, next_step])
        self._do(both, next_step.step_id)
        name = new_lane.element.name if isinstance(new_lane.element, Lane) else ""
        self.report(f"Added '{name}' below for the handoff: F2 on its name renames it")
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

    def _do(self, command: Command, step_id: str) -> InlineTextEditor | None:
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
