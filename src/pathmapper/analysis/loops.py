"""Loops: one per arrow that sends the patient back (a loop-back flow of a depth-first search).

Counting every elementary cycle made two arrows that send patients back into six loops, one
for each path round them; a facilitator counts the arrows. So the search of analysis.md (v2):
depth-first from each start step in file order, then from each step not yet visited, following
a step's flows in file order; a flow to a step on the current search path is a loop-back flow,
and its cycle is that path from the flow's target to its source. There are never more loops
than flows, so nothing needs cutting short.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph, names_list

SHOWN_STEPS = 6
MAX_CROSSINGS_SAID = 4


@dataclass(frozen=True)
class Loop:
    """A loop-back flow's cycle: `steps` from the flow's target to its source, in order."""

    steps: tuple[str, ...]

    @property
    def sent_back_from(self) -> str:
        return self.steps[-1]

    @property
    def sent_back_to(self) -> str:
        return self.steps[0]

    def pairs(self) -> list[tuple[str, str]]:
        """Each step of the cycle with the next; the last with the first (the loop-back flow)."""
        return list(zip(self.steps, self.steps[1:] + self.steps[:1], strict=True))


@dataclass
class LoopResult:
    findings: list[Finding] = field(default_factory=list)
    cycles: list[tuple[str, ...]] = field(default_factory=list)


def loop_back_cycles(graph: FlowGraph) -> list[Loop]:
    """The cycle of every loop-back flow, in the order the search meets them.

    networkx's depth-first search visits roots in the graph's node order and each step's
    successors in edge order, so the graph searched lists the start steps first, then every
    step, each in file order, and its edges in the order of each pair's first flow. The search
    path is followed from the search's forward and reverse edges."""
    import networkx as nx

    ordered = nx.DiGraph()
    ordered.add_nodes_from(graph.starts)
    ordered.add_nodes_from(graph.steps)
    ordered.add_edges_from(graph.flows_between)
    path: list[str] = []
    on_path: dict[str, int] = {}  # step id -> its index in `path`
    loops: list[Loop] = []
    for _source, target, kind in nx.dfs_labeled_edges(ordered):
        if kind == "forward":
            on_path[target] = len(path)
            path.append(target)
        elif kind == "reverse":
            del on_path[path.pop()]
        elif kind == "nontree" and target in on_path:
            loops.append(Loop(tuple(path[on_path[target] :])))
    return loops


def is_expected(graph: FlowGraph, loop: Loop) -> bool:
    """Planned: some flow joining two consecutive steps of the cycle is an expected loop."""
    return any(flow.expected_loop for pair in loop.pairs() for flow in graph.flows_between[pair])


def describe_path(graph: FlowGraph, loop: Loop) -> str:
    """ "'A' in X → 'B' in Y → back to 'A'", shortened for long loops."""
    cycle = loop.steps
    shown = [graph.name(step_id) for step_id in cycle[:SHOWN_STEPS]]
    if len(cycle) > SHOWN_STEPS:
        shown[-1] = f"... ({len(cycle)} steps in all)"
    return " → ".join([*shown, f"back to {graph.short_name(cycle[0])}"])


def describe_sending_back(graph: FlowGraph, loop: Loop) -> str:
    """ "is sent back from 'Review' in GP practice to 'Refer' in GP practice"."""
    if len(loop.steps) == 1:
        return f"is sent from {graph.name(loop.sent_back_from)} straight back to itself"
    return f"is sent back from {graph.name(loop.sent_back_from)} to {graph.name(loop.sent_back_to)}"


def describe_crossings(graph: FlowGraph, loop: Loop) -> str:
    """Which organisations the loop takes the patient between (the patient's own lane is no
    organisation, so a trip home and back to the same organisation crosses nothing)."""
    cared = [step_id for step_id in loop.steps if graph.organisation_of[step_id] is not None]
    if not cared:
        return "The loop stays with the patient."
    crossings = [
        (graph.organisation_name(source), graph.organisation_name(target))
        for source, target in zip(cared, cared[1:] + cared[:1], strict=True)
        if graph.organisation_of[source] != graph.organisation_of[target]
    ]
    if not crossings:
        return f"The loop stays within {graph.organisation_name(cared[0])}."
    if len(crossings) > MAX_CROSSINGS_SAID:
        met = list(dict.fromkeys(organisation for pair in crossings for organisation in pair))
        last = crossings[-1]
        return (
            f"The patient changes organisation {len(crossings)} times on it "
            f"({names_list(met)}), finally back from {last[0]} to {last[1]}."
        )
    parts = [f"from {a} to {b}" for a, b in crossings[:-1]]
    parts.append(f"back from {crossings[-1][0]} to {crossings[-1][1]}")
    return "The patient goes " + ", then ".join(parts) + "."


def loop_findings(graph: FlowGraph) -> LoopResult:
    result = LoopResult()
    for loop in loop_back_cycles(graph):
        result.cycles.append(loop.steps)
        said = (
            f"{describe_sending_back(graph, loop)}: {describe_path(graph, loop)}. "
            f"{describe_crossings(graph, loop)}"
        )
        if is_expected(graph, loop):
            result.findings.append(
                Finding(
                    "loop.expected",
                    "info",
                    f"Planned loop: the patient {said}",
                    loop.steps,
                    "Check that this planned cycle (for example an annual review) still "
                    "needs every step on it.",
                )
            )
        else:
            result.findings.append(
                Finding(
                    "loop.cycle",
                    "warning",
                    f"The patient {said}",
                    loop.steps,
                    "Ask why patients are sent back (rework, re-referral, a missing result?). "
                    "If the loop is planned, mark one of its arrows as an expected loop.",
                )
            )
    return result
