"""draw.io export: an uncompressed diagram that imports back as the same map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeElementTree
import pytest

from pathmapper.cli.main import main
from pathmapper.export.drawio_write import drawio_document
from pathmapper.io import load_map, loads_map
from pathmapper.io.drawio_cells import parse_style
from pathmapper.io.drawio_decode import decode_drawio
from pathmapper.io.drawio_read import import_page, read_drawio_file
from pathmapper.model import PathMap

from .conftest import SAMPLE_MAPS, SMALL_MAP

AWKWARD_LABELS = ["Patient presents\nwith <b>breathlessness</b>", "Echo", "A & E"]


def _round_trip(path_map: PathMap) -> PathMap:
    text = drawio_document(path_map)
    result = import_page(decode_drawio(text.encode("utf-8"), "map.drawio")[0], "map.drawio")
    assert result.left_out == []
    return result.path_map


def _essentials(path_map: PathMap) -> dict[str, Any]:
    """What a draw.io round trip must keep: lanes, steps, kinds, flows, labels, comments."""
    return {
        "title": path_map.title,
        "state": path_map.state,
        "lanes": [(lane.id, lane.name, lane.organisation_name) for lane in path_map.lanes],
        "phases": [(phase.id, phase.name) for phase in path_map.phases],
        "steps": [
            step.model_dump(exclude={"x", "y"}) | {"lane": step.lane} for step in path_map.steps
        ],
        "flows": [flow.model_dump() for flow in path_map.flows],
        "comments": [comment.model_dump() for comment in path_map.comments],
    }


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=[path.name for path in SAMPLE_MAPS])
def test_every_sample_map_round_trips_through_drawio(sample: Path) -> None:
    original = load_map(sample)
    back = _round_trip(original)
    assert _essentials(back) == _essentials(original)
    for before, after in zip(original.steps, back.steps, strict=True):
        if before.has_position:
            assert after.x == pytest.approx(before.x, abs=0.01)
            assert after.y == pytest.approx(before.y, abs=0.01)
    assert back.problems() == []


def test_round_trip_of_a_map_without_positions_and_with_awkward_ids() -> None:
    document = dict(SMALL_MAP)
    document["lanes"] = [
        {"id": "1", "name": "GP practice", "organisation": "GP practice"},
        {"id": "echo", "name": "Echo department", "organisation": "Acute trust"},
    ]
    document["steps"] = [
        step | {"lane": "1" if step["lane"] == "gp" else step["lane"], "label": label}
        for step, label in zip(SMALL_MAP["steps"], AWKWARD_LABELS, strict=True)
    ]
    original = loads_map(json.dumps(document))
    back = _round_trip(original)
    assert _essentials(back) == _essentials(original)


def test_the_file_is_plain_drawio_with_a_pool_of_lanes_and_flowchart_shapes() -> None:
    original = load_map(SAMPLE_MAPS[0])
    root = SafeElementTree.fromstring(drawio_document(original))
    assert root.tag == "mxfile"
    diagram = root.find("diagram")
    assert diagram is not None and diagram.find("mxGraphModel") is not None  # uncompressed
    cells = {
        (element.get("id") or ""): element.find("mxCell") if element.tag != "mxCell" else element
        for element in root.iter()
        if element.tag in ("mxCell", "UserObject")
    }
    styles = {
        key: parse_style(cell.get("style", "")) for key, cell in cells.items() if cell is not None
    }
    pools = [
        key
        for key, (name, style) in styles.items()
        if name == "swimlane" and style.get("childLayout") == "stackLayout"
    ]
    assert pools, "lanes sharing an organisation are drawn in a pool"
    shapes = {step.kind: styles[step.id] for step in original.steps}
    assert shapes["decision"][0] == "rhombus"
    assert shapes["start"][1]["shape"] == "mxgraph.flowchart.terminator"
    for flow in original.flows:
        assert styles[flow.id][1]["edgeStyle"] == "orthogonalEdgeStyle"
    for comment in original.comments:
        assert styles[comment.id][1]["shape"] == "note"


def test_export_cli_writes_drawio_and_bpmn(tmp_path: Path) -> None:
    drawio, bpmn = tmp_path / "map.drawio", tmp_path / "map.bpmn"
    assert main(["export", str(SAMPLE_MAPS[0]), "--drawio", str(drawio), "--bpmn", str(bpmn)]) == 0
    assert read_drawio_file(drawio).path_map.title == load_map(SAMPLE_MAPS[0]).title
    assert SafeElementTree.parse(str(bpmn)).getroot().tag.endswith("definitions")
