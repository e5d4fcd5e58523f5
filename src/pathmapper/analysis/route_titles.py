"""A route's title, as the room tells routes apart: by the way it takes where the pathway forks.

Every route of a pathway starts at the same few start steps and many end at the same end
step, so "first step → last step" names most routes alike. What differs is the way each takes
at a fork (a decision's branch, or a step with several ways on): its title is those ways in
order, each by its flow's label, or by the step it leads to when the flow has none ("routine →
'Echo scan' → yes"). A route that passes no fork is named by its first and last step. The
routes dock and the report's charts both show this title.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from pathmapper.model import PathMap

NO_LABEL = "(no label)"


def route_title(path_map: PathMap, steps: Sequence[str]) -> str:
    by_id = path_map.steps_by_id()
    labels: dict[tuple[str, str], str] = {}
    ways_on: dict[str, set[str]] = {}
    for flow in path_map.flows:
        pair = (flow.source, flow.target)
        labels[pair] = labels.get(pair) or flow.label.strip()
        ways_on.setdefault(flow.source, set()).add(flow.target)
    taken = [
        labels.get((source, target)) or _quoted(path_map, target)
        for source, target in pairwise(steps)
        if len(ways_on.get(source, ())) > 1
    ]
    if taken:
        return " → ".join(taken)
    if not steps:
        return NO_LABEL
    first, last = by_id.get(steps[0]), by_id.get(steps[-1])
    start = (first.label.strip() if first is not None else "") or NO_LABEL
    end = (last.label.strip() if last is not None else "") or NO_LABEL
    return f"{start} → {end}"


def _quoted(path_map: PathMap, step_id: str) -> str:
    step = path_map.step(step_id)
    label = " ".join(step.label.split()) if step is not None else ""
    return f"'{label}'" if label else NO_LABEL
