"""Handoffs: where care changes hands, above all between organisations, and ping-pong."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph, is_blank
from pathmapper.model import Flow


@dataclass
class HandoffResult:
    findings: list[Finding] = field(default_factory=list)
    handoff_flows: list[str] = field(default_factory=list)
    cross_org_flows: list[str] = field(default_factory=list)
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)


def handoff_findings(graph: FlowGraph) -> HandoffResult:
    result = HandoffResult()
    matrix: Counter[tuple[str, str]] = Counter()
    cross: list[Flow] = []
    for flow in graph.path_map.flows:
        if flow.source not in graph.steps or flow.target not in graph.steps:
            continue
        if not graph.is_handoff(flow):
            continue
        result.handoff_flows.append(flow.id)
        if not graph.is_cross_organisation(flow):
            continue
        cross.append(flow)
        result.cross_org_flows.append(flow.id)
        source_org = graph.organisation_of[flow.source]
        target_org = graph.organisation_of[flow.target]
        matrix[(source_org, target_org)] += 1
        result.findings.append(_cross_organisation(graph, flow))
        if is_blank(flow.label):
            result.findings.append(_unlabelled(graph, flow))
    result.matrix = dict(matrix)
    result.findings += _ping_pong(graph, cross)
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


def _exits_within_organisation(graph: FlowGraph) -> dict[str, list[Flow]]:
    """For each step, the flows out of its organisation that it reaches through steps of
    its own organisation only (itself included). Computed once over the strongly connected
    parts of each organisation, so a large organisation is not searched once per handoff."""
    import networkx as nx

    inside = nx.DiGraph()
    inside.add_nodes_from(graph.steps)
    inside.add_edges_from(
        (source, target)
        for source, targets in graph.successors.items()
        for target in targets
        if graph.organisation_of[source] == graph.organisation_of[target]
    )
    condensed = nx.condensation(inside)
    exits: dict[int, set[str]] = {}
    for part in reversed(list(nx.topological_sort(condensed))):
        found: set[str] = set()
        for step_id in condensed.nodes[part]["members"]:
            for flow in graph.flows_out[step_id]:
                if graph.organisation_of[flow.target] != graph.organisation_of[step_id]:
                    found.add(flow.id)
        for later in condensed.successors(part):
            found |= exits[later]
        exits[part] = found
    flows = {flow.id: flow for flow in graph.path_map.flows}
    order = {flow.id: index for index, flow in enumerate(graph.path_map.flows)}
    by_part = {
        part: [flows[flow_id] for flow_id in sorted(found, key=order.__getitem__)]
        for part, found in exits.items()
    }
    return {step_id: by_part[part] for step_id, part in condensed.graph["mapping"].items()}


def _ping_pong(graph: FlowGraph, cross: list[Flow]) -> list[Finding]:
    if not cross:
        return []
    exits = _exits_within_organisation(graph)
    findings = []
    for there in cross:
        home = graph.organisation_of[there.source]
        for back in exits[there.target]:
            if graph.organisation_of[back.target] != home:
                continue
            away = graph.organisation_name(there.target)
            home_name = graph.organisation_name(there.source)
            findings.append(
                Finding(
                    "handoff.ping_pong",
                    "warning",
                    f"The patient is passed from {home_name} to {away} "
                    f"({graph.flow_name(there)}) and then straight back to {home_name} "
                    f"({graph.flow_name(back)}), with only {away} in between.",
                    (there.id, back.id),
                    f"Ask whether {away} could finish the job, or {home_name} could have done "
                    "it, so the patient is not bounced between organisations.",
                )
            )
    return findings
