"""Handoffs: where care changes hands, above all between organisations, and bounces.

A bounce (`handoff.ping_pong`) is the patient passed back and forth: on some route the
organisations met go A, B, A, B. A referral and its reply (A, B, A) is the normal shape of
care, and a visit home to the patient between two steps of one organisation is no change of
organisation, so neither is a bounce.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph, is_blank
from pathmapper.analysis.routes import Route
from pathmapper.model import Flow


@dataclass
class HandoffResult:
    findings: list[Finding] = field(default_factory=list)
    handoff_flows: list[str] = field(default_factory=list)
    cross_org_flows: list[str] = field(default_factory=list)
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)


def handoff_findings(graph: FlowGraph, routes: list[Route]) -> HandoffResult:
    """Every handoff and cross-organisation handoff, and the bounces on the `routes` found."""
    result = HandoffResult()
    matrix: Counter[tuple[str, str]] = Counter()
    for flow in graph.path_map.flows:
        if flow.source not in graph.steps or flow.target not in graph.steps:
            continue
        if not graph.is_handoff(flow):
            continue
        result.handoff_flows.append(flow.id)
        if not graph.is_cross_organisation(flow):
            continue
        result.cross_org_flows.append(flow.id)
        matrix[(graph.organisation_name(flow.source), graph.organisation_name(flow.target))] += 1
        result.findings.append(_cross_organisation(graph, flow))
        if is_blank(flow.label):
            result.findings.append(_unlabelled(graph, flow))
    result.matrix = dict(matrix)
    result.findings += bounce_findings(graph, routes)
    return result


def _cross_organisation(graph: FlowGraph, flow: Flow) -> Finding:
    source_org = graph.organisation_name(flow.source)
    target_org = graph.organisation_name(flow.target)
    return Finding(
        "handoff.cross_organisation",
        "info",
        f"Care passes from {source_org} to {target_org}: {graph.flow_name(flow)}.",
        (flow.id,),
        "Check what is handed over (a referral, results, a care plan), how it travels and how "
        "long it takes to arrive: each handoff between organisations is a chance for delay "
        "and loss.",
    )


def _unlabelled(graph: FlowGraph, flow: Flow) -> Finding:
    return Finding(
        "handoff.unlabelled",
        "info",
        f"The handoff from {graph.name(flow.source)} ({graph.organisation_name(flow.source)}) "
        f"to {graph.name(flow.target)} ({graph.organisation_name(flow.target)}) does not say "
        "what is passed on.",
        (flow.id,),
        "Label the arrow with what is handed over (a referral letter, test results, a "
        "discharge summary).",
    )


Pair = frozenset[str]  # two organisations, either way round
Run = tuple[str, int]  # a run of steps of one organisation: it, and the tree node of its first
Where = tuple[int, int, int]  # tree nodes where a bounce A, B, A, B reaches B, A, then B again
# What a node of the route search tree knows of the way to it: the organisation it is in (the
# last met), the last three runs, the pairs bounced between, and the nearest node (itself or
# above) reached by a cross-organisation flow.
State = tuple[str | None, tuple[Run, ...], dict[Pair, Where], int]
NOTHING_YET: State = (None, (), {}, -1)


@dataclass
class Bounce:
    """The patient passed back and forth between two organisations, on one or more routes."""

    where: Where  # on the first route found bouncing between the two
    routes: int = 0
    flows: set[str] = field(default_factory=set)


def _next_state(state: State, organisation: str, node: int, crossed: bool) -> State:
    """The state after a step of a new organisation (`crossed`: reached from another one)."""
    _last, tail, found, cross_above = state
    if len(tail) == 3 and tail[0][0] == tail[2][0] and tail[1][0] == organisation:
        pair = frozenset((organisation, tail[0][0]))
        if pair not in found:
            found = {**found, pair: (tail[1][1], tail[2][1], node)}
    tail = (*tail[-2:], (organisation, node))
    return organisation, tail, found, node if crossed else cross_above


def bounce_findings(graph: FlowGraph, routes: list[Route]) -> list[Finding]:
    """One `handoff.ping_pong` per pair of organisations some route bounces the patient between;
    its elements the cross-organisation flows between the two on every such route.

    The routes share their beginnings in one search tree (`PathTree`), ten or more times smaller
    than the routes laid end to end, so the organisations met are followed once per node of the
    tree. Most steps change nothing and share their parent's state."""
    if not routes:
        return []
    tree = routes[0].tree
    ids, parents, steps = tree.ids, tree.parent, tree.step
    organisation_at = [graph.organisation_of[step_id] for step_id in ids]
    states: list[State] = [NOTHING_YET] * len(parents)
    for node in range(len(parents)):
        parent = parents[node]
        state = states[parent] if parent >= 0 else NOTHING_YET
        organisation = organisation_at[steps[node]]
        if organisation is not None and organisation != state[0]:
            crossed = parent >= 0 and organisation_at[steps[parent]] is not None
            state = _next_state(state, organisation, node, crossed)
        states[node] = state
    bounces: dict[Pair, Bounce] = {}
    marked: dict[Pair, set[int]] = {}  # nodes reached by a cross-organisation flow, read
    for route in routes:
        _last, _tail, found, cross_above = states[route.node]
        for pair, example in found.items():
            bounce = bounces.setdefault(pair, Bounce(example))
            bounce.routes += 1
            seen = marked.setdefault(pair, set())
            node = cross_above
            while node >= 0 and node not in seen:
                seen.add(node)
                parent = parents[node]
                if {organisation_at[steps[parent]], organisation_at[steps[node]]} == pair:
                    joined = (ids[steps[parent]], ids[steps[node]])
                    bounce.flows.update(flow.id for flow in graph.flows_between[joined])
                node = states[parent][3]
    order = {flow.id: index for index, flow in enumerate(graph.path_map.flows)}
    findings = []
    for bounce in bounces.values():
        # The step the patient leaves the first organisation from: the last before B that is
        # not the patient's own.
        leaving = parents[bounce.where[0]]
        while organisation_at[steps[leaving]] is None:
            leaving = parents[leaving]
        where = [ids[steps[node]] for node in (leaving, *bounce.where)]
        flows = sorted(bounce.flows, key=order.__getitem__)
        findings.append(_bounce(graph, bounce, where, flows))
    findings.sort(key=lambda finding: [order[flow_id] for flow_id in finding.elements])
    return findings


def _bounce(graph: FlowGraph, bounce: Bounce, where: list[str], flows: list[str]) -> Finding:
    first, second = (graph.organisation_name(step_id) for step_id in where[:2])
    steps = " → ".join(graph.name(step_id) for step_id in where)
    routes = "one route" if bounce.routes == 1 else f"{bounce.routes:,} routes"
    return Finding(
        "handoff.ping_pong",
        "warning",
        f"The patient is passed back and forth between {first} and {second}: on {routes} they "
        f"go from {first} to {second}, back, and to {second} again ({steps}).",
        tuple(flows),
        f"Ask whether {second} could finish the job the first time, or {first} could do it, so "
        "the patient is not bounced between organisations.",
    )
