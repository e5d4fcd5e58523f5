"""From the runs to the result: means over runs with their 95% confidence intervals, and
percentiles over every patient of every run (`simulation.md`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import fmean, stdev

from pathmapper.simulation.network import DAYS_PER_WEEK, NetworkPlan
from pathmapper.simulation.replication import ReplicationOutcome
from pathmapper.simulation.results import (
    Interval,
    LeadTime,
    SimulationResult,
    SimulationSettings,
    StepResult,
)

# Student's t, two-sided 95% (the 0.975 quantile), for 1 to 30 degrees of freedom.
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z_975 = 1.959964


def t_975(degrees_of_freedom: int) -> float:
    """The 0.975 quantile of Student's t: the table up to 30, then the Cornish-Fisher expansion
    around the normal quantile, within 0.001 of the exact value from 30 on."""
    if degrees_of_freedom < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if degrees_of_freedom <= len(_T_975):
        return _T_975[degrees_of_freedom - 1]
    z, n = _Z_975, float(degrees_of_freedom)
    return (
        z
        + (z**3 + z) / (4 * n)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
    )


def interval(values: Sequence[float]) -> Interval:
    """The mean of per-run figures and its 95% confidence interval (t distribution over runs);
    with one run the interval is the mean itself, with none all three are 0."""
    if not values:
        return Interval(0.0, 0.0, 0.0)
    mean = fmean(values)
    if len(values) < 2:
        return Interval(mean, mean, mean)
    half = t_975(len(values) - 1) * stdev(values) / math.sqrt(len(values))
    return Interval(mean, mean - half, mean + half)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile, interpolating linearly between order statistics; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def summarise(
    plan: NetworkPlan, settings: SimulationSettings, outcomes: Sequence[ReplicationOutcome]
) -> SimulationResult:
    """The result of the runs, in the order of the run numbers (so any execution order gives the
    same result)."""
    window_days = settings.weeks * DAYS_PER_WEEK
    steps: list[StepResult] = []
    unstable: list[str] = []
    for position, number in enumerate(plan.queues):
        step = plan.steps[number]
        servers = step.servers or 1
        runs = [outcome.queues[position] for outcome in outcomes]
        arrivals_per_week = fmean([run.arrivals / settings.weeks for run in runs])
        waits = [wait for run in runs for wait in run.waits]
        queue_by_week = tuple(
            fmean([run.queue_by_week[week] for run in runs]) for week in range(settings.weeks)
        )
        steps.append(
            StepResult(
                id=step.id,
                arrivals_per_week=arrivals_per_week,
                utilisation=fmean([run.busy_area / (servers * window_days) for run in runs]),
                mean_wait_days=interval([fmean(run.waits) for run in runs if run.waits]),
                p90_wait_days=percentile(waits, 0.9),
                mean_queue=fmean([run.queue_area / window_days for run in runs]),
                queue_at_end=queue_by_week[-1],
                stated_wait_days=step.stated_wait_days,
                queue_by_week=queue_by_week,
            )
        )
        # The load the simulated arrivals put on the servers: at 1 or more the queue grows
        # without end. Simulated rather than computed arrivals, so a step fed by a bottleneck
        # is judged by what actually reaches it.
        if arrivals_per_week / DAYS_PER_WEEK * step.days / servers >= 1:
            unstable.append(step.id)
    lead_times = [time for outcome in outcomes for time in outcome.lead_times]
    lead = interval([fmean(outcome.lead_times) for outcome in outcomes if outcome.lead_times])
    return SimulationResult(
        settings=settings,
        arrivals_per_week=plan.arrivals_per_week,
        completed_per_week=interval([outcome.completed / settings.weeks for outcome in outcomes]),
        lead_time_days=LeadTime(
            mean=lead.mean,
            p50=percentile(lead_times, 0.5),
            p90=percentile(lead_times, 0.9),
            low=lead.low,
            high=lead.high,
        ),
        steps=tuple(steps),
        unstable=tuple(unstable),
    )
