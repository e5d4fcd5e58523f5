"""Orthogonal routes for flows between steps placed anywhere, the way libavoid does it
(Wybrow, Marriott and Stuckey, "Orthogonal connector routing", GD 2009), in three stages:

1. Ports. Each flow gets a side of its source to leave from and a side of its target to enter
   by: forward flows leave right and enter left; flows back to an earlier column leave and enter
   below the steps (or between the lanes), so they read as going back; flows within a column go
   straight down or up; a decision's branches leave from distinct corners, the one most level
   with it to the right. The flows on one side of a box get distinct points along it, ordered
   by where their other ends are, so they neither share a line nor cross at the box. A
   decision's flows meet its diamond at its corners.
2. Routes. Between its two ports a flow takes the cheapest clear path (length plus a cost per
   bend): the straight line, the one-bend L or the two-bend Z or U with its middle stretch in
   the middle of a free channel, when one of those keeps clear of every box, badge and note;
   otherwise the shortest path with fewest bends over an orthogonal visibility graph of the
   obstacles around the two steps (networkx), any side allowed.
3. Nudging (`nudging.py`) moves stretches of different flows that would run along one line
   apart, so every flow can be followed by eye.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

import networkx as nx

from pathmapper.layout.primitives import Point, Rect, StepBox
from pathmapper.layout.spatial import RectIndex
from pathmapper.model import Flow, PathMap

GAP = 8.0  # boxes closer than this horizontally count as one column
STUB = 12.0  # a route leaves and enters a box straight for at least this far
CLEARANCE = 8.0  # routes keep this far from boxes, badges and notes they pass
BEND_COST = 40.0
SIDE_COST = 60.0  # for leaving or entering by a side other than the natural one
PORT_SPACING = 14.0
CORNER_ROOM = 10.0  # ports keep this far from a box's corners
PILL_PORT_REACH = 10.0  # on the round ends of a start or end, ports stay this near the middle
MAX_SEARCH_POINTS = 6_000  # grid points of one search
SEARCH_BUDGET = 300_000  # grid points of every search for one map, so any placement is quick

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
        if exit_side == "top" and not _top_is_free(source):
            exit_side = "right" if target.rect.centre[0] >= source.rect.centre[0] else "left"
        if entry_side == "top" and not _top_is_free(target):
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


def _top_is_free(box: StepBox) -> bool:
    return side_span(box, "top") is not None


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
    if entry == "top" and not _top_is_free(target_box):
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
        points = _side_points(box, side, len(members))
        for (_along, _order, flow_id, end), point in zip(members, points, strict=True):
            ports[flow_id][end] = Port(side, point)
    return {flow_id: (ends["exit"], ends["entry"]) for flow_id, ends in ports.items()}


def _side_points(box: StepBox, side: str, count: int) -> list[Point]:
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


def _free_point(box: StepBox, side: str, taken: list[Point]) -> Point | None:
    """A point on a side as far as it can be from the ports already on it (None when the side
    has no room)."""
    span = side_span(box, side)
    if span is None:
        return None
    candidates = _side_points(box, side, 9 if span[1] > span[0] else 1)
    if not taken:
        return _side_points(box, side, 1)[0]

    def distance(point: Point) -> float:
        return min(abs(point[0] - t[0]) + abs(point[1] - t[1]) for t in taken)

    return max(candidates, key=distance)


class Obstacles:
    """Everything routes keep clear of: step boxes with their badges, and notes."""

    def __init__(self, boxes: Iterable[StepBox], extra: Iterable[tuple[str, Rect]] = ()) -> None:
        self.index: RectIndex[str] = RectIndex()
        self.exact: dict[str, Rect] = {}
        for box in boxes:
            self.index.add(box.step_id, box.footprint.grown(CLEARANCE))
            self.exact[box.step_id] = box.rect
        for key, rect in extra:
            self.index.add(key, rect.grown(CLEARANCE))

    def clear(self, points: Sequence[Point], source: str, target: str) -> bool:
        """Is the route clear of every obstacle? Its first stretch may start inside the
        clearance of its source and its last end inside its target's; no stretch may pass
        through the source or target boxes themselves."""
        last = len(points) - 2
        own = (source, target)
        for i in range(last + 1):
            a, b = points[i], points[i + 1]
            ignore: tuple[str, ...] = ()
            if i == 0 and i == last:
                ignore = own
            elif i == 0:
                ignore = (source,)
            elif i == last:
                ignore = (target,)
            if self.index.segment_hits(a, b, ignore):
                return False
            for step_id in own:
                if step_id in ignore and _through(self.exact[step_id], a, b):
                    return False
        return True


def _through(rect: Rect, a: Point, b: Point) -> bool:
    """Does the segment a-b pass through the inside of `rect` (not just touch its edge)?"""
    left, right = min(a[0], b[0]), max(a[0], b[0])
    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    inner = rect.grown(-0.5)
    return left < inner.right and right > inner.left and top < inner.bottom and bottom > inner.top


def route_cost(points: Sequence[Point]) -> float:
    length = sum(
        abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1] - points[i][1])
        for i in range(len(points) - 1)
    )
    return length + BEND_COST * max(0, len(points) - 2)


def simplify(points: Sequence[Point]) -> list[Point]:
    """The same polyline without repeated points or corners that are not corners."""
    kept: list[Point] = []
    for point in points:
        if kept and abs(point[0] - kept[-1][0]) < 0.01 and abs(point[1] - kept[-1][1]) < 0.01:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - point[0]) < 0.01) or (
                abs(ay - by) < 0.01 and abs(by - point[1]) < 0.01
            ):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


def template_routes(start: Port, end: Port, channels: Iterable[float]) -> Iterator[list[Point]]:
    """Routes with at most two bends from `start` to `end` (`end.side` is the side entered):
    straight, L, or Z/U with its middle stretch on one of `channels` (or a free choice)."""
    (px, py), (qx, qy) = start.point, end.point
    dx, dy = start.outward
    ex, ey = (-v for v in end.outward)  # the direction of travel on entering
    if dx and ex:  # both horizontal: a Z or U through a vertical stretch at x = m
        low = max(px + STUB if dx > 0 else -math.inf, qx + STUB if ex < 0 else -math.inf)
        high = min(px - STUB if dx < 0 else math.inf, qx - STUB if ex > 0 else math.inf)
        if abs(py - qy) < 0.01 and dx == ex and (qx - px) * dx > 0:
            yield [start.point, end.point]
        for m in _middles(low, high, channels):
            yield simplify([start.point, (m, py), (m, qy), end.point])
    elif dy and ey:  # both vertical: through a horizontal stretch at y = m
        low = max(py + STUB if dy > 0 else -math.inf, qy + STUB if ey < 0 else -math.inf)
        high = min(py - STUB if dy < 0 else math.inf, qy - STUB if ey > 0 else math.inf)
        if abs(px - qx) < 0.01 and dy == ey and (qy - py) * dy > 0:
            yield [start.point, end.point]
        for m in _middles(low, high, channels):
            yield simplify([start.point, (px, m), (qx, m), end.point])
    elif dx:  # leaves sideways, enters from above or below: an L
        if (qx - px) * dx >= STUB and (qy - py) * ey >= STUB:
            yield [start.point, (qx, py), end.point]
    elif (qy - py) * dy >= STUB and (qx - px) * ex >= STUB:  # leaves up or down, enters sideways
        yield [start.point, (px, qy), end.point]


def _middles(low: float, high: float, channels: Iterable[float]) -> Iterator[float]:
    if low > high:
        return
    if math.isfinite(low) and math.isfinite(high):
        yield round((low + high) / 2, 1)
    for channel in channels:
        if low <= channel <= high:
            yield channel
    if not math.isfinite(high):
        for k in range(4):
            yield low + k * 12.0
    elif not math.isfinite(low):
        for k in range(4):
            yield high - k * 12.0
    else:
        yield low
        yield high


class Router:
    """Routes flows between the boxes of one map, around its obstacles."""

    def __init__(
        self,
        boxes: dict[str, StepBox],
        obstacles: Obstacles,
        body: Rect,
        planned: dict[str, PlannedFlow],
        ports: dict[str, tuple[Port, Port]],
    ) -> None:
        self.boxes = boxes
        self.obstacles = obstacles
        self.body = body
        self.budget = SEARCH_BUDGET
        # (step id, side) -> the points flows leave (True) or arrive (False) by
        self.used: dict[tuple[str, str], list[tuple[Point, bool]]] = defaultdict(list)
        for flow_id, plan in planned.items():
            self.register(plan.flow, *ports[flow_id])

    def register(self, flow: Flow, start: Port, end: Port) -> None:
        self.used[(flow.source, start.side)].append((start.point, True))
        self.used[(flow.target, end.side)].append((end.point, False))

    def other_port(self, step_id: str, side: str, leaving: bool) -> Port | None:
        """A port on a side other than the planned one, clear of the ports there (a
        diamond's corner only if no flow uses it the other way)."""
        box = self.boxes[step_id]
        used = self.used.get((step_id, side), [])
        if box.kind == "decision":
            if any(way != leaving for _, way in used):
                return None
            return Port(side, _side_points(box, side, 1)[0])
        point = _free_point(box, side, [p for p, _ in used])
        return None if point is None else Port(side, point)

    def route(self, flow: Flow, start: Port, end: Port) -> list[Point]:
        """The route of one flow planned to leave by `start` and arrive by `end`; other sides
        are used, and registered, only when those are blocked."""
        channels = self._channels(start.point, end.point)
        best: tuple[list[Point], Port, Port] | None = None
        best_cost = math.inf
        for begin, finish, extra in self._port_choices(flow, start, end):
            for points in template_routes(begin, finish, channels):
                cost = route_cost(points) + extra
                if cost < best_cost and self.obstacles.clear(points, flow.source, flow.target):
                    best, best_cost = (points, begin, finish), cost
            if best is not None and extra == 0:
                return best[0]
        if best is None:
            best = self._search(flow, start, end)
        if best is None:
            return simplify(next(template_routes(start, end, ()), _elbow(start, end)))
        points, begin, finish = best
        if (begin, finish) != (start, end):
            self.register(flow, begin, finish)
        return points

    def _port_choices(
        self, flow: Flow, start: Port, end: Port
    ) -> Iterator[tuple[Port, Port, float]]:
        """The planned ports first, then the middles of other sides, at a cost."""
        yield start, end, 0.0
        for exit_side in SIDES:
            begin = (
                start if exit_side == start.side else self.other_port(flow.source, exit_side, True)
            )
            if begin is None:
                continue
            for entry_side in SIDES:
                if (exit_side, entry_side) == (start.side, end.side):
                    continue
                finish = (
                    end
                    if entry_side == end.side
                    else self.other_port(flow.target, entry_side, False)
                )
                if finish is None:
                    continue
                changed = (exit_side != start.side) + (entry_side != end.side)
                yield begin, finish, SIDE_COST * changed

    def _channels(self, a: Point, b: Point) -> list[float]:
        """Middles of the free gaps between obstacles near two points, both ways (a stretch
        in the middle of a gap reads best and leaves room either side)."""
        area = Rect(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))
        near = [rect for _, rect in self.obstacles.index.near(area.grown(40))]
        xs = _gap_middles(sorted((r.left, r.right) for r in near), area.left, area.right)
        ys = _gap_middles(sorted((r.top, r.bottom) for r in near), area.top, area.bottom)
        return xs + ys

    def _search(self, flow: Flow, start: Port, end: Port) -> tuple[list[Point], Port, Port] | None:
        """The cheapest route over an orthogonal visibility graph of the obstacles in a
        window around the two steps, widened until a route is found."""
        source, target = self.boxes[flow.source], self.boxes[flow.target]
        window = source.footprint.united(target.footprint).grown(120)
        for _ in range(3):
            if self.budget <= 0:
                return None
            window = _clip(window, self.body)
            found = _grid_search(self, flow, source, target, start, end, window)
            if found is not None:
                return found
            window = window.grown(max(window.width, window.height) / 2)
        return None


def _gap_middles(spans: list[tuple[float, float]], low: float, high: float) -> list[float]:
    middles: list[float] = []
    reach = low - 200
    for start, finish in spans:
        if start > reach and low - 200 <= (start + reach) / 2 <= high + 200:
            middles.append(round((start + reach) / 2, 1))
        reach = max(reach, finish)
    return middles


def _clip(window: Rect, body: Rect) -> Rect:
    left, top = max(window.left, body.left), max(window.top, body.top)
    right, bottom = min(window.right, body.right), min(window.bottom, body.bottom)
    return Rect(left, top, max(0.0, right - left), max(0.0, bottom - top))


def _elbow(start: Port, end: Port) -> list[Point]:
    (px, py), (qx, qy) = start.point, end.point
    return [start.point, ((px + qx) / 2, py), ((px + qx) / 2, qy), end.point]


def _grid_search(
    router: Router,
    flow: Flow,
    source: StepBox,
    target: StepBox,
    start: Port,
    end: Port,
    window: Rect,
) -> tuple[list[Point], Port, Port] | None:
    near = [
        (key, rect)
        for key, rect in router.obstacles.index.near(window)
        if key not in (flow.source, flow.target)
    ]
    own = [source.footprint.grown(CLEARANCE), target.footprint.grown(CLEARANCE)]
    stubs = []
    for port, box, leaving in ((start, source, True), (end, target, False)):
        candidates = [(port.side, port.point)]
        for side in SIDES:
            other = router.other_port(box.step_id, side, leaving) if side != port.side else None
            if other is not None:
                candidates.append((side, other.point))
        stubs.append(candidates)
    xs = {window.left, window.right}
    ys = {window.top, window.bottom}
    for _, rect in near:
        xs.update((rect.left, rect.right))
        ys.update((rect.top, rect.bottom))
    for rect in own:
        xs.update((rect.left, rect.right))
        ys.update((rect.top, rect.bottom))
    xs.update(_gap_middles(sorted((r.left, r.right) for _, r in near), window.left, window.right))
    ys.update(_gap_middles(sorted((r.top, r.bottom) for _, r in near), window.top, window.bottom))
    ends: list[list[tuple[str, Point, Point]]] = []
    for candidates, rect in zip(stubs, own, strict=True):
        with_stub = []
        for side, point in candidates:
            dx, dy = DIRECTION[side]
            reach = (rect.right - point[0]) if dx > 0 else (point[0] - rect.left) if dx < 0 else 0
            reach = reach or ((rect.bottom - point[1]) if dy > 0 else (point[1] - rect.top))
            stub = (point[0] + dx * reach, point[1] + dy * reach)
            xs.add(stub[0])
            ys.add(stub[1])
            with_stub.append((side, point, stub))
        ends.append(with_stub)
    column = sorted(x for x in xs if window.left <= x <= window.right)
    row = sorted(y for y in ys if window.top <= y <= window.bottom)
    if len(column) * len(row) > min(MAX_SEARCH_POINTS, router.budget):
        return None
    router.budget -= len(column) * len(row)
    blockers = [rect for _, rect in near] + own
    blocked_index: RectIndex[int] = RectIndex(enumerate(blockers))

    def inside(x: float, y: float) -> bool:
        return blocked_index.hits(Rect(x, y, 0.0, 0.0))  # the edges themselves are free

    graph: nx.Graph[tuple[float, float, str]] = nx.Graph()
    free = {(x, y) for x in column for y in row if not inside(x, y)}
    for y in row:
        previous: float | None = None
        for x in column:
            if (x, y) not in free:
                previous = None
                continue
            if previous is not None and not blocked_index.segment_hits((previous, y), (x, y)):
                graph.add_edge((previous, y, "h"), (x, y, "h"), weight=x - previous)
            previous = x
    for x in column:
        previous = None
        for y in row:
            if (x, y) not in free:
                previous = None
                continue
            if previous is not None and not blocked_index.segment_hits((x, previous), (x, y)):
                graph.add_edge((x, previous, "v"), (x, y, "v"), weight=y - previous)
            previous = y
    for x, y in free:
        graph.add_edge((x, y, "h"), (x, y, "v"), weight=BEND_COST)
    begin, finish = (math.inf, math.inf, "begin"), (math.inf, math.inf, "finish")
    for index, (side, _point, stub) in enumerate(ends[0]):
        node = (stub[0], stub[1], "h" if side in ("left", "right") else "v")
        if node in graph:
            graph.add_edge(begin, node, weight=SIDE_COST if index else 0.0)
    for index, (side, _point, stub) in enumerate(ends[1]):
        node = (stub[0], stub[1], "h" if side in ("left", "right") else "v")
        if node in graph:
            graph.add_edge(node, finish, weight=SIDE_COST if index else 0.0)
    if begin not in graph or finish not in graph:
        return None
    try:
        path = nx.dijkstra_path(graph, begin, finish, weight="weight")
    except nx.NetworkXNoPath:
        return None
    first, last = path[1], path[-2]
    begin_side, start_point = next(
        (side, p) for side, p, st in ends[0] if (st[0], st[1]) == (first[0], first[1])
    )
    end_side, end_point = next(
        (side, p) for side, p, st in ends[1] if (st[0], st[1]) == (last[0], last[1])
    )
    corners = [(node[0], node[1]) for node in path[1:-1]]
    points = simplify([start_point, *corners, end_point])
    if router.obstacles.clear(points, flow.source, flow.target):
        return points, Port(begin_side, start_point), Port(end_side, end_point)
    return None


def route_all(
    path_map: PathMap,
    boxes: dict[str, StepBox],
    obstacles: Obstacles,
    body: Rect,
    only: Collection[str] | None = None,
) -> tuple[dict[str, list[Point]], dict[str, tuple[Port, Port]]]:
    """The unnudged route of every flow whose two steps have boxes (of `only`, when given),
    with the ports each was given."""
    planned = plan_sides(path_map.flows, boxes)
    ports = assign_ports(planned, boxes)
    router = Router(boxes, obstacles, body, planned, ports)
    routes: dict[str, list[Point]] = {}
    for flow_id, plan in planned.items():
        if only is not None and flow_id not in only:
            continue
        start, end = ports[flow_id]
        routes[flow_id] = router.route(plan.flow, start, end)
    return routes, ports


def routes_in_the_open(flows: Iterable[Flow], boxes: dict[str, StepBox]) -> dict[str, list[Point]]:
    """Routes between `boxes` as if nothing else were on the map: the quick drawing of arrows
    following steps being dragged (the full routing runs when they are dropped)."""
    planned = plan_sides(flows, boxes)
    ports = assign_ports(planned, boxes)
    routes: dict[str, list[Point]] = {}
    for flow_id in planned:
        start, end = ports[flow_id]
        route = next(template_routes(start, end, ()), None)
        routes[flow_id] = simplify(route or _elbow(start, end))
    return routes
