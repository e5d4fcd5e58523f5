"""The simulation against queueing theory: Erlang's C formula for one step with c servers,
Jackson's theorem for a network with branch probabilities, and Little's law on every run.

Figures are compared within four standard errors over runs (the 95% interval is about two):
a seeded simulation is deterministic, and at four standard errors a correct engine would
miss on fewer than one input in ten thousand."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.model.durations import MINUTES_PER_DAY
from pathmapper.simulation import Interval, SimulationSettings, simulate
from pathmapper.simulation.map_to_network import plan_network
from pathmapper.simulation.over_runs import t_975
from pathmapper.simulation.replication import ReplicationJob, run_replication
from tests.simulation_maps import erlang_c_wait, flow, one_queue_map, path_map, step

RUNS = 12
# Patients a run, enough for a wait estimate within a few per cent and a test of about a second.
PATIENTS_A_RUN = 1200


def within_standard_errors(figure: Interval, expected: float, errors: float = 4.0) -> bool:
    standard_error = (figure.high - figure.low) / 2 / t_975(RUNS - 1)
    return abs(figure.mean - expected) <= errors * standard_error + 1e-4


def weeks_for(per_week: float) -> int:
    return max(2, min(260, math.ceil(PATIENTS_A_RUN / per_week)))


@settings(max_examples=4, deadline=None, derandomize=True)
@given(
    servers=st.integers(min_value=1, max_value=4),
    load=st.floats(min_value=0.3, max_value=0.8),
    service_minutes=st.sampled_from([30, 240, 720, 1440]),
)
def test_one_step_with_c_servers_waits_as_erlang_c_says(
    servers: int, load: float, service_minutes: int
) -> None:
    service_rate = MINUTES_PER_DAY / service_minutes  # a day
    arrival_rate = load * servers * service_rate
    per_week = arrival_rate * 7
    weeks = weeks_for(per_week)
    result = simulate(
        one_queue_map(per_week, servers, service_minutes),
        SimulationSettings(weeks=weeks, warmup_weeks=max(1, weeks // 4), runs=RUNS, seed=3),
    )
    queue = result.steps[0]
    expected = erlang_c_wait(arrival_rate, service_rate, servers)
    assert within_standard_errors(queue.mean_wait_days, expected), (queue, expected)
    assert math.isclose(queue.utilisation, load, rel_tol=0.08)
    assert result.unstable == ()


def jackson_network(per_week: float) -> tuple[dict[str, float], dict[str, tuple[int, float]]]:
    """Arrival rates a day by Jackson's traffic equations, and (servers, minutes) per queue, of:
    start -> A; A -> B 40%, A -> C the rest (unstated); B -> A 25% (back), B -> end the rest;
    C -> end. So A = start + 0.25 B and B = 0.4 A."""
    start = per_week / 7
    a = start / (1 - 0.4 * 0.25)
    rates = {"A": a, "B": 0.4 * a, "C": 0.6 * a}
    queues = {"A": (2, 300.0), "B": (1, 600.0), "C": (3, 900.0)}
    return rates, queues


def test_a_network_with_branch_probabilities_matches_jacksons_theorem() -> None:
    per_week = 14.0
    rates, queues = jackson_network(per_week)
    the_map = path_map(
        [
            step("start", "start", per_week=per_week),
            *(step(n, servers=c, service_minutes=m) for n, (c, m) in queues.items()),
            step("decide", "decision"),
            step("end", "end"),
        ],
        [
            flow("start", "A"),
            flow("A", "B", 0.4),
            flow("A", "C"),
            flow("B", "decide"),
            flow("decide", "A", 0.25),
            flow("decide", "end"),
            flow("C", "end"),
        ],
    )
    weeks = 120
    result = simulate(the_map, SimulationSettings(weeks=weeks, warmup_weeks=8, runs=RUNS, seed=5))
    for name, (servers, minutes) in queues.items():
        figures = result.step(name)
        assert figures is not None
        rate = rates[name]
        # Arrivals: a Poisson count over all runs has a relative error of about 1/sqrt(n).
        count = rate * 7 * weeks * RUNS
        assert abs(figures.arrivals_per_week - rate * 7) <= 4 * math.sqrt(count) / (weeks * RUNS)
        expected = erlang_c_wait(rate, MINUTES_PER_DAY / minutes, servers)
        assert within_standard_errors(figures.mean_wait_days, expected), (name, figures, expected)


@settings(max_examples=6, deadline=None, derandomize=True)
@given(
    servers=st.integers(min_value=1, max_value=3),
    load=st.floats(min_value=0.2, max_value=0.9),
    run=st.integers(min_value=0, max_value=1000),
)
def test_littles_law_holds_on_every_run(servers: int, load: float, run: int) -> None:
    service_minutes = 600.0
    per_week = load * servers * MINUTES_PER_DAY / service_minutes * 7
    weeks = weeks_for(per_week)
    plan = plan_network(one_queue_map(per_week, servers, service_minutes))
    outcome = run_replication(ReplicationJob(plan, 2, weeks, seed=9, run=run, visit_limit=10**7))
    queue = outcome.queues[0]
    window_days = weeks * 7
    mean_queue = queue.queue_area / window_days
    arrival_rate = queue.arrivals / window_days
    mean_wait = sum(queue.waits) / len(queue.waits)
    assert math.isclose(mean_queue, arrival_rate * mean_wait, rel_tol=0.05, abs_tol=0.02)


def test_more_arrivals_than_servers_can_see_is_flagged_unstable() -> None:
    # 30 a week against one server doing 3 a day (21 a week): the queue grows without end.
    result = simulate(
        one_queue_map(30, 1, 480), SimulationSettings(weeks=20, warmup_weeks=0, runs=3, seed=1)
    )
    queue = result.steps[0]
    assert result.unstable == ("queue",)
    assert queue.utilisation > 0.95
    assert queue.queue_by_week[-1] > queue.queue_by_week[0] > 0
    assert queue.queue_at_end == queue.queue_by_week[-1]
    stable = simulate(
        one_queue_map(10, 1, 480), SimulationSettings(weeks=20, warmup_weeks=0, runs=3, seed=1)
    )
    assert stable.unstable == ()
