"""What a simulation of a map found, shaped as `simulation.md` prints it as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SIMULATION_FORMAT = "pathmapper-simulation"
SIMULATION_VERSION = 1


@dataclass(frozen=True)
class SimulationSettings:
    """How long and how often to simulate: `warmup_weeks + weeks` weeks per run, `runs` runs."""

    weeks: int = 52
    warmup_weeks: int = 4
    runs: int = 20
    seed: int = 1


@dataclass(frozen=True)
class Interval:
    """A mean over runs of each run's figure, with its 95% confidence interval over runs."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class LeadTime:
    """Days from arrival to leaving, over patients who left."""

    mean: float
    p50: float
    p90: float
    low: float
    high: float


@dataclass(frozen=True)
class StepResult:
    """The simulated figures of one step with capacity."""

    id: str
    arrivals_per_week: float
    utilisation: float
    mean_wait_days: Interval
    p90_wait_days: float
    mean_queue: float
    queue_at_end: float
    stated_wait_days: float | None
    # Mean over runs of the queue length at the end of each simulated week after the warm-up
    # (len == weeks): the picture of a queue over time. Not part of the JSON output.
    queue_by_week: tuple[float, ...] = field(default=())


@dataclass(frozen=True)
class SimulationResult:
    """Everything `pathmapper simulate` prints; `to_json` is the design's JSON document."""

    settings: SimulationSettings
    arrivals_per_week: float
    completed_per_week: Interval
    lead_time_days: LeadTime
    steps: tuple[StepResult, ...]
    unstable: tuple[str, ...]

    def step(self, step_id: str) -> StepResult | None:
        return next((item for item in self.steps if item.id == step_id), None)

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError


class SimulationRefused(ValueError):
    """The map cannot be simulated; the message says why in the user's words."""


class SimulationCancelled(Exception):
    """The caller asked the simulation to stop before it finished."""
