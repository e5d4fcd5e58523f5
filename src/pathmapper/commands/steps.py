"""Commands on steps: add one, move (drag or nudge) many, and quick capture of the next step."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pathmapper.commands.adding import AddElement
from pathmapper.commands.base import Command, CompositeCommand
from pathmapper.commands.checks import describe
from pathmapper.commands.document import MapDocument
from pathmapper.commands.flows import AddFlow
from pathmapper.layout.next_step import next_step_place
from pathmapper.model import Flow, Step, StepKind, new_id

StepPlace = tuple[float, float, str | None]


class AddStep(AddElement):
    """Put a new step on the map (at `index` in the list of steps, the end when None)."""

    def __init__(self, step: Step, index: int | None = None) -> None:
        super().__init__(step, index)


class MoveSteps(Command):
    """Move steps to new places in one undo step: `{step_id: (x, y, lane_id or None)}`.

    A lane id moves the step into that lane (a drop in another lane); None keeps its lane.
    With `nudge=True` (arrow keys), consecutive nudges of the same steps merge into one step.
    """

    def __init__(self, moves: Mapping[str, StepPlace], nudge: bool = False) -> None:
        if not moves:
            raise ValueError("nothing to move: give at least one step")
        self.moves = dict(moves)
        count = len(self.moves)
        self.text = "Move step" if count == 1 else f"Move {count} steps"
        self.merge_key = ("nudge-steps", frozenset(self.moves)) if nudge else None
        self._new: dict[str, dict[str, Any]] | None = None
        self._old: dict[str, dict[str, Any]] = {}

    def redo(self, document: MapDocument) -> None:
        if self._new is None:
            self._new, self._old = self._checked_places(document)
        with document.batch():
            for step_id, values in self._new.items():
                document.set_fields(step_id, dict(values), action="moved")

    def undo(self, document: MapDocument) -> None:
        with document.batch():
            for step_id, values in self._old.items():
                document.set_fields(step_id, dict(values), action="moved")

    def merge_with(self, other: Command) -> bool:
        if not isinstance(other, MoveSteps) or not self.can_merge(other) or other._new is None:
            return False
        self._new = other._new
        self.moves = other.moves
        return True

    def _checked_places(
        self, document: MapDocument
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        path_map = document.path_map
        new: dict[str, dict[str, Any]] = {}
        old: dict[str, dict[str, Any]] = {}
        for step_id, (x, y, lane_id) in self.moves.items():
            step = path_map.step(step_id)
            if step is None:
                raise ValueError(f"nothing with id '{step_id}' is a step on this map")
            for value in (x, y):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{describe(path_map, step)}: {value!r} is not a position")
                if not math.isfinite(value):
                    raise ValueError(f"{describe(path_map, step)}: {value} is not a position")
            lane = step.lane if lane_id is None else lane_id
            if path_map.lane(lane) is None:
                raise ValueError(
                    f"{describe(path_map, step)}: cannot move it into '{lane}', "
                    "which is not a lane of this map"
                )
            new[step_id] = {"x": float(x), "y": float(y), "lane": lane}
            old[step_id] = {"x": step.x, "y": step.y, "lane": step.lane}
        return new, old


class AddNextStep(CompositeCommand):
    """Quick capture: a new step after another one, joined to it by an arrow."""

    def __init__(self, step: Step, flow: Flow) -> None:
        super().__init__("Add next step", [AddStep(step), AddFlow(flow)])
        self.step_id = step.id
        self.flow_id = flow.id


def add_next_step(
    document: MapDocument,
    after_step_id: str,
    lane_id: str | None = None,
    kind: StepKind = "activity",
    label: str = "",
) -> AddNextStep:
    """A command adding a step after `after_step_id`, in the same lane or in `lane_id`, where
    `layout.next_step` puts it (one column right, a free row), with an arrow from the first to
    the new one. Push it to do it; its `step_id` is the new step's, for selecting it and typing
    its label."""
    path_map = document.path_map
    source = path_map.step(after_step_id)
    if source is None:
        raise ValueError(f"nothing with id '{after_step_id}' is a step on this map")
    lane = source.lane if lane_id is None else lane_id
    place = next_step_place(path_map, source, lane)
    step = Step(
        id=new_id(),
        kind=kind,
        label=label,
        lane=lane,
        phase=source.phase,
        x=place[0] if place else None,
        y=place[1] if place else None,
    )
    flow = Flow(id=new_id(), source=source.id, target=step.id)
    return AddNextStep(step, flow)
