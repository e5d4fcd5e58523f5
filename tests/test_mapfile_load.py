"""Loading: every rule of the file format has a bad file that is refused with a clear reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pathmapper.io import MAX_FILE_BYTES, MapFileError, load_map, loads_map, mapfile
from tests.conftest import SMALL_MAP


def problems_of(content: dict[str, Any] | str | bytes) -> list[str]:
    data = json.dumps(content) if isinstance(content, dict) else content
    with pytest.raises(MapFileError) as caught:
        loads_map(data, "test.pathmap.json")
    return caught.value.problems


def test_the_format_documents_example_loads(small_document: dict[str, Any]) -> None:
    path_map = loads_map(json.dumps(small_document))
    assert path_map.title == "Breathlessness referral"
    assert [step.id for step in path_map.steps] == ["s1", "s2", "s3"]
    assert path_map.steps[0].wait_minutes == 2880
    assert path_map.steps[1].duration_minutes is None
    assert path_map.lanes[1].organisation_name == "Acute trust"
    assert path_map.problems() == []


def test_organisation_defaults_to_the_lane_name(small_document: dict[str, Any]) -> None:
    del small_document["lanes"][0]["organisation"]
    small_document["lanes"][1]["organisation"] = "   "
    path_map = loads_map(json.dumps(small_document))
    assert [lane.organisation_name for lane in path_map.lanes] == ["GP practice", "Echo department"]


def test_all_problems_are_reported_at_once_naming_element_and_rule(
    small_document: dict[str, Any],
) -> None:
    small_document["flows"].append({"id": "f12", "source": "s1", "target": "zzz"})
    small_document["steps"][1]["kind"] = "meeting"
    small_document["steps"][2]["lane"] = "nowhere"
    small_document["comments"][0]["target"] = "gone"
    problems = problems_of(small_document)
    assert "flow f12: target 'zzz' is not a step of this map" in problems
    assert "step s3: lane 'nowhere' is not a lane of this map" in problems
    assert "comment c1: target 'gone' is not an element of this map" in problems
    assert any(p.startswith('step s2: kind "meeting" is not one of') for p in problems)
    assert len(problems) == 4


def test_ids_must_be_unique_across_the_whole_map(small_document: dict[str, Any]) -> None:
    small_document["flows"][0]["id"] = "s1"
    assert problems_of(small_document) == [
        "flow s1: id 's1' is used more than once (also by step s1); "
        "ids must be unique across the map"
    ]


@pytest.mark.parametrize("bad_id", ["", "   "])
def test_ids_must_not_be_blank(small_document: dict[str, Any], bad_id: str) -> None:
    small_document["lanes"][0]["id"] = bad_id
    problems = problems_of(small_document)
    assert "lane 1: id: an id cannot be blank" in problems


def test_missing_required_fields_are_named(small_document: dict[str, Any]) -> None:
    del small_document["steps"][0]["lane"]
    del small_document["flows"][1]["source"]
    problems = problems_of(small_document)
    assert "step s1: lane is missing" in problems
    assert "flow f2: source is missing" in problems


def test_phase_reference_must_resolve(small_document: dict[str, Any]) -> None:
    small_document["steps"][0]["phase"] = "treatment"
    assert problems_of(small_document) == ["step s1: phase 'treatment' is not a phase of this map"]


def test_flow_source_must_be_a_step_not_a_lane(small_document: dict[str, Any]) -> None:
    small_document["flows"][0]["source"] = "gp"
    assert problems_of(small_document) == ["flow f1: source 'gp' is not a step of this map"]


def test_comment_may_target_any_element_or_the_map(small_document: dict[str, Any]) -> None:
    small_document["comments"].append({"id": "c2", "target": "gp", "kind": "idea"})
    small_document["comments"].append({"id": "c3", "kind": "question", "text": "Who owns this?"})
    small_document["comments"].append({"id": "c4", "target": "f1", "kind": "gap"})
    path_map = loads_map(json.dumps(small_document))
    assert [comment.target for comment in path_map.comments] == ["s2", "gp", None, "f1"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("state", "future", 'map: state "future" is not one of'),
        ("title", 42, "map: title must be text, not 42"),
    ],
)
def test_map_fields_are_checked(
    small_document: dict[str, Any], field: str, value: Any, expected: str
) -> None:
    small_document[field] = value
    assert problems_of(small_document)[0].startswith(expected)


def test_comment_kind_is_checked(small_document: dict[str, Any]) -> None:
    small_document["comments"][0]["kind"] = "complaint"
    assert problems_of(small_document)[0].startswith('comment c1: kind "complaint" is not one of')


@pytest.mark.parametrize("field", ["duration", "wait"])
def test_months_and_years_in_durations_are_refused(
    small_document: dict[str, Any], field: str
) -> None:
    small_document["steps"][0][field] = "P3M"
    [problem] = problems_of(small_document)
    assert problem.startswith(f"step s1: {field}: 'P3M': months and years are ambiguous")
    assert "weeks or days" in problem


def test_durations_must_be_iso_8601(small_document: dict[str, Any]) -> None:
    small_document["steps"][1]["wait"] = "6 weeks"
    [problem] = problems_of(small_document)
    assert problem.startswith("step s2: wait: '6 weeks' is not an ISO 8601 duration")


def test_booleans_are_not_guessed_from_text(small_document: dict[str, Any]) -> None:
    small_document["steps"][0]["patient_contact"] = "yes"
    assert problems_of(small_document) == [
        'step s1: patient_contact must be true or false, not "yes"'
    ]


def test_lane_colour_must_be_a_hex_colour(small_document: dict[str, Any]) -> None:
    small_document["lanes"][0]["colour"] = "red"
    assert problems_of(small_document) == ['lane gp: colour "red" is not a colour like #1f77b4']


def test_elements_must_be_objects(small_document: dict[str, Any]) -> None:
    small_document["steps"].append("s4")
    assert problems_of(small_document) == ['step 4: element must be an object, not "s4"']


def test_a_newer_schema_version_is_refused_as_from_a_newer_pathmapper(
    small_document: dict[str, Any],
) -> None:
    small_document["schema_version"] = 2
    [problem] = problems_of(small_document)
    assert "newer pathmapper" in problem and "version 2" in problem


@pytest.mark.parametrize("version", ["1", 1.5, None, True])
def test_schema_version_must_be_a_whole_number(
    small_document: dict[str, Any], version: Any
) -> None:
    small_document["schema_version"] = version
    [problem] = problems_of(small_document)
    assert "schema_version" in problem


def test_an_older_schema_version_is_migrated_on_load(
    small_document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_version_0(document: dict[str, Any]) -> dict[str, Any]:
        document["title"] = document.pop("name")
        return document

    monkeypatch.setitem(mapfile.MIGRATIONS, 0, from_version_0)
    small_document["schema_version"] = 0
    small_document["name"] = small_document.pop("title")
    path_map = loads_map(json.dumps(small_document))
    assert path_map.title == "Breathlessness referral"
    assert path_map.schema_version == 1


def test_an_unknown_old_version_is_refused(small_document: dict[str, Any]) -> None:
    small_document["schema_version"] = 0
    assert problems_of(small_document) == ["schema_version 0 is not a known map format"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("this is not json", "is not valid JSON"),
        ('{"format": "pathmapper-map", "schema_version": 1, "lanes": [', "looks truncated"),
        ("[1, 2, 3]", "it holds a list, not an object"),
        ('"a map"', "it holds a string, not an object"),
        ("", "is empty"),
        ("{}", 'it has no "format"'),
        ('{"format": "drawio"}', "has format 'drawio'"),
        ('{"a": 1, "a": 2}', "has the key 'a' twice"),
        ('{"format": "pathmapper-map", "schema_version": 1, "steps": [{"x": NaN}]}', "NaN"),
        ('{"format": "pathmapper-map", "schema_version": 1, "x": Infinity}', "Infinity"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_files_that_are_not_maps_get_one_clear_reason(content: str, reason: str) -> None:
    [problem] = problems_of(content)
    assert reason in problem


def test_non_utf8_bytes_are_refused() -> None:
    [problem] = problems_of('{"title": "caf\xe9"}'.encode("latin-1"))
    assert "not UTF-8" in problem and "0xe9" in problem


def test_utf16_is_refused_with_a_hint() -> None:
    [problem] = problems_of('{"format": "pathmapper-map"}'.encode("utf-16"))
    assert "UTF-16" in problem


def test_a_utf8_byte_order_mark_is_accepted(small_document: dict[str, Any]) -> None:
    data = b"\xef\xbb\xbf" + json.dumps(small_document).encode()
    assert loads_map(data).title == "Breathlessness referral"


def test_mixed_line_endings_are_accepted(small_document: dict[str, Any]) -> None:
    text = json.dumps(small_document, indent=2)
    lines = text.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))
    assert loads_map(mixed).steps[0].label == "Patient presents"


def test_a_file_over_50_mb_is_refused_before_reading(
    write_map: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_map("{}")
    monkeypatch.setattr(mapfile, "MAX_FILE_BYTES", 1)
    with pytest.raises(MapFileError, match="a map file is at most 0 MB"):
        load_map(path)
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="no such file"):
        load_map(tmp_path / "nothing.pathmap.json")
    with pytest.raises(MapFileError, match="is a folder"):
        load_map(tmp_path)


def test_the_error_names_the_file_and_counts_problems(
    write_map: Any, small_document: dict[str, Any]
) -> None:
    small_document["steps"][0]["lane"] = "x"
    small_document["steps"][1]["lane"] = "y"
    path = write_map(small_document)
    with pytest.raises(MapFileError) as caught:
        load_map(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: 2 problems")
    assert "step s1: lane 'x' is not a lane" in text


def test_loading_never_changes_the_file(write_map: Any, small_document: dict[str, Any]) -> None:
    small_document["steps"][0]["lane"] = "x"
    path = write_map(small_document)
    before = path.read_bytes()
    with pytest.raises(MapFileError):
        load_map(path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("x", 1e12, "step s1: x must be at most 10000000.0, not 1000000000000.0"),
        ("y", -3e7, "step s1: y must be at least -10000000.0, not -30000000.0"),
    ],
)
def test_positions_beyond_any_real_map_are_refused(
    small_document: dict[str, Any], field: str, value: float, expected: str
) -> None:
    small_document["steps"][0][field] = value
    assert problems_of(small_document) == [expected]


@pytest.mark.parametrize("height", [0, -5, 1e300])
def test_lane_heights_must_be_positive_and_bounded(
    small_document: dict[str, Any], height: float
) -> None:
    small_document["lanes"][0]["height"] = height
    [problem] = problems_of(small_document)
    assert problem.startswith("lane gp: height must be")


def test_the_largest_allowed_position_draws_quickly() -> None:
    # A file may legally place a step ten million points away; routing must stay bounded.
    from pathmapper.layout import compute_geometry

    document = json.loads(json.dumps(SMALL_MAP))
    document["steps"][1].update({"x": 1e7, "y": 40})
    document["steps"][2].update({"x": -1e7, "y": 40})
    geometry = compute_geometry(loads_map(json.dumps(document)))
    assert set(geometry.flows) == {"f1", "f2"}
