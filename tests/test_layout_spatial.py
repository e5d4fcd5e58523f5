"""The spatial index's quick answers are the plain ones: `near` and `hits` against a look at
every rectangle, and `grid_blocks`, the routing search's sweep, against asking the index
point by point and segment by segment."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.layout.primitives import Rect
from pathmapper.layout.spatial import RectIndex, grid_blocks

# Halves, and tenths that binary floating point cannot hold (a + (b - a) may then miss b),
# from below zero to past several cells.
coordinates = st.one_of(
    st.integers(-40, 1400).map(lambda n: n / 2), st.integers(-400, 7000).map(lambda n: n / 10)
)
sizes = st.one_of(st.just(0.0), st.integers(1, 900).map(lambda n: n / 2))
rects = st.builds(Rect, coordinates, coordinates, sizes, sizes)


def overlaps(a: Rect, b: Rect) -> bool:
    return (
        a.x < b.x + b.width
        and a.x + a.width > b.x
        and a.y < b.y + b.height
        and (a.y + a.height > b.y)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(rects, max_size=30), rects, st.sets(st.integers(0, 29), max_size=5))
def test_near_and_hits_find_what_a_look_at_every_rectangle_finds(
    items: list[Rect], area: Rect, ignore: set[int]
) -> None:
    index = RectIndex(enumerate(items))
    found = index.near(area)
    assert sorted(key for key, _ in found) == [
        key for key, rect in enumerate(items) if overlaps(rect, area)
    ]
    assert list(index.each_near(area)) == found
    assert index.hits(area, ignore) == any(
        overlaps(rect, area) for key, rect in enumerate(items) if key not in ignore
    )
    assert index.hits(area, tuple(ignore)) == index.hits(area, ignore)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(rects, max_size=12),
    st.sets(coordinates, max_size=14),
    st.sets(coordinates, max_size=14),
)
def test_grid_blocks_answers_what_the_index_answers(
    blockers: list[Rect], xs: set[float], ys: set[float]
) -> None:
    # the grid the search makes: every edge of a blocker, and some other lines
    for rect in blockers:
        xs.update((rect.left, rect.right))
        ys.update((rect.top, rect.bottom))
    column, row = sorted(xs), sorted(ys)
    index = RectIndex(enumerate(blockers))
    inside, across, down = grid_blocks(column, row, blockers)
    width, height = len(column), len(row)
    for j, y in enumerate(row):
        for i, x in enumerate(column):
            assert inside[j * width + i] == index.hits(Rect(x, y, 0.0, 0.0))
            if i:
                assert across[j * width + i] == index.segment_hits((column[i - 1], y), (x, y))
            if j:
                assert down[i * height + j] == index.segment_hits((x, row[j - 1]), (x, y))
