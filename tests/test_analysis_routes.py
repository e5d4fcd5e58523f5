"""Routes, their figures, bottlenecks and the summary."""

from __future__ import annotations

from pathmapper.analysis import MAX_ROUTES, analyse
from pathmapper.analysis.generate import generate_map
from pathmapper.analysis.graph import FlowGraph
from pathmapper.analysis.routes import find_routes
from pathmapper.model import PathMap
from tests.analysis_maps import chain, flow, make_map, step

SUMMARY_KEYS = [
    "steps", "flows", "lanes", "organisations", "decisions", "handoffs", "cross_org_handoffs",
    "loops", "expected_loops", "routes", "routes_truncated", "lead_time_max_minutes",
    "lead_time_min_minutes", "lead_time_is_lower_bound", "patient_contacts_max",
    "handoffs_max_per_route", "errors", "warnings", "infos",
]  # fmt: skip


def branching_map() -> PathMap:
    steps = [
        step("s", "start", wait="P1D"),
        step("d", "decision", label="Urgent?", duration="PT5M"),
        step("u", "activity", "cardio", wait="P2D", duration="PT30M", value_added=True,
             patient_contact=True),
        step("r", "activity", "community", wait="P6W", duration="PT1H", patient_contact=True),
        step("n", "activity", "nurse"),
        step("e", "end"),
    ]  # fmt: skip
    flows = [
        flow("s", "d"), flow("d", "u", "urgent"), flow("d", "r", "routine"),
        flow("u", "e"), flow("r", "n"), flow("n", "e"), flow("n", "e", id="twice"),
        flow("e", "s", "re-referral"),
    ]  # fmt: skip
    return make_map(steps, flows)


def test_routes_and_their_figures() -> None:
    analysis = analyse(branching_map())
    routes = {route.steps: route for route in analysis.routes}
    assert set(routes) == {("s", "d", "u", "e"), ("s", "d", "r", "n", "e")}  # parallel flows
    urgent = routes[("s", "d", "u", "e")]
    assert urgent.lead_time_minutes == 1440 + 5 + 2880 + 30
    assert urgent.waiting_minutes == 1440 + 2880
    assert urgent.value_adding_minutes == 30
    assert not urgent.lead_time_is_lower_bound
    assert (urgent.patient_contacts, urgent.handoffs, urgent.cross_org_handoffs) == (1, 2, 2)
    assert urgent.organisations == ("GP practice", "Acute trust")
    routine = routes[("s", "d", "r", "n", "e")]
    assert routine.lead_time_is_lower_bound  # the nurse step has no time
    assert routine.organisations == ("GP practice", "Community health provider")
    assert (routine.handoffs, routine.cross_org_handoffs) == (3, 2)
    assert analysis.organisations_met_max == 2


def test_summary_has_exactly_the_design_keys() -> None:
    summary = analyse(branching_map()).summary
    assert list(summary) == SUMMARY_KEYS
    assert summary["routes"] == 2 and summary["routes_truncated"] is False
    assert summary["lead_time_min_minutes"] == 1440 + 5 + 2880 + 30
    assert summary["lead_time_max_minutes"] == 1440 + 5 + 60480 + 60
    assert summary["lead_time_is_lower_bound"] is True
    assert summary["patient_contacts_max"] == 1
    assert summary["handoffs_max_per_route"] == 3
    assert summary["decisions"] == 1 and summary["loops"] == 1  # one arrow back, either branch


def test_no_route_gives_null_lead_times() -> None:
    summary = analyse(make_map([step("a"), step("b")], chain("a", "b"))).summary
    assert summary["routes"] == 0
    assert summary["lead_time_max_minutes"] is None and summary["lead_time_min_minutes"] is None
    assert summary["errors"] == 2


def test_a_route_stops_at_the_first_end() -> None:
    steps = [step("s", "start"), step("e1", "end"), step("e2", "end")]
    analysis = analyse(make_map(steps, chain("s", "e1", "e2")))
    assert [route.steps for route in analysis.routes] == [("s", "e1")]


def test_bottlenecks_are_the_steps_every_route_passes() -> None:
    analysis = analyse(branching_map())
    assert analysis.bottlenecks == ["d"]
    graph = FlowGraph.of(branching_map())
    on_every_route = set.intersection(*(set(route.steps) for route in analysis.routes))
    assert {s for s in on_every_route if graph.steps[s].kind not in ("start", "end")} == {"d"}


def test_map_level_times() -> None:
    analysis = analyse(branching_map())
    assert analysis.waiting_minutes_total == 1440 + 2880 + 60480
    assert analysis.value_adding_minutes_total == 30


def test_route_enumeration_stops_at_the_bound_and_says_so() -> None:
    analysis = analyse(generate_map(1000, seed=3))
    assert len(analysis.routes) == MAX_ROUTES
    assert analysis.routes_truncated and analysis.summary["routes_truncated"]


def test_a_small_route_bound_is_exact() -> None:
    graph = FlowGraph.of(branching_map())
    assert not find_routes(graph, max_routes=2).truncated
    assert find_routes(graph, max_routes=1).truncated
    assert find_routes(graph, max_search_steps=1).truncated
