"""Running the replications: in worker processes when that pays, else here; reporting progress
as runs finish and stopping between them when asked.

Workers are spawned, not forked: the editor calls this with Qt loaded, and a forked copy of a
Qt process is not safe. They ignore Ctrl+C; this process stops them (`Pool.terminate`) when the
user interrupts or cancels, so nothing is left running and no worker prints a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from multiprocessing.pool import AsyncResult

from pathmapper.simulation.network import NetworkPlan
from pathmapper.simulation.replication import (
    ReplicationJob,
    ReplicationOutcome,
    TooMuchWork,
    replication_seed,
    run_replication,
)
from pathmapper.simulation.results import (
    SimulationCancelled,
    SimulationRefused,
    SimulationSettings,
)

# Below this many patients in all runs together, starting worker processes (about half a
# second each) costs more than it saves.
IN_PROCESS_PATIENTS = 20_000
# Bounds on the work of one simulation, so any map and any settings end in minutes at most.
# A patient passes 10 to 20 steps on a real map, so the two bounds agree there; the second stops
# maps whose loops are taken so often, or whose routes are so long, that each patient passes
# hundreds of steps.
LARGEST_PATIENTS = 3_000_000
LARGEST_STEP_VISITS = 50_000_000
LARGEST_WEEKS = 520
LARGEST_RUNS = 1000
POLL_SECONDS = 0.05
# Routes drawn to estimate the steps a patient passes, and the most steps they may take.
SAMPLED_ROUTES = 200
SAMPLED_VISITS = 2_000_000

Progress = Callable[[int, int], None]
ShouldStop = Callable[[], bool]


class TooManyVisits(SimulationRefused):
    """The runs would pass more steps than the bound."""

    def __init__(self) -> None:
        super().__init__(
            f"patients would pass more than {LARGEST_STEP_VISITS:,} steps in all, too many to "
            "simulate in reasonable time: ask for fewer runs or weeks, or, if patients go round "
            "a loop many times, lower the probability of its flow back"
        )


def check_settings(plan: NetworkPlan, settings: SimulationSettings) -> None:
    """Refuse settings out of range, and work too large to finish in reasonable time."""
    if not 1 <= settings.weeks <= LARGEST_WEEKS:
        raise SimulationRefused(f"weeks must be from 1 to {LARGEST_WEEKS}, not {settings.weeks}")
    if not 0 <= settings.warmup_weeks <= LARGEST_WEEKS:
        raise SimulationRefused(
            f"the warm-up must be from 0 to {LARGEST_WEEKS} weeks, not {settings.warmup_weeks}"
        )
    if not 1 <= settings.runs <= LARGEST_RUNS:
        raise SimulationRefused(f"runs must be from 1 to {LARGEST_RUNS}, not {settings.runs}")
    patients = expected_patients(plan, settings)
    if patients > LARGEST_PATIENTS:
        raise SimulationRefused(
            f"that is about {patients:,.0f} patients to simulate, more than the "
            f"{LARGEST_PATIENTS:,} this can do in reasonable time: ask for fewer runs or weeks"
        )
    if patients * steps_a_patient_passes(plan, settings.seed) > LARGEST_STEP_VISITS:
        raise TooManyVisits


def steps_a_patient_passes(plan: NetworkPlan, seed: int) -> float:
    """The steps a patient passes on average, estimated from routes drawn ahead of the runs, so
    work far beyond the bound is refused in a moment rather than after minutes of simulation.
    When the routes drawn reach their own bound, the estimate is over the routes begun: low,
    and the bound inside the runs still holds."""
    # Streams of their own, apart from every run's (runs are numbered from 0).
    draw = random.Random(replication_seed(seed, -1)).random
    rates = [rate for _, rate in plan.entries]
    starts = [number for number, _ in plan.entries]
    chooser = random.Random(replication_seed(seed, -2))
    passed = 0
    begun = 0
    while begun < SAMPLED_ROUTES and passed < SAMPLED_VISITS:
        begun += 1
        number: int | None = chooser.choices(starts, rates)[0]
        while number is not None and passed < SAMPLED_VISITS:
            passed += 1
            step = plan.steps[number]
            number = step.next_step(draw()) if step.targets else None
    return passed / begun


def expected_patients(plan: NetworkPlan, settings: SimulationSettings) -> float:
    """Patients entering the pathway in all runs together, on average."""
    weeks = settings.warmup_weeks + settings.weeks
    return (plan.arrivals_per_week * weeks + plan.patients_at_start) * settings.runs


def available_processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_replications(
    plan: NetworkPlan,
    settings: SimulationSettings,
    *,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    workers: int | None = None,
) -> list[ReplicationOutcome]:
    """Every run's outcome, in run order. `workers` None chooses: one process per processor
    (at most one per run), or none for small work."""
    jobs = [
        ReplicationJob(
            plan=plan,
            warmup_weeks=settings.warmup_weeks,
            weeks=settings.weeks,
            seed=settings.seed,
            run=run,
            visit_limit=LARGEST_STEP_VISITS // settings.runs,
        )
        for run in range(settings.runs)
    ]
    if workers is None:
        small = expected_patients(plan, settings) < IN_PROCESS_PATIENTS
        workers = 1 if small else min(settings.runs, available_processors())
    try:
        if workers <= 1:
            return _run_here(jobs, progress, should_stop)
        return _run_in_workers(jobs, workers, progress, should_stop)
    except TooMuchWork:
        raise TooManyVisits from None


def _run_here(
    jobs: list[ReplicationJob], progress: Progress | None, should_stop: ShouldStop | None
) -> list[ReplicationOutcome]:
    outcomes: list[ReplicationOutcome] = []
    for job in jobs:
        if should_stop is not None and should_stop():
            raise SimulationCancelled
        outcomes.append(run_replication(job))
        if progress is not None:
            progress(len(outcomes), len(jobs))
    return outcomes


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_workers(
    jobs: list[ReplicationJob],
    workers: int,
    progress: Progress | None,
    should_stop: ShouldStop | None,
) -> list[ReplicationOutcome]:
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_ignore_interrupts)
    try:
        pending: dict[int, AsyncResult[ReplicationOutcome]] = {
            job.run: pool.apply_async(run_replication, (job,)) for job in jobs
        }
        outcomes: dict[int, ReplicationOutcome] = {}
        while pending:
            if should_stop is not None and should_stop():
                raise SimulationCancelled
            finished = [run for run, result in pending.items() if result.ready()]
            for run in finished:
                outcomes[run] = pending.pop(run).get()
                if progress is not None:
                    progress(len(outcomes), len(jobs))
            if not finished:
                time.sleep(POLL_SECONDS)
        pool.close()
        return [outcomes[job.run] for job in jobs]
    finally:
        # Stops runs still going (cancel, Ctrl+C, a refusal); after `close` it only tidies up.
        pool.terminate()
        pool.join()
