"""`pathmapper layout`: the geometry as geometry.md's JSON document, and `--check`."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pathmapper.cli.main import main
from pathmapper.io import load_map, save_map
from pathmapper.model import Flow, Lane, PathMap, Step
from tests.conftest import SAMPLE_MAPS


def test_every_drawn_element_appears_once_in_map_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = SAMPLE_MAPS[0]
    assert main(["layout", str(path), "--check"]) == 0
    document = json.loads(capsys.readouterr().out)
    path_map = load_map(path)
    assert (document["format"], document["version"]) == ("pathmapper-geometry", 1)
    assert [lane["id"] for lane in document["lanes"]] == [lane.id for lane in path_map.lanes]
    assert [step["id"] for step in document["steps"]] == [step.id for step in path_map.steps]
    assert [flow["id"] for flow in document["flows"]] == [flow.id for flow in path_map.flows]
    assert [note["id"] for note in document["notes"]] == [c.id for c in path_map.comments]
    for flow in document["flows"]:
        points = flow["points"]
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))
        assert flow["label"] is None or set(flow["label"]) == {"text", "box"}
    assert set(document["bounds"]) == {"x", "y", "width", "height"}


def test_check_lists_breaks_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A step drawn inside a bigger one: no flow can reach it without crossing the other."""
    path_map = PathMap(lanes=[Lane(id="a", name="A")])
    path_map.steps += [
        Step(id="s1", kind="activity", lane="a", x=100, y=60, label="Referral"),
        Step(id="s2", kind="decision", lane="a", x=100, y=60, label="Triage"),
        Step(id="s3", kind="activity", lane="a", x=400, y=60, label="Clinic"),
    ]
    path_map.flows.append(Flow(id="f1", source="s3", target="s1"))
    path = tmp_path / "piled.pathmap.json"
    save_map(path_map, path)
    assert main(["layout", str(path), "--check"]) == 1
    assert "rule 1" in capsys.readouterr().err
    assert main(["layout", str(path), "--auto", "--check"]) == 0
