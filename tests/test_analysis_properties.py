"""Property tests on random maps: the analysis against brute-force counts."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.analysis import analyse
from pathmapper.analysis.graph import FlowGraph
from pathmapper.analysis.routes import find_routes
from pathmapper.model import Flow, Lane, PathMap
from tests.analysis_maps import LANES, make_map, step

# The patient's own lane, by name, beside the organisations' lanes.
MAP_LANES = (Lane(id="patient", name="Patient"), *LANES)

KINDS = ("start", "end", "activity", "decision", "wait")
# Seconds are not whole binary fractions of a minute: times that cannot be added up in any order.
TIMES = (None, "PT15M", "P2D", "PT1S", "PT0.1S")


@st.composite
def random_maps(draw: st.DrawFn) -> PathMap:
    count = draw(st.integers(min_value=1, max_value=8))
    steps = [
        step(
            f"s{n}",
            draw(st.sampled_from(KINDS)),
            draw(st.sampled_from([lane.id for lane in MAP_LANES])),
            wait=draw(st.sampled_from(TIMES)),
            duration=draw(st.sampled_from(TIMES)),
            patient_contact=draw(st.booleans()),
            value_added=draw(st.booleans()),
        )
        for n in range(count)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.booleans()),
            max_size=14,
        )
    )
    flows = [
        Flow(id=f"f{n}", source=f"s{a}", target=f"s{b}", expected_loop=expected)
        for n, (a, b, expected) in enumerate(pairs)
    ]
    return make_map(steps, flows, lanes=MAP_LANES)


def _organisation(path_map: PathMap, step_id: str) -> str | None:
    """The lane's organisation, written out here; None in the patient's lane."""
    step = path_map.step(step_id)
    assert step is not None
    if step.lane == "patient":
        return None
    return {lane.id: lane.organisation for lane in LANES}[step.lane]


def _graph(path_map: PathMap) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(step.id for step in path_map.steps)
    graph.add_edges_from((flow.source, flow.target) for flow in path_map.flows)
    return graph


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_handoff_counts_equal_a_brute_force_count(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    lane = {step.id: step.lane for step in path_map.steps}
    between_lanes = [f.id for f in path_map.flows if lane[f.source] != lane[f.target]]
    between_orgs = [
        f
        for f in path_map.flows
        if None not in (_organisation(path_map, f.source), _organisation(path_map, f.target))
        and _organisation(path_map, f.source) != _organisation(path_map, f.target)
    ]
    assert analysis.handoff_flows == between_lanes
    assert analysis.cross_org_flows == [f.id for f in between_orgs]
    assert analysis.summary["handoffs"] == len(between_lanes)
    assert analysis.summary["cross_org_handoffs"] == len(between_orgs)
    matrix = Counter(
        (_organisation(path_map, f.source), _organisation(path_map, f.target)) for f in between_orgs
    )
    assert analysis.handoff_matrix == dict(matrix)
    assert sum(f.code == "handoff.cross_organisation" for f in analysis.findings) == len(
        between_orgs
    )


@settings(max_examples=200, deadline=None)
@given(random_maps())
def test_every_loop_back_flow_closes_a_real_cycle(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    edges = {(flow.source, flow.target) for flow in path_map.flows}
    for cycle in analysis.cycles:
        assert len(set(cycle)) == len(cycle)
        for index, source in enumerate(cycle):
            assert (source, cycle[(index + 1) % len(cycle)]) in edges
    # One loop per loop-back flow: no two loops are closed by flows joining the same steps.
    loop_backs = [(cycle[-1], cycle[0]) for cycle in analysis.cycles]
    assert len(set(loop_backs)) == len(loop_backs)
    loops = [f for f in analysis.findings if f.code in ("loop.cycle", "loop.expected")]
    assert sorted(f.elements for f in loops) == sorted(analysis.cycles)


@settings(max_examples=200, deadline=None)
@given(random_maps())
def test_removing_the_flows_that_send_back_leaves_no_cycle(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    graph = _graph(path_map)
    graph.remove_edges_from((cycle[-1], cycle[0]) for cycle in analysis.cycles)
    assert nx.is_directed_acyclic_graph(graph)
    # And each of them is needed: a map with a cycle has a loop.
    assert bool(analysis.cycles) == (not nx.is_directed_acyclic_graph(_graph(path_map)))


@settings(max_examples=200, deadline=None)
@given(random_maps())
def test_a_bounce_is_a_route_meeting_a_b_a_b(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    bounced: dict[frozenset[str], set[str]] = {}
    for route in analysis.routes:
        met = [o for s in route.steps if (o := _organisation(path_map, s)) is not None]
        runs = [o for index, o in enumerate(met) if index == 0 or met[index - 1] != o]
        pairs = {
            frozenset(runs[i : i + 2])
            for i in range(len(runs) - 3)
            if runs[i : i + 2] == runs[i + 2 : i + 4]
        }
        for pair in pairs:
            bounced.setdefault(pair, set()).update(
                f.id
                for a, b in zip(route.steps, route.steps[1:], strict=False)
                for f in path_map.flows
                if (f.source, f.target) == (a, b)
                and {_organisation(path_map, a), _organisation(path_map, b)} == pair
            )
    reported = [f for f in analysis.findings if f.code == "handoff.ping_pong"]
    assert sorted(f.elements for f in reported) == sorted(
        tuple(f.id for f in path_map.flows if f.id in flows) for flows in bounced.values()
    )


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_routes_run_from_a_start_to_the_first_end_along_flows(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    kinds = {step.id: step.kind for step in path_map.steps}
    steps = {step.id: step for step in path_map.steps}
    edges = {(flow.source, flow.target) for flow in path_map.flows}
    for route in analysis.routes:
        assert kinds[route.steps[0]] == "start"
        assert kinds[route.steps[-1]] == "end"
        assert all(kinds[s] != "end" for s in route.steps[:-1])
        assert len(set(route.steps)) == len(route.steps)
        assert all(pair in edges for pair in zip(route.steps, route.steps[1:], strict=False))
        on_route = [steps[s] for s in route.steps]
        total = sum((s.wait_minutes or 0) + (s.duration_minutes or 0) for s in on_route)
        assert route.lead_time_minutes == total
        assert route.patient_contacts == sum(s.patient_contact for s in on_route)
    # Every route, once: brute force over simple paths with ends cut off.
    cut = _graph(path_map)
    cut.remove_edges_from([(a, b) for a, b in list(cut.edges) if kinds[a] == "end"])
    expected = {
        tuple(path)
        for start in steps
        if kinds[start] == "start"
        for end in steps
        if kinds[end] == "end"
        for path in nx.all_simple_paths(cut, start, end)
    }
    assert {route.steps for route in analysis.routes} == expected
    assert len(analysis.routes) == len(expected)


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_unreachable_steps_are_exactly_those_no_start_reaches(path_map: PathMap) -> None:
    analysis = analyse(path_map)
    graph = _graph(path_map)
    starts = [step.id for step in path_map.steps if step.kind == "start"]
    reached = set(starts).union(*(nx.descendants(graph, s) for s in starts))
    isolated = {n for n in graph if graph.degree(n) == 0}
    expected = set(graph) - reached - isolated if starts else set()
    reported = {f.elements[0] for f in analysis.findings if f.code == "gap.unreachable"}
    assert reported == expected
    assert {f.elements[0] for f in analysis.findings if f.code == "gap.isolated"} == isolated


@settings(max_examples=150, deadline=None)
@given(random_maps(), st.integers(0, 40), st.integers(0, 6))
def test_a_bounded_search_finds_the_first_routes_of_the_whole_one(
    path_map: PathMap, moves: int, routes: int
) -> None:
    graph = FlowGraph.of(path_map)
    whole = find_routes(graph)
    by_moves = find_routes(graph, max_search_steps=moves)
    assert by_moves.routes == whole.routes[: len(by_moves.routes)]
    assert by_moves.truncated or by_moves.routes == whole.routes
    by_count = find_routes(graph, max_routes=routes)
    assert by_count.routes == whole.routes[:routes]
    assert by_count.truncated == (len(whole.routes) > routes)
