"""Orthogonal routes for flows between step boxes.

Forward flows leave a step's right side and enter the next step's left side, with one vertical
jog placed where it crosses no other step if there is such a place; a decision's branches fan
out from its right, bottom and top corners; flows back to an earlier step (loops, re-referrals)
run below the steps, so they read clearly as going back. Renderers round the corners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from pathmapper.model import Flow, PathMap

if TYPE_CHECKING:
    from pathmapper.layout.geometry import FlowRoute, Rect, StepBox

Point = tuple[float, float]
GAP = 8.0  # boxes closer than this horizontally count as one column
CHANNEL_OFFSET = 22.0  # how far below the steps a back flow runs
PARALLEL_OFFSET = 9.0  # between several flows joining the same two steps
GRID = 160.0  # cell size of the obstacle index


class ObstacleIndex:
    """Step boxes bucketed in a grid, to find quickly which ones a segment would cross."""

    def __init__(self, boxes: Iterable[StepBox]) -> None:
        # Each box as (step id, left + 1, right - 1, top + 1, bottom - 1): a segment must pass
        # more than a point inside a box to count as crossing it.
        self._cells: dict[tuple[int, int], list[_Inset]] = defaultdict(list)
        self._boxes: list[_Inset] = []
        for box in boxes:
            rect = box.rect
            left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
            inset = (box.step_id, left + 1, right - 1, top + 1, bottom - 1)
            self._boxes.append(inset)
            for cell in self._cells_of(left, top, right, bottom):
                self._cells[cell].append(inset)

    @staticmethod
    def _cells_of(
        left: float, top: float, right: float, bottom: float
    ) -> Iterable[tuple[int, int]]:
        for ix in range(int(left // GRID), int(right // GRID) + 1):
            for iy in range(int(top // GRID), int(bottom // GRID) + 1):
                yield (ix, iy)

    def blocked(self, a: Point, b: Point, ignore: tuple[str, ...]) -> bool:
        """Does the axis-parallel segment a-b pass through a step other than `ignore`?"""
        left, right = min(a[0], b[0]), max(a[0], b[0])
        top, bottom = min(a[1], b[1]), max(a[1], b[1])
        cell_count = ((right - left) // GRID + 2) * ((bottom - top) // GRID + 2)
        if cell_count > len(self._boxes):  # a very long segment: checking every box is cheaper
            return _any_crossed(self._boxes, left, top, right, bottom, ignore)
        cells = self._cells
        for ix in range(int(left // GRID), int(right // GRID) + 1):
            for iy in range(int(top // GRID), int(bottom // GRID) + 1):
                boxes = cells.get((ix, iy))
                if boxes and _any_crossed(boxes, left, top, right, bottom, ignore):
                    return True
        return False

    def path_blocked(self, points: list[Point], ignore: tuple[str, ...]) -> bool:
        return any(self.blocked(points[i], points[i + 1], ignore) for i in range(len(points) - 1))


_Inset = tuple[str, float, float, float, float]


def _any_crossed(
    boxes: list[_Inset],
    left: float,
    top: float,
    right: float,
    bottom: float,
    ignore: tuple[str, ...],
) -> bool:
    for step_id, inner_left, inner_right, inner_top, inner_bottom in boxes:
        crossed = left < inner_right and right > inner_left
        if crossed and top < inner_bottom and bottom > inner_top and step_id not in ignore:
            return True
    return False


def is_forward(source: Rect, target: Rect) -> bool:
    """A flow to a later column: the only kind whose route looks for a way around other boxes
    (flows back and flows within a column are drawn from their two ends alone)."""
    return target.left >= source.right + GAP


def numbered_parallels(flows: Iterable[Flow]) -> Iterator[tuple[Flow, int]]:
    """Each flow with how many flows between the same two steps came before it: its route is
    drawn that many PARALLEL_OFFSETs aside."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for flow in flows:
        pair = (flow.source, flow.target)
        yield flow, seen[pair]
        seen[pair] += 1


def route_flows(
    path_map: PathMap,
    boxes: dict[str, StepBox],
    only: Collection[str] | None = None,
    index: ObstacleIndex | None = None,
) -> dict[str, FlowRoute]:
    """The routes of the map's flows between `boxes` (of the flows whose ids are in `only`,
    when given: each route exactly as routing every flow would make it). `index` may be given
    when the caller already holds one over the same boxes."""
    from pathmapper.layout.geometry import FlowRoute

    if index is None:
        index = ObstacleIndex(boxes.values())
    lane_of = {step.id: step.lane for step in path_map.steps}
    kind_of = {step.id: step.kind for step in path_map.steps}
    routable = [f for f in path_map.flows if f.source in boxes and f.target in boxes]
    outgoing: dict[str, list[str]] = defaultdict(list)
    for flow in routable:
        outgoing[flow.source].append(flow.target)
    routes: dict[str, FlowRoute] = {}
    for flow, parallel in numbered_parallels(routable):
        if only is not None and flow.id not in only:
            continue
        source, target = boxes[flow.source], boxes[flow.target]
        port = "right"
        if kind_of.get(flow.source) == "decision":
            port = _decision_port(source, target, [boxes[t] for t in outgoing[flow.source]])
        points, anchor = _route(source, target, port, parallel, index)
        routes[flow.id] = FlowRoute(
            flow.id,
            tuple(points),
            anchor,
            lane_of.get(flow.source) != lane_of.get(flow.target),
        )
    return routes


def _decision_port(source: StepBox, target: StepBox, branches: list[StepBox]) -> str:
    """Right for the branch most level with the decision; bottom or top for the others."""
    forward = [b for b in branches if is_forward(source.rect, b.rect)]
    if target not in forward or len(branches) < 2:
        return "right"
    source_y = source.rect.centre[1]
    level = min(forward, key=lambda b: abs(b.rect.centre[1] - source_y))
    if level is target or abs(target.rect.centre[1] - source_y) < 1:
        return "right"
    return "bottom" if target.rect.centre[1] > source_y else "top"


def _route(
    source: StepBox, target: StepBox, port: str, parallel: int, index: ObstacleIndex
) -> tuple[list[Point], Point]:
    s, t = source.rect, target.rect
    sx, sy = s.centre
    tx, ty = t.centre
    ignore = (source.step_id, target.step_id)
    shift = parallel * PARALLEL_OFFSET

    if source.step_id == target.step_id:  # a step flowing to itself
        above = s.top - CHANNEL_OFFSET - shift
        points = [
            (s.right, sy),
            (s.right + 20, sy),
            (s.right + 20, above),
            (sx, above),
            (sx, s.top),
        ]
        return points, (s.right + 10, above)

    if is_forward(s, t):
        if port in ("bottom", "top"):
            start_y = s.bottom if port == "bottom" else s.top
            points = [(sx + shift, start_y), (sx + shift, ty), (t.left, ty)]
            if not index.path_blocked(points, ignore):
                offset = 16 if port == "bottom" else -16
                return points, (sx + shift, start_y + offset)
        if abs(ty - sy) < 1 and not parallel:
            points = [(s.right, sy), (t.left, ty)]
            if not index.path_blocked(points, ignore):
                return points, _anchor_forward(points, s)
        points = _forward_with_jog(s, t, shift, index, ignore)
        return points, _anchor_forward(points, s)

    if t.right <= s.left - GAP:  # back to an earlier column: a loop or re-referral
        if t.top >= s.bottom:
            middle = (s.bottom + t.top) / 2 + shift
            points = [(sx, s.bottom), (sx, middle), (tx, middle), (tx, t.top)]
        elif t.bottom <= s.top:
            middle = (t.bottom + s.top) / 2 - shift
            points = [(sx, s.top), (sx, middle), (tx, middle), (tx, t.bottom)]
        else:
            channel = max(s.bottom, t.bottom) + CHANNEL_OFFSET + shift
            points = [(sx, s.bottom), (sx, channel), (tx, channel), (tx, t.bottom)]
        return points, _midpoint_of_longest(points)

    # Same column: straight down or up.
    if t.top >= s.bottom:
        middle = (s.bottom + t.top) / 2
        points = [(sx + shift, s.bottom), (sx + shift, middle), (tx + shift, middle)]
        points.append((tx + shift, t.top))
    elif t.bottom <= s.top:
        middle = (t.bottom + s.top) / 2
        points = [(sx + shift, s.top), (sx + shift, middle), (tx + shift, middle)]
        points.append((tx + shift, t.bottom))
    else:
        points = [(sx, sy), (tx, ty)]
    return _drop_repeats(points), _midpoint_of_longest(points)


def _forward_with_jog(
    s: Rect, t: Rect, shift: float, index: ObstacleIndex, ignore: tuple[str, ...]
) -> list[Point]:
    sy, ty = s.centre[1] + shift, t.centre[1] + shift
    low, high = s.right + 12, t.left - 12
    middle = (s.right + t.left) / 2
    candidates = [middle, high, low] + [low + (high - low) * k / 6 for k in range(1, 6)]
    for x in candidates:
        points = [(s.right, sy), (x, sy), (x, ty), (t.left, ty)]
        if not index.path_blocked(points, ignore):
            return _drop_repeats(points)
    # No clear jog: run in a channel between the rows, just above or below the two steps.
    for channel in (
        max(s.bottom, t.bottom) + CHANNEL_OFFSET,
        min(s.top, t.top) - CHANNEL_OFFSET,
    ):
        points = [
            (s.right, sy),
            (low, sy),
            (low, channel),
            (high, channel),
            (high, ty),
            (t.left, ty),
        ]
        if not index.path_blocked(points, ignore):
            return points
    return _drop_repeats([(s.right, sy), (middle, sy), (middle, ty), (t.left, ty)])


def _drop_repeats(points: list[Point]) -> list[Point]:
    kept = [points[0]]
    for point in points[1:]:
        if abs(point[0] - kept[-1][0]) > 0.01 or abs(point[1] - kept[-1][1]) > 0.01:
            kept.append(point)
    return kept


def _anchor_forward(points: list[Point], source: Rect) -> Point:
    """A branch label sits on the first stretch after the source, so it reads with its step."""
    (x0, y0), (x1, _y1) = points[0], points[1]
    return (x0 + min(34.0, max(abs(x1 - x0) / 2, 12.0)), y0)


def _midpoint_of_longest(points: list[Point]) -> Point:
    best = max(
        range(len(points) - 1),
        key=lambda i: abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1] - points[i][1]),
    )
    (x0, y0), (x1, y1) = points[best], points[best + 1]
    return ((x0 + x1) / 2, (y0 + y1) / 2)


LABEL_GAP = 4.0  # between the start of a flow and the edge of its label


def label_box(
    points: Sequence[Point], anchor: Point, width: float, height: float
) -> tuple[float, float, float, float]:
    """Where a flow's label of this size goes: centred on `anchor`, slid along the first stretch
    of the route until it no longer covers the route's start (it would lie over the source
    step). Returns (left, top, width, height). Canvas and PDF both place labels with it."""
    left, top = anchor[0] - width / 2, anchor[1] - height / 2
    if len(points) < 2:
        return left, top, width, height
    (x0, y0), (x1, y1) = points[0], points[1]
    if not (left <= x0 <= left + width and top <= y0 <= top + height):
        return left, top, width, height
    if abs(y1 - y0) < 0.01:  # the route leaves sideways
        left = x0 + LABEL_GAP if x1 >= x0 else x0 - LABEL_GAP - width
    else:
        top = y0 + LABEL_GAP if y1 >= y0 else y0 - LABEL_GAP - height
    return left, top, width, height
