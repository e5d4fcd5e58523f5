"""Importing draw.io diagrams written the way draw.io writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.io import dumps_map, loads_map
from pathmapper.io.drawio_cells import html_to_text, parse_style
from pathmapper.io.drawio_decode import DrawioError
from pathmapper.io.drawio_read import UNASSIGNED_LANE_NAME, drawio_page_names, read_drawio_file
from pathmapper.model import PathMap

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "drawio"
WRAPPED = [
    "pool-rows-compressed.drawio",
    "pool-rows.drawio.png",
    "pool-rows-ztxt.drawio.png",
    "pool-rows.drawio.svg",
]


def _pool_rows() -> PathMap:
    return read_drawio_file(FIXTURES / "pool-rows.drawio").path_map


def _by_label(path_map: PathMap) -> dict[str, tuple[str, str]]:
    """Step label -> (kind, lane name)."""
    lanes = {lane.id: lane.name for lane in path_map.lanes}
    return {step.label: (step.kind, lanes[step.lane]) for step in path_map.steps}


def test_pool_label_is_organisation_of_its_lanes_and_bare_lane_is_its_own() -> None:
    path_map = _pool_rows()
    lanes = [(lane.name, lane.organisation_name) for lane in path_map.lanes]
    assert lanes == [
        ("GP practice", "GP practice"),
        ("Cardiology triage", "Acute trust"),
        ("Echo department", "Acute trust"),
        (UNASSIGNED_LANE_NAME, UNASSIGNED_LANE_NAME),
    ]
    assert path_map.lanes[0].colour == "#dae8fc"
    assert [lane.height for lane in path_map.lanes[:3]] == [140, 150, 150]


def test_step_kinds_come_from_shapes() -> None:
    steps = _by_label(_pool_rows())
    assert steps == {
        "Patient presents with\nbreathlessness": ("start", "GP practice"),
        "Refer to\ncommunity & acute services": ("activity", "GP practice"),
        "Results back to GP": ("end", "GP practice"),
        "Urgent?": ("decision", "Cardiology triage"),
        "Wait for routine slot": ("wait", "Cardiology triage"),
        "Echo": ("activity", "Echo department"),
        "Echo report": ("information", "Echo department"),
        "Community pharmacy review": ("activity", UNASSIGNED_LANE_NAME),
        "Leaflet": ("information", UNASSIGNED_LANE_NAME),
    }


def test_edges_become_flows_with_labels_from_value_or_label_cells() -> None:
    path_map = _pool_rows()
    labels = {step.id: step.label for step in path_map.steps}
    flows = {(labels[f.source], labels[f.target]): f.label for f in path_map.flows}
    assert flows[("Refer to\ncommunity & acute services", "Urgent?")] == "referral letter"
    assert flows[("Urgent?", "Echo")] == "yes"
    assert flows[("Urgent?", "Wait for routine slot")] == "no"
    assert len(path_map.flows) == 7


def test_positions_are_resolved_through_parents_and_relative_to_the_lane_top() -> None:
    path_map = _pool_rows()
    steps = {step.id: step for step in path_map.steps}
    # Lane bodies start at x = 40 + 30 (GP's header) = 70 and 40 + 20 + 20 = 80 (pool + lane
    # headers); the origin is the leftmost body start.
    assert (steps["start"].x, steps["start"].y) == (60 + 70 + 40 - 70, 40 + 30)
    # "Urgent?" sits in a lane inside a pool: 40 (pool) + 20 (lane) + 240 + 50 (half width).
    assert (steps["urgent"].x, steps["urgent"].y) == (40 + 20 + 240 + 50 - 70, 35 + 40)
    assert steps["echo"].y == 45 + 30


def test_notes_and_text_become_comments_and_a_connector_gives_the_target() -> None:
    path_map = _pool_rows()
    comments = {comment.text: comment for comment in path_map.comments}
    assert set(comments) == {"Six week wait for echo", "Draft from the kick-off meeting"}
    assert comments["Six week wait for echo"].target == "echo"
    assert comments["Draft from the kick-off meeting"].target is None
    assert not any(flow.id == "note-link" for flow in path_map.flows)


def test_summary_lists_everything_left_out() -> None:
    result = read_drawio_file(FIXTURES / "pool-rows.drawio")
    text = "\n".join(result.summary_lines())
    assert "4 lanes, 9 steps, 7 flows, 2 comments" in text
    assert "image" in text
    assert "a group of 2 shapes" in text
    assert "arrow 'to hospice?' from step 'Results back to GP' to nothing" in text
    assert "2 shapes outside any swimlane went into the lane 'Unassigned'" in text
    assert len(result.left_out) == 3


def test_imported_map_is_valid_and_saves() -> None:
    path_map = _pool_rows()
    assert path_map.problems() == []
    assert loads_map(dumps_map(path_map)).to_document() == path_map.to_document()


@pytest.mark.parametrize("name", WRAPPED)
def test_compressed_png_and_svg_files_give_the_same_map(name: str) -> None:
    wrapped = read_drawio_file(FIXTURES / name).path_map
    plain = _pool_rows()
    assert _by_label(wrapped) == _by_label(plain)
    assert [f.model_dump() for f in wrapped.flows] == [f.model_dump() for f in plain.flows]
    assert [s.model_dump() for s in wrapped.steps if s.lane == plain.lanes[0].id] == [
        s.model_dump() for s in plain.steps if s.lane == plain.lanes[0].id
    ]


def test_vertical_lanes_are_turned_into_rows() -> None:
    result = read_drawio_file(FIXTURES / "columns.drawio")
    path_map = result.path_map
    assert [lane.name for lane in path_map.lanes] == ["NHS 111", "Out-of-hours GP"]
    # The steps stood 120 pt apart down each column: too close for pathmapper's shapes side by
    # side, so they are laid out again, and each lane is as tall as its steps need.
    assert any("laid out again" in remark for remark in result.remarks)
    assert all(lane.height and lane.height < 200 for lane in path_map.lanes)
    steps = {step.id: step for step in path_map.steps}
    assert steps["call"].kind == "start" and steps["done"].kind == "end"
    assert [steps[name].lane for name in ("call", "assess", "visit", "done")] == [
        "nhs111",
        "nhs111",
        "ooh",
        "ooh",
    ]
    # Down the column becomes along the row, laid out again in the same order: each lane's
    # steps one after the other, the handoff free to go straight down the column.
    xs = [steps[name].x or 0 for name in ("call", "assess", "visit", "done")]
    assert xs == sorted(xs) and xs[0] < xs[1] and xs[2] < xs[3]
    assert any("laid out again" in remark for remark in result.remarks)


def test_pages_by_number_or_name() -> None:
    path = FIXTURES / "two-pages.drawio"
    assert drawio_page_names(path) == ["Cardiology referral", "Out of hours"]
    assert read_drawio_file(path).path_map.title == "Cardiology referral"
    assert read_drawio_file(path, "2").path_map.title == "Out of hours"
    assert read_drawio_file(path, 2).path_map.title == "Out of hours"
    by_name = read_drawio_file(path, "Out of hours").path_map
    assert [lane.name for lane in by_name.lanes] == ["NHS 111", "Out-of-hours GP"]
    first = read_drawio_file(path, "Cardiology referral").path_map
    assert _by_label(first) == _by_label(_pool_rows())


@pytest.mark.parametrize(("page", "message"), [("3", "has no page 3"), ("Later", "named 'Later'")])
def test_missing_page_names_the_pages_there_are(page: str, message: str) -> None:
    with pytest.raises(DrawioError, match=message) as caught:
        read_drawio_file(FIXTURES / "two-pages.drawio", page)
    assert "1 'Cardiology referral', 2 'Out of hours'" in str(caught.value)


def test_a_plain_flowchart_without_lanes_goes_into_one_unassigned_lane(tmp_path: Path) -> None:
    path = tmp_path / "flowchart.drawio"
    path.write_text(
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="a" value="Start" style="ellipse;" vertex="1" parent="1">'
        '<mxGeometry x="100" y="100" width="80" height="40" as="geometry"/></mxCell>'
        '<mxCell id="b" value="Do it" style="" vertex="1" parent="1">'
        '<mxGeometry x="300" y="100" width="80" height="40" as="geometry"/></mxCell>'
        '<mxCell id="e" edge="1" parent="1" source="a" target="b">'
        '<mxGeometry relative="1" as="geometry"/></mxCell>'
        "</root></mxGraphModel>",
        encoding="utf-8",
    )
    result = read_drawio_file(path)
    path_map = result.path_map
    assert [lane.name for lane in path_map.lanes] == [UNASSIGNED_LANE_NAME]
    # The start (centre 40 from the band's left) is wider here than in draw.io: both steps move
    # right together, so it is not hidden under the lane header.
    assert [(s.kind, s.x, s.y) for s in path_map.steps] == [
        ("start", 95, 60),
        ("activity", 295, 60),
    ]
    assert "every step moved 55 pt right, clear of the lane headers" in result.remarks
    assert path_map.problems() == []


def test_style_and_html_label_parsing() -> None:
    assert parse_style("swimlane;horizontal=0;startSize=30;") == (
        "swimlane",
        {"horizontal": "0", "startSize": "30"},
    )
    assert html_to_text("A&amp;E<br>triage&nbsp;nurse") == "A&E\ntriage nurse"
    assert html_to_text("<div><b>Echo</b></div><div>6 weeks &lt; target</div>") == (
        "Echo\n6 weeks < target"
    )
    assert html_to_text("Blood test &amp; ECG") == "Blood test & ECG"
