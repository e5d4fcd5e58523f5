"""Small maps for the analysis tests, built in a line or two each."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from pathmapper.analysis import Analysis, Finding, analyse
from pathmapper.model import Comment, Flow, Lane, PathMap, Step

LANES = (
    Lane(id="gp", name="GP practice", organisation="GP practice"),
    Lane(id="nurse", name="Practice nurses", organisation="GP practice"),
    Lane(id="cardio", name="Cardiology", organisation="Acute trust"),
    Lane(id="echo", name="Echo department", organisation="Acute trust"),
    Lane(id="community", name="Community nurses", organisation="Community health provider"),
)


def step(step_id: str, kind: str = "activity", lane: str = "gp", **fields: Any) -> Step:
    fields.setdefault("label", f"Step {step_id}")
    return Step.model_validate({"id": step_id, "kind": kind, "lane": lane, **fields})


def flow(
    source: str, target: str, label: str = "", *, expected: bool = False, id: str = ""
) -> Flow:
    return Flow(
        id=id or f"{source}-{target}",
        source=source,
        target=target,
        label=label,
        expected_loop=expected,
    )


def make_map(
    steps: Iterable[Step],
    flows: Iterable[Flow] = (),
    *,
    lanes: Iterable[Lane] = LANES,
    comments: Iterable[Comment] = (),
) -> PathMap:
    return PathMap(
        id="test-map",
        title="Test map",
        lanes=list(lanes),
        steps=list(steps),
        flows=list(flows),
        comments=list(comments),
    )


def chain(*step_ids: str) -> list[Flow]:
    """Flows a -> b -> c ... between consecutive ids."""
    return [flow(a, b) for a, b in pairwise(step_ids)]


def simple_map() -> PathMap:
    """start -> a -> end, all in the GP practice, every step timed."""
    return make_map(
        [step("s", "start"), step("a", duration="PT10M"), step("e", "end")], chain("s", "a", "e")
    )


def codes(analysis: Analysis, code: str) -> list[Finding]:
    return [finding for finding in analysis.findings if finding.code == code]


def found(path_map: PathMap, code: str) -> list[Finding]:
    return codes(analyse(path_map), code)
