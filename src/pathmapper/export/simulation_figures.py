"""A simulation's figures in words, said once for the report's simulation page and the editor's
What-if dock and compare window: each step with capacity as a row, the headline figures, the
busiest queue and the settings a run used. Qt-free and reportlab-free: plain strings."""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.model import PathMap, describe_minutes
from pathmapper.model.quantities import format_arrivals
from pathmapper.simulation import SimulationResult, SimulationSettings, StepResult

MINUTES_PER_DAY = 24 * 60


def has_demand(path_map: PathMap) -> bool:
    """Whether the map states arrivals on a start step: the least a simulation needs."""
    return any(step.kind == "start" and step.arrivals is not None for step in path_map.steps)


def days_text(days: float | None) -> str:
    """ "12d", "2h 34m", "none"; "not stated" for a missing figure."""
    if days is None:
        return "not stated"
    if days <= 0:
        return "none"
    return describe_minutes(days * MINUTES_PER_DAY)


def percent_text(share: float) -> str:
    return f"{share * 100:.0f}%"


def count_text(value: float) -> str:
    """A count of patients: whole when large, one decimal when small ("1,234", "2.3")."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def settings_text(settings: SimulationSettings) -> str:
    """ "20 runs of 52 weeks after a 4-week warm-up, seed 1"."""
    runs = "1 run" if settings.runs == 1 else f"{settings.runs} runs"
    weeks = "1 week" if settings.weeks == 1 else f"{settings.weeks} weeks"
    warmup = f" after a {settings.warmup_weeks}-week warm-up" if settings.warmup_weeks else ""
    return f"{runs} of {weeks}{warmup}, seed {settings.seed}"


def step_name(path_map: PathMap, step_id: str) -> str:
    step = path_map.step(step_id)
    if step is None:
        return step_id
    return " ".join(step.label.split()) or f"({step.kind} step without a label)"


@dataclass(frozen=True)
class StepFigures:
    """One step with capacity, in words."""

    step_id: str
    name: str
    servers: str
    arrivals: str
    utilisation: str
    wait: str  # the simulated mean wait
    wait_range: str  # its 95% confidence interval over runs
    stated_wait: str
    p90_wait: str
    queue_at_end: str
    unstable: bool


def step_figures(path_map: PathMap, result: SimulationResult) -> list[StepFigures]:
    unstable = set(result.unstable)
    rows = []
    for item in result.steps:
        step = path_map.step(item.id)
        servers = step.capacity.servers if step is not None and step.capacity else None
        rows.append(
            StepFigures(
                step_id=item.id,
                name=step_name(path_map, item.id),
                servers="" if servers is None else str(servers),
                arrivals=format_arrivals(round(item.arrivals_per_week, 2) or None),
                utilisation=percent_text(item.utilisation),
                wait=days_text(item.mean_wait_days.mean),
                wait_range=(
                    f"{days_text(item.mean_wait_days.low)} to {days_text(item.mean_wait_days.high)}"
                ),
                stated_wait=days_text(item.stated_wait_days),
                p90_wait=days_text(item.p90_wait_days),
                queue_at_end=count_text(item.queue_at_end),
                unstable=item.id in unstable,
            )
        )
    return rows


def busiest_step(result: SimulationResult) -> StepResult | None:
    """The step whose queue is longest on average (a step whose queue grows first)."""
    unstable = set(result.unstable)
    return max(
        result.steps,
        key=lambda item: (item.id in unstable, item.mean_queue, item.mean_wait_days.mean),
        default=None,
    )


def headline_figures(result: SimulationResult) -> list[tuple[str, str]]:
    """(what, figure) pairs: demand, what is completed, the lead time, steps whose queue grows."""
    lead = result.lead_time_days
    done = result.completed_per_week
    return [
        ("Arriving", format_arrivals(round(result.arrivals_per_week, 2) or None) or "none"),
        (
            "Completed",
            f"{count_text(done.mean)} a week ({count_text(done.low)} to {count_text(done.high)})",
        ),
        ("Lead time, mean", f"{days_text(lead.mean)} ({days_text(lead.low)} to "
         f"{days_text(lead.high)})"),
        ("Lead time, 9 in 10 within", days_text(lead.p90)),
        ("Steps whose queue grows", str(len(result.unstable)) if result.unstable else "none"),
    ]  # fmt: skip


def comparison_figures(
    first_map: PathMap,
    first: SimulationResult,
    second_map: PathMap,
    second: SimulationResult,
) -> list[tuple[str, str, str]]:
    """(what, A, B) rows for two maps simulated alike: as is against to be."""

    def busiest(path_map: PathMap, result: SimulationResult) -> tuple[str, str]:
        step = busiest_step(result)
        if step is None:
            return "no step with capacity", "—"
        grows = " (queue grows)" if step.id in result.unstable else ""
        return step_name(path_map, step.id), days_text(step.mean_wait_days.mean) + grows

    first_busiest, second_busiest = busiest(first_map, first), busiest(second_map, second)
    return [
        ("Lead time, mean", days_text(first.lead_time_days.mean),
         days_text(second.lead_time_days.mean)),
        ("Lead time, 9 in 10 within", days_text(first.lead_time_days.p90),
         days_text(second.lead_time_days.p90)),
        ("Completed a week", count_text(first.completed_per_week.mean),
         count_text(second.completed_per_week.mean)),
        ("Busiest step", first_busiest[0], second_busiest[0]),
        ("Its mean wait", first_busiest[1], second_busiest[1]),
        ("Steps whose queue grows", str(len(first.unstable)), str(len(second.unstable))),
    ]  # fmt: skip
