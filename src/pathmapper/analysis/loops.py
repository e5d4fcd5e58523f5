"""Loops: every elementary cycle of the flow graph, bounded so a large map cannot hang."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph, names_list

MAX_CYCLES = 1000
SHOWN_STEPS = 6
MAX_CROSSINGS_SAID = 4


@dataclass
class LoopResult:
    findings: list[Finding] = field(default_factory=list)
    cycles: list[tuple[str, ...]] = field(default_factory=list)
    truncated: bool = False


def _rotated(graph: FlowGraph, cycle: list[str]) -> tuple[str, ...]:
    """The cycle starting at its step listed first in the file (usually where it is entered)."""
    first = min(range(len(cycle)), key=lambda index: graph.position[cycle[index]])
    return tuple(cycle[first:] + cycle[:first])


def bounded_cycles(graph: FlowGraph, limit: int = MAX_CYCLES) -> Iterator[tuple[str, ...]]:
    """Up to `limit` + 1 cycles, generated lazily (never all of them first).

    The search runs on the steps' positions in the file, not their ids: networkx walks sets of
    nodes, and sets of strings come out in an order that changes with every run (hash
    randomisation), so a map with more than `limit` loops reported different loops each time
    it was checked. Integers hash to themselves, so the same map always gives the same loops.
    """
    import networkx as nx

    step_at = list(graph.position)  # step ids in file order: step_at[position] is the id
    numbered = nx.relabel_nodes(graph.digraph, graph.position, copy=True)
    for cycle in islice(nx.simple_cycles(numbered), limit + 1):
        yield _rotated(graph, [step_at[index] for index in cycle])


Pairs = list[tuple[str, str]]  # a cycle's steps, each with the next (the last with the first)


def _pairs(cycle: tuple[str, ...]) -> Pairs:
    return list(zip(cycle, cycle[1:] + cycle[:1], strict=True))


def is_expected(graph: FlowGraph, pairs: Pairs) -> bool:
    return any(flow.expected_loop for pair in pairs for flow in graph.flows_between[pair])


def describe_path(graph: FlowGraph, cycle: tuple[str, ...]) -> str:
    """ "'A' in X → 'B' in Y → back to 'A'", shortened for long loops."""
    if len(cycle) == 1:
        return f"{graph.name(cycle[0])} leads straight back to itself"
    shown = [graph.name(step_id) for step_id in cycle[:SHOWN_STEPS]]
    if len(cycle) > SHOWN_STEPS:
        shown[-1] = f"... ({len(cycle)} steps in all)"
    return " → ".join([*shown, f"back to {graph.short_name(cycle[0])}"])


def describe_crossings(graph: FlowGraph, pairs: Pairs) -> str:
    """Which organisations the loop takes the patient between."""
    crossings = [
        (graph.organisation_name(source), graph.organisation_name(target))
        for source, target in pairs
        if graph.organisation_of[source] != graph.organisation_of[target]
    ]
    if not crossings:
        return f"The loop stays within {graph.organisation_name(pairs[0][0])}."
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
    for cycle in bounded_cycles(graph):
        if len(result.cycles) == MAX_CYCLES:
            result.truncated = True
            break
        result.cycles.append(cycle)
        pairs = _pairs(cycle)  # read twice: for planned flows and for organisations crossed
        path = describe_path(graph, cycle)
        crossings = describe_crossings(graph, pairs)
        if is_expected(graph, pairs):
            result.findings.append(
                Finding(
                    "loop.expected",
                    "info",
                    f"Planned loop: {path}. {crossings}",
                    cycle,
                    "Check that this planned cycle (for example an annual review) still "
                    "needs every step on it.",
                )
            )
        else:
            result.findings.append(
                Finding(
                    "loop.cycle",
                    "warning",
                    f"The patient can go round a loop: {path}. {crossings}",
                    cycle,
                    "Ask why patients come back round (rework, re-referral, a missing "
                    "result?). If the loop is planned, mark one of its arrows as an expected "
                    "loop.",
                )
            )
    if result.truncated:
        result.findings.append(
            Finding(
                "loop.truncated",
                "info",
                f"This map has more than {MAX_CYCLES:,} loops; only {MAX_CYCLES:,} are listed.",
                (),
                "Look first at the loops listed; splitting the map into smaller pathways "
                "makes the rest easier to see.",
            )
        )
    return result
