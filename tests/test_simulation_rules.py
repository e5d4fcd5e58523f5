"""The simulation's rules besides the theory: routing shares, refusals, bounds, the same seed
giving the same result (in worker processes too), cancelling, and the JSON of the design."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.io import load_map
from pathmapper.model import PathMap
from pathmapper.simulation import (
    SimulationCancelled,
    SimulationRefused,
    SimulationSettings,
    can_simulate,
    parallel_runs,
    simulate,
)
from pathmapper.simulation.map_to_network import plan_network
from pathmapper.simulation.over_runs import interval, percentile, t_975
from pathmapper.simulation.parallel_runs import run_replications
from tests.simulation_maps import flow, one_queue_map, path_map, step

SAMPLES = "sample_maps/msk-single-point-of-access-{}.pathmap.json"


@settings(max_examples=40, deadline=None)
@given(
    stated=st.lists(st.floats(min_value=0, max_value=1), min_size=0, max_size=4),
    unstated=st.integers(min_value=0, max_value=4),
)
def test_flows_without_probability_share_what_the_others_leave_equally(
    stated: list[float], unstated: int
) -> None:
    targets = [f"t{n}" for n in range(len(stated) + unstated)]
    the_map = path_map(
        [step("start", "start", per_week=10), *(step(t, "end") for t in targets)],
        [
            flow("start", target, stated[n] if n < len(stated) else None)
            for n, target in enumerate(targets)
        ],
    )
    if sum(stated) > 1 + 1e-6:
        with pytest.raises(SimulationRefused, match=r"'start'.*more than 100%"):
            plan_network(the_map)
        return
    plan = plan_network(the_map)
    start = plan.steps[0]
    shares = dict.fromkeys(range(1, len(targets) + 1), 0.0)
    previous = 0.0
    for target, cumulative in zip(start.targets, start.cumulative, strict=True):
        shares[target] = cumulative - previous
        previous = cumulative
    left = max(0.0, 1 - sum(stated))
    for n, share in enumerate(shares.values()):
        expected = stated[n] if n < len(stated) else left / unstated
        assert math.isclose(share, expected, abs_tol=1e-9)
    leaves = 1 - (start.cumulative[-1] if start.cumulative else 0.0)
    assert math.isclose(max(leaves, 0.0), 0.0 if unstated else left, abs_tol=1e-9)


def test_a_map_without_arrivals_is_refused_with_the_reason() -> None:
    the_map = path_map([step("start", "start"), step("end", "end")], [flow("start", "end")])
    reason = can_simulate(the_map)
    assert reason is not None and "no start step has arrivals" in reason
    with pytest.raises(SimulationRefused, match="no start step has arrivals"):
        simulate(the_map, SimulationSettings(runs=1))


def test_probabilities_above_one_are_refused_naming_the_step() -> None:
    the_map = path_map(
        [step("start", "start", per_week=5), step("d", "decision", label="Refer where?"),
         step("a", "end"), step("b", "end")],
        [flow("start", "d"), flow("d", "a", 0.7), flow("d", "b", 0.6)],
    )  # fmt: skip
    assert can_simulate(the_map) == (
        "the flows out of 'Refer where?' have probabilities adding up to 130%, more than 100%"
    )


def test_a_loop_patients_can_never_leave_is_refused_not_run_for_ever() -> None:
    the_map = path_map(
        [step("start", "start", per_week=5), step("a", label="Review"),
         step("b", label="Re-refer"), step("end", "end")],
        [flow("start", "a"), flow("a", "b", 1.0), flow("a", "end", 0.0), flow("b", "a")],
    )  # fmt: skip
    reason = can_simulate(the_map)
    assert reason is not None
    assert "'Review', 'Re-refer' can never leave" in reason


def test_capacity_needs_a_duration() -> None:
    the_map = path_map(
        [step("start", "start", per_week=5), step("q", label="Clinic", servers=2),
         step("end", "end")],
        [flow("start", "q"), flow("q", "end")],
    )  # fmt: skip
    assert "'Clinic' has capacity but no duration" in (can_simulate(the_map) or "")


def test_absurd_sizes_are_refused_before_running() -> None:
    with pytest.raises(SimulationRefused, match="fewer runs or weeks"):
        simulate(one_queue_map(10_000, 1000, 1), SimulationSettings(weeks=520, runs=1000))
    with pytest.raises(SimulationRefused, match="runs must be from 1"):
        simulate(one_queue_map(10, 1, 60), SimulationSettings(runs=0))


def looping_map() -> PathMap:
    # Back round the loop 9,999 times in 10,000: finite, but ten thousand visits a patient.
    return path_map(
        [step("start", "start", per_week=2000), step("a"), step("end", "end")],
        [flow("start", "a"), flow("a", "a", 0.9999), flow("a", "end")],
    )


def test_a_loop_taken_too_often_is_refused_before_running() -> None:
    # 24,000 patients passing about 10,000 steps each: far beyond the bound on steps passed.
    with pytest.raises(SimulationRefused, match="lower the probability of its flow back"):
        simulate(looping_map(), SimulationSettings(weeks=10, warmup_weeks=2, runs=1))


def test_the_runs_stop_at_the_bound_on_steps_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_runs, "LARGEST_STEP_VISITS", 200_000)
    plan = plan_network(looping_map())
    with pytest.raises(SimulationRefused, match="more than 200,000 steps in all"):
        run_replications(plan, SimulationSettings(weeks=10, warmup_weeks=0, runs=1), workers=1)


def test_the_same_seed_gives_the_same_result_and_another_seed_another() -> None:
    the_map = one_queue_map(40, 2, 300)
    first = simulate(the_map, SimulationSettings(weeks=10, runs=4, seed=7))
    again = simulate(the_map, SimulationSettings(weeks=10, runs=4, seed=7))
    other = simulate(the_map, SimulationSettings(weeks=10, runs=4, seed=8))
    assert json.dumps(first.to_json()) == json.dumps(again.to_json())
    assert first.steps == again.steps
    assert first.to_json()["steps"] != other.to_json()["steps"]


def test_runs_in_worker_processes_give_what_runs_here_give() -> None:
    plan = plan_network(one_queue_map(40, 2, 300))
    chosen = SimulationSettings(weeks=6, warmup_weeks=1, runs=3, seed=11)
    here = run_replications(plan, chosen, workers=1)
    done: list[int] = []
    workers = run_replications(
        plan, chosen, workers=2, progress=lambda finished, runs: done.append(finished)
    )
    assert [o.lead_times.tolist() for o in here] == [o.lead_times.tolist() for o in workers]
    assert [o.queues[0].waits.tolist() for o in here] == [
        o.queues[0].waits.tolist() for o in workers
    ]
    assert done == [1, 2, 3]


@pytest.mark.parametrize("workers", [1, 2])
def test_should_stop_cancels_before_the_runs(workers: int) -> None:
    plan = plan_network(one_queue_map(40, 2, 300))
    finished: list[int] = []
    with pytest.raises(SimulationCancelled):
        run_replications(
            plan,
            SimulationSettings(weeks=4, warmup_weeks=0, runs=6),
            workers=workers,
            progress=lambda done, runs: finished.append(done),
            should_stop=lambda: True,
        )
    assert finished == []


def test_should_stop_is_checked_between_runs() -> None:
    plan = plan_network(one_queue_map(40, 2, 300))
    finished: list[int] = []
    with pytest.raises(SimulationCancelled):
        run_replications(
            plan,
            SimulationSettings(weeks=4, warmup_weeks=0, runs=6),
            workers=1,
            progress=lambda done, runs: finished.append(done),
            should_stop=lambda: len(finished) == 2,
        )
    assert finished == [1, 2]


def test_the_json_has_the_designs_shape_with_every_capacity_step_in_file_order() -> None:
    the_map = load_map(SAMPLES.format("to-be"))
    document = simulate(the_map, SimulationSettings(weeks=3, warmup_weeks=1, runs=2)).to_json()
    assert list(document) == [
        "format", "version", "weeks", "warmup_weeks", "runs", "seed", "arrivals_per_week",
        "completed_per_week", "lead_time_days", "steps", "unstable",
    ]  # fmt: skip
    assert document["format"] == "pathmapper-simulation" and document["version"] == 1
    assert [s["id"] for s in document["steps"]] == [
        s.id for s in the_map.steps if s.capacity is not None
    ]
    assert set(document["lead_time_days"]) == {"mean", "p50", "p90", "low", "high"}
    first = document["steps"][0]
    assert list(first) == [
        "id", "arrivals_per_week", "utilisation", "mean_wait_days", "p90_wait_days",
        "mean_queue", "queue_at_end", "stated_wait_days",
    ]  # fmt: skip
    assert first["stated_wait_days"] == 14


def test_the_msk_samples_show_the_to_be_shortening_the_lists() -> None:
    chosen = SimulationSettings(weeks=52, warmup_weeks=4, runs=2, seed=1)
    as_is = simulate(load_map(SAMPLES.format("as-is")), chosen)
    to_be = simulate(load_map(SAMPLES.format("to-be")), chosen)
    orthopaedics = as_is.step("s12")
    surgery = to_be.step("s22")
    assert orthopaedics is not None and surgery is not None
    # Referrals to secondary care orthopaedics: the outpatient list against surgical listing.
    assert surgery.arrivals_per_week < 0.3 * orthopaedics.arrivals_per_week
    assert to_be.lead_time_days.mean < 0.5 * as_is.lead_time_days.mean
    assert "s12" in as_is.unstable and to_be.unstable == ()


def test_confidence_intervals_and_percentiles() -> None:
    assert interval([]) == interval([]).__class__(0.0, 0.0, 0.0)
    single = interval([2.5])
    assert single.low == single.mean == single.high == 2.5
    pair = interval([1.0, 3.0])
    assert math.isclose(pair.high - pair.mean, 12.706 * math.sqrt(2) / math.sqrt(2))
    assert t_975(1) == 12.706 and abs(t_975(31) - 2.0395) < 1e-3 and t_975(31) < t_975(30)
    assert abs(t_975(1000) - 1.9623) < 1e-3
    assert percentile([], 0.9) == 0.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5


def test_worker_processes_import_neither_the_model_nor_networkx() -> None:
    """Each spawned worker imports `replication`: it starts in a tenth of a second."""
    code = (
        "import sys\n"
        "import pathmapper.simulation.replication\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in {'pydantic', 'networkx'}]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_steps_without_capacity_take_their_stated_wait_and_duration() -> None:
    the_map = path_map(
        [step("start", "start", per_week=20), step("letter", wait="P2D", service_minutes=720),
         step("unknown"), step("end", "end")],
        [flow("start", "letter"), flow("letter", "unknown"), flow("unknown", "end")],
    )  # fmt: skip
    result = simulate(the_map, SimulationSettings(weeks=4, warmup_weeks=1, runs=2))
    lead = result.lead_time_days
    assert result.steps == ()
    assert math.isclose(lead.mean, 2.5) and math.isclose(lead.p50, 2.5)
    assert math.isclose(lead.p90, 2.5)


def test_a_queue_at_start_is_served_first_come_first_served_at_a_fixed_pace() -> None:
    # Ten already waiting, one server taking exactly 0.9 days each, almost no new arrivals:
    # by the end of day 7 eight have started (at 0, 0.9, ... 6.3), so two still wait.
    the_map = path_map(
        [step("start", "start", per_week=0.001),
         step("list", servers=1, service_minutes=0.9 * 1440, queue_at_start=10, fixed=True),
         step("end", "end")],
        [flow("start", "list"), flow("list", "end")],
    )  # fmt: skip
    result = simulate(the_map, SimulationSettings(weeks=2, warmup_weeks=0, runs=1))
    queue = result.steps[0]
    assert queue.queue_by_week == (2.0, 0.0)
    assert math.isclose(queue.utilisation, 10 * 0.9 / 14)  # busy 9 days of 14
    assert queue.arrivals_per_week == 0  # the ten arrived before the simulation began
