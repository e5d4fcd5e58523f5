"""Duplication: the same activity done by two organisations (matching or near-identical labels)."""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import combinations

from pathmapper.analysis.findings import Finding
from pathmapper.analysis.graph import FlowGraph

SIMILARITY = 0.85


def normalise_label(label: str) -> str:
    """Lower case, letters and digits only, single spaces, a plural 's' dropped from words
    longer than three letters: "Blood tests (FBC, U&Es)" -> "blood test fbc u e"."""
    spaced = "".join(char if char.isalnum() else " " for char in label.lower())
    words = [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in spaced.split()]
    return " ".join(words)


def labels_match(first: str, second: str) -> bool:
    """Normalised labels that are equal or near-identical; empty labels never match."""
    if not first or not second:
        return False
    if first == second:
        return True
    return _similar(first, second)


def _similar(first: str, second: str) -> bool:
    total = len(first) + len(second)
    if 2 * min(len(first), len(second)) < SIMILARITY * total:
        return False  # too different in length for the ratio to reach the threshold
    matcher = SequenceMatcher(None, first, second)
    return (
        matcher.real_quick_ratio() >= SIMILARITY
        and matcher.quick_ratio() >= SIMILARITY
        and matcher.ratio() >= SIMILARITY
    )


def _matching_label_pairs(labels: list[str]) -> list[tuple[str, str]]:
    """Pairs of distinct normalised labels that are near-identical, in first-seen order.
    Labels are compared only with those of a length that could reach the threshold."""
    by_length = sorted(labels, key=len)
    seen_at = {label: index for index, label in enumerate(labels)}
    pairs = []
    for index, shorter in enumerate(by_length):
        for longer in by_length[index + 1 :]:
            if 2 * len(shorter) < SIMILARITY * (len(shorter) + len(longer)):
                break
            first, second = sorted((shorter, longer), key=seen_at.__getitem__)
            if _similar(first, second):
                pairs.append((first, second))
    return pairs


def duplication_findings(graph: FlowGraph) -> list[Finding]:
    groups: dict[str, list[str]] = {}
    for step_id, step in graph.steps.items():
        normal = normalise_label(step.label)
        if normal:
            groups.setdefault(normal, []).append(step_id)
    step_pairs: list[tuple[str, str]] = []
    for members in groups.values():
        step_pairs += combinations(members, 2)
    for first_label, second_label in _matching_label_pairs(list(groups)):
        step_pairs += [(a, b) for a in groups[first_label] for b in groups[second_label]]
    findings = []
    for pair in step_pairs:
        first, second = graph.in_order(list(pair))
        if graph.organisation_of[first] == graph.organisation_of[second]:
            continue
        findings.append(_finding(graph, first, second))
    return findings


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
