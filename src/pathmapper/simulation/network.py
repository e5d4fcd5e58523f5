"""The network the simulation walks: entries, steps with servers or fixed delays, and routing.

Plain frozen data, built from the map by `map_to_network` in the calling process and received
by the worker processes by pickling: workers import neither the pydantic model nor networkx.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class PlannedStep:
    """One step of the map as a patient passes it."""

    id: str
    label: str
    # None: no capacity, every patient passes at once after `days` (its wait plus duration).
    servers: int | None
    # With servers, the mean service time; without, the fixed delay. In days.
    days: float
    fixed_service: bool
    queue_at_start: int
    # Where patients go next: indices into `NetworkPlan.steps` with the cumulative probability
    # of each; a draw above the last cumulative probability leaves the pathway.
    targets: tuple[int, ...]
    cumulative: tuple[float, ...]
    stated_wait_days: float | None

    def next_step(self, draw: float) -> int | None:
        """Where a patient goes after this step for a uniform `draw` in [0, 1): the index of
        the next step, or None for leaving the pathway."""
        position = bisect_right(self.cumulative, draw)
        return self.targets[position] if position < len(self.targets) else None


@dataclass(frozen=True)
class NetworkPlan:
    """Everything a replication needs, in days."""

    steps: tuple[PlannedStep, ...]
    # (index of a start step, mean arrivals a day) for each start with arrivals.
    entries: tuple[tuple[int, float], ...]
    # Indices of the steps with capacity, in file order: the steps the result reports.
    queues: tuple[int, ...]

    @property
    def arrivals_per_week(self) -> float:
        return sum(rate for _, rate in self.entries) * DAYS_PER_WEEK

    @property
    def patients_at_start(self) -> int:
        return sum(step.queue_at_start for step in self.steps)
