"""Comparing two maps: figures side by side, and steps and lanes matched by id, then by label."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis.compare import compare_maps
from pathmapper.cli.main import main
from pathmapper.io import load_map
from pathmapper.model import PathMap
from tests.conftest import PROJECT_ROOT, SMALL_MAP

SAMPLES = PROJECT_ROOT / "sample_maps"
PAIRS = ["msk-single-point-of-access", "multiple-long-term-conditions"]


def small(edit: Any = None) -> PathMap:
    document = copy.deepcopy(SMALL_MAP)
    if edit is not None:
        edit(document)
    return PathMap.model_validate(document)


def summary(changes: list[Any]) -> set[tuple[str, str, str, str]]:
    return {(c.kind, c.action, c.first_label, c.second_label) for c in changes}


def test_a_map_compared_with_itself_has_no_changes_and_equal_figures() -> None:
    comparison = compare_maps(small(), small())
    assert comparison.changes == []
    for figure in comparison.figures:
        assert figure.first == figure.second
        assert figure.improved is None
    assert comparison.figure("steps").first == 3
    assert comparison.figure("cross_org_handoffs").first == 2
    assert comparison.figure("patient_contacts_max").first == 2
    assert comparison.figure("waiting_minutes_total").first == 2 * 1440 + 6 * 7 * 1440


def test_added_removed_moved_and_relabelled_steps_and_lanes() -> None:
    def redesign(document: dict[str, Any]) -> None:
        document["lanes"][1]["name"] = "Cardiac diagnostics"
        document["lanes"].append({"id": "cc", "name": "Community cardiology"})
        s1, s2, s3 = document["steps"]
        s2["label"] = "Echocardiogram"
        s3["lane"] = "cc"
        document["steps"].append({"id": "s4", "kind": "activity", "label": "Triage", "lane": "cc"})
        document["steps"].remove(s1)
        document["flows"].pop(0)
        document["comments"] = []

    comparison = compare_maps(small(), small(redesign))
    assert summary(comparison.changes) == {
        ("lane", "relabelled", "Echo department", "Cardiac diagnostics"),
        ("lane", "added", "", "Community cardiology"),
        ("step", "relabelled", "Echo", "Echocardiogram"),
        ("step", "moved", "Results to GP", "Results to GP"),
        ("step", "added", "", "Triage"),
        ("step", "removed", "Patient presents", ""),
    }
    [moved] = comparison.changes_of("step", "moved")
    assert (moved.first_lane, moved.second_lane, moved.matched_by) == (
        "GP practice",
        "Community cardiology",
        "id",
    )
    assert comparison.figure("steps").change == 0


def test_steps_and_lanes_with_new_ids_are_matched_by_label() -> None:
    def redrawn(document: dict[str, Any]) -> None:
        renames = {"gp": "gp-new", "echo": "echo-new", "s1": "n1", "s2": "n2", "s3": "n3"}
        text = json.dumps(document)
        for old, new in renames.items():
            text = text.replace(f'"{old}"', f'"{new}"')
        document.clear()
        document.update(json.loads(text))
        document["lanes"][0]["name"] = "gp  PRACTICE"  # same after normalising
        document["steps"][2]["lane"] = "echo-new"
        document["steps"][1]["label"] = "Echo tests"  # normalised "echo test" != "echo"

    comparison = compare_maps(small(), small(redrawn))
    assert summary(comparison.changes) == {
        ("step", "moved", "Results to GP", "Results to GP"),
        ("step", "removed", "Echo", ""),
        ("step", "added", "", "Echo tests"),
        ("lane", "relabelled", "GP practice", "gp  PRACTICE"),
    }
    [moved] = comparison.changes_of("step", "moved")
    assert (moved.first_id, moved.second_id, moved.matched_by) == ("s3", "n3", "label")


def test_a_lane_moved_with_its_steps_is_not_a_move_of_the_steps() -> None:
    def new_lane_ids(document: dict[str, Any]) -> None:
        document["lanes"][1]["id"] = "echo-2"
        document["steps"][1]["lane"] = "echo-2"

    assert compare_maps(small(), small(new_lane_ids)).changes == []


@pytest.mark.parametrize("pathway", PAIRS)
def test_sample_to_be_maps_improve_on_their_as_is_maps(pathway: str) -> None:
    as_is = load_map(SAMPLES / f"{pathway}-as-is.pathmap.json")
    to_be = load_map(SAMPLES / f"{pathway}-to-be.pathmap.json")
    comparison = compare_maps(as_is, to_be)
    for key in (
        "steps",
        "handoffs",
        "cross_org_handoffs",
        "loops",
        "patient_contacts_max",
        "lead_time_max_minutes",
        "waiting_minutes_total",
    ):
        assert comparison.figure(key).improved is True, key
    assert comparison.figure("loops").second == 0
    assert comparison.changes_of("step", "added")
    assert comparison.changes_of("step", "removed")


def test_msk_figures() -> None:
    comparison = compare_maps(
        load_map(SAMPLES / "msk-single-point-of-access-as-is.pathmap.json"),
        load_map(SAMPLES / "msk-single-point-of-access-to-be.pathmap.json"),
    )
    figures = {f.key: (f.first, f.second) for f in comparison.figures}
    assert figures["steps"] == (35, 28)
    assert figures["handoffs"] == (15, 12)
    assert figures["cross_org_handoffs"] == (6, 5)  # the patient is not an organisation
    assert figures["loops"] == (2, 0)  # two arrows send the patient back in the as-is
    assert figures["patient_contacts_max"] == (8, 7)
    first_lead, second_lead = figures["lead_time_max_minutes"]
    assert first_lead is not None and second_lead is not None
    assert second_lead < first_lead / 2
    added_lanes = {c.second_label for c in comparison.changes_of("lane", "added")}
    assert added_lanes == {"MSK single point of access", "One-stop MSK clinic"}


def test_compare_command_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    first = str(SAMPLES / "multiple-long-term-conditions-as-is.pathmap.json")
    second = str(SAMPLES / "multiple-long-term-conditions-to-be.pathmap.json")
    assert main(["compare", first, second]) == 0
    text = capsys.readouterr().out
    assert "Handoffs between organisations" in text
    assert "Lanes added (1):\n  'Multidisciplinary LTC clinic'" in text
    assert main(["compare", first, second, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    steps = next(f for f in report["figures"] if f["key"] == "steps")
    assert (steps["first"], steps["second"], steps["change"]) == (34, 18, -16)
    assert report["first"]["file"] == first


def test_compare_command_refuses_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pathmap.json"
    bad.write_text("{}", encoding="utf-8")
    first = str(SAMPLES / "multiple-long-term-conditions-as-is.pathmap.json")
    assert main(["compare", first, str(bad)]) == 2
    error = capsys.readouterr().err
    assert "bad.pathmap.json" in error
    assert "Traceback" not in error
