"""Orthogonal routes for flows between steps placed anywhere, the way libavoid does it
(Wybrow, Marriott and Stuckey, "Orthogonal connector routing", GD 2009), in three stages:

1. Ports (`ports.py`): the side each flow leaves and enters by, and its point on that side.
2. Routes. Between its two ports a flow takes the cheapest clear path (length plus a cost per
   bend): the straight line, the one-bend L or the two-bend Z or U with its middle stretch in
   the middle of a free channel, when one of those keeps clear of every box, badge and note;
   otherwise the shortest path with fewest bends over an orthogonal visibility graph of the
   obstacles around the two steps (networkx), any side allowed.
3. Nudging (`nudging.py`) moves stretches of different flows that would run along one line
   apart, so every flow can be followed by eye. A pair it cannot part (both ends on diamonds'
   corners, no track free) has one flow routed again (`Router.reroute`) by other sides.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from pathmapper.layout.grid_paths import cheapest_corners
from pathmapper.layout.ports import (
    DIRECTION,
    SIDES,
    STUB,
    PlannedFlow,
    Port,
    assign_ports,
    free_point,
    plan_sides,
    side_points,
)
from pathmapper.layout.primitives import Point, Rect, StepBox
from pathmapper.layout.spatial import RectIndex
from pathmapper.model import Flow, PathMap

CLEARANCE = 8.0  # routes keep this far from boxes, badges and notes they pass
BEND_COST = 40.0
SIDE_COST = 60.0  # for leaving or entering by a side other than the natural one
MAX_SEARCH_POINTS = 6_000  # grid points of one search
SEARCH_BUDGET = 300_000  # grid points of every search for one map, so any placement is quick


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
        if last < 0:
            return True
        hits = self.index.segment_hits
        exact = self.exact
        a, b = points[0], points[1]
        if last == 0:
            return not (
                hits(a, b, (source, target))
                or exact[source].crossed_by(a, b)
                or exact[target].crossed_by(a, b)
            )
        if hits(a, b, (source,)) or exact[source].crossed_by(a, b):
            return False
        for i in range(1, last):
            if hits(points[i], points[i + 1]):
                return False
        a, b = points[last], points[last + 1]
        return not (hits(a, b, (target,)) or exact[target].crossed_by(a, b))


def route_cost(points: Sequence[Point]) -> float:
    length: float = 0  # summed in the same order as sum() would
    for i in range(len(points) - 1):
        (ax, ay), (bx, by) = points[i], points[i + 1]
        length += abs(bx - ax) + abs(by - ay)
    return length + BEND_COST * max(0, len(points) - 2)


def simplify(points: Sequence[Point]) -> list[Point]:
    """The same polyline without repeated points or corners that are not corners."""
    kept: list[Point] = []
    for point in points:
        if kept:
            px, py = point
            bx, by = kept[-1]
            if abs(px - bx) < 0.01 and abs(py - by) < 0.01:
                continue
            if len(kept) >= 2:
                ax, ay = kept[-2]
                if (abs(ax - bx) < 0.01 and abs(bx - px) < 0.01) or (
                    abs(ay - by) < 0.01 and abs(by - py) < 0.01
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
        self.ports = ports
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
            return Port(side, side_points(box, side, 1)[0])
        point = free_point(box, side, [p for p, _ in used])
        return None if point is None else Port(side, point)

    def route(self, flow: Flow, start: Port, end: Port) -> list[Point]:
        """The route of one flow planned to leave by `start` and arrive by `end`; other sides
        are used, and registered, only when those are blocked."""
        best = self._cheapest_template(flow, start, end)
        if best is None:
            best = self._search(flow, start, end)
        if best is None:
            return simplify(next(template_routes(start, end, ()), _elbow(start, end)))
        points, begin, finish = best
        if (begin, finish) != (start, end):
            self.register(flow, begin, finish)
        return points

    def reroute(
        self, flow: Flow, acceptable: Callable[[list[Point]], bool], avoid: Sequence[Rect] = ()
    ) -> list[Point] | None:
        """The cheapest route of a routed flow by other sides than its planned ones, clear of
        obstacles and `acceptable` (sharing no other flow's line, say); None when there is
        none. When no simple route serves, a search that keeps off `avoid` as well (the
        lengths it must not run along), which stay obstacles after. Its ports are
        registered."""
        start, end = self.ports[flow.id]
        best = self._cheapest_template(flow, start, end, acceptable, other_sides_only=True)
        if best is None and avoid:
            for number, rect in enumerate(avoid):
                self.obstacles.index.add(f"avoid:{flow.id}:{number}", rect.grown(CLEARANCE))
            found = self._search(flow, start, end)
            if found is not None and acceptable(found[0]):
                best = found
        if best is None:
            return None
        points, begin, finish = best
        self.register(flow, begin, finish)
        return points

    def _cheapest_template(
        self,
        flow: Flow,
        start: Port,
        end: Port,
        acceptable: Callable[[list[Point]], bool] | None = None,
        other_sides_only: bool = False,
    ) -> tuple[list[Point], Port, Port] | None:
        """The cheapest clear (and `acceptable`) template route and its ports: by the planned
        ports when one of those is clear, else by other sides at a cost."""
        channels = self._channels(start.point, end.point)
        best: tuple[list[Point], Port, Port] | None = None
        best_cost = math.inf
        for begin, finish, extra in self._port_choices(flow, start, end):
            if extra == 0 and other_sides_only:
                continue
            if best is not None and _least_cost(begin, finish) + extra >= best_cost:
                continue  # none of its routes could be cheaper
            for points in template_routes(begin, finish, channels):
                cost = route_cost(points) + extra
                if (
                    cost < best_cost
                    and self.obstacles.clear(points, flow.source, flow.target)
                    and (acceptable is None or acceptable(points))
                ):
                    best, best_cost = (points, begin, finish), cost
            if best is not None and extra == 0:
                break  # the planned sides serve
        return best

    def _port_choices(
        self, flow: Flow, start: Port, end: Port
    ) -> Iterator[tuple[Port, Port, float]]:
        """The planned ports first, then the middles of other sides, at a cost."""
        yield start, end, 0.0
        # the same ports for every exit side: asked once (nothing is registered meanwhile)
        finishes = {
            side: self.other_port(flow.target, side, False) for side in SIDES if side != end.side
        }
        for exit_side in SIDES:
            begin = (
                start if exit_side == start.side else self.other_port(flow.source, exit_side, True)
            )
            if begin is None:
                continue
            for entry_side in SIDES:
                if (exit_side, entry_side) == (start.side, end.side):
                    continue
                finish = end if entry_side == end.side else finishes[entry_side]
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


def _least_cost(start: Port, end: Port) -> float:
    """Less than the cost of any route from `start` to `end`: no polyline is shorter than the
    distance along the axes between its ends, and `simplify` may move the last point up to
    0.01 each way; the rest is more than rounding can take off."""
    (px, py), (qx, qy) = start.point, end.point
    slack = 1.0 + 1e-9 * (abs(px) + abs(py) + abs(qx) + abs(qy))
    return abs(qx - px) + abs(qy - py) - slack


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
    limit = min(MAX_SEARCH_POINTS, router.budget)
    xs = {window.left, window.right}
    ys = {window.top, window.bottom}
    # The grid has at least as many columns and rows as the edges met in the window so far: a
    # window with too many is given up before all its obstacles are collected.
    columns_met = {x for x in xs if window.left <= x <= window.right}
    rows_met = {y for y in ys if window.top <= y <= window.bottom}
    near: list[Rect] = []
    x_spans: list[tuple[float, float]] = []
    y_spans: list[tuple[float, float]] = []
    own_keys = (flow.source, flow.target)
    for key, rect in router.obstacles.index.each_near(window):
        if key in own_keys:
            continue
        near.append(rect)
        left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
        xs.update((left, right))
        ys.update((top, bottom))
        x_spans.append((left, right))
        y_spans.append((top, bottom))
        for x in (left, right):
            if window.left <= x <= window.right:
                columns_met.add(x)
        for y in (top, bottom):
            if window.top <= y <= window.bottom:
                rows_met.add(y)
        if len(columns_met) * len(rows_met) > limit:
            return None
    own = [source.footprint.grown(CLEARANCE), target.footprint.grown(CLEARANCE)]
    stubs = []
    for port, box, leaving in ((start, source, True), (end, target, False)):
        candidates = [(port.side, port.point)]
        for side in SIDES:
            other = router.other_port(box.step_id, side, leaving) if side != port.side else None
            if other is not None:
                candidates.append((side, other.point))
        stubs.append(candidates)
    for rect in own:
        xs.update((rect.left, rect.right))
        ys.update((rect.top, rect.bottom))
    xs.update(_gap_middles(sorted(x_spans), window.left, window.right))
    ys.update(_gap_middles(sorted(y_spans), window.top, window.bottom))
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
    if len(column) * len(row) > limit:
        return None
    router.budget -= len(column) * len(row)
    corners = cheapest_corners(column, row, near + own, ends, BEND_COST, SIDE_COST)
    if corners is None:
        return None
    first, last = corners[0], corners[-1]
    begin_side, start_point = next(
        (side, p) for side, p, st in ends[0] if (st[0], st[1]) == (first[0], first[1])
    )
    end_side, end_point = next(
        (side, p) for side, p, st in ends[1] if (st[0], st[1]) == (last[0], last[1])
    )
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
) -> tuple[dict[str, list[Point]], Router]:
    """The unnudged route of every flow whose two steps have boxes (of `only`, when given),
    and the router (which knows the ports each was given, and can route one again)."""
    planned = plan_sides(path_map.flows, boxes)
    ports = assign_ports(planned, boxes)
    router = Router(boxes, obstacles, body, planned, ports)
    routes: dict[str, list[Point]] = {}
    for flow_id, plan in planned.items():
        if only is not None and flow_id not in only:
            continue
        start, end = ports[flow_id]
        routes[flow_id] = router.route(plan.flow, start, end)
    return routes, router


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
