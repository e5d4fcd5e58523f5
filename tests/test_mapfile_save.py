"""Saving: canonical bytes, unknown fields kept, atomic replace, clear failures."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pathmapper.io import MapSaveError, dumps_map, load_map, loads_map, save_map
from pathmapper.model import Flow, Lane, PathMap, Step


def test_canonical_text_has_fixed_key_order_and_indent(small_document: dict[str, Any]) -> None:
    shuffled = dict(reversed(list(small_document.items())))
    shuffled["steps"] = [dict(reversed(list(step.items()))) for step in small_document["steps"]]
    text = dumps_map(loads_map(json.dumps(shuffled)))
    assert text == dumps_map(loads_map(json.dumps(small_document)))
    assert list(json.loads(text))[:6] == [
        "format",
        "schema_version",
        "id",
        "title",
        "description",
        "state",
    ]
    assert list(json.loads(text)["steps"][0])[:5] == ["id", "kind", "label", "lane", "phase"]
    assert text.startswith('{\n  "format": "pathmapper-map",\n')
    assert text.endswith("}\n")


def test_same_map_same_bytes(small_document: dict[str, Any]) -> None:
    first = dumps_map(loads_map(json.dumps(small_document)))
    second = dumps_map(loads_map(first))
    assert first == second


def test_text_is_utf8_without_ascii_escapes(small_document: dict[str, Any]) -> None:
    small_document["title"] = "Llwybr cardioleg – Ysbyty Gwynedd ♥"
    text = dumps_map(loads_map(json.dumps(small_document)))
    assert "Llwybr cardioleg – Ysbyty Gwynedd ♥" in text
    assert "\\u" not in text


def test_whole_number_positions_are_written_without_a_decimal_point(
    small_document: dict[str, Any],
) -> None:
    small_document["steps"][0]["x"] = 40.0
    small_document["steps"][0]["y"] = 30.25
    step = json.loads(dumps_map(loads_map(json.dumps(small_document))))["steps"][0]
    assert '"x": 40,' in json.dumps(step, indent=1) and step["y"] == 30.25


def test_unknown_fields_are_kept_everywhere(small_document: dict[str, Any]) -> None:
    small_document["workshop"] = {"room": "Board room", "attendees": 18}
    small_document["lanes"][0]["swimlane_icon"] = "gp.svg"
    small_document["steps"][1]["cost_gbp"] = 120.5
    small_document["flows"][0]["via"] = ["e-RS"]
    small_document["comments"][0]["colour"] = "yellow"
    saved = json.loads(dumps_map(loads_map(json.dumps(small_document))))
    assert saved["workshop"] == {"room": "Board room", "attendees": 18}
    assert saved["lanes"][0]["swimlane_icon"] == "gp.svg"
    assert saved["steps"][1]["cost_gbp"] == 120.5
    assert saved["flows"][0]["via"] == ["e-RS"]
    assert saved["comments"][0]["colour"] == "yellow"


def test_unknown_positions_and_times_stay_absent_not_null(small_document: dict[str, Any]) -> None:
    saved = json.loads(dumps_map(loads_map(json.dumps(small_document))))
    step = saved["steps"][1]
    assert "x" not in step and "duration" not in step and "phase" not in step


def test_a_map_built_in_code_saves_and_loads(tmp_path: Path) -> None:
    path_map = PathMap(title="New map", state="to_be")
    path_map.lanes.append(Lane(id="l1", name="Patient"))
    path_map.steps.append(Step(id="a", kind="start", lane="l1", label="Feels unwell"))
    path_map.steps.append(Step(id="b", kind="end", lane="l1", label="Recovered"))
    path_map.flows.append(Flow(id="f", source="a", target="b"))
    target = tmp_path / "new.pathmap.json"
    save_map(path_map, target)
    again = load_map(target)
    assert again == path_map
    assert target.read_text(encoding="utf-8") == dumps_map(again)


def test_save_replaces_atomically_and_leaves_no_temporary_file(
    tmp_path: Path, small_document: dict[str, Any]
) -> None:
    target = tmp_path / "map.pathmap.json"
    target.write_text("old contents", encoding="utf-8")
    save_map(loads_map(json.dumps(small_document)), target)
    assert load_map(target).title == "Breathlessness referral"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pathmap.json"]


def test_a_crash_before_the_rename_leaves_the_old_file_whole(
    tmp_path: Path, small_document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.pathmap.json"
    target.write_text("the previous map", encoding="utf-8")

    def power_cut(source: str, destination: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(MapSaveError, match="Cannot save"):
        save_map(loads_map(json.dumps(small_document)), target)
    assert target.read_text(encoding="utf-8") == "the previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pathmap.json"]


@pytest.mark.parametrize(
    ("error_number", "reason"),
    [(errno.EACCES, "read-only"), (errno.EROFS, "read-only"), (errno.ENOSPC, "disk is full")],
)
def test_a_refused_write_says_why_and_keeps_the_old_file(
    tmp_path: Path,
    small_document: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    error_number: int,
    reason: str,
) -> None:
    # The OS refuses the write (tests run as root here, where permissions do not bite).
    target = tmp_path / "map.pathmap.json"
    target.write_text("the previous map", encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(error_number, os.strerror(error_number))

    monkeypatch.setattr("pathmapper.io.mapfile._create_temporary", refuse)
    with pytest.raises(MapSaveError, match=reason):
        save_map(loads_map(json.dumps(small_document)), target)
    assert target.read_text(encoding="utf-8") == "the previous map"


def test_saving_into_a_vanished_folder_says_so(
    tmp_path: Path, small_document: dict[str, Any]
) -> None:
    with pytest.raises(MapSaveError, match="no longer exists"):
        save_map(loads_map(json.dumps(small_document)), tmp_path / "gone" / "map.pathmap.json")
