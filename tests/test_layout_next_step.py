"""The one rule for where the step after another goes (Insert step and quick capture alike)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pathmapper.commands import History, MapDocument, add_next_step
from pathmapper.layout import COLUMN_SPACING, ROW_SPACING
from pathmapper.layout.next_step import NEAR_X, NEAR_Y, next_step_place
from pathmapper.model import Lane, PathMap, Step

positions = st.tuples(
    st.integers(0, 8).map(lambda c: 100.0 + c * COLUMN_SPACING / 2),
    st.integers(0, 6).map(lambda r: 60.0 + r * ROW_SPACING / 2),
)


def _map(places: list[tuple[float, float]]) -> PathMap:
    lanes = [Lane(id="gp", name="GP"), Lane(id="echo", name="Echo")]
    steps = [
        Step(id=f"s{n}", kind="activity", lane="gp" if n % 2 else "echo", x=x, y=y)
        for n, (x, y) in enumerate(places)
    ]
    return PathMap(id="m", lanes=lanes, steps=steps)


@given(st.lists(positions, min_size=1, max_size=14), st.sampled_from(["gp", "echo"]))
def test_the_next_step_never_lands_on_a_step_of_its_lane(
    places: list[tuple[float, float]], lane_id: str
) -> None:
    path_map = _map(places)
    source = path_map.steps[0]
    place = next_step_place(path_map, source, lane_id)
    assert place is not None
    x, y = place
    assert x == (source.x or 0) + COLUMN_SPACING
    for step in path_map.steps_in_lane(lane_id):
        assert not (abs((step.x or 0) - x) < NEAR_X and abs((step.y or 0) - y) < NEAR_Y)


def test_enter_twice_after_a_decision_puts_the_branches_in_two_rows() -> None:
    document = MapDocument(_map([(100.0, 60.0)]))
    history = History(document)
    first = add_next_step(document, "s0")
    history.push(first)
    second = add_next_step(document, "s0")
    history.push(second)
    a, b = document.path_map.step(first.step_id), document.path_map.step(second.step_id)
    assert a is not None and b is not None
    assert a.x == b.x == 100.0 + COLUMN_SPACING
    assert (a.y, b.y) == (60.0, 60.0 + ROW_SPACING)


def test_an_unplaced_step_is_followed_by_an_unplaced_step() -> None:
    path_map = PathMap(
        id="m", lanes=[Lane(id="gp", name="GP")], steps=[Step(id="a", kind="start", lane="gp")]
    )
    assert next_step_place(path_map, path_map.steps[0], "gp") is None
