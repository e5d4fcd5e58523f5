"""Duplication: the same activity done by two organisations (matching or near-identical labels)."""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import combinations, product

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph
from pathmapper.model import normalise_label

SIMILARITY = 0.85


def _could_match(shorter: str, longer: str) -> bool:
    """Whether the lengths alone allow a ratio at the threshold: ratio <= 2 * shorter / total."""
    return 2 * len(shorter) >= SIMILARITY * (len(shorter) + len(longer))


def _matching_label_pairs(labels: list[str]) -> list[tuple[str, str]]:
    """Pairs of distinct normalised labels that are near-identical, as (shorter, longer).

    Each label is compared only with shorter ones whose length could reach the threshold,
    through one SequenceMatcher per longer label (difflib caches its analysis of the second
    sequence), with difflib's cheap upper bound first."""
    by_length = sorted(labels, key=len)
    pairs = []
    matcher = SequenceMatcher(None, autojunk=False)
    for index, longer in enumerate(by_length):
        matcher.set_seq2(longer)
        for shorter in reversed(by_length[:index]):
            if not _could_match(shorter, longer):
                break
            matcher.set_seq1(shorter)
            if matcher.quick_ratio() >= SIMILARITY and matcher.ratio() >= SIMILARITY:
                pairs.append((shorter, longer))
    return pairs


def duplication_findings(graph: FlowGraph) -> list[Finding]:
    # Steps by normalised label, then by organisation: only pairs across organisations count,
    # so pairs inside one organisation are never formed (a big map repeats labels a lot). The
    # patient is not an organisation: what the patient does is never a duplicate.
    groups: dict[str, dict[str, list[str]]] = {}
    for step_id, step in graph.steps.items():
        normal = normalise_label(step.label)
        organisation = graph.organisation_of[step_id]
        if normal and organisation is not None:
            by_org = groups.setdefault(normal, {})
            by_org.setdefault(organisation, []).append(step_id)
    step_pairs: list[tuple[str, str]] = []
    for by_org in groups.values():
        for first_org, second_org in combinations(by_org, 2):
            step_pairs += product(by_org[first_org], by_org[second_org])
    for shorter, longer in _matching_label_pairs(list(groups)):
        for first_org, first_steps in groups[shorter].items():
            for second_org, second_steps in groups[longer].items():
                if first_org != second_org:
                    step_pairs += product(first_steps, second_steps)
    position = graph.position
    step_pairs = [(a, b) if position[a] < position[b] else (b, a) for a, b in step_pairs]
    step_pairs.sort(key=lambda pair: (position[pair[0]], position[pair[1]]))
    return [_finding(graph, first, second) for first, second in step_pairs]


def _finding(graph: FlowGraph, first: str, second: str) -> Finding:
    first_org = graph.organisation_name(first)
    second_org = graph.organisation_name(second)
    return Finding(
        "duplication.similar_steps",
        "info",
        f"{graph.name(first)} ({first_org}) and {graph.name(second)} ({second_org}) look like "
        "the same activity, done by two organisations.",
        (first, second),
        "Ask whether the patient really needs both: could one organisation do it once and "
        "share the result?",
    )
