"""A lane's stripe colour is its organisation's: reordering the lanes recolours none of them,
and the lanes of one organisation share one colour while different organisations differ."""

from __future__ import annotations

from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.layout.lane_colours import accent_indexes
from pathmapper.model import Lane, PathMap

ORGANISATIONS = ["GP practice", "acute trust", "Community health", "Social care", "Hospice"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(ORGANISATIONS), min_size=1, max_size=9),
    st.randoms(use_true_random=False),
)
def test_a_lane_keeps_its_colour_in_any_order_and_shares_it_with_its_organisation(
    organisations: list[str], random: Random
) -> None:
    lanes = [
        Lane(id=f"l{index}", name=f"Lane {index}", organisation_name=name)
        for index, name in enumerate(organisations)
    ]
    colours = accent_indexes(PathMap(title="Lanes", lanes=lanes))
    shuffled = list(lanes)
    random.shuffle(shuffled)
    assert accent_indexes(PathMap(title="Lanes", lanes=shuffled)) == colours
    for first in lanes:
        for second in lanes:
            same = first.organisation_name == second.organisation_name
            assert (colours[first.id] == colours[second.id]) == same


def _lanes(organisations: list[str], prefix: str) -> PathMap:
    return PathMap(
        title=prefix,
        lanes=[
            Lane(id=f"{prefix}{index}", name=f"Lane {index}", organisation_name=name)
            for index, name in enumerate(organisations)
        ],
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([*ORGANISATIONS, "MSK service", "Ambulance"]), min_size=1, max_size=9),
    st.lists(st.sampled_from([*ORGANISATIONS, "MSK service", "Ambulance"]), min_size=1, max_size=9),
)
def test_a_map_beside_another_gives_the_organisations_they_share_the_same_colour(
    ours: list[str], theirs: list[str]
) -> None:
    """As is beside to be: one organisation, one colour on both sides; and in the map drawn
    beside, organisations still differ from each other."""
    ours_map, theirs_map = _lanes(ours, "a"), _lanes(theirs, "b")
    beside = accent_indexes(ours_map, theirs_map)
    own = accent_indexes(theirs_map)
    colour_of = {lane.organisation_name: own[lane.id] for lane in theirs_map.lanes}
    for lane in ours_map.lanes:
        if lane.organisation_name in colour_of:
            assert beside[lane.id] == colour_of[lane.organisation_name]
        else:
            assert beside[lane.id] not in colour_of.values()
    for first in ours_map.lanes:
        for second in ours_map.lanes:
            same = first.organisation_name == second.organisation_name
            assert (beside[first.id] == beside[second.id]) == same
