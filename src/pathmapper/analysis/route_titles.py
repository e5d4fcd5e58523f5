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


class RouteTitles:
    """The titles of the routes of one map: its forks and labels read once."""

    def __init__(self, path_map: PathMap) -> None:
        self.path_map = path_map
        self.labels: dict[tuple[str, str], str] = {}
        self.ways_on: dict[str, set[str]] = {}
        for flow in path_map.flows:
            pair = (flow.source, flow.target)
            self.labels[pair] = self.labels.get(pair) or flow.label.strip()
            self.ways_on.setdefault(flow.source, set()).add(flow.target)

    def of(self, steps: Sequence[str]) -> str:
        taken = [
            self.labels.get((source, target)) or self._quoted(target)
            for source, target in pairwise(steps)
            if len(self.ways_on.get(source, ())) > 1
        ]
        if taken:
            return " → ".join(taken)
        if not steps:
            return NO_LABEL
        return f"{self._label(steps[0])} → {self._label(steps[-1])}"

    def _label(self, step_id: str) -> str:
        step = self.path_map.step(step_id)
        return (step.label.strip() if step is not None else "") or NO_LABEL

    def _quoted(self, step_id: str) -> str:
        step = self.path_map.step(step_id)
        label = " ".join(step.label.split()) if step is not None else ""
        return f"'{label}'" if label else NO_LABEL


def route_title(path_map: PathMap, steps: Sequence[str]) -> str:
    """One route's title (`RouteTitles` for several routes of one map)."""
    return RouteTitles(path_map).of(steps)
