"""A grid index of rectangles: which of them a segment or a rectangle touches, found by
looking only at the grid cells it covers; and, for the routing search, which points and
segments of a grid of lines are blocked by a set of rectangles."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

from pathmapper.layout.primitives import Point, Rect

CELL = 160.0
Key = TypeVar("Key")


class RectIndex(Generic[Key]):
    """Rectangles under keys; a key may hold several rectangles."""

    def __init__(self, items: Iterable[tuple[Key, Rect]] = (), cell: float = CELL) -> None:
        self._cell = cell
        # (serial, key, rectangle, left, top, right, bottom): the edges are those every lookup
        # compares, worked out once (the same sums Rect.right and Rect.bottom make)
        self._cells: dict[
            tuple[int, int], list[tuple[int, Key, Rect, float, float, float, float]]
        ] = defaultdict(list)
        self._count = 0
        for key, rect in items:
            self.add(key, rect)

    def __len__(self) -> int:
        return self._count

    def add(self, key: Key, rect: Rect) -> None:
        self._count += 1
        left, top = rect.x, rect.y
        right, bottom = left + rect.width, top + rect.height
        entry = (self._count, key, rect, left, top, right, bottom)
        cell, cells = self._cell, self._cells
        rows = range(int(top // cell), int(bottom // cell) + 1)
        for ix in range(int(left // cell), int(right // cell) + 1):
            for iy in rows:
                cells[(ix, iy)].append(entry)

    def near(self, area: Rect) -> list[tuple[Key, Rect]]:
        """Every (key, rectangle) whose rectangle overlaps `area` (touching edges do not), in
        the order the cells are walked (columns, then rows) and the rectangles were added."""
        cell, cells = self._cell, self._cells
        left, top = area.x, area.y
        right, bottom = left + area.width, top + area.height
        x0, x1 = int(left // cell), int(right // cell)
        y0, y1 = int(top // cell), int(bottom // cell)
        if x0 == x1 and y0 == y1:  # most lookups: one cell, where no entry is met twice
            return [
                (key, rect)
                for _serial, key, rect, r_left, r_top, r_right, r_bottom in cells.get((x0, y0), ())
                if r_left < right and r_right > left and r_top < bottom and r_bottom > top
            ]
        return list(self.each_near(area))

    def each_near(self, area: Rect) -> Iterator[tuple[Key, Rect]]:
        """`near`, one at a time (in the same order), for a caller that may stop early on a
        big area."""
        cell, cells = self._cell, self._cells
        left, top = area.x, area.y
        right, bottom = left + area.width, top + area.height
        seen: set[int] = set()  # an entry spanning several cells is met in each
        rows = range(int(top // cell), int(bottom // cell) + 1)
        for ix in range(int(left // cell), int(right // cell) + 1):
            for iy in rows:
                for serial, key, rect, r_left, r_top, r_right, r_bottom in cells.get((ix, iy), ()):
                    if (
                        r_left < right
                        and r_right > left
                        and r_top < bottom
                        and r_bottom > top
                        and serial not in seen
                    ):
                        seen.add(serial)
                        yield key, rect

    def hits(self, area: Rect, ignore: Iterable[Key] = ()) -> bool:
        """Does `area` overlap a rectangle whose key is not in `ignore`?"""
        return self._hits(
            area.x, area.y, area.x + area.width, area.y + area.height, _skipped(ignore)
        )

    def segment_hits(self, a: Point, b: Point, ignore: Iterable[Key] = ()) -> bool:
        """Does the axis-parallel segment a-b pass through the inside of a rectangle?"""
        (ax, ay), (bx, by) = a, b
        left = bx if bx < ax else ax  # min(ax, bx), the same one of two equal numbers
        top = by if by < ay else ay
        # `hits` of the segment's rectangle: the far edges as that rectangle's sums
        return self._hits(
            left,
            top,
            left + abs(ax - bx),
            top + abs(ay - by),
            _skipped(ignore),
        )

    def _hits(
        self, left: float, top: float, right: float, bottom: float, skip: Collection[Key]
    ) -> bool:
        cell, cells = self._cell, self._cells
        # The cells covered, walked in place: routing and label placement ask this most.
        rows = range(int(top // cell), int(bottom // cell) + 1)
        for ix in range(int(left // cell), int(right // cell) + 1):
            for iy in rows:
                for _serial, key, _rect, r_left, r_top, r_right, r_bottom in cells.get(
                    (ix, iy), ()
                ):
                    if (
                        r_left < right
                        and r_right > left
                        and r_top < bottom
                        and r_bottom > top
                        and key not in skip
                    ):
                        return True
        return False


def _skipped(ignore: Iterable[Key]) -> Collection[Key]:
    # routes pass a pair of keys: asking a tuple of two is quicker than making a set of it
    if isinstance(ignore, tuple | set | frozenset):
        return ignore
    return set(ignore)


def grid_blocks(
    column: Sequence[float], row: Sequence[float], rects: Iterable[Rect]
) -> tuple[bytearray, bytearray, bytearray]:
    """Over the grid of points (column[i], row[j]), both sorted and without repeats, what
    `RectIndex.hits` and `segment_hits` would answer against an index of `rects`, swept once
    per rectangle instead of asked point by point: `inside[j * len(column) + i]`, is the point
    inside a rectangle (its edges are not); `across[j * len(column) + i]`, does the segment
    from column i - 1 to column i along row j pass through one; `down[i * len(row) + j]`, does
    the segment from row j - 1 to row j along column i."""
    width, height = len(column), len(row)
    inside = bytearray(width * height)
    across = bytearray(width * height)
    down = bytearray(width * height)
    ones = b"\x01" * max(width, height)
    listed = []
    for rect in rects:
        left, top = rect.x, rect.y
        right, bottom = left + rect.width, top + rect.height
        listed.append((left, top, right, bottom))
        # columns and rows strictly inside: first, and one past the last
        first_i, end_i = bisect_right(column, left), bisect_left(column, right)
        first_j, end_j = bisect_right(row, top), bisect_left(row, bottom)
        # a segment from i - 1 to i is crossed when column i is past the left edge and
        # column i - 1 short of the right: i from first_i to end_i, both included
        seg_i, seg_end_i = max(first_i, 1), min(end_i, width - 1) + 1
        seg_j, seg_end_j = max(first_j, 1), min(end_j, height - 1) + 1
        for j in range(first_j, end_j):
            base = j * width
            if first_i < end_i:
                inside[base + first_i : base + end_i] = ones[: end_i - first_i]
            if seg_i < seg_end_i:
                across[base + seg_i : base + seg_end_i] = ones[: seg_end_i - seg_i]
        if seg_j < seg_end_j:
            for i in range(first_i, end_i):
                base = i * height
                down[base + seg_j : base + seg_end_j] = ones[: seg_end_j - seg_j]
    # `segment_hits` compares the rectangle a + (b - a) reaches, which rounding can leave a
    # hair off b: such segments are asked the slow way, with exactly those numbers.
    for i in range(1, width):
        start, end = column[i - 1], column[i - 1] + (column[i] - column[i - 1])
        if end != column[i]:
            for j, y in enumerate(row):
                across[j * width + i] = any(
                    left < end and right > start and top < y and bottom > y
                    for left, top, right, bottom in listed
                )
    for j in range(1, height):
        start, end = row[j - 1], row[j - 1] + (row[j] - row[j - 1])
        if end != row[j]:
            for i, x in enumerate(column):
                down[i * height + j] = any(
                    top < end and bottom > start and left < x and right > x
                    for left, top, right, bottom in listed
                )
    return inside, across, down
