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
