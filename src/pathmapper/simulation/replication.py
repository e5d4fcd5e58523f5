"""One replication: patients arriving, queueing and moving through the planned network (SimPy).

Time is in days. A patient's path is drawn step by step from the routing as the patient leaves
each step; steps without capacity only add to a delay that is waited out in one timeout before
the next step with capacity (or before leaving), so they cost no event of their own.

Figures that are averages over time (queue length, busy servers) cover the simulated weeks after
the warm-up; figures per patient (waits, lead time) cover patients who arrived at the pathway
after the warm-up. Patients already queueing at time 0 arrived before it.
"""

from __future__ import annotations

import hashlib
import random
from array import array
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field

import simpy

from pathmapper.simulation.network import DAYS_PER_WEEK, NetworkPlan, PlannedStep


class TooMuchWork(Exception):
    """A replication passed more steps than its share of the work bound."""


def replication_seed(seed: int, run: int) -> int:
    """The seed of run `run`: derived from the simulation's seed and the run's number only, so
    a run draws the same numbers whichever process runs it and in whatever order."""
    digest = hashlib.sha256(f"pathmapper-simulation:{seed}:{run}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass
class QueueOutcome:
    """What one step with capacity saw in one run."""

    arrivals: int = 0
    waits: array[float] = field(default_factory=lambda: array("d"))
    busy_area: float = 0.0
    queue_area: float = 0.0
    queue_by_week: list[int] = field(default_factory=list)


@dataclass
class ReplicationOutcome:
    """What one run saw: per queue (in `NetworkPlan.queues` order) and for the whole pathway."""

    queues: list[QueueOutcome]
    lead_times: array[float]
    completed: int


@dataclass(frozen=True)
class ReplicationJob:
    """One run to do, as a worker process receives it."""

    plan: NetworkPlan
    warmup_weeks: int
    weeks: int
    seed: int
    run: int
    # Steps passed in this run beyond which it stops (`TooMuchWork`): bounded time and memory.
    visit_limit: int


class _QueueState:
    """A step with capacity during a run: who waits for its servers, first come first served,
    and the counts its averages come from.

    The queue is a deque of SimPy events rather than a `simpy.Resource`: a patient who finds a
    server free starts at once with no event at all, which halves the cost of a run (the bench
    holds the whole command on a real map under ten seconds)."""

    def __init__(self, step: PlannedStep, warmup: float) -> None:
        assert step.servers is not None
        self.servers = step.servers
        self.step = step
        self.warmup = warmup
        self.waiting: deque[simpy.Event] = deque()
        self.busy = 0
        self.changed_at = 0.0
        self.outcome = QueueOutcome()

    def account(self, now: float) -> None:
        """Add the time since the last change to the areas, counting only after the warm-up."""
        start = self.changed_at if self.changed_at > self.warmup else self.warmup
        if now > start:
            self.outcome.queue_area += len(self.waiting) * (now - start)
            self.outcome.busy_area += self.busy * (now - start)
        self.changed_at = now


def run_replication(job: ReplicationJob) -> ReplicationOutcome:
    """Simulate one run of `warmup_weeks + weeks` weeks."""
    plan = job.plan
    rng = random.Random(replication_seed(job.seed, job.run))
    env = simpy.Environment()
    warmup = job.warmup_weeks * DAYS_PER_WEEK
    end = warmup + job.weeks * DAYS_PER_WEEK
    states: dict[int, _QueueState] = {
        number: _QueueState(plan.steps[number], warmup) for number in plan.queues
    }
    lead_times: array[float] = array("d")
    completed = 0
    visits = 0
    steps = plan.steps
    expovariate = rng.expovariate
    draw = rng.random

    def patient(
        start: int, arrived: float, counted: bool, queued_before: bool = False
    ) -> Generator[simpy.Event, object, None]:
        nonlocal completed, visits
        number: int | None = start
        delay = 0.0
        # A patient in the queue at time 0 arrived at that step before the simulation began.
        arriving = not queued_before
        while number is not None:
            visits += 1
            if visits > job.visit_limit:
                raise TooMuchWork
            step = steps[number]
            state = states.get(number)
            if state is None:
                delay += step.days
            else:
                if delay > 0:
                    yield env.timeout(delay)
                    delay = 0.0
                yield from _served(state, counted, arriving)
                arriving = True
            number = step.next_step(draw()) if step.targets else None
        if delay > 0:
            yield env.timeout(delay)
        if env.now >= warmup:
            completed += 1
            if counted:
                lead_times.append(env.now - arrived)

    def _served(
        state: _QueueState, counted: bool, arriving: bool
    ) -> Generator[simpy.Event, object, None]:
        now = env.now
        if arriving and now >= warmup:
            state.outcome.arrivals += 1
        state.account(now)
        if state.busy < state.servers:
            state.busy += 1
        else:
            # The server who frees up hands over to this patient (`busy` stays as it is).
            turn = env.event()
            state.waiting.append(turn)
            yield turn
        started = env.now
        if counted:
            state.outcome.waits.append(started - now)
        step = state.step
        yield env.timeout(step.days if step.fixed_service else expovariate(1.0 / step.days))
        state.account(env.now)
        if state.waiting:
            state.waiting.popleft().succeed()
        else:
            state.busy -= 1

    def arrivals(start: int, per_day: float) -> Generator[simpy.Event, object, None]:
        while True:
            yield env.timeout(expovariate(per_day))
            env.process(patient(start, env.now, env.now >= warmup))

    def weekly_queues() -> Generator[simpy.Event, object, None]:
        # The end of the last week is the end of the run, counted after `env.run` stops there.
        yield env.timeout(warmup)
        for _ in range(job.weeks - 1):
            yield env.timeout(DAYS_PER_WEEK)
            for state in states.values():
                state.outcome.queue_by_week.append(len(state.waiting))

    for number, step in enumerate(steps):
        for _ in range(step.queue_at_start):
            env.process(patient(number, 0.0, False, queued_before=True))
    for start, per_day in plan.entries:
        env.process(arrivals(start, per_day))
    env.process(weekly_queues())
    env.run(until=end)
    for state in states.values():
        state.account(end)
        state.outcome.queue_by_week.append(len(state.waiting))
    return ReplicationOutcome(
        queues=[states[number].outcome for number in plan.queues],
        lead_times=lead_times,
        completed=completed,
    )
