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
from typing import NamedTuple

from pathmapper.layout.primitives import Point, Rect, StepBox
from pathmapper.model import Flow

SAME_LINE = 3.0  # stretches nearer than this side by side read as one line
MIN_OVERLAP = 1.0
OFFSETS = (7.0, 4.0, 14.0, 11.0, 21.0, 28.0, 35.0)  # tried in turn, each way
MAX_ROUNDS = 4
MIN_STUB = 6.0


class Stretch(NamedTuple):
    flow_id: str
    number: int  # along its route, from 0 (`index` is a tuple method)
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


class Ends(NamedTuple):
    """What `may_share` needs of a flow: its steps and the number of its last stretch."""

    source: str
    target: str
    last: int


def flow_ends(routes: dict[str, list[Point]], flows: dict[str, Flow]) -> dict[str, Ends]:
    return {
        flow_id: Ends(flows[flow_id].source, flows[flow_id].target, len(points) - 2)
        for flow_id, points in routes.items()
    }


def may_share(a: Stretch, b: Stretch, ends: dict[str, Ends]) -> bool:
    """May these two stretches lie on one line: a fork's first or a merge's last stretches."""
    if a.flow_id == b.flow_id:
        return True
    ea, eb = ends[a.flow_id], ends[b.flow_id]
    if ea.source == eb.source and a.number == 0 and b.number == 0:
        return True
    return ea.target == eb.target and a.number == ea.last and b.number == eb.last


def overlapping(a: Stretch, b: Stretch) -> bool:
    return (
        a.horizontal == b.horizontal
        and abs(a.at - b.at) < SAME_LINE
        and min(a.high, b.high) - max(a.low, b.low) > MIN_OVERLAP
    )


SPAN = 400.0  # stretches are also bucketed along their line, in pieces this long

_Pieces = dict[int, dict[int, Stretch]]  # piece along the line -> stretches by serial


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
        # The lines within reach of each band: asked on every query, and they change only
        # when a stretch lands on a line that held none before.
        self._near: dict[tuple[bool, int], tuple[_Line, ...]] = {}

    def put(self, flow_id: str, points: list[Point]) -> None:
        self.remove(flow_id)
        mine = stretches(flow_id, points)
        self._of_flow[flow_id] = mine
        placed = []
        lines = self._lines
        for stretch in mine:
            self._serial += 1
            serial = self._serial
            key = (stretch.horizontal, int(stretch.at // SAME_LINE))
            line = lines.get(key)
            if line is None:
                line = lines[key] = _Line()
                horizontal, band = key
                for next_to in (band - 1, band, band + 1):
                    self._near.pop((horizontal, next_to), None)
            first, last = int(stretch.low // SPAN), int(stretch.high // SPAN)
            _add(line.starts, first, serial, stretch)
            covers = line.covers
            for piece in range(first, last + 1):
                bucket = covers.get(piece)
                if bucket is None:
                    covers[piece] = {serial: stretch}
                else:
                    bucket[serial] = stretch
            placed.append((serial, line, first, last))
        self._placed[flow_id] = placed

    def remove(self, flow_id: str) -> None:
        self._of_flow.pop(flow_id, None)
        for serial, line, first, last in self._placed.pop(flow_id, []):
            _drop(line.starts, first, serial)
            for piece in range(first, last + 1):
                _drop(line.covers, piece, serial)

    def of_flow(self, flow_id: str) -> list[Stretch]:
        return self._of_flow.get(flow_id, [])

    def meeting(self, stretch: Stretch) -> list[Stretch]:
        """The stretches of other flows that overlap this one along its line."""
        return self.meeting_at(
            stretch.flow_id, stretch.horizontal, stretch.at, stretch.low, stretch.high
        )

    def meeting_at(
        self, flow_id: str, horizontal: bool, at: float, low: float, high: float
    ) -> list[Stretch]:
        """`meeting` for a stretch given by its parts, which need not be made."""
        band = int(at // SAME_LINE)
        near = self._near.get((horizontal, band))
        if near is None:
            near = self._near_lines(horizontal, band)
        first, last = int(low // SPAN), int(high // SPAN)
        buckets = []
        for line in near:
            bucket = line.covers.get(first)
            if bucket:
                buckets.append(bucket)
        if last > first:
            buckets += _later_buckets(near, first, last)
        found: list[Stretch] = []
        for bucket in buckets:
            for other in bucket.values():
                other_flow, _number, _horizontal, other_at, other_low, other_high = other
                # `overlapping`, written out (min and max as they pick): nudging asks this most
                if (
                    other_flow != flow_id
                    and -SAME_LINE < at - other_at < SAME_LINE
                    and (other_high if other_high < high else high)
                    - (other_low if other_low > low else low)
                    > MIN_OVERLAP
                ):
                    found.append(other)
        return found

    def _near_lines(self, horizontal: bool, band: int) -> tuple[_Line, ...]:
        lines = self._lines
        near = tuple(
            line
            for line in (
                lines.get((horizontal, band - 1)),
                lines.get((horizontal, band)),
                lines.get((horizontal, band + 1)),
            )
            if line is not None
        )
        self._near[(horizontal, band)] = near
        return near


def _add(pieces: _Pieces, piece: int, serial: int, stretch: Stretch) -> None:
    bucket = pieces.get(piece)
    if bucket is None:
        pieces[piece] = {serial: stretch}
    else:
        bucket[serial] = stretch


def _drop(pieces: _Pieces, piece: int, serial: int) -> None:
    bucket = pieces[piece]
    del bucket[serial]
    if not bucket:
        del pieces[piece]


def _later_buckets(near: tuple[_Line, ...], first: int, last: int) -> list[dict[int, Stretch]]:
    """The `starts` buckets of pieces past the first up to the last, by piece then band."""
    later: list[tuple[int, int, dict[int, Stretch]]] = []
    for band_order, line in enumerate(near):
        starts = line.starts
        if last - first <= len(starts):
            for piece in range(first + 1, last + 1):
                bucket = starts.get(piece)
                if bucket:
                    later.append((piece, band_order, bucket))
        else:  # fewer pieces hold a start than the stretch reaches: look at those
            for piece, bucket in starts.items():
                if first < piece <= last:
                    later.append((piece, band_order, bucket))
    later.sort(key=_piece_then_band)
    return [bucket for _piece, _band, bucket in later]


def _piece_then_band(found: tuple[int, int, dict[int, Stretch]]) -> tuple[int, int]:
    return found[0], found[1]


class SharedLines:
    """The lines of every route, kept up to date as routes change, to ask which other flows'
    lines a route runs along where it may not."""

    def __init__(self, routes: dict[str, list[Point]], flows: dict[str, Flow]) -> None:
        self.lines = LineIndex()
        for flow_id, points in routes.items():
            self.lines.put(flow_id, points)
        self.ends = flow_ends(routes, flows)

    def clashing(self, stretch: Stretch) -> list[Stretch]:
        """The stretches of other flows along this one's line that it may not share."""
        return [
            other
            for other in self.lines.meeting(stretch)
            if not may_share(stretch, other, self.ends)
        ]

    def free(self, flow_id: str, points: list[Point]) -> bool:
        """Whether `points`, as the route of `flow_id`, runs along no line it may not share."""
        source, target, _last = self.ends[flow_id]
        ends = {**self.ends, flow_id: Ends(source, target, len(points) - 2)}
        return _clash_length(flow_id, points, self.lines, ends) == 0

    def run_along(self, flow_id: str) -> list[Rect]:
        """Where the route of `flow_id` runs along another flow's line it may not share: each
        length they share, as a thin rectangle."""
        found = []
        for stretch in self.lines.of_flow(flow_id):
            for other in self.clashing(stretch):
                low, high = max(stretch.low, other.low), min(stretch.high, other.high)
                if stretch.horizontal:
                    found.append(Rect(low, stretch.at - 1.0, high - low, 2.0))
                else:
                    found.append(Rect(stretch.at - 1.0, low, 2.0, high - low))
        return found

    def update(self, flow_id: str, points: list[Point]) -> None:
        self.lines.put(flow_id, points)
        source, target, _last = self.ends[flow_id]
        self.ends[flow_id] = Ends(source, target, len(points) - 2)


class Nudged(NamedTuple):
    routes: dict[str, list[Point]]
    # Pairs of flows (the later first) still along one line where they may not: both ends of
    # the shared length on diamonds' corners, say, with no free track near.
    unparted: list[tuple[str, str]]
    lines: SharedLines  # of the routes as nudged


def nudge(
    routes: dict[str, list[Point]],
    flows: dict[str, Flow],
    boxes: dict[str, StepBox],
    is_clear: Callable[[list[Point], Flow], bool],
) -> Nudged:
    """The routes with stretches of different flows moved off each other's lines, and the
    pairs of flows it could not move apart.

    `is_clear` must only answer (no side effects): it is asked only about moves that the
    lengths shared would choose."""
    routes = {flow_id: list(points) for flow_id, points in routes.items()}
    shared = SharedLines(routes, flows)
    lines, ends = shared.lines, shared.ends  # a move keeps a route's number of stretches
    order = {flow_id: i for i, flow_id in enumerate(routes)}
    unparted: list[tuple[str, str]] = []  # the pairs no move parted, in the last round
    for _ in range(MAX_ROUNDS):
        moved_any = False
        unparted = []
        for flow_id in routes:
            for stretch in list(lines.of_flow(flow_id)):
                if stretch not in lines.of_flow(flow_id):
                    continue  # this flow was moved while its other stretches were looked at
                clashes = [
                    other
                    for other in shared.clashing(stretch)
                    if order[other.flow_id] < order[flow_id]
                ]
                if not clashes:
                    continue
                # Move this (the later) flow's stretch; when it cannot move (a diamond's corner),
                # the earlier flow's, else a stretch next to either, which shortens them: by a
                # track or so, or (both ends on diamonds' corners, one above the other) just
                # past the end of the stretch it runs along. Of those next ones, a move that
                # frees the line comes before one that only shortens what is shared.
                partners = {stretch: clashes, **{clash: [stretch] for clash in clashes}}
                neighbours = [
                    (other, _past_ends(other, partners[clashing]))
                    for clashing in (stretch, *clashes)
                    for other in lines.of_flow(clashing.flow_id)
                    if abs(other.number - clashing.number) == 1
                ]
                tries: list[tuple[Stretch, tuple[float, ...], bool]]
                tries = [(mover, (), False) for mover in (stretch, *clashes)]
                tries += [(mover, past, True) for mover, past in neighbours]
                tries += [(mover, past, False) for mover, past in neighbours]
                for mover, past_ends, whole_only in tries:
                    moved = _move_clear(
                        mover, routes, flows, boxes, lines, ends, is_clear, past_ends, whole_only
                    )
                    if moved is not None:
                        routes[mover.flow_id] = moved
                        lines.put(mover.flow_id, moved)
                        moved_any = True
                        break
                else:
                    unparted += [(flow_id, clash.flow_id) for clash in clashes]
        if not moved_any:
            return Nudged(routes, list(dict.fromkeys(unparted)), shared)
    # The rounds ran out while stretches still moved: ask the lines as they are now.
    unparted = [
        (flow_id, other.flow_id)
        for flow_id in routes
        for stretch in lines.of_flow(flow_id)
        for other in shared.clashing(stretch)
        if order[other.flow_id] < order[flow_id]
    ]
    return Nudged(routes, list(dict.fromkeys(unparted)), shared)


def _clash_length(
    flow_id: str, points: list[Point], lines: LineIndex, ends: dict[str, Ends]
) -> float:
    """How long the route runs along lines of other flows it may not share."""
    source, target, last = ends[flow_id]
    total = 0.0
    for i in range(len(points) - 1):
        # `stretches` and `may_share`, written out: every move tried asks this
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        if abs(y0 - y1) < 0.01:
            horizontal, at, low, high = True, y0, min(x0, x1), max(x0, x1)
        else:
            horizontal, at, low, high = False, x0, min(y0, y1), max(y0, y1)
        for other in lines.meeting_at(flow_id, horizontal, at, low, high):
            if i == 0 or i == last:
                other_ends = ends[other.flow_id]
                if i == 0 and other.number == 0 and source == other_ends.source:
                    continue
                if i == last and other.number == other_ends.last and target == other_ends.target:
                    continue
            total += min(high, other.high) - max(low, other.low)
    return total


def _move_clear(
    stretch: Stretch,
    routes: dict[str, list[Point]],
    flows: dict[str, Flow],
    boxes: dict[str, StepBox],
    lines: LineIndex,
    ends: dict[str, Ends],
    is_clear: Callable[[list[Point], Flow], bool],
    further: tuple[float, ...] = (),
    whole_only: bool = False,
) -> list[Point] | None:
    """The route with `stretch` moved to the nearest track that is clear of obstacles and
    shares no line, else (unless `whole_only`) to the one that shares the least (a later round
    moves the rest). The moves `further` are tried after the tracks near it."""
    flow = flows[stretch.flow_id]
    points = routes[stretch.flow_id]
    before: float | None = None  # asked only when some move still shares a line
    best: tuple[float, list[Point]] | None = None
    for move in (*(sign * offset for offset in OFFSETS for sign in (1, -1)), *further):
        shifted = _shifted(points, stretch, move, flow, boxes)
        if shifted is None:
            continue
        # The length shared first and the obstacles only for a move it would choose:
        # both only answer, and the obstacles take longer to ask.
        after = _clash_length(stretch.flow_id, shifted, lines, ends)
        if after == 0:
            if is_clear(shifted, flow):
                return shifted
            continue
        if whole_only or (best is not None and not after < best[0]):
            continue
        if before is None:
            before = _clash_length(stretch.flow_id, points, lines, ends)
        if after < before and is_clear(shifted, flow):
            best = (after, shifted)
    return None if best is None else best[1]


def _past_ends(neighbour: Stretch, along: list[Stretch]) -> tuple[float, ...]:
    """Moves of `neighbour` that put its corner a track past either end of each stretch in
    `along` (stretches on the line of the stretch next to it)."""
    return tuple(
        edge - neighbour.at
        for other in along
        for edge in (other.low - OFFSETS[0], other.high + OFFSETS[0])
    )


def _shifted(
    points: list[Point], stretch: Stretch, offset: float, flow: Flow, boxes: dict[str, StepBox]
) -> list[Point] | None:
    """The route with one stretch moved sideways by `offset`, or None when that would move a
    port off its side or turn a first or last stretch round."""
    i = stretch.number
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
