"""Flow labels are placed by a search that leaps over covered places (issue #22); it must choose
exactly the place that trying every candidate place in turn chooses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.layout.labels import (
    ALONG_STEP,
    ARROWHEAD_LENGTH,
    LABEL_GAP,
    _nearest_free,
    _positions,
    candidate_places,
    label_size,
    place_labels,
)
from pathmapper.layout.primitives import FlowLabel, Point, Rect
from pathmapper.layout.spatial import RectIndex

Labelled = list[tuple[str, str, list[Point]]]


def place_by_trying_every_place(
    labelled: Labelled, blocked: RectIndex[str], lines: RectIndex[str]
) -> dict[str, FlowLabel]:
    """The rule as written: every candidate place in order, each asked of the indexes."""
    placed: dict[str, FlowLabel] = {}
    for flow_id, text, points in labelled:
        width, height = label_size(text)
        fallback: Rect | None = None
        chosen: Rect | None = None
        for place in candidate_places(points, width, height):
            rect = Rect(round(place.x, 1), round(place.y, 1), width, height)
            if blocked.hits(rect):
                continue
            if not lines.hits(rect, ignore=(flow_id,)):
                chosen = rect
                break
            if fallback is None:
                fallback = rect
        chosen = chosen or fallback or _nearest_free(points, width, height, blocked)
        placed[flow_id] = FlowLabel(text, chosen)
        blocked.add("label:" + flow_id, chosen)
    return placed


COORDINATE = st.integers(0, 120).map(lambda n: n * 2.5)  # halves and quarters of a grid step


@st.composite
def routes(draw: st.DrawFn) -> list[Point]:
    """An orthogonal route of one to four stretches, long and short, either way."""
    x, y = draw(COORDINATE), draw(COORDINATE)
    points: list[Point] = [(x, y)]
    horizontal = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        step = draw(st.integers(-300, 300).filter(bool)) * draw(st.sampled_from((0.5, 1.0, 1.3)))
        x, y = (x + step, y) if horizontal else (x, y + step)
        points.append((x, y))
        horizontal = not horizontal
    return points


RECTS = st.builds(
    Rect,
    COORDINATE.map(lambda v: v - 30),
    COORDINATE.map(lambda v: v - 30),
    st.sampled_from((1.5, 4.0, 12.0, 60.0, 250.0)),
    st.sampled_from((1.5, 4.0, 12.0, 40.0, 250.0)),
)


@st.composite
def label_problems(draw: st.DrawFn) -> tuple[Labelled, list[Rect], list[tuple[str, Rect]]]:
    count = draw(st.integers(1, 5))
    texts = st.sampled_from(("yes", "no", "referral letter", "results", "x"))
    labelled = [(f"f{n}", draw(texts), draw(routes())) for n in range(count)]
    blocked = draw(st.lists(RECTS, max_size=25))
    flow_ids = st.sampled_from([f"f{n}" for n in range(count)] + ["other"])
    lines = draw(st.lists(st.tuples(flow_ids, RECTS), max_size=25))
    return labelled, blocked, lines


def indexes(blocked: list[Rect], lines: list[tuple[str, Rect]]) -> tuple[RectIndex[str], ...]:
    return RectIndex((f"b{n}", rect) for n, rect in enumerate(blocked)), RectIndex(lines)


@settings(max_examples=250, deadline=None)
@given(label_problems())
def test_labels_go_where_trying_every_place_puts_them(
    problem: tuple[Labelled, list[Rect], list[tuple[str, Rect]]],
) -> None:
    labelled, blocked, lines = problem
    expected = place_by_trying_every_place(labelled, *indexes(blocked, lines))
    assert place_labels(labelled, *indexes(blocked, lines)) == expected


def test_a_label_leaps_along_a_flow_crowded_by_others() -> None:
    """A long flow beside a parallel one: every place on the line covers the other flow, so
    the label goes on the first place beside it that nothing covers."""
    labelled: Labelled = [("long", "referral letter", [(0.0, 100.0), (4000.0, 100.0)])]
    blocked = [Rect(20, 60, 900, 36)]  # a step above the first part of the line
    lines = [("parallel", Rect(-10, 98, 4020, 4))]
    placed = place_labels(labelled, *indexes(blocked, lines))
    assert placed == place_by_trying_every_place(labelled, *indexes(blocked, lines))
    assert placed["long"].rect.top > 100  # below the line: the step covers the places above


def positions_step_by_step(length: float, extent: float, first: bool, last: bool) -> list[float]:
    """The rule as written: from the start, ALONG_STEP at a time, while short of the finish."""
    start = LABEL_GAP + extent / 2 if first else extent / 2 + 2
    finish = length - extent / 2 - (ARROWHEAD_LENGTH + 2 if last else 2)
    positions = []
    along = start
    while along <= finish + 0.01:
        positions.append(along)
        along += ALONG_STEP
    return positions


LENGTHS = st.one_of(
    st.integers(0, 200_000).map(lambda n: n / 10),  # routes on the grid of a tenth of a point
    st.floats(0, 50_000, allow_nan=False),
)


@settings(max_examples=500, deadline=None)
@given(LENGTHS, st.floats(1, 400, allow_nan=False), st.booleans(), st.booleans())
def test_a_stretchs_places_are_the_very_floats_stepping_along_gives(
    length: float, extent: float, first: bool, last: bool
) -> None:
    """Summed in one go, the positions are bit for bit those of adding the step again and
    again: a place a hair different could round to a different tenth of a point."""
    assert _positions(length, extent, first, last) == positions_step_by_step(
        length, extent, first, last
    )
