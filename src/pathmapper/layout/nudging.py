"""Moving apart stretches of different flows that would run along one line.

After routing, two flows may share a channel and so a line: nobody could tell which arrow goes
where. Every such pair of overlapping collinear stretches is found with a sweep over lines, and
one of the two stretches is moved sideways by a track width, to the nearest offset where it is
still clear of every obstacle and meets no other stretch along a line. A middle stretch moves
with its two corners; a first or last stretch moves its port along the box side (not on a
diamond's corner). Flows that share a source may keep a shared first stretch (a fork) and flows
that share a target a shared last stretch (a merge); nothing else is shared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pathmapper.layout.primitives import Point, Rect, StepBox
from pathmapper.model import Flow

SAME_LINE = 3.0  # stretches nearer than this side by side read as one line
MIN_OVERLAP = 1.0
OFFSETS = (7.0, 4.0, 14.0, 11.0, 21.0, 28.0, 35.0)  # tried in turn, each way
MAX_ROUNDS = 4
MIN_STUB = 6.0


@dataclass(frozen=True)
class Stretch:
    flow_id: str
    index: int
    horizontal: bool
    at: float  # y of a horizontal stretch, x of a vertical one
    low: float
    high: float


def stretches(flow_id: str, points: list[Point]) -> list[Stretch]:
    found = []
    for i in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        if abs(y0 - y1) < 0.01:
            found.append(Stretch(flow_id, i, True, y0, min(x0, x1), max(x0, x1)))
        else:
            found.append(Stretch(flow_id, i, False, x0, min(y0, y1), max(y0, y1)))
    return found


def may_share(a: Stretch, b: Stretch, flows: dict[str, Flow], counts: dict[str, int]) -> bool:
    """May these two stretches lie on one line: a fork's first or a merge's last stretches."""
    if a.flow_id == b.flow_id:
        return True
    fa, fb = flows[a.flow_id], flows[b.flow_id]
    if fa.source == fb.source and a.index == 0 and b.index == 0:
        return True
    last_a, last_b = counts[a.flow_id] - 2, counts[b.flow_id] - 2
    return fa.target == fb.target and a.index == last_a and b.index == last_b


def overlapping(a: Stretch, b: Stretch) -> bool:
    return (
        a.horizontal == b.horizontal
        and abs(a.at - b.at) < SAME_LINE
        and min(a.high, b.high) - max(a.low, b.low) > MIN_OVERLAP
    )


SPAN = 400.0  # stretches are also bucketed along their line, in pieces this long

# A stretch as the index keeps it: flow id, at, low, high, then the stretch itself, so the
# inner loop reads plain tuple fields.
_Entry = tuple[str, float, float, float, Stretch]
_Pieces = dict[int, dict[int, _Entry]]  # piece along the line -> stretches by serial


class _Line:
    """The stretches near one line (a band SAME_LINE wide), by piece along it: `covers` holds
    a stretch in every piece it reaches, `starts` only in its first one."""

    __slots__ = ("covers", "starts")

    def __init__(self) -> None:
        self.covers: _Pieces = {}
        self.starts: _Pieces = {}


class LineIndex:
    """Stretches bucketed by the line they lie on and where along it.

    `meeting` lists what it finds in the order of a walk over the pieces along the stretch,
    the three line bands in each piece, and each bucket oldest first; nudging decides by that
    order, so it is kept exactly. A stretch met in several pieces counts where first met: the
    first piece both reach. That is the stretch's own first piece or the query's first piece,
    so past the query's first piece only the `starts` buckets need a look, and each stretch is
    looked at once however long it is. Buckets are dicts by a serial that grows with every
    put: insertion order is the order of a list, and a removal is a lookup."""

    def __init__(self) -> None:
        self._lines: dict[tuple[bool, int], _Line] = {}
        self._of_flow: dict[str, list[Stretch]] = {}
        self._placed: dict[str, list[tuple[int, _Line, int, int]]] = {}
        self._serial = 0
        # Answers of `meeting` while nothing was put or removed: nudging asks the same
        # stretches again while it weighs where to move one.
        self._met: dict[tuple[str, bool, float, float, float], list[Stretch]] = {}

    def put(self, flow_id: str, points: list[Point]) -> None:
        self.remove(flow_id)
        mine = stretches(flow_id, points)
        self._of_flow[flow_id] = mine
        placed = []
        lines = self._lines
        for stretch in mine:
            self._serial += 1
            serial = self._serial
            entry = (flow_id, stretch.at, stretch.low, stretch.high, stretch)
            key = (stretch.horizontal, int(stretch.at // SAME_LINE))
            line = lines.get(key)
            if line is None:
                line = lines[key] = _Line()
            first, last = int(stretch.low // SPAN), int(stretch.high // SPAN)
            line.starts.setdefault(first, {})[serial] = entry
            covers = line.covers
            for piece in range(first, last + 1):
                covers.setdefault(piece, {})[serial] = entry
            placed.append((serial, line, first, last))
        self._placed[flow_id] = placed
        self._met.clear()

    def remove(self, flow_id: str) -> None:
        self._of_flow.pop(flow_id, None)
        for serial, line, first, last in self._placed.pop(flow_id, []):
            del line.starts[first][serial]
            covers = line.covers
            for piece in range(first, last + 1):
                del covers[piece][serial]
        self._met.clear()

    def of_flow(self, flow_id: str) -> list[Stretch]:
        return self._of_flow.get(flow_id, [])

    def meeting(self, stretch: Stretch) -> list[Stretch]:
        """The stretches of other flows that overlap this one along its line."""
        flow_id, horizontal, at = stretch.flow_id, stretch.horizontal, stretch.at
        low, high = stretch.low, stretch.high
        asked = (flow_id, horizontal, at, low, high)
        known = self._met.get(asked)
        if known is not None:
            return list(known)
        found: list[Stretch] = []
        band = int(at // SAME_LINE)
        near = [
            line
            for line in (
                self._lines.get((horizontal, band - 1)),
                self._lines.get((horizontal, band)),
                self._lines.get((horizontal, band + 1)),
            )
            if line is not None
        ]
        first, last = int(low // SPAN), int(high // SPAN)
        for piece in range(first, last + 1):
            for line in near:
                bucket = (line.covers if piece == first else line.starts).get(piece)
                if not bucket:
                    continue
                for other_flow, other_at, other_low, other_high, other in bucket.values():
                    # `overlapping`, written out: nudging asks this most
                    if (
                        other_flow != flow_id
                        and abs(at - other_at) < SAME_LINE
                        and min(high, other_high) - max(low, other_low) > MIN_OVERLAP
                    ):
                        found.append(other)
        self._met[asked] = found
        return list(found)


def nudge(
    routes: dict[str, list[Point]],
    flows: dict[str, Flow],
    boxes: dict[str, StepBox],
    is_clear: Callable[[list[Point], Flow], bool],
) -> dict[str, list[Point]]:
    """The routes with stretches of different flows moved off each other's lines."""
    routes = {flow_id: list(points) for flow_id, points in routes.items()}
    lines = LineIndex()
    for flow_id, points in routes.items():
        lines.put(flow_id, points)
    counts = {flow_id: len(points) for flow_id, points in routes.items()}
    order = {flow_id: i for i, flow_id in enumerate(routes)}
    for _ in range(MAX_ROUNDS):
        moved_any = False
        for flow_id in routes:
            for stretch in list(lines.of_flow(flow_id)):
                if stretch not in lines.of_flow(flow_id):
                    continue  # this flow was moved while its other stretches were looked at
                clashes = [
                    other
                    for other in lines.meeting(stretch)
                    if not may_share(stretch, other, flows, counts)
                    and order[other.flow_id] < order[flow_id]
                ]
                if not clashes:
                    continue
                # Move this (the later) flow's stretch; when it cannot move (a diamond's corner),
                # the earlier flow's, else a stretch next to either, which shortens them.
                neighbours = [
                    other
                    for clashing in (stretch, *clashes)
                    for other in lines.of_flow(clashing.flow_id)
                    if abs(other.index - clashing.index) == 1
                ]
                for mover in [stretch, *clashes, *neighbours]:
                    moved = _move_clear(mover, routes, flows, boxes, lines, counts, is_clear)
                    if moved is not None:
                        routes[mover.flow_id] = moved
                        lines.put(mover.flow_id, moved)
                        moved_any = True
                        break
        if not moved_any:
            break
    return routes


def _clash_length(
    flow_id: str,
    points: list[Point],
    flows: dict[str, Flow],
    lines: LineIndex,
    counts: dict[str, int],
) -> float:
    """How long the route runs along lines of other flows it may not share."""
    total = 0.0
    for mine in stretches(flow_id, points):
        for other in lines.meeting(mine):
            if not may_share(mine, other, flows, counts):
                total += min(mine.high, other.high) - max(mine.low, other.low)
    return total


def _move_clear(
    stretch: Stretch,
    routes: dict[str, list[Point]],
    flows: dict[str, Flow],
    boxes: dict[str, StepBox],
    lines: LineIndex,
    counts: dict[str, int],
    is_clear: Callable[[list[Point], Flow], bool],
) -> list[Point] | None:
    """The route with `stretch` moved to the nearest track that is clear of obstacles and
    shares no line, else to the one that shares the least (a later round moves the rest)."""
    flow = flows[stretch.flow_id]
    points = routes[stretch.flow_id]
    before = _clash_length(stretch.flow_id, points, flows, lines, counts)
    best: tuple[float, list[Point]] | None = None
    for offset in OFFSETS:
        for sign in (1, -1):
            shifted = _shifted(points, stretch, sign * offset, flow, boxes)
            if shifted is None or not is_clear(shifted, flow):
                continue
            after = _clash_length(stretch.flow_id, shifted, flows, lines, counts)
            if after == 0:
                return shifted
            if after < before and (best is None or after < best[0]):
                best = (after, shifted)
    return None if best is None else best[1]


def _shifted(
    points: list[Point], stretch: Stretch, offset: float, flow: Flow, boxes: dict[str, StepBox]
) -> list[Point] | None:
    """The route with one stretch moved sideways by `offset`, or None when that would move a
    port off its side or turn a first or last stretch round."""
    i = stretch.index
    moved = list(points)
    for k in (i, i + 1):
        x, y = moved[k]
        moved[k] = (x, y + offset) if stretch.horizontal else (x + offset, y)
    last = len(points) - 1
    for k, step_id in ((0, flow.source), (last, flow.target)):
        if k not in (i, i + 1):
            continue
        box = boxes[step_id]
        if box.kind == "decision" or not _on_side(box.rect, moved[k], stretch.horizontal):
            return None
    if i >= 1 and not _keeps_direction(
        points[i - 1], points[i], moved[i - 1], moved[i], i - 1 == 0
    ):
        return None
    if i + 2 <= last and not _keeps_direction(
        points[i + 1], points[i + 2], moved[i + 1], moved[i + 2], i + 2 == last
    ):
        return None
    return moved


def _on_side(rect: Rect, point: Point, horizontal_stretch: bool) -> bool:
    """Is a moved port still on its box side, clear of the corners?"""
    x, y = point
    if horizontal_stretch:  # a port on the left or right side moved up or down
        return rect.top + 8 <= y <= rect.bottom - 8
    return rect.left + 8 <= x <= rect.right - 8


def _keeps_direction(a0: Point, b0: Point, a1: Point, b1: Point, is_end: bool) -> bool:
    """A neighbouring stretch, changed by the move, still runs the same way (and a first or
    last one still leaves or enters its box straight for a little)."""
    before = (b0[0] - a0[0]) + (b0[1] - a0[1])
    after = (b1[0] - a1[0]) + (b1[1] - a1[1])
    if before * after <= 0:
        return False
    return not is_end or abs(after) >= MIN_STUB
