"""Duplication: the same activity done by two organisations (matching or near-identical labels)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping
from difflib import SequenceMatcher
from itertools import combinations, product

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph
from pathmapper.model import normalise_label

SIMILARITY = 0.85
# rapidfuzz's `fuzz.ratio` is 100 * 2 * LCS / (total length), the longest common subsequence.
# difflib's ratio is 2 * M / total where M counts the characters of its matching blocks, which
# are in order in both labels: a common subsequence, so M <= LCS and rapidfuzz's figure is
# never below difflib's. Pairs rapidfuzz scores under the threshold are ruled out exactly; the
# margin only absorbs the rounding of its floating-point score.
RULE_OUT_BELOW = SIMILARITY * 100 - 0.01


def _shortest_partner(length: int) -> float:
    """Fewer characters than this and a label cannot reach the threshold with one of `length`:
    difflib's ratio is at most 2 * shorter / total (less a hair, for rounding)."""
    return SIMILARITY * length / (2 - SIMILARITY) - 0.01


def _matching_label_pairs(owners: Mapping[str, Collection[str]]) -> list[tuple[str, str]]:
    """Pairs of distinct normalised labels that are near-identical, as (shorter, longer),
    given each label's organisations; a pair both of whose labels belong to one and the same
    organisation alone is left out (it could make no finding).

    Labels are taken shortest first (ties in the given order); each is compared as the second
    sequence of difflib's SequenceMatcher with the labels before it whose length could reach
    the threshold. rapidfuzz scores those candidates in C and rules out every pair difflib
    could not accept; difflib then decides the few that are left, exactly as the definition
    says."""
    from rapidfuzz import fuzz, process  # loaded with the first analysis, not at start

    by_length = sorted(owners, key=len)
    lengths = [len(label) for label in by_length]
    pairs = []
    matcher = SequenceMatcher(None, autojunk=False)
    for index, longer in enumerate(by_length):
        first = bisect_left(lengths, _shortest_partner(len(longer)), 0, index)
        if first == index:
            continue
        candidates = process.extract(
            longer,
            by_length[first:index],
            scorer=fuzz.ratio,
            score_cutoff=RULE_OUT_BELOW,
            limit=None,
        )
        if not candidates:
            continue
        matcher.set_seq2(longer)
        for shorter, _score, _position in candidates:
            if len(owners[longer]) == 1 and set(owners[shorter]) == set(owners[longer]):
                continue
            matcher.set_seq1(shorter)
            if matcher.ratio() >= SIMILARITY:
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
    for shorter, longer in _matching_label_pairs(groups):
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
