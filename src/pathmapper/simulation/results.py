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
        return {
            "format": SIMULATION_FORMAT,
            "version": SIMULATION_VERSION,
            "weeks": self.settings.weeks,
            "warmup_weeks": self.settings.warmup_weeks,
            "runs": self.settings.runs,
            "seed": self.settings.seed,
            "arrivals_per_week": _figure(self.arrivals_per_week),
            "completed_per_week": _interval_json(self.completed_per_week),
            "lead_time_days": {
                "mean": _figure(self.lead_time_days.mean),
                "p50": _figure(self.lead_time_days.p50),
                "p90": _figure(self.lead_time_days.p90),
                "low": _figure(self.lead_time_days.low),
                "high": _figure(self.lead_time_days.high),
            },
            "steps": [
                {
                    "id": step.id,
                    "arrivals_per_week": _figure(step.arrivals_per_week),
                    "utilisation": _figure(step.utilisation),
                    "mean_wait_days": _interval_json(step.mean_wait_days),
                    "p90_wait_days": _figure(step.p90_wait_days),
                    "mean_queue": _figure(step.mean_queue),
                    "queue_at_end": _figure(step.queue_at_end),
                    "stated_wait_days": None
                    if step.stated_wait_days is None
                    else _figure(step.stated_wait_days),
                }
                for step in self.steps
            ],
            "unstable": list(self.unstable),
        }


# Four decimals: a tenth of a patient a week, or ten seconds of a day, is below what a map's
# estimates can say, and the JSON stays readable.
JSON_DECIMALS = 4


def _figure(value: float) -> float:
    return round(value, JSON_DECIMALS)


def _interval_json(value: Interval) -> dict[str, float]:
    return {"mean": _figure(value.mean), "low": _figure(value.low), "high": _figure(value.high)}


class SimulationRefused(ValueError):
    """The map cannot be simulated; the message says why in the user's words."""


class SimulationCancelled(Exception):
    """The caller asked the simulation to stop before it finished."""
