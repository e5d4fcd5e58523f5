"""What if: a discrete event simulation of demand and capacity through a map (`simulation.md`).

Qt-free. `simulate` runs independent replications (in parallel processes where that pays) and
returns a `SimulationResult`; the same seed gives the same result.
"""

from __future__ import annotations

from collections.abc import Callable

from pathmapper.model import PathMap
from pathmapper.simulation.results import (
    SIMULATION_FORMAT,
    SIMULATION_VERSION,
    Interval,
    LeadTime,
    SimulationCancelled,
    SimulationRefused,
    SimulationResult,
    SimulationSettings,
    StepResult,
)

__all__ = [
    "SIMULATION_FORMAT",
    "SIMULATION_VERSION",
    "Interval",
    "LeadTime",
    "SimulationCancelled",
    "SimulationRefused",
    "SimulationResult",
    "SimulationSettings",
    "StepResult",
    "can_simulate",
    "simulate",
]


def can_simulate(path_map: PathMap) -> str | None:
    """None when the map can be simulated, else the reason it cannot, in the user's words."""
    raise NotImplementedError


def simulate(
    path_map: PathMap,
    settings: SimulationSettings,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SimulationResult:
    """Simulate the map. `progress(done_runs, runs)` is called as runs finish; when
    `should_stop()` turns true the runs are stopped and `SimulationCancelled` is raised.
    Raises `SimulationRefused` for a map that cannot be simulated."""
    raise NotImplementedError
