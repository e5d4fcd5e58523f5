"""Imported lanes named for the patient are the patient's own lane, by the name alone: the
import writes no `patient` field, so the saved map says no more than the source did."""

from __future__ import annotations

from pathlib import Path

from pathmapper.analysis import analyse
from pathmapper.io import dumps_map
from pathmapper.io.csv_steps import steps_csv_to_map
from pathmapper.io.drawio_read import read_drawio_file

STEPS = """step,lane,organisation,next
Feels unwell,Patient/carer,,Phones the practice
Phones the practice,Patient/carer,,GP telephone triage
GP telephone triage,GP practice,,Advice to rest at home
Advice to rest at home,Patient/carer,,Rings back worse
Rings back worse,Patient/carer,,GP home visit
GP home visit,GP practice,,Admitted
Admitted,Acute medical unit,Acute trust,
"""


def test_a_csv_lane_named_for_the_patient_is_the_patients() -> None:
    path_map = steps_csv_to_map(STEPS, "steps.csv").path_map
    lanes = {lane.name: lane for lane in path_map.lanes}
    assert lanes["Patient/carer"].is_patient
    assert not lanes["GP practice"].is_patient
    assert '"patient"' not in dumps_map(path_map)
    analysis = analyse(path_map)
    assert analysis.summary["organisations"] == 2
    assert analysis.summary["cross_org_handoffs"] == 1  # GP practice to the acute trust
    assert [f for f in analysis.findings if f.code == "handoff.ping_pong"] == []


def _lane(cell_id: str, name: str, y: int) -> str:
    return (
        f'<mxCell id="{cell_id}" value="{name}" style="swimlane;horizontal=0;startSize=30;" '
        f'vertex="1" parent="1"><mxGeometry x="40" y="{y}" width="600" height="120" '
        'as="geometry"/></mxCell>'
    )


def _shape(cell_id: str, label: str, parent: str, style: str = "rounded=1;") -> str:
    return (
        f'<mxCell id="{cell_id}" value="{label}" style="{style}" vertex="1" parent="{parent}">'
        '<mxGeometry x="100" y="30" width="120" height="60" as="geometry"/></mxCell>'
    )


def test_a_drawio_swimlane_named_for_the_patient_is_the_patients(tmp_path: Path) -> None:
    path = tmp_path / "pathway.drawio"
    path.write_text(
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        + _lane("home", "Patient and family", 40)
        + _lane("gp", "GP practice", 160)
        + _shape("a", "Feels unwell", "home", "ellipse;")
        + _shape("b", "GP review", "gp")
        + '<mxCell id="e" edge="1" parent="1" source="a" target="b">'
        '<mxGeometry relative="1" as="geometry"/></mxCell>'
        "</root></mxGraphModel>",
        encoding="utf-8",
    )
    path_map = read_drawio_file(path).path_map
    assert [(lane.name, lane.is_patient) for lane in path_map.lanes] == [
        ("Patient and family", True),
        ("GP practice", False),
    ]
    assert all(lane.patient is None for lane in path_map.lanes)
    assert path_map.organisations() == ["GP practice"]
