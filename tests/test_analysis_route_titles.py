"""Route titles tell routes apart by the ways they take where the pathway forks."""

from __future__ import annotations

from hypothesis import assume, given, settings

from pathmapper.analysis import analyse
from pathmapper.analysis.route_titles import route_title
from pathmapper.model import Flow, PathMap
from tests.analysis_maps import chain, flow, make_map, step
from tests.test_analysis_properties import random_maps


def test_a_route_is_named_by_its_branches_or_else_its_ends() -> None:
    steps = [
        step("s", "start", label="Chest pain"),
        step("d", "decision", label="Urgent?"),
        step("u", "activity", label="Same-day clinic"),
        step("r", "activity", label="Routine clinic"),
        step("e", "end", label="Discharged"),
    ]
    flows = [flow("s", "d"), flow("d", "u", "urgent"), flow("d", "r"), *chain("u", "e")]
    flows.append(flow("r", "e"))
    path_map = make_map(steps, flows)
    titles = {route_title(path_map, route.steps) for route in analyse(path_map).routes}
    assert titles == {"urgent", "'Routine clinic'"}  # an unlabelled branch: where it leads
    straight = make_map(steps[:1] + steps[2:3] + steps[4:], chain("s", "u", "e"))
    assert route_title(straight, ("s", "u", "e")) == "Chest pain → Discharged"


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_the_routes_from_one_start_have_titles_of_their_own(path_map: PathMap) -> None:
    assume(sum(s.kind == "start" for s in path_map.steps) == 1)
    labelled = path_map.model_copy(
        update={"flows": [Flow(**{**f.model_dump(), "label": f.id}) for f in path_map.flows]}
    )
    routes = analyse(labelled).routes
    titles = [route_title(labelled, route.steps) for route in routes]
    assert len(set(titles)) == len(titles)
