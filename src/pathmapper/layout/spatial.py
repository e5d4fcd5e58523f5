"""A grid index of rectangles: which of them a segment or a rectangle touches, found by
looking only at the grid cells it covers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from pathmapper.layout.primitives import Point, Rect

CELL = 160.0
Key = TypeVar("Key")


class RectIndex(Generic[Key]):
    """Rectangles under keys; a key may hold several rectangles."""

    def __init__(self, items: Iterable[tuple[Key, Rect]] = (), cell: float = CELL) -> None:
        self._cell = cell
        self._cells: dict[tuple[int, int], list[tuple[int, Key, Rect]]] = defaultdict(list)
        self._count = 0
        for key, rect in items:
            self.add(key, rect)

    def __len__(self) -> int:
        return self._count

    def _span(
        self, left: float, top: float, right: float, bottom: float
    ) -> Iterator[tuple[int, int]]:
        cell = self._cell
        for ix in range(int(left // cell), int(right // cell) + 1):
            for iy in range(int(top // cell), int(bottom // cell) + 1):
                yield (ix, iy)

    def add(self, key: Key, rect: Rect) -> None:
        self._count += 1
        for cell in self._span(rect.left, rect.top, rect.right, rect.bottom):
            self._cells[cell].append((self._count, key, rect))

    def near(self, area: Rect) -> list[tuple[Key, Rect]]:
        """Every (key, rectangle) whose rectangle overlaps `area` (touching edges do not)."""
        seen: set[int] = set()  # an entry spanning several cells is met in each
        found: list[tuple[Key, Rect]] = []
        cells = self._cells
        for cell in self._span(area.left, area.top, area.right, area.bottom):
            for serial, key, rect in cells.get(cell, ()):
                if serial not in seen and rect.intersects(area):
                    seen.add(serial)
                    found.append((key, rect))
        return found

    def hits(self, area: Rect, ignore: Iterable[Key] = ()) -> bool:
        """Does `area` overlap a rectangle whose key is not in `ignore`?"""
        return self.first_hit(area, ignore) is not None

    def first_hit(self, area: Rect, ignore: Iterable[Key] = ()) -> Rect | None:
        """A rectangle `area` overlaps whose key is not in `ignore`, if there is one."""
        # The layout asks this hundreds of thousands of times on a big map (every place a
        # flow label might go): the cells are walked inline, without `_span`'s generator.
        skip = set(ignore) if ignore else None
        left, top = area.x, area.y
        right, bottom = left + area.width, top + area.height
        cell, cells = self._cell, self._cells
        rows = range(int(top // cell), int(bottom // cell) + 1)
        for ix in range(int(left // cell), int(right // cell) + 1):
            for iy in rows:
                entries = cells.get((ix, iy))
                if not entries:
                    continue
                for _serial, key, rect in entries:
                    if (
                        rect.x < right
                        and rect.x + rect.width > left
                        and rect.y < bottom
                        and rect.y + rect.height > top
                        and (skip is None or key not in skip)
                    ):
                        return rect
        return None

    def segment_hits(self, a: Point, b: Point, ignore: Iterable[Key] = ()) -> bool:
        """Does the axis-parallel segment a-b pass through the inside of a rectangle?"""
        left, top = min(a[0], b[0]), min(a[1], b[1])
        return self.hits(Rect(left, top, abs(a[0] - b[0]), abs(a[1] - b[1])), ignore)
