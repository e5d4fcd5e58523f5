"""The routes of an analysis read as the search tree they share (`PathTree`).

Routes share their beginnings, so a figure along a route (the time so far, whether a triage
step was passed) is worked out once per node of the tree, not once per route: forty pathways
of 100 steps have some 40,000 routes but far fewer nodes, and reading each route's steps back
took most of the time of checking them against standards.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pathmapper.analysis import Analysis
from pathmapper.analysis.routes import PathTree


class RouteTree:
    def __init__(self, analysis: Analysis) -> None:
        self.routes = analysis.routes
        self.tree = self.routes[0].tree if self.routes else PathTree([])
        self.parents = self.tree.parent
        self.steps = self.tree.step
        self.ids = self.tree.ids
        # The nodes some route goes through (a path the search gave up on leads to no end).
        self.on_route = bytearray(len(self.parents))
        for route in self.routes:
            node = route.node
            while node >= 0 and not self.on_route[node]:
                self.on_route[node] = 1
                node = self.parents[node]

    def __len__(self) -> int:
        return len(self.parents)

    def step_id(self, node: int) -> str:
        return self.ids[self.steps[node]]

    def running_sum(self, per_step: Sequence[float]) -> list[float]:
        """For each node, `per_step` (indexed like `ids`) summed over its path, itself included."""
        totals = [0.0] * len(self.parents)
        for node, (parent, step) in enumerate(zip(self.parents, self.steps, strict=True)):
            totals[node] = (totals[parent] if parent >= 0 else 0.0) + per_step[step]
        return totals

    def between(self, above: int, below: int) -> Iterator[int]:
        """The nodes strictly between an ancestor `above` and `below`, upwards."""
        node = self.parents[below]
        while node != above and node >= 0:
            yield node
            node = self.parents[node]
