"""Edits the canvas makes that combine the basic commands: placing dragged steps.

A step dropped on the canvas gets a new position, possibly a new lane, and, on a map with
phases, the phase of the column it lands in. `place_steps` makes that one undo step: a plain
`MoveSteps` when no phase changes (so arrow-key nudges still merge), else a composite that
moves and re-phases together.
"""

from __future__ import annotations

from collections.abc import Mapping

from pathmapper.commands.base import Command, CompositeCommand
from pathmapper.commands.fields import SetFields
from pathmapper.commands.steps import MoveSteps
from pathmapper.model import PathMap

# x (centre), y (centre, from the lane's top), lane id, phase id (None: no phase)
StepPlacement = tuple[float, float, str, str | None]


def place_steps(
    path_map: PathMap, placements: Mapping[str, StepPlacement], nudge: bool = False
) -> Command:
    """One command putting each step at its placement. Raises ValueError for an unknown step."""
    if not placements:
        raise ValueError("nothing to move: give at least one step")
    moves: dict[str, tuple[float, float, str | None]] = {}
    phase_changes: list[Command] = []
    for step_id, (x, y, lane, phase) in placements.items():
        step = path_map.step(step_id)
        if step is None:
            raise ValueError(f"nothing with id '{step_id}' is a step on this map")
        moves[step_id] = (x, y, lane)
        if phase != step.phase:
            phase_changes.append(SetFields(step_id, {"phase": phase}, merge=False))
    move = MoveSteps(moves, nudge=nudge)
    if not phase_changes:
        return move
    return CompositeCommand(move.text, [move, *phase_changes])
