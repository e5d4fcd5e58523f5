"""update_geometry: after steps move, the same geometry as compute_geometry, found cheaper."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pathmapper.analysis.generate import generate_map
from pathmapper.io import load_map
from pathmapper.layout import compute_geometry
from pathmapper.layout.incremental import update_geometry
from pathmapper.layout.primitives import MapGeometry
from pathmapper.model import Flow, Lane, PathMap, Step
from tests.conftest import SAMPLE_MAPS

SAMPLE_PATHS: list[Path] = list(SAMPLE_MAPS)


def assert_same_geometry(found: MapGeometry, expected: MapGeometry) -> None:
    assert found.lanes == expected.lanes
    assert found.phases == expected.phases
    assert found.body == expected.body
    assert found.steps == expected.steps
    assert found.flows.keys() == expected.flows.keys()
    different = [f for f in expected.flows if found.flows[f] != expected.flows[f]]
    assert different == []


def move_steps(
    path_map: PathMap, rng: random.Random, count: int, across_lanes: bool, far: float = 300.0
) -> list[str]:
    """Move `count` random steps (by up to `far` points; into another lane when asked)."""
    chosen = rng.sample(path_map.steps, min(count, len(path_map.steps)))
    lane_ids = [lane.id for lane in path_map.lanes]
    for step in chosen:
        assert step.x is not None and step.y is not None
        step.x = max(80.0, step.x + rng.choice([-1, 1]) * rng.randrange(10, int(far), 10))
        step.y = max(40.0, min(110.0, step.y + rng.randrange(-40, 41, 10)))
        if across_lanes:
            step.lane = rng.choice(lane_ids)
    return [step.id for step in chosen]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("across_lanes", [False, True])
def test_moves_give_the_full_geometry_on_generated_maps(seed: int, across_lanes: bool) -> None:
    rng = random.Random(seed)
    path_map = generate_map(rng.choice([60, 200, 400]), seed=seed)
    previous = compute_geometry(path_map)
    for _round in range(3):  # each update starts from the last one, as the canvas does
        moved = move_steps(path_map, rng, rng.choice([1, 5, 50]), across_lanes)
        updated = update_geometry(previous, path_map, moved)
        assert_same_geometry(updated, compute_geometry(path_map))
        previous = updated


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.name.split(".")[0])
def test_moves_give_the_full_geometry_on_the_sample_maps(path: Path) -> None:
    path_map = load_map(path)
    rng = random.Random(path.name)
    previous = compute_geometry(path_map)
    if any(step.x is None for step in path_map.steps):  # placed by the automatic layout
        assert_same_geometry(update_geometry(previous, path_map, []), previous)
        return
    for across_lanes in (False, True, False):
        moved = move_steps(path_map, rng, 3, across_lanes)
        updated = update_geometry(previous, path_map, moved)
        assert_same_geometry(updated, compute_geometry(path_map))
        previous = updated


def test_a_step_dragged_low_grows_its_lane_and_moves_the_lanes_below() -> None:
    path_map = generate_map(200, seed=3)
    previous = compute_geometry(path_map)
    step = path_map.steps[10]
    step.y = 600.0
    updated = update_geometry(previous, path_map, [step.id])
    assert updated.lanes != previous.lanes
    assert_same_geometry(updated, compute_geometry(path_map))


def test_a_step_dragged_far_right_widens_the_map() -> None:
    path_map = generate_map(200, seed=4)
    previous = compute_geometry(path_map)
    step = path_map.steps[0]
    step.x = previous.body.width + 900.0
    updated = update_geometry(previous, path_map, [step.id])
    assert updated.body.width > previous.body.width
    assert_same_geometry(updated, compute_geometry(path_map))


def test_a_new_label_resizes_only_that_step() -> None:
    path_map = generate_map(200, seed=5)
    previous = compute_geometry(path_map)
    step = path_map.steps[7]
    step.label = "A much longer label that needs several lines to fit in the box " * 3
    updated = update_geometry(previous, path_map, [step.id])
    assert updated.steps[step.id].rect.height > previous.steps[step.id].rect.height
    assert_same_geometry(updated, compute_geometry(path_map))


def test_a_decision_branch_moving_reroutes_the_other_branches() -> None:
    path_map = PathMap(title="Branches")
    path_map.lanes += [Lane(id="clinic", name="Clinic"), Lane(id="lab", name="Lab")]
    path_map.steps += [
        Step(id="ask", kind="decision", label="Bloods?", lane="clinic", x=100.0, y=75.0),
        Step(id="book", kind="activity", label="Book review", lane="clinic", x=700.0, y=75.0),
        Step(id="bloods", kind="activity", label="Take bloods", lane="lab", x=400.0, y=75.0),
    ]
    path_map.flows += [
        Flow(id="no", source="ask", target="book", label="No"),
        Flow(id="yes", source="ask", target="bloods", label="Yes"),
    ]
    previous = compute_geometry(path_map)
    book = path_map.step("book")
    assert book is not None
    book.lane, book.y = "lab", 115.0  # below the bloods, and clear of the way of "yes":
    # now "yes" is the branch most level with the decision, so it leaves from the right
    updated = update_geometry(previous, path_map, ["book"])
    assert updated.flows["yes"] != previous.flows["yes"]
    assert_same_geometry(updated, compute_geometry(path_map))


def test_removed_steps_and_added_flows_give_the_full_geometry() -> None:
    path_map = generate_map(200, seed=7)
    previous = compute_geometry(path_map)
    gone = path_map.steps.pop(20)
    path_map.flows = [f for f in path_map.flows if gone.id not in (f.source, f.target)]
    path_map.flows.append(Flow(id="new-flow", source=path_map.steps[3].id, target="s30"))
    updated = update_geometry(previous, path_map, [gone.id])
    assert_same_geometry(updated, compute_geometry(path_map))


def test_a_reconnected_flow_is_routed_to_its_new_end() -> None:
    path_map = generate_map(100, seed=8)
    previous = compute_geometry(path_map)
    flow = path_map.flows[5]
    flow.target = path_map.steps[-1].id
    updated = update_geometry(previous, path_map, [])
    assert_same_geometry(updated, compute_geometry(path_map))


def test_unchanged_steps_keep_their_measured_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    import pathmapper.layout.geometry as geometry_module

    path_map = generate_map(100, seed=9)
    previous = compute_geometry(path_map)
    moved = move_steps(path_map, random.Random(1), 1, across_lanes=False, far=30.0)
    measured: list[str] = []
    real_step_size = geometry_module.step_size

    def counting_step_size(step: Step) -> tuple[float, float, tuple[str, ...]]:
        measured.append(step.id)
        return real_step_size(step)

    monkeypatch.setattr(geometry_module, "step_size", counting_step_size)
    updated = update_geometry(previous, path_map, moved)
    assert sorted(measured) == sorted(moved)
    monkeypatch.undo()
    assert_same_geometry(updated, compute_geometry(path_map))


def test_steps_without_a_place_are_laid_out_as_the_full_geometry_does() -> None:
    path_map = generate_map(60, seed=10)
    previous = compute_geometry(path_map)
    path_map.steps[4].x = None
    updated = update_geometry(previous, path_map, [path_map.steps[4].id])
    assert_same_geometry(updated, compute_geometry(path_map))
