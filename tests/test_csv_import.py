"""Importing a spreadsheet (CSV) of steps collected before a workshop."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.io import dumps_map, loads_map
from pathmapper.io.csv_steps import CsvImportError, read_steps_csv, steps_csv_to_map
from pathmapper.model import PathMap

EXAMPLE = Path(__file__).resolve().parents[1] / "sample_maps" / "steps-example.csv"


def _flows(path_map: PathMap) -> set[tuple[str, str, str]]:
    labels = {step.id: step.label for step in path_map.steps}
    return {(labels[f.source], labels[f.target], f.label) for f in path_map.flows}


def test_the_shipped_example_becomes_a_valid_laid_out_map() -> None:
    result = read_steps_csv(EXAMPLE)
    path_map = result.path_map
    assert path_map.problems() == []
    assert loads_map(dumps_map(path_map)).to_document() == path_map.to_document()
    assert len(path_map.steps) == 11
    assert all(step.has_position for step in path_map.steps)
    lanes = {lane.name: lane.organisation_name for lane in path_map.lanes}
    assert lanes["Emergency department"] == "Acute trust"
    assert lanes["Community falls service"] == "Community health provider"
    decision = next(s for s in path_map.steps if s.label == "Needs the emergency department?")
    assert decision.kind == "decision"
    assert ("Needs the emergency department?", "Assessment and X-ray", "yes") in _flows(path_map)
    assert ("Needs the emergency department?", "Falls referral triaged", "no") in _flows(path_map)
    wait = next(s for s in path_map.steps if s.label == "Wait for home assessment")
    assert (wait.kind, wait.wait) == ("wait", "P6W")
    visit = next(s for s in path_map.steps if s.label.startswith("Multifactorial"))
    assert (visit.duration, visit.patient_contact, visit.value_added) == ("PT1H30M", True, True)
    assert visit.owner == "Occupational therapist"
    assert result.summary_lines()[-1] == "Everything in the file was imported."


def test_next_by_name_semicolons_and_inferred_kinds() -> None:
    text = (
        "Lane,Step,Next,Branch label\n"
        "GP,See GP,Triage\n"
        "Hub,Triage,Physio; Surgeon,routine; urgent\n"
        "Hub,Physio,\n"
        "Hospital,Surgeon,\n"
    )
    path_map = steps_csv_to_map(text, "list.csv").path_map
    kinds = {step.label: step.kind for step in path_map.steps}
    assert kinds == {"See GP": "start", "Triage": "decision", "Physio": "end", "Surgeon": "end"}
    assert _flows(path_map) == {
        ("See GP", "Triage", ""),
        ("Triage", "Physio", "routine"),
        ("Triage", "Surgeon", "urgent"),
    }
    assert [lane.name for lane in path_map.lanes] == ["GP", "Hub", "Hospital"]


def test_without_a_next_column_rows_follow_each_other() -> None:
    text = "step;lane;kind\nReferral;GP;start\nAppointment;Clinic;\nDischarged;Clinic;end\n"
    result = steps_csv_to_map(text, "semicolons.csv")
    assert _flows(result.path_map) == {
        ("Referral", "Appointment", ""),
        ("Appointment", "Discharged", ""),
    }
    assert "each step leads to the row below" in "\n".join(result.summary_lines())


def test_unknown_columns_are_reported_not_silently_dropped() -> None:
    text = "Step,Lane,Cost code\nReferral,GP,A12\n"
    result = steps_csv_to_map(text, "extra.csv")
    assert result.left_out == ["columns pathmapper does not use: 'Cost code'"]


def test_bad_rows_are_reported_by_row_number_and_nothing_is_imported() -> None:
    text = (
        "number,lane,step,kind,next,branch label,wait,patient contact\n"
        "1,GP,Referral,start,2,,,\n"
        "2,,Triage,activity,3,,,\n"
        "3,Hub,Assess,sometimes,4,,6 months,maybe\n"
        "4,Hub,Decide,decision,1;9,yes,,\n"
        "4,Hub,Again,activity,,,,\n"
    )
    with pytest.raises(CsvImportError) as caught:
        steps_csv_to_map(text, "bad.csv")
    problems = caught.value.problems
    assert "row 3 ('Triage'): the lane column is empty; say which team or service does it" in (
        problems
    )
    assert any(p.startswith("row 4 ('Assess'): kind 'sometimes' is not one of") for p in problems)
    assert any(p.startswith("row 4 ('Assess'): wait") and "months" in p for p in problems)
    assert "row 4 ('Assess'): patient contact 'maybe' should be yes or no" in problems
    assert any(
        p.startswith("row 6 ('Again'): number 4 is also the number of row 5") for p in problems
    )
    assert any("'9' is not the name or number of any step" in p for p in problems)
    assert caught.value.describe().startswith("bad.csv: ")


def test_mismatched_branch_labels_and_conflicting_organisations() -> None:
    text = (
        "lane,organisation,step,next,branch label\n"
        "Triage,Community trust,Decide,Physio;Clinic,yes\n"
        "Triage,Acute trust,Physio,\n"
        "Clinic,Acute trust,Clinic,\n"
    )
    with pytest.raises(CsvImportError) as caught:
        steps_csv_to_map(text, "mixed.csv")
    assert caught.value.problems == [
        "row 3 ('Physio'): lane 'Triage' belongs to 'Community trust' in an earlier row but to "
        "'Acute trust' here; give one organisation per lane",
        "row 2 ('Decide'): next step 'Physio' is not the name or number of any step",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("lane,step\n", "has a header but no steps"),
        ("who,what happens\n", "has a header but no steps"),
        ("Team,Task\nGP,Refer\n", "needs a column called step"),
        ("Step,Owner\nRefer,GP\n", "needs a column called lane; the columns found are 'Step'"),
    ],
)
def test_files_that_are_not_a_steps_list(text: str, message: str) -> None:
    with pytest.raises(CsvImportError, match=message):
        steps_csv_to_map(text, "odd.csv")


def test_excel_windows_encoding_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "café-pathway.csv"
    path.write_bytes("Step,Lane\nRéférral letter,GP\n".encode("cp1252"))
    assert read_steps_csv(path).path_map.steps[0].label == "Référral letter"
    path.write_bytes("\ufeffStep,Lane\nReferral,GP\n".encode())
    result = read_steps_csv(path)
    assert result.path_map.steps[0].label == "Referral"
    assert result.path_map.title == "Café pathway"
