"""Where flow labels go: on or beside their own flow, clear of everything else.

A label is a pill on its flow's line, tried first on the stretch that leaves the source (so a
decision's "yes" and "no" read with the decision), then along the rest of the flow, then beside
the line. A place is taken only if it covers no step box, badge, note, other label or the last
ARROWHEAD_LENGTH of any flow; among those, one that covers no other flow's line is preferred.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat

from pathmapper.layout.primitives import (
    ARROWHEAD_LENGTH,
    FLOW_LABEL_FONT_SIZE,
    FlowLabel,
    Point,
    Rect,
)
from pathmapper.layout.spatial import RectIndex
from pathmapper.layout.text import line_height, text_width

LABEL_PADDING = 6.0  # either side of the text, inside the pill
LABEL_GAP = 4.0  # between a flow's start and its label
ALONG_STEP = 8.0
HEAD_REACH = 5.0  # half the width of the area kept free round an arrowhead
SWEEP_REACH = 400.0  # how far along a stretch one look at an index serves the places tried


def label_size(text: str) -> tuple[float, float]:
    width = text_width(text, FLOW_LABEL_FONT_SIZE) + 2 * LABEL_PADDING
    height = line_height(FLOW_LABEL_FONT_SIZE) + 4.0
    return round(width, 1), round(height, 1)


def arrowhead_area(points: tuple[Point, ...] | list[Point]) -> Rect | None:
    """The last ARROWHEAD_LENGTH of a route, widened to the head's width."""
    if len(points) < 2:
        return None
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = abs(x1 - x0) + abs(y1 - y0)
    reach = min(ARROWHEAD_LENGTH, length)
    if abs(y1 - y0) < 0.01:
        start = x1 - reach if x1 >= x0 else x1 + reach
        return Rect(min(start, x1), y1 - HEAD_REACH, reach, 2 * HEAD_REACH)
    start = y1 - reach if y1 >= y0 else y1 + reach
    return Rect(x1 - HEAD_REACH, min(start, y1), 2 * HEAD_REACH, reach)


@dataclass(slots=True)
class _Side:
    """The places on one side of a stretch (or on it), `along` the stretch from its start."""

    horizontal: bool  # the stretch is, so its places move along x
    x0: float
    y0: float
    sign: int  # +1 when the places move towards larger x (or y)
    side: str  # "on", "above", "below", "right" or "left"
    width: float
    height: float

    def corner(self, along: float) -> Point:
        """The top-left corner of the place `along` the stretch."""
        width, height = self.width, self.height
        cx = self.x0 + self.sign * along if self.horizontal else self.x0
        cy = self.y0 if self.horizontal else self.y0 + self.sign * along
        side = self.side
        if side == "on":
            return cx - width / 2, cy - height / 2
        if side == "above":
            return cx - width / 2, cy - height - 3
        if side == "below":
            return cx - width / 2, cy + 3
        if side == "right":
            return cx + 4, cy - height / 2
        return cx - 4 - width, cy - height / 2

    def place(self, along: float) -> Rect:
        x, y = self.corner(along)
        return Rect(x, y, self.width, self.height)

    def rounded(self, along: float) -> Rect:
        """The place as the label would take it: its corner rounded to a tenth of a point."""
        x, y = self.corner(along)
        return Rect(round(x, 1), round(y, 1), self.width, self.height)

    def first_at_or_past(self, positions: list[float], bound: float) -> int:
        """An index into `positions` no later than the first place whose near end (for a
        forward side) is at or past `bound`, or whose far end (backward) is at or before it:
        the places before it are all short of (or beyond) `bound`, give or take the rounding,
        which the margin of 0.2 covers."""
        extent = self.width if self.horizontal else self.height
        origin = (self.x0 if self.horizontal else self.y0) - extent / 2
        if self.sign > 0:
            return bisect_left(positions, bound - origin - 0.2)
        return bisect_left(positions, origin - bound + extent - 0.2)


@dataclass(slots=True)
class _Stretch:
    """The places along one stretch of a route in one pass: at each position in turn, each
    side in turn."""

    sides: tuple[_Side, ...]
    positions: list[float]


def _positions(length: float, extent: float, first: bool, last: bool) -> list[float]:
    """Where along a stretch the places' centres go, ALONG_STEP apart, clear of its ends."""
    start = LABEL_GAP + extent / 2 if first else extent / 2 + 2
    finish = length - extent / 2 - (ARROWHEAD_LENGTH + 2 if last else 2)
    limit = finish + 0.01
    if start > limit:
        return []
    # The step added again and again, each sum rounded as before (so the very same floats), but
    # summed in C: a long flow's stretches have thousands of places.
    count = int((limit - start) // ALONG_STEP) + 1
    positions = list(accumulate(repeat(ALONG_STEP, count - 1), initial=start))
    while positions and positions[-1] > limit:
        positions.pop()
    while positions and positions[-1] + ALONG_STEP <= limit:
        positions.append(positions[-1] + ALONG_STEP)
    return positions


def _stretches(points: list[Point], width: float, height: float) -> Iterator[_Stretch]:
    """The places for a label along a route, nearest its start first: centred on the line,
    then beside it."""
    last = len(points) - 2
    along_each: list[list[float] | None] = [None] * (last + 1)  # the same for both passes
    for beside in (False, True):
        for i in range(last + 1):
            (x0, y0), (x1, y1) = points[i], points[i + 1]
            horizontal = abs(y1 - y0) < 0.01
            length = abs(x1 - x0) + abs(y1 - y0)
            positions = along_each[i]
            if positions is None:
                extent = width if horizontal else height
                positions = along_each[i] = _positions(length, extent, i == 0, i == last)
            if not positions and not beside:
                positions = [length / 2]
            if horizontal:
                sign = 1 if x1 >= x0 else -1
                names = ("above", "below") if beside else ("on",)
            else:
                sign = 1 if y1 >= y0 else -1
                names = ("right", "left") if beside else ("on",)
            sides = tuple(_Side(horizontal, x0, y0, sign, name, width, height) for name in names)
            yield _Stretch(sides, positions)


def candidate_places(points: list[Point], width: float, height: float) -> Iterator[Rect]:
    """Places for a label of this size along a route, nearest its start first: centred on the
    line, then beside it."""
    for stretch in _stretches(points, width, height):
        for along in stretch.positions:
            for side in stretch.sides:
                yield side.place(along)


def place_labels(
    labelled: list[tuple[str, str, list[Point]]],
    blocked: RectIndex[str],
    lines: RectIndex[str],
) -> dict[str, FlowLabel]:
    """A place for each (flow id, text, route). `blocked` holds what a label must not cover
    (it gains each label placed); `lines` the flows' stretches, as thin rectangles.

    The label takes the first of its `candidate_places` (rounded to a tenth of a point) that
    covers nothing in `blocked` and no other flow's line; failing that, the first that covers
    nothing in `blocked`; failing that, the nearest free place to its first stretch. A long
    flow has thousands of places, mostly on or beside other lines: the search leaps over the
    places a rectangle it met covers too (`_Sweep`), so it costs what the free stretches
    between obstacles number, with the same result as trying every place in turn."""
    placed: dict[str, FlowLabel] = {}
    for flow_id, text, points in labelled:
        width, height = label_size(text)
        fallback: Rect | None = None
        chosen: Rect | None = None
        obstacles = (_Sweep(blocked),)
        obstacles_and_lines = (obstacles[0], _Sweep(lines, ignore=flow_id))
        for stretch in _stretches(points, width, height):
            if fallback is None:
                fallback = _first_clear(stretch, obstacles)
            if fallback is not None:
                chosen = _first_clear(stretch, obstacles_and_lines)
                if chosen is not None:
                    break
        chosen = chosen or fallback or _nearest_free(points, width, height, blocked)
        placed[flow_id] = FlowLabel(text, chosen)
        blocked.add("label:" + flow_id, chosen)
    return placed


def _first_clear(stretch: _Stretch, sweeps: tuple[_Sweep, ...]) -> Rect | None:
    """The stretch's first place, in the order tried, that no sweep's index covers."""
    positions = stretch.positions
    best: tuple[int, _Side] | None = None
    for side in stretch.sides:
        # A later side's place comes first only at an earlier position: look no further.
        found = _first_clear_on(
            side, positions, len(positions) if best is None else best[0], sweeps
        )
        if found is not None:
            best = (found, side)
    if best is None:
        return None
    position, side = best
    return side.rounded(positions[position])


def _first_clear_on(
    side: _Side, positions: list[float], stop: int, sweeps: tuple[_Sweep, ...]
) -> int | None:
    """The index of the first position before `stop` whose place on `side` no sweep's index
    covers."""
    index = 0
    along_x, forward = side.horizontal, side.sign > 0
    while index < stop:
        rect = side.rounded(positions[index])
        for sweep in sweeps:
            bound = sweep.covered_to(rect, along_x, forward)
            if bound is not None:
                index = max(index + 1, side.first_at_or_past(positions, bound))
                break
        else:
            return index
    return None


class _Sweep:
    """How far along a stretch the rectangles of an index (but the ignored key's) that a place
    meets reach: the same comparisons `RectIndex.hits` makes, on the same numbers, and the
    furthest any of them reaches, so the places it also covers can be leapt over."""

    def __init__(self, index: RectIndex[str], ignore: str | None = None) -> None:
        self._index = index
        self._ignore = ignore
        # A label's search for a place clear of `blocked` alone, and then of the lines too,
        # asks about many of the same places: answered once while the index is unchanged.
        self._answers: dict[tuple[float, float, bool, bool], float | None] = {}

    def covered_to(self, rect: Rect, along_x: bool, forward: bool) -> float | None:
        """None when `rect` meets no rectangle of the index (but the ignored key's). Else,
        moving forward: the furthest end of those it meets, which every place further on whose
        near end is short of it meets too; moving back: the earliest start of those, which
        every place whose far end is past it meets."""
        asked = (rect.x, rect.y, along_x, forward)
        if asked in self._answers:
            return self._answers[asked]
        ignore = self._ignore
        bound: float | None = None
        for key, found in self._index.near(rect):
            if key == ignore:
                continue
            if forward:
                end = found.x + found.width if along_x else found.y + found.height
                if bound is None or end > bound:
                    bound = end
            else:
                begin = found.x if along_x else found.y
                if bound is None or begin < bound:
                    bound = begin
        self._answers[asked] = bound
        return bound


def _nearest_free(
    points: list[Point], width: float, height: float, blocked: RectIndex[str]
) -> Rect:
    """Near the middle of the route's first stretch, moving outwards until nothing is
    covered."""
    (x0, y0), (x1, y1) = points[0], points[1] if len(points) > 1 else points[0]
    cx, cy = round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1)
    for ring in range(1, 60):
        for dx, dy in ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1)):
            rect = Rect(
                cx - width / 2 + dx * ring * 4, cy - height / 2 + dy * ring * 4, width, height
            )
            if not blocked.hits(rect):
                return rect
    return Rect(cx - width / 2, cy - height / 2, width, height)
