"""The map generator: valid, deterministic, realistic enough to pass the bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.analysis.generate import generate_map, main
from pathmapper.io import dumps_map, load_map


@pytest.mark.parametrize("steps", [4, 30, 500])
def test_generated_maps_are_valid_and_exactly_the_size_asked(steps: int) -> None:
    path_map = generate_map(steps, seed=steps)
    assert path_map.problems() == []
    assert len(path_map.steps) == steps
    assert sum(step.kind == "start" for step in path_map.steps) == 1
    assert sum(step.kind == "end" for step in path_map.steps) == 1


def test_same_seed_same_map_and_different_seed_different_map() -> None:
    assert dumps_map(generate_map(300, 7)) == dumps_map(generate_map(300, 7))
    assert dumps_map(generate_map(300, 7)) != dumps_map(generate_map(300, 8))


def test_generated_map_has_decisions_loops_waits_and_handoffs() -> None:
    path_map = generate_map(400, 1)
    organisations = {path_map.organisation_of(step) for step in path_map.steps}
    assert len(organisations) >= 4
    assert any(step.kind == "decision" for step in path_map.steps)
    assert any(step.wait for step in path_map.steps)
    assert any(flow.expected_loop for flow in generate_map(2000, 1).flows)
    positions = {step.id: index for index, step in enumerate(path_map.steps)}
    assert any(positions[flow.target] < positions[flow.source] for flow in path_map.flows)


def test_script_writes_a_map_file(tmp_path: Path) -> None:
    out = tmp_path / "big.pathmap.json"
    assert main(["120", str(out), "--seed", "2"]) == 0
    assert len(load_map(out).steps) == 120


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_map(3, 0)
