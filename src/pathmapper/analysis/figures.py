"""Figures for the map and its routes: the summary, bottlenecks, time waiting and adding value."""

from __future__ import annotations

from typing import Any

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph
from pathmapper.analysis.routes import Route

_SOURCE = ("virtual", "source")
_SINK = ("virtual", "sink")


def bottlenecks(graph: FlowGraph) -> list[str]:
    """Steps, other than start and end steps, that every route passes through, in route order.

    A step is on every route exactly when it dominates the end of the journey: with one virtual
    step before all start steps and one after all end steps (and nothing leaving an end step,
    since a route stops there), these are the dominators of the virtual end. So the answer is
    exact for all routes, even when there are too many routes to list."""
    import networkx as nx

    if not graph.starts or not graph.ends:
        return []
    flow = nx.DiGraph()
    flow.add_edges_from(
        (source, target)
        for source, targets in graph.successors.items()
        if graph.steps[source].kind != "end"
        for target in targets
    )
    flow.add_edges_from((_SOURCE, start) for start in graph.starts)
    flow.add_edges_from((end, _SINK) for end in graph.ends)
    dominators = nx.immediate_dominators(flow, _SOURCE)
    if _SINK not in dominators:
        return []
    chain: list[str] = []
    step: Any = dominators[_SINK]
    while step != _SOURCE:
        chain.append(step)
        step = dominators[step]
    chain.reverse()
    return [step_id for step_id in chain if graph.steps[step_id].kind not in ("start", "end")]


def waiting_minutes_total(graph: FlowGraph) -> float:
    """Time patients wait, over every step of the map that gives a wait."""
    return sum(graph.wait_minutes.values())


def value_adding_minutes_total(graph: FlowGraph) -> float:
    """Active time that adds value for the patient, over every value-adding step of the map."""
    minutes = graph.duration_minutes
    return sum(minutes[step_id] for step_id, step in graph.steps.items() if step.value_added)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def summary(
    graph: FlowGraph,
    findings: list[Finding],
    routes: list[Route],
    routes_truncated: bool,
    handoffs: int,
    cross_org_handoffs: int,
) -> dict[str, Any]:
    """The summary exactly as the design defines its keys (`pathmapper check --format json`)."""
    path_map = graph.path_map
    lead_times = [route.lead_time_minutes for route in routes]
    codes = [finding.code for finding in findings]
    severities = [finding.severity for finding in findings]
    return {
        "steps": len(path_map.steps),
        "flows": len(path_map.flows),
        "lanes": len(path_map.lanes),
        "organisations": len(path_map.organisations()),
        "decisions": sum(step.kind == "decision" for step in path_map.steps),
        "handoffs": handoffs,
        "cross_org_handoffs": cross_org_handoffs,
        "loops": codes.count("loop.cycle"),
        "expected_loops": codes.count("loop.expected"),
        "routes": len(routes),
        "routes_truncated": routes_truncated,
        "lead_time_max_minutes": _number(max(lead_times)) if lead_times else None,
        "lead_time_min_minutes": _number(min(lead_times)) if lead_times else None,
        "lead_time_is_lower_bound": any(route.lead_time_is_lower_bound for route in routes),
        "patient_contacts_max": max((route.patient_contacts for route in routes), default=0),
        "handoffs_max_per_route": max((route.handoffs for route in routes), default=0),
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
    }
