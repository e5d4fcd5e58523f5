"""Gaps: where the pathway breaks (no way in, no way out, missing branches, missing facts)."""

from __future__ import annotations

from collections import Counter

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph, has_no_time, is_blank, names_list
from pathmapper.model import COMMENT_KIND_NAMES


def reachable_from(graph: FlowGraph, sources: list[str]) -> set[str]:
    """Every step some source reaches by following flows (the sources included)."""
    seen = set(sources)
    stack = list(sources)
    while stack:
        for target in graph.successors[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def gap_findings(graph: FlowGraph) -> list[Finding]:
    findings: list[Finding] = []
    findings += _start_and_end(graph)
    findings += _unconnected(graph)
    findings += _traps(graph)
    findings += _decisions(graph)
    findings += _duplicate_flows(graph)
    findings += _unlabelled_steps(graph)
    findings += _empty_lanes(graph)
    findings += _missing_times(graph)
    findings += _flagged(graph)
    return findings


def _start_and_end(graph: FlowGraph) -> list[Finding]:
    if not graph.steps:
        return []
    findings = []
    if not graph.starts:
        findings.append(
            Finding(
                "gap.no_start",
                "error",
                "The map has no start step, so it does not say where the patient's journey "
                "begins, and no route through it can be followed.",
                (),
                "Add a start step (for example 'Patient notices symptoms') and connect it to "
                "the first thing that happens.",
            )
        )
    if not graph.ends:
        findings.append(
            Finding(
                "gap.no_end",
                "error",
                "The map has no end step, so it does not say where the patient's journey "
                "finishes, and no route through it can be followed.",
                (),
                "Add an end step (for example 'Discharged to GP care') and connect the last "
                "steps of the journey to it.",
            )
        )
    return findings


def _unconnected(graph: FlowGraph) -> list[Finding]:
    findings = []
    reached = reachable_from(graph, graph.starts)
    for step_id in graph.steps:
        name = graph.name(step_id)
        has_in = bool(graph.predecessors[step_id])
        has_out = bool(graph.successors[step_id])
        if not has_in and not has_out:
            findings.append(
                Finding(
                    "gap.isolated",
                    "warning",
                    f"{name[0].upper()}{name[1:]} is not connected to anything: no arrow leads "
                    "to it or away from it.",
                    (step_id,),
                    "Ask the room where this step fits in the journey and draw the arrows in "
                    "and out, or remove it if it no longer happens.",
                )
            )
            continue
        if graph.starts and step_id not in reached:
            findings.append(
                Finding(
                    "gap.unreachable",
                    "warning",
                    f"No patient can reach {name}: no route from a start step leads to it.",
                    (step_id,),
                    "Ask how patients actually get to this step and draw the missing arrow; if "
                    "nobody does, it may be a service that exists only on paper.",
                )
            )
        if not has_out and graph.steps[step_id].kind != "end":
            findings.append(
                Finding(
                    "gap.dead_end",
                    "warning",
                    f"The journey stops at {name}: nothing happens to the patient after it, "
                    "and it is not an end step.",
                    (step_id,),
                    "Ask 'what happens next?': draw the next step, or mark this step as an end "
                    "if the patient really leaves the pathway here.",
                )
            )
    return findings


def _traps(graph: FlowGraph) -> list[Finding]:
    import networkx as nx

    findings = []
    ends = set(graph.ends)
    for component in nx.strongly_connected_components(graph.digraph):
        if len(component) == 1:
            (only,) = component
            if only not in graph.successors[only]:
                continue
        if component & ends:
            continue
        if any(t not in component for s in component for t in graph.successors[s]):
            continue
        members = graph.in_order(component)
        names = names_list([graph.name(step_id) for step_id in members])
        findings.append(
            Finding(
                "gap.no_route_to_end",
                "warning",
                f"Patients who reach {names} go round and round: no arrow leads out of this "
                "loop to the end of the journey.",
                tuple(members),
                "Ask how patients leave this loop (discharge, onward referral) and draw that "
                "way out to the next step or an end step.",
            )
        )
    return findings


def _decisions(graph: FlowGraph) -> list[Finding]:
    findings = []
    for step_id, step in graph.steps.items():
        if step.kind != "decision":
            continue
        name = graph.name(step_id)
        branches = len(graph.successors[step_id])
        if branches < 2:
            said = "no branch" if branches == 0 else "only one branch"
            findings.append(
                Finding(
                    "gap.decision_branches",
                    "warning",
                    f"The decision {name} has {said}: a decision needs at least two ways on "
                    "(for example 'urgent' and 'routine').",
                    (step_id,),
                    "Ask what happens to the patients who go the other way and draw that "
                    "branch, or make this an activity if nothing is decided here.",
                )
            )
        flows = graph.flows_out[step_id]
        if len(flows) >= 2:
            for flow in flows:
                if is_blank(flow.label):
                    findings.append(
                        Finding(
                            "gap.unlabelled_branch",
                            "info",
                            f"The branch of the decision {name} that leads to "
                            f"{graph.name(flow.target)} has no label, so the room cannot "
                            "tell which patients go that way.",
                            (flow.id,),
                            "Label the arrow with the answer or criterion that sends patients "
                            "this way (for example 'yes', 'urgent', 'over 75').",
                        )
                    )
    return findings


def _duplicate_flows(graph: FlowGraph) -> list[Finding]:
    findings = []
    for (source, target), flows in graph.flows_between.items():
        if len(flows) < 2:
            continue
        extra = len(flows) - 1
        findings.append(
            Finding(
                "gap.duplicate_flow",
                "warning",
                f"There {'is' if extra == 1 else 'are'} {extra + 1} arrows from "
                f"{graph.name(source)} to {graph.name(target)}; one is enough.",
                tuple(flow.id for flow in flows[1:]),
                "Delete the extra arrow, or, if they stand for different reasons, put both "
                "reasons on one arrow's label.",
            )
        )
    return findings


def _unlabelled_steps(graph: FlowGraph) -> list[Finding]:
    return [
        Finding(
            "gap.unlabelled_step",
            "info",
            f"There is {graph.name(step_id)}: the room cannot tell what happens there.",
            (step_id,),
            "Give the step a short label saying what happens to the patient.",
        )
        for step_id, step in graph.steps.items()
        if is_blank(step.label)
    ]


def _empty_lanes(graph: FlowGraph) -> list[Finding]:
    used = Counter(step.lane for step in graph.steps.values())
    findings = []
    for lane in graph.path_map.lanes:
        if used[lane.id]:
            continue
        name = lane.name.strip()
        message = (
            f"The lane '{name}' has no steps" if name else "An unnamed lane has no steps"
        ) + ": this team or organisation plays no part in the journey as mapped."
        findings.append(
            Finding(
                "gap.empty_lane",
                "info",
                message,
                (lane.id,),
                "Ask whether this service should be involved (a gap in the pathway?) or "
                "remove the lane.",
            )
        )
    return findings


def _missing_times(graph: FlowGraph) -> list[Finding]:
    steps = graph.steps.values()
    if not any(step.wait is not None or step.duration is not None for step in steps):
        return []
    missing = [step.id for step in steps if has_no_time(step)]
    if not missing:
        return []
    names = names_list([graph.name(step_id) for step_id in missing])
    count = len(missing)
    return [
        Finding(
            "gap.missing_time",
            "info",
            f"{count} step{'s have' if count > 1 else ' has'} no time (neither how long it "
            f"takes nor how long the patient waits for it): {names}. Lead times through "
            f"{'them' if count > 1 else 'it'} are lower bounds.",
            tuple(missing),
            "Ask the room for a typical wait and duration for each, even a rough one "
            "('about 2 weeks').",
        )
    ]


def _flagged(graph: FlowGraph) -> list[Finding]:
    findings = []
    for comment in graph.path_map.comments:
        if comment.kind != "gap":
            continue
        target = comment.target
        where = ""
        if target is not None and target in graph.steps:
            where = f" on {graph.name(target)}"
        elif target is not None and (flow := graph.path_map.flow(target)) is not None:
            where = f" on the arrow {graph.flow_name(flow)}"
        elif target is not None and (lane := graph.path_map.lane(target)) is not None:
            where = f" on the lane '{lane.name.strip()}'" if lane.name.strip() else ""
        text = comment.text.strip()
        said = f": '{text}'" if text else ""
        findings.append(
            Finding(
                "gap.flagged",
                "warning",
                f"The room flagged a {COMMENT_KIND_NAMES['gap'].lower()}{where}{said}.",
                (comment.id,) if target is None else (comment.id, target),
                "Agree who will look into this gap and what the pathway should do instead.",
            )
        )
    return findings
