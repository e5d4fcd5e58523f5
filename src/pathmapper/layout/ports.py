"""Where flows meet their steps: the side each flow leaves and enters by, and its point on
that side.

Forward flows leave right and enter left; flows back to an earlier column leave and enter below
the steps (or between the lanes), so they read as going back; flows within a column go straight
down or up; a decision's branches leave from distinct corners, the one most level with it to
the right, and never from a corner flows arrive at. The flows on one side of a box get distinct
points along it, ordered by where their other ends are, so they neither share a line nor cross
at the box; a side's corners and the badges beside it are kept free. A decision's flows meet its
diamond at its corners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pathmapper.layout.primitives import Point, Rect, StepBox
from pathmapper.model import Flow

GAP = 8.0  # boxes closer than this horizontally count as one column
STUB = 12.0  # a route leaves and enters a box straight for at least this far
PORT_SPACING = 14.0
CORNER_ROOM = 10.0  # ports keep this far from a box's corners
PILL_PORT_REACH = 10.0  # on the round ends of a start or end, ports stay this near the middle

SIDES = ("right", "bottom", "top", "left")
DIRECTION: dict[str, tuple[int, int]] = {
    "right": (1, 0),
    "left": (-1, 0),
    "top": (0, -1),
    "bottom": (0, 1),
}


@dataclass(frozen=True)
class Port:
    side: str
    point: Point

    @property
    def outward(self) -> tuple[int, int]:
        return DIRECTION[self.side]


@dataclass(frozen=True)
class PlannedFlow:
    flow: Flow
    exit_side: str
    entry_side: str


def is_forward(source: Rect, target: Rect) -> bool:
    """A flow to a later column."""
    return target.left >= source.right + GAP


def natural_sides(source: Rect, target: Rect) -> tuple[str, str]:
    """The sides a flow between these boxes leaves and enters by, when nothing is in the way."""
    if source == target:
        return "right", "top"
    if is_forward(source, target):
        return "right", "left"
    if target.right <= source.left - GAP:  # back to an earlier column
        if target.top >= source.bottom + GAP:
            return "bottom", "top"
        if target.bottom <= source.top - GAP:
            return "top", "bottom"
        return "bottom", "bottom"
    if target.top >= source.bottom:
        return "bottom", "top"
    if target.bottom <= source.top:
        return "top", "bottom"
    return ("right", "left") if target.centre[0] >= source.centre[0] else ("left", "right")


def plan_sides(flows: Iterable[Flow], boxes: dict[str, StepBox]) -> dict[str, PlannedFlow]:
    """Each routable flow's exit and entry sides. A decision's branches leave from distinct
    corners, none of them a corner that flows arrive at; a box's top is not used where its
    badges leave no room."""
    routable = [f for f in flows if f.source in boxes and f.target in boxes]
    planned: dict[str, PlannedFlow] = {}
    for flow in routable:
        source, target = boxes[flow.source], boxes[flow.target]
        exit_side, entry_side = natural_sides(source.rect, target.rect)
        if not has_room(source, exit_side):
            exit_side = "right" if target.rect.centre[0] >= source.rect.centre[0] else "left"
        if not has_room(target, entry_side):
            entry_side = "left" if source.rect.centre[0] <= target.rect.centre[0] else "right"
        planned[flow.id] = PlannedFlow(flow, exit_side, entry_side)
    arriving: dict[str, set[str]] = defaultdict(set)
    branches: dict[str, list[Flow]] = defaultdict(list)
    for flow in routable:
        if boxes[flow.target].kind == "decision":
            arriving[flow.target].add(planned[flow.id].entry_side)
        if boxes[flow.source].kind == "decision" and flow.source != flow.target:
            branches[flow.source].append(flow)
    for decision_id, outgoing in branches.items():
        _spread_branches(boxes[decision_id], outgoing, boxes, planned, arriving[decision_id])
    _separate_corners(planned, boxes)
    return planned


def _separate_corners(planned: dict[str, PlannedFlow], boxes: dict[str, StepBox]) -> None:
    """A diamond's corner carries flows one way only: a flow arriving at a corner that flows
    leave from is moved to a corner no flow leaves from (the nearest to where it comes from)."""
    leaving: dict[str, set[str]] = defaultdict(set)
    for plan in planned.values():
        if boxes[plan.flow.source].kind == "decision":
            leaving[plan.flow.source].add(plan.exit_side)
    for flow_id, plan in planned.items():
        target = plan.flow.target
        if boxes[target].kind != "decision" or plan.entry_side not in leaving[target]:
            continue
        rect, (sx, sy) = boxes[target].rect, boxes[plan.flow.source].rect.centre
        cx, cy = rect.centre
        by_nearness = sorted(
            SIDES,
            key=lambda side: (
                abs(sx - (cx + DIRECTION[side][0] * rect.width / 2))
                + abs(sy - (cy + DIRECTION[side][1] * rect.height / 2))
            ),
        )
        free = [side for side in by_nearness if side not in leaving[target]]
        if free:
            planned[flow_id] = PlannedFlow(plan.flow, plan.exit_side, free[0])


def side_span(box: StepBox, side: str) -> tuple[float, float] | None:
    """The stretch of a side (along it) where flows may meet it: clear of the corners, of the
    round ends of a pill, and of the badges beside it; None when no room is left."""
    rect = box.rect
    cx, cy = rect.centre
    if box.kind == "decision":
        return (cy, cy) if side in ("left", "right") else (cx, cx)
    if side in ("left", "right"):
        reach = PILL_PORT_REACH if box.kind in ("start", "end") else rect.height / 2 - CORNER_ROOM
        return (cy - reach, cy + reach)
    inset = rect.height / 2 if box.kind in ("start", "end") else CORNER_ROOM
    low, high = rect.left + inset, rect.right - inset
    for badge in box.badges:
        above = badge.rect.bottom <= rect.top
        if above != (side == "top"):
            continue
        if badge.rect.centre[0] <= cx:
            low = max(low, badge.rect.right + CORNER_ROOM)
        else:
            high = min(high, badge.rect.left - CORNER_ROOM)
    return (low, high) if high - low >= 0 else None


def has_room(box: StepBox, side: str) -> bool:
    """Can flows meet this side (are its corners and badges not taking all of it)?"""
    return side_span(box, side) is not None


def _spread_branches(
    decision: StepBox,
    flows: list[Flow],
    boxes: dict[str, StepBox],
    planned: dict[str, PlannedFlow],
    arriving: set[str],
) -> None:
    """Branches of one decision leave from distinct corners where they can: the forward branch
    most level with the decision to the right, branches below from the bottom, above from the
    top, then any corner left free; never from a corner where flows arrive."""
    rect = decision.rect
    _, cy = rect.centre
    forward = [f for f in flows if is_forward(rect, boxes[f.target].rect)]
    used: dict[str, str] = {}
    if forward and "right" not in arriving:
        level = min(forward, key=lambda f: abs(boxes[f.target].rect.centre[1] - cy))
        used[level.id] = "right"
    for flow in sorted(flows, key=lambda f: abs(boxes[f.target].rect.centre[1] - cy)):
        if flow.id in used:
            continue
        target = boxes[flow.target].rect
        wanted = ["bottom", "top"] if target.centre[1] >= cy else ["top", "bottom"]
        if target.centre[0] > rect.right:
            wanted.insert(1, "right")
        else:
            wanted.insert(1, "left")
        wanted += [side for side in SIDES if side not in wanted]
        taken = set(used.values()) | arriving
        free = [side for side in wanted if side not in taken]
        allowed = [side for side in wanted if side not in arriving] or wanted
        used[flow.id] = free[0] if free else allowed[0]
    for flow in flows:
        side = used[flow.id]
        entry = _entry_for(side, rect, boxes[flow.target], planned[flow.id].entry_side)
        planned[flow.id] = PlannedFlow(flow, side, entry)


def _entry_for(exit_side: str, source: Rect, target_box: StepBox, natural: str) -> str:
    """The side of the target a flow leaving by `exit_side` most simply enters by: beside or
    across for an L or a Z, the same side for a U."""
    target = target_box.rect
    if exit_side == "right":
        return "left" if target.left >= source.right + STUB else natural
    if exit_side == "left":
        return "right" if target.right <= source.left - STUB else natural
    below = exit_side == "bottom"
    clear = target.top >= source.bottom + STUB if below else target.bottom <= source.top - STUB
    if not clear:
        return exit_side  # a U round the far side of both
    beside = target.left >= source.centre[0] + STUB or target.right <= source.centre[0] - STUB
    if beside:
        return "left" if target.left >= source.centre[0] else "right"
    entry = "top" if below else "bottom"
    if not has_room(target_box, entry):
        return "left" if target.centre[0] >= source.centre[0] else "right"
    return entry


def assign_ports(
    planned: dict[str, PlannedFlow],
    boxes: dict[str, StepBox],
) -> dict[str, tuple[Port, Port]]:
    """The exit and entry port of every planned flow: distinct points along each side, ordered
    by where the flows' other ends are."""
    on_side: dict[tuple[str, str], list[tuple[float, int, str, str]]] = defaultdict(list)
    order = 0
    for flow_id, plan in planned.items():
        flow = plan.flow
        for end, step_id, side, other in (
            ("exit", flow.source, plan.exit_side, flow.target),
            ("entry", flow.target, plan.entry_side, flow.source),
        ):
            ox, oy = boxes[other].rect.centre
            along = oy if side in ("left", "right") else ox
            on_side[(step_id, side)].append((along, order, flow_id, end))
            order += 1
    ports: dict[str, dict[str, Port]] = defaultdict(dict)
    for (step_id, side), members in on_side.items():
        box = boxes[step_id]
        members.sort()
        points = side_points(box, side, len(members))
        for (_along, _order, flow_id, end), point in zip(members, points, strict=True):
            ports[flow_id][end] = Port(side, point)
    return {flow_id: (ends["exit"], ends["entry"]) for flow_id, ends in ports.items()}


def side_points(box: StepBox, side: str, count: int) -> list[Point]:
    """`count` points along one side of a step's shape, spaced evenly about the middle of its
    free span (a diamond's all at its corner)."""
    rect = box.rect
    span = side_span(box, side)
    if span is None:  # only for a side chosen when no other would do: its middle
        middle = rect.centre[1] if side in ("left", "right") else rect.centre[0]
        span = (middle, middle)
    low, high = span
    spacing = min(PORT_SPACING, (high - low) / max(1, count - 1)) if count > 1 else 0.0
    middle = (low + high) / 2
    offsets = [middle + (i - (count - 1) / 2) * spacing for i in range(count)]
    if side in ("left", "right"):
        x = rect.right if side == "right" else rect.left
        return [(x, round(y, 1)) for y in offsets]
    y = rect.bottom if side == "bottom" else rect.top
    return [(round(x, 1), y) for x in offsets]


def free_point(box: StepBox, side: str, taken: list[Point]) -> Point | None:
    """A point on a side as far as it can be from the ports already on it (None when the side
    has no room)."""
    span = side_span(box, side)
    if span is None:
        return None
    if not taken:
        return side_points(box, side, 1)[0]
    candidates = side_points(box, side, 9 if span[1] > span[0] else 1)

    def distance(point: Point) -> float:
        return min(abs(point[0] - t[0]) + abs(point[1] - t[1]) for t in taken)

    return max(candidates, key=distance)
