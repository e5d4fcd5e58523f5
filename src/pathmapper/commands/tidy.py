"""Tidy up: the whole map laid out again, left to right in its lanes, as one undoable step.

The places come from `layout.layout_positions` (layered, loops set aside, a decision's branches
stacked, phases kept in order); lane membership and phases never change. Lanes grow when their
steps need more rows; phase columns take the widths the layout gives them. No Qt.
"""

from __future__ import annotations

from pathmapper.commands.base import Command, CompositeCommand
from pathmapper.commands.fields import SetFields
from pathmapper.commands.steps import MoveSteps, StepPlace
from pathmapper.layout import layout_positions
from pathmapper.model import PathMap

TIDY_TEXT = "Tidy up"


def _same(old: float | None, new: float) -> bool:
    return old is not None and abs(old - new) < 0.05


def tidy_up(path_map: PathMap) -> CompositeCommand | None:
    """A command placing every step where the automatic layout puts it, growing lanes and
    sizing phase columns to fit; None when the map is already laid out that way (or empty)."""
    plan = layout_positions(path_map)
    steps = path_map.steps_by_id()
    moves: dict[str, StepPlace] = {}
    for step_id, (x, y) in plan.positions.items():
        step = steps[step_id]
        x, y = round(x, 1), round(y, 1)
        if not (_same(step.x, x) and _same(step.y, y)):
            moves[step_id] = (x, y, None)
    children: list[Command] = []
    if moves:
        children.append(MoveSteps(moves))
    for lane in path_map.lanes:
        height = plan.lane_heights.get(lane.id)
        if height is not None and not _same(lane.height, height):
            children.append(SetFields(lane.id, {"height": height}, merge=False))
    for phase in path_map.phases:
        width = plan.phase_widths.get(phase.id)
        if width is not None and not _same(phase.width, width):
            children.append(SetFields(phase.id, {"width": width}, merge=False))
    if not children:
        return None
    return CompositeCommand(TIDY_TEXT, children)
