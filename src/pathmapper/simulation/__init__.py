"""What if: a discrete event simulation of demand and capacity through a map (`simulation.md`).

Qt-free. `simulate` runs independent replications (in parallel processes where that pays) and
returns a `SimulationResult`; the same seed gives the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from pathmapper.model import PathMap

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
    from pathmapper.simulation.map_to_network import refusal_reason

    return refusal_reason(path_map)


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
    # Imported here, not above: the worker processes import this package to reach
    # `replication`, and need neither the model nor networkx that planning the network uses.
    from pathmapper.simulation.map_to_network import plan_network
    from pathmapper.simulation.over_runs import summarise
    from pathmapper.simulation.parallel_runs import check_settings, run_replications

    plan = plan_network(path_map)
    check_settings(plan, settings)
    outcomes = run_replications(plan, settings, progress=progress, should_stop=should_stop)
    return summarise(plan, settings, outcomes)
