"""Edits the editor window makes from its menus, built from the core commands. No Qt.

- `align_steps` / `distribute_steps`: one `MoveSteps` each (Arrange menu).
- `new_map(template)`: a fresh map, blank or with the standard lanes of a community pathway.
- `layout_on_open`: places the steps of a map typed elsewhere (no positions) as one undoable
  command, so the facilitator can see, keep or undo what the layout did.
- `StampSaveTimes`: the `modified` (and, if absent, `created`) timestamps written on save.

Alignment works on the boxes as drawn (`layout.step_size`): x is a step's centre on the whole
map, y its centre measured from the top of its lane. Vertical alignment lines the boxes up on
the whole map (lane tops included) but never moves a step out of its lane: a box that would
leave the top of its lane stops at the lane's top padding (the lane grows at the bottom by
itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pathmapper.commands.base import Command, CompositeCommand
from pathmapper.commands.document import MapDocument
from pathmapper.commands.fields import SetFields
from pathmapper.commands.steps import MoveSteps, StepPlace
from pathmapper.layout import LANE_PADDING, compute_geometry, layout_positions, step_size
from pathmapper.model import Lane, PathMap, Step, new_id, now_timestamp

AlignEdge = Literal["left", "centre", "right", "top", "middle", "bottom"]
ALIGN_EDGES: tuple[AlignEdge, ...] = ("left", "centre", "right", "top", "middle", "bottom")
DistributeAxis = Literal["horizontal", "vertical"]

ALIGN_NAMES: dict[AlignEdge, str] = {
    "left": "Align left",
    "centre": "Align centre",
    "right": "Align right",
    "top": "Align top",
    "middle": "Align middle",
    "bottom": "Align bottom",
}


@dataclass(frozen=True)
class _Box:
    step: Step
    centre_x: float
    centre_y: float  # on the whole map
    lane_top: float
    width: float
    height: float


def _placed_boxes(path_map: PathMap, ids: Iterable[str], at_least: int, verb: str) -> list[_Box]:
    wanted = set(ids)
    steps = [step for step in path_map.steps if step.id in wanted]
    placed = [step for step in steps if step.has_position]
    if len(placed) < at_least:
        raise ValueError(f"select at least {at_least} steps to {verb} them")
    geometry = compute_geometry(path_map, with_flows=False)  # lane tops are all it needs
    lane_tops = {band.lane_id: band.rect.top for band in geometry.lanes}
    boxes: list[_Box] = []
    for step in placed:
        assert step.x is not None and step.y is not None
        width, height, _lines = step_size(step)
        top = lane_tops.get(step.lane, 0.0)
        boxes.append(_Box(step, step.x, top + step.y, top, width, height))
    return boxes


def _lane_y(box: _Box, centre_y: float) -> float:
    """A centre on the whole map as a y in the step's own lane, kept below the lane's top."""
    return max(centre_y - box.lane_top, box.height / 2 + LANE_PADDING)


def _aligned_centre(edge: AlignEdge, low: float, high: float, size: float) -> float:
    """The centre of a box `size` long lined up on `edge` of the span from `low` to `high`."""
    if edge in ("left", "top"):
        return low + size / 2
    if edge in ("right", "bottom"):
        return high - size / 2
    return (low + high) / 2


def align_steps(path_map: PathMap, ids: Iterable[str], edge: AlignEdge) -> MoveSteps:
    """Line up the selected steps' edges or centres; one undo step."""
    boxes = _placed_boxes(path_map, ids, 2, "align")
    moves: dict[str, StepPlace] = {}
    if edge in ("left", "centre", "right"):
        left = min(box.centre_x - box.width / 2 for box in boxes)
        right = max(box.centre_x + box.width / 2 for box in boxes)
        for box in boxes:
            x = _aligned_centre(edge, left, right, box.width)
            moves[box.step.id] = (x, _lane_y(box, box.centre_y), None)
    else:
        top = min(box.centre_y - box.height / 2 for box in boxes)
        bottom = max(box.centre_y + box.height / 2 for box in boxes)
        for box in boxes:
            centre = _aligned_centre(edge, top, bottom, box.height)
            moves[box.step.id] = (box.centre_x, _lane_y(box, centre), None)
    command = MoveSteps(moves)
    command.text = f"{ALIGN_NAMES[edge]} {len(moves)} steps"
    return command


def distribute_steps(path_map: PathMap, ids: Iterable[str], axis: DistributeAxis) -> MoveSteps:
    """Space the selected steps' centres evenly between the two outermost; one undo step."""
    boxes = _placed_boxes(path_map, ids, 3, "distribute")
    horizontal = axis == "horizontal"

    def centre(box: _Box) -> float:
        return box.centre_x if horizontal else box.centre_y

    ordered = sorted(boxes, key=lambda box: (centre(box), box.step.id))
    first, last = centre(ordered[0]), centre(ordered[-1])
    gap = (last - first) / (len(ordered) - 1)
    moves: dict[str, StepPlace] = {}
    for index, box in enumerate(ordered):
        position = first + gap * index
        if horizontal:
            moves[box.step.id] = (position, _lane_y(box, box.centre_y), None)
        else:
            moves[box.step.id] = (box.centre_x, _lane_y(box, position), None)
    command = MoveSteps(moves)
    command.text = f"Distribute {len(moves)} steps {axis}ly"
    return command


# ------------------------------------------------------------------------------ new maps

TemplateName = Literal["blank", "standard_lanes"]
TEMPLATE_NAMES: dict[TemplateName, str] = {
    "blank": "Blank map",
    "standard_lanes": "Standard lanes: Patient, GP practice, Community services, Acute trust",
}
STANDARD_LANES: tuple[str, ...] = ("Patient", "GP practice", "Community services", "Acute trust")


def new_map(template: TemplateName = "blank") -> PathMap:
    """A fresh draft map from a template, with new ids and no timestamps yet (set on save)."""
    if template not in TEMPLATE_NAMES:
        raise ValueError(f"there is no map template called '{template}'")
    lanes = []
    if template == "standard_lanes":
        lanes = [Lane(id=new_id(), name=name, organisation=name) for name in STANDARD_LANES]
    return PathMap(id=new_id(), title="Untitled map", state="draft", lanes=lanes)


# --------------------------------------------------------------------------- layout on open


def layout_on_open(path_map: PathMap) -> Command | None:
    """A command placing the steps that have no position, or None when all are placed.

    A map with no placed step at all is laid out completely (lanes grow to fit); a map with a
    few unplaced steps keeps the others where they are and puts these at the ends of their lanes.
    """
    missing = [step for step in path_map.steps if not step.has_position]
    if not missing:
        return None
    anything_placed = len(missing) < len(path_map.steps)
    plan = layout_positions(path_map, only_missing=anything_placed)
    children: list[Command] = []
    moves: dict[str, StepPlace] = {
        step_id: (round(x, 1), round(y, 1), None) for step_id, (x, y) in plan.positions.items()
    }
    if moves:
        children.append(MoveSteps(moves))
    for lane_id, height in plan.lane_heights.items():
        children.append(SetFields(lane_id, {"height": height}, merge=False))
    for phase_id, width in plan.phase_widths.items():
        children.append(SetFields(phase_id, {"width": width}, merge=False))
    if not children:
        return None
    count = len(moves)
    return CompositeCommand(f"Lay out {count} step{'s' if count != 1 else ''}", children)


# ------------------------------------------------------------------------------- saving


class StampSaveTimes(Command):
    """Set the map's `modified` time (and `created` when it has none) just before a save.

    The files controller runs it directly, outside the undo history: a save time is not an edit
    the facilitator made, and undoing a rename must not rewind it. `undo` exists for symmetry.
    """

    text = "Save"

    def __init__(self, when: str | None = None) -> None:
        self.when = when
        self._old: dict[str, str | None] = {}
        self._map_id = ""

    def redo(self, document: MapDocument) -> None:
        path_map = document.path_map
        when = self.when or now_timestamp()
        self._map_id = path_map.id
        self._old = {"modified": path_map.modified, "created": path_map.created}
        changes: dict[str, str | None] = {"modified": when}
        if path_map.created is None:
            changes["created"] = when
        document.set_fields(path_map.id, changes)

    def undo(self, document: MapDocument) -> None:
        document.set_fields(self._map_id, dict(self._old))
