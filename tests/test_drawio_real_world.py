"""draw.io files as people really make them, rebuilt as small fixtures of our own: the SVG that
draw.io writes, templates whose shapes have no labels, the BPMN palette, table-style and
vertical cross-functional flowcharts, lane headers drawn as rectangles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.io.drawio_decode import DrawioError
from pathmapper.io.drawio_read import read_drawio_file
from pathmapper.layout import compute_geometry
from pathmapper.model import PathMap

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "drawio"


def _lanes(path_map: PathMap) -> list[tuple[str, str]]:
    return [(lane.name, lane.organisation) for lane in path_map.lanes]


def _steps(path_map: PathMap) -> dict[str, tuple[str, str, str]]:
    """Each step by id: kind, label and the name of its lane."""
    names = {lane.id: lane.name for lane in path_map.lanes}
    return {step.id: (step.kind, step.label, names[step.lane]) for step in path_map.steps}


def _flows(path_map: PathMap) -> list[tuple[str, str, str]]:
    return [(flow.source, flow.target, flow.label) for flow in path_map.flows]


def _overlapping(path_map: PathMap) -> list[tuple[str, str]]:
    boxes = compute_geometry(path_map, with_flows=False).steps
    return [
        (one, other)
        for one in boxes
        for other in boxes
        if one < other and boxes[one].rect.intersects(boxes[other].rect)
    ]


def test_the_svg_draw_io_writes_with_its_doctype_is_imported() -> None:
    assert "<!DOCTYPE svg PUBLIC" in (FIXTURES / "cross-functional.drawio.svg").read_text("utf-8")
    wrapped = read_drawio_file(FIXTURES / "cross-functional.drawio.svg").path_map
    plain = read_drawio_file(FIXTURES / "cross-functional.drawio").path_map
    assert _steps(wrapped) == _steps(plain) and _flows(wrapped) == _flows(plain)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE svg [<!ENTITY lol "lol">]>',
        "<!DOCTYPE svg [ ]>",
        '<!DOCTYPE svg SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/hosts">]>',
    ],
)
def test_a_doctype_that_declares_anything_is_still_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "hostile.drawio.svg"
    path.write_text(f'<?xml version="1.0"?>{doctype}<svg content="x"/>', encoding="utf-8")
    with pytest.raises(DrawioError, match="document type of its own"):
        read_drawio_file(path)


def test_an_undeclared_entity_after_a_bare_doctype_is_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "entity.drawio.svg"
    path.write_text(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd"><svg content="&x;"/>',
        encoding="utf-8",
    )
    # The document type names an outside file that may declare `x`: it is not read, so the
    # reference stays unexpanded and the SVG holds no diagram.
    with pytest.raises(DrawioError, match="an SVG without a draw"):
        read_drawio_file(path)


def test_unlabelled_template_shapes_keep_their_arrows() -> None:
    result = read_drawio_file(FIXTURES / "cross-functional.drawio")
    path_map = result.path_map
    # A pool with one unnamed lane is that lane; a rectangle with sideways text names its lane.
    assert _lanes(path_map) == [
        ("GP practice", "GP practice"),
        ("Outpatients", "Hospital"),
        ("Radiology", "Hospital"),
    ]
    assert _steps(path_map) == {
        "begin": ("start", "", "GP practice"),
        "see-gp": ("activity", "", "GP practice"),
        "refer": ("activity", "Refer\nto clinic", "GP practice"),  # stray spaces gone
        "clinic": ("activity", "", "Outpatients"),
        "scan": ("activity", "", "Radiology"),
        "finish": ("end", "", "Outpatients"),  # its arrow kept, the end circle stays an end
    }
    assert _flows(path_map) == [
        ("begin", "see-gp", ""),
        ("see-gp", "refer", ""),
        ("refer", "clinic", ""),
        ("clinic", "scan", ""),
        ("scan", "finish", ""),
    ]
    assert result.left_out == [
        "unlabelled plain shape (id spare) with no arrow: not a pathway step"
    ]
    assert any(
        "5 unlabelled shapes with arrows became unlabelled steps" in r for r in result.remarks
    )
    # draw.io's 100-wide boxes 30 apart would overlap as pathmapper steps: laid out again,
    # in the diagram's order, and nothing hides under the lane headers.
    assert any("laid out again since" in remark for remark in result.remarks)
    assert _overlapping(path_map) == []
    xs = [step.x or 0 for step in path_map.steps]
    assert xs == sorted(xs)
    boxes = compute_geometry(path_map, with_flows=False).steps
    assert min(box.rect.left for box in boxes.values()) >= 0
    assert path_map.problems() == []


def test_the_bpmn_palette_gives_starts_ends_decisions_waits_and_information() -> None:
    result = read_drawio_file(FIXTURES / "bpmn-incident.drawio")
    path_map = result.path_map
    assert _lanes(path_map) == [
        ("Reception", "Urgent care centre"),
        ("Clinician", "Urgent care centre"),
    ]
    assert _steps(path_map) == {
        "arrives": ("start", "", "Reception"),
        "booking": ("activity", "Book in", "Reception"),
        "queue": ("wait", "Wait to be seen", "Reception"),
        "form": ("information", "Triage form", "Reception"),  # a data store on the way
        "triage": ("activity", "Triage", "Clinician"),
        "severe": ("decision", "Severe?", "Clinician"),
        "transfer": ("activity", "Transfer to A&E", "Clinician"),
        "delayed": ("wait", "Ambulance delayed", "Clinician"),  # a timer on its border
        "treat": ("activity", "Treat", "Clinician"),
        "join": ("decision", "", "Clinician"),  # the older palette's gateway
        "closed": ("end", "", "Clinician"),
    }
    assert _flows(path_map) == [
        ("arrives", "booking", ""),
        ("booking", "queue", ""),
        ("queue", "form", ""),
        ("form", "triage", ""),
        ("triage", "severe", ""),
        ("severe", "transfer", "yes"),
        ("severe", "treat", "no"),
        ("transfer", "join", ""),
        ("treat", "join", ""),
        ("delayed", "treat", "after 1 hour"),
        ("join", "closed", ""),
        ("transfer", "delayed", ""),  # the patient leaves the task when the timer fires
    ]
    assert (
        "1 event on a step's border: each became a step that follows the step it sits on"
        in result.remarks
    )
    # A data object is information when the flow passes through it; one that only a dashed
    # data association links to a task, or that nothing reaches, is a note beside the pathway.
    assert [(c.text, c.target) for c in path_map.comments] == [
        ("Patient record", "booking"),
        ("Check the booking screen each hour", None),
    ]
    assert result.left_out == []


def test_a_table_flowchart_has_its_rows_as_lanes_and_header_row_as_phases() -> None:
    result = read_drawio_file(FIXTURES / "table-flowchart.drawio")
    path_map = result.path_map
    assert _lanes(path_map) == [
        ("Patient", "Patient"),
        ("GP", "GP"),
        ("Physiotherapy", "Physiotherapy"),
    ]
    assert [(phase.name, phase.width) for phase in path_map.phases] == [
        ("Referral", 240),
        ("Assessment", 240),
        ("Treatment", 240),
    ]
    phase_names = {phase.id: phase.name for phase in path_map.phases}
    assert {step.id: (step.kind, phase_names[step.phase or ""]) for step in path_map.steps} == {
        "symptoms": ("start", "Referral"),
        "gp-visit": ("activity", "Referral"),
        "assess": ("activity", "Assessment"),
        "exercise": ("activity", "Treatment"),
        "better": ("end", "Treatment"),
    }
    assert _steps(path_map)["assess"] == ("activity", "MSK assessment", "Physiotherapy")
    assert _flows(path_map) == [
        ("symptoms", "gp-visit", ""),
        ("gp-visit", "assess", ""),
        ("assess", "exercise", ""),
        ("exercise", "better", ""),
    ]
    assert result.left_out == []  # the table, its rows and cells are the lanes, not steps
    assert path_map.problems() == []


def test_a_vertical_pool_and_lanes_become_lanes() -> None:
    path_map = read_drawio_file(FIXTURES / "vertical-pool.drawio").path_map
    assert _lanes(path_map) == [
        ("Ward", "Community trust"),
        ("District nursing", "Community trust"),
        ("Social care", "Social care"),
    ]
    assert _steps(path_map) == {
        "fit": ("start", "Medically fit", "Ward"),
        "plan": ("activity", "Discharge plan", "Ward"),
        "package": ("activity", "Care package", "Social care"),
        "visit": ("activity", "First home visit", "District nursing"),
    }
    assert _flows(path_map) == [
        ("fit", "plan", ""),
        ("plan", "package", ""),
        ("package", "visit", ""),
    ]
    # Down the columns becomes along the rows, in the same order.
    xs = [step.x or 0 for step in path_map.steps]
    assert xs == sorted(xs)


def test_lane_headers_drawn_as_rectangles_are_lanes_not_steps() -> None:
    result = read_drawio_file(FIXTURES / "header-rectangles.drawio")
    path_map = result.path_map
    assert _lanes(path_map) == [
        ("Ambulance service", "Ambulance service"),
        ("Falls team", "Falls team"),
    ]
    assert [lane.colour for lane in path_map.lanes] == ["#dae8fc", "#d5e8d4"]
    assert _steps(path_map) == {
        "call": ("start", "999 call after a fall", "Ambulance service"),
        "attend": ("activity", "Crew attends", "Ambulance service"),
        "refer": ("activity", "Refer to falls team", "Falls team"),
        "review": ("activity", "Home review", "Falls team"),
    }
    assert _flows(path_map) == [
        ("call", "attend", ""),
        ("attend", "refer", ""),
        ("refer", "review", ""),
    ]
    assert sorted(result.left_out) == [
        "plain shape 'Draft for the workshop' drawn behind 2 other shapes: not a pathway step",
        "unlabelled plain shape (id band-ambulance) with no arrow: not a pathway step",
        "unlabelled plain shape (id band-falls) with no arrow: not a pathway step",
    ]


def _row_of_shapes(lefts: list[int], negative: bool) -> str:
    shapes = "".join(
        f'<mxCell id="s{n}" value="Step {n}" style="rounded=1;" vertex="1" parent="lane">'
        f'<mxGeometry x="{x - (60 if negative else 0)}" y="40" width="80" height="40" '
        'as="geometry"/></mxCell>'
        for n, x in enumerate(lefts)
    )
    arrows = "".join(
        f'<mxCell id="e{n}" edge="1" parent="1" source="s{n}" target="s{n + 1}">'
        '<mxGeometry relative="1" as="geometry"/></mxCell>'
        for n in range(len(lefts) - 1)
    )
    return (
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="lane" value="Clinic" style="swimlane;horizontal=0;startSize=30;" '
        'vertex="1" parent="1"><mxGeometry x="40" y="40" width="2000" height="120" '
        f'as="geometry"/></mxCell>{shapes}{arrows}</root></mxGraphModel>'
    )


@settings(max_examples=25, deadline=None)
@given(
    lefts=st.lists(st.integers(min_value=0, max_value=1600), min_size=2, max_size=7, unique=True),
    negative=st.booleans(),
)
def test_imported_steps_never_overlap_nor_hide_under_the_header(
    tmp_path_factory: pytest.TempPathFactory, lefts: list[int], negative: bool
) -> None:
    path = tmp_path_factory.mktemp("row") / "row.drawio"
    lefts = sorted(lefts)  # drawn left to right in the order the arrows go
    path.write_text(_row_of_shapes(lefts, negative), encoding="utf-8")
    path_map = read_drawio_file(path).path_map
    assert _overlapping(path_map) == []
    boxes = compute_geometry(path_map, with_flows=False).steps
    assert min(box.rect.left for box in boxes.values()) >= 0
    assert [lane.name for lane in path_map.lanes] == ["Clinic"]
    # The diagram's left-to-right order is kept, whether or not the steps were laid out again.
    xs = [step.x or 0 for step in path_map.steps]
    assert xs == sorted(xs)


def test_a_group_of_joined_shapes_is_not_itself_a_step(tmp_path: Path) -> None:
    path = tmp_path / "group.drawio"
    path.write_text(
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="lane" value="Clinic" style="swimlane;horizontal=0;startSize=30;" '
        'vertex="1" parent="1"><mxGeometry width="1200" height="200" as="geometry"/></mxCell>'
        '<mxCell id="g" value="" style="group" vertex="1" parent="lane">'
        '<mxGeometry x="50" y="40" width="600" height="80" as="geometry"/></mxCell>'
        '<mxCell id="a" value="See nurse" style="rounded=1;" vertex="1" parent="g">'
        '<mxGeometry width="120" height="60" as="geometry"/></mxCell>'
        '<mxCell id="b" value="See doctor" style="rounded=1;" vertex="1" parent="g">'
        '<mxGeometry x="400" width="120" height="60" as="geometry"/></mxCell>'
        '<mxCell id="e" edge="1" parent="1" source="a" target="b">'
        '<mxGeometry relative="1" as="geometry"/></mxCell></root></mxGraphModel>',
        encoding="utf-8",
    )
    result = read_drawio_file(path)
    assert _steps(result.path_map) == {
        "a": ("activity", "See nurse", "Clinic"),
        "b": ("activity", "See doctor", "Clinic"),
    }
    assert _flows(result.path_map) == [("a", "b", "")]
    assert result.left_out == [
        "a group of 2 shapes: the shapes were imported, the grouping itself was not"
    ]
