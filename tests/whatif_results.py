"""Simulation results made by hand, shaped as the engine returns them, so the editor's what-if
and the report's simulation page are tested on known figures without running the engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pathmapper.model import PathMap
from pathmapper.simulation import (
    Interval,
    LeadTime,
    SimulationResult,
    SimulationSettings,
    StepResult,
)
from tests.conftest import SMALL_MAP


def map_with_parameters() -> dict[str, Any]:
    """The small map (placed) with 150 a week arriving at its start and 2 servers at the echo."""
    document = json.loads(json.dumps(SMALL_MAP))
    for number, step in enumerate(document["steps"]):
        step["x"], step["y"] = 100 + 220 * number, 60
    document["steps"][0]["arrivals"] = {"per_week": 150}
    document["steps"][1]["capacity"] = {"servers": 2}
    return document


def step_result(
    step_id: str,
    wait_days: float,
    utilisation: float,
    stated: float | None,
    weeks: int = 52,
    growing: bool = False,
) -> StepResult:
    queue = tuple((3.0 * week if growing else 4.0 + (week % 5)) for week in range(1, weeks + 1))
    return StepResult(
        id=step_id,
        arrivals_per_week=150.0,
        utilisation=utilisation,
        mean_wait_days=Interval(wait_days, wait_days * 0.9, wait_days * 1.1),
        p90_wait_days=wait_days * 2.3,
        mean_queue=sum(queue) / len(queue),
        queue_at_end=queue[-1],
        stated_wait_days=stated,
        queue_by_week=queue,
    )


def made_result(
    path_map: PathMap,
    settings: SimulationSettings | None = None,
    unstable: bool = False,
    wait_days: float = 12.0,
) -> SimulationResult:
    """A result for every step of the map with capacity: 12 days' wait at 75% busy, or (when
    `unstable`) a queue that grows."""
    settings = settings or SimulationSettings()
    steps = tuple(
        step_result(
            step.id,
            wait_days,
            1.04 if unstable else 0.75,
            (step.wait_minutes or 0) / 1440 if step.wait else None,
            settings.weeks,
            growing=unstable,
        )
        for step in path_map.steps
        if step.capacity is not None
    )
    return SimulationResult(
        settings=settings,
        arrivals_per_week=150.0,
        completed_per_week=Interval(149.1, 147.9, 150.3),
        lead_time_days=LeadTime(41.2, 35.0, 80.5, 39.8, 42.6),
        steps=steps,
        unstable=tuple(item.id for item in steps) if unstable else (),
    )


def fake_engine(
    unstable: bool = False, asked: list[SimulationSettings] | None = None
) -> Callable[..., SimulationResult]:
    """A stand-in for `simulate`: reports each run done, then returns `made_result`."""

    def simulate(
        path_map: PathMap,
        settings: SimulationSettings,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SimulationResult:
        if asked is not None:
            asked.append(settings)
        for done in range(1, settings.runs + 1):
            if progress is not None:
                progress(done, settings.runs)
        return made_result(path_map, settings, unstable)

    return simulate


def can_simulate_if_demand(path_map: PathMap) -> str | None:
    """A stand-in for `can_simulate`: the map needs a start step with arrivals."""
    if any(step.kind == "start" and step.arrivals is not None for step in path_map.steps):
        return None
    return "no start step states its arrivals"
