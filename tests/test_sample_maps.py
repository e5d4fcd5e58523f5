"""The sample maps are valid, canonical, and realistic enough to demonstrate the product."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.io import dumps_map, load_map, loads_map
from tests.conftest import SAMPLE_MAPS

EXPECTED = {
    "community-cardiology-as-is.pathmap.json": "as_is",
    "unplanned-out-of-hours-as-is.pathmap.json": "as_is",
    "multiple-long-term-conditions-as-is.pathmap.json": "as_is",
    "multiple-long-term-conditions-to-be.pathmap.json": "to_be",
    "msk-single-point-of-access-as-is.pathmap.json": "as_is",
    "msk-single-point-of-access-to-be.pathmap.json": "to_be",
}


def test_every_expected_sample_is_there() -> None:
    assert set(EXPECTED) <= {path.name for path in SAMPLE_MAPS}


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.name)
def test_sample_round_trips_to_identical_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = dumps_map(load_map(path))
    assert first == text, f"{path.name} is not in canonical form: run pathmapper export --json"
    assert dumps_map(loads_map(first)) == text


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.name)
def test_sample_is_a_realistic_workshop_map(path: Path) -> None:
    path_map = load_map(path)
    assert path_map.state == EXPECTED.get(path.name, path_map.state)
    assert path_map.title and path_map.description
    assert 12 <= len(path_map.steps) <= 40
    assert len(path_map.organisations()) >= 3
    assert path_map.phases
    kinds = {step.kind for step in path_map.steps}
    assert {"start", "end", "activity", "decision"} <= kinds
    assert any(step.patient_contact for step in path_map.steps)
    assert any(step.wait for step in path_map.steps)
    assert any(step.duration for step in path_map.steps)
    assert any(flow.label for flow in path_map.flows)
    assert path_map.comments
    assert path_map.problems() == []


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.name)
def test_the_models_handoffs_are_the_analysis_handoffs(path: Path) -> None:
    from pathmapper.analysis import analyse

    path_map = load_map(path)
    handoffs, cross_organisation = path_map.handoff_flow_ids()
    analysis = analyse(path_map)
    assert handoffs == set(analysis.handoff_flows)
    assert cross_organisation == set(analysis.cross_org_flows)
    assert cross_organisation <= handoffs
