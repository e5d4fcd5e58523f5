"""`pathmapper merge` and saving a copy to send: exit codes, reports, inputs never changed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pathmapper.cli.main import main
from pathmapper.io import dumps_map, load_map
from pathmapper.io.sendcopy import save_copy_to_send
from pathmapper.model import PathMap
from tests.conftest import SMALL_MAP
from tests.test_merge import (
    add_comment,
    add_flow,
    add_step,
    both,
    item,
    relabel,
    remove_step,
)


def write(tmp_path: Path, name: str, *edits: Any) -> str:
    document = copy.deepcopy(SMALL_MAP)
    for edit in edits:
        edit(document)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_clean_merge_exits_0_and_writes_every_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path, "sent.pathmap.json")
    first = write(tmp_path, "gp.pathmap.json", relabel("s1", "Patient sees GP"))
    second = write(
        tmp_path,
        "echo.pathmap.json",
        add_comment("e1", "Echo slots on Fridays", author="Sonographer"),
    )
    out = tmp_path / "merged.pathmap.json"
    inputs_before = [Path(p).read_bytes() for p in (base, first, second)]
    assert main(["merge", base, first, second, "-o", str(out)]) == 0
    merged = load_map(out)
    assert merged.step("s1").label == "Patient sees GP"  # type: ignore[union-attr]
    assert [c.id for c in merged.comments] == ["c1", "e1"]
    assert [Path(p).read_bytes() for p in (base, first, second)] == inputs_before
    report = capsys.readouterr().out
    assert "Merged 2 copies" in report
    assert "2 changes, 0 conflicts" in report
    assert "echo.pathmap.json (Sonographer)" in report
    assert (
        "step 'Patient sees GP' in GP practice: label 'Patient presents' -> 'Patient sees GP'"
        in (report)
    )


def test_work_on_a_step_another_copy_removed_is_a_conflict_not_a_loss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One copy removes a step; another draws an arrow from it to a new step after it and
    comments on it. Nothing of that is dropped or moved: the step's removal is a conflict."""
    base = write(tmp_path, "sent.pathmap.json")
    removing = write(tmp_path, "a.pathmap.json", remove_step("s3"))
    continuing = write(
        tmp_path,
        "b.pathmap.json",
        both(
            add_step("s9", "Follow-up call"),
            add_flow("f9", "s3", "s9"),
            add_comment("n9", "Who sends the letter?", target="s3"),
        ),
    )
    out = tmp_path / "merged.pathmap.json"
    assert main(["merge", base, removing, continuing, "-o", str(out)]) == 1
    report = capsys.readouterr().out
    assert "1 conflict (1 left for you to decide)" in report
    assert "removed in one copy, changed in another" in report
    assert "b.pathmap.json: kept it as sent" in report
    assert "b.pathmap.json added 1 arrow and 1 comment to it" in report
    merged = load_map(out)
    assert merged.flow("f9") is not None
    assert next(c for c in merged.comments if c.id == "n9").target == "s3"


def test_conflicts_exit_1_and_name_who_changed_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(tmp_path, "sent.pathmap.json")
    first = write(tmp_path, "a.pathmap.json", relabel("s2", "Echocardiogram"))
    second = write(tmp_path, "b.pathmap.json", relabel("s2", "Heart scan"))
    out = tmp_path / "merged.pathmap.json"
    assert main(["merge", base, first, second, "-o", str(out)]) == 1
    report = capsys.readouterr().out
    assert "step 'Echo' in Echo department: label changed differently" in report
    assert "a.pathmap.json: 'Echocardiogram'" in report
    assert "b.pathmap.json: 'Heart scan'" in report
    assert load_map(out).step("s2").label == "Echo"  # type: ignore[union-attr]

    assert main(["merge", base, first, second, "-o", str(out), "--take", "2"]) == 0
    assert load_map(out).step("s2").label == "Heart scan"  # type: ignore[union-attr]
    assert "settled: took b.pathmap.json" in capsys.readouterr().out


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write(tmp_path, "sent.pathmap.json")
    first = write(tmp_path, "a.pathmap.json", remove_step("s3"))
    second = write(
        tmp_path, "b.pathmap.json", lambda d: item(d, "steps", "s3").update(label="Letter to GP")
    )
    out = tmp_path / "merged.pathmap.json"
    assert main(["merge", base, first, second, "-o", str(out), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["unresolved"] == 1
    [conflict] = report["conflicts"]
    assert conflict["element_id"] == "s3"
    assert conflict["field"] is None
    assert conflict["values"]["a.pathmap.json"] is None
    assert [copy["label"] for copy in report["copies"]] == ["a.pathmap.json", "b.pathmap.json"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{base}", "{copy}", "-o", "{copy}"], "refusing to write over the input file"),
        (["{base}", "{copy}", "-o", "{base}"], "refusing to write over the input file"),
        (["{base}", "{copy}", "{copy}", "-o", "{out}"], "is given twice"),
        (["{base}", "{copy}", "-o", "{out}", "--take", "2"], "copy number from 1 to 1"),
        (["{base}", "{missing}", "-o", "{out}"], "no such file"),
    ],
)
def test_bad_arguments_end_with_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    paths = {
        "base": write(tmp_path, "sent.pathmap.json"),
        "copy": write(tmp_path, "a.pathmap.json", relabel("s1", "Seen")),
        "out": str(tmp_path / "merged.pathmap.json"),
        "missing": str(tmp_path / "nowhere.pathmap.json"),
    }
    before = {name: Path(path).read_bytes() for name, path in paths.items() if Path(path).exists()}
    assert main(["merge", *(argument.format(**paths) for argument in arguments)]) == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error
    assert not Path(paths["out"]).exists()
    assert {n: Path(p).read_bytes() for n, p in paths.items() if Path(p).exists()} == before


def test_copies_with_the_same_file_name_are_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gp").mkdir()
    (tmp_path / "trust").mkdir()
    base = write(tmp_path, "sent.pathmap.json")
    first = write(tmp_path / "gp", "map.pathmap.json", relabel("s1", "Seen"))
    second = write(tmp_path / "trust", "map.pathmap.json", relabel("s2", "Scan"))
    assert main(["merge", base, first, second, "-o", str(tmp_path / "out.pathmap.json")]) == 0
    report = capsys.readouterr().out
    assert f"1. {first}" in report
    assert f"2. {second}" in report


def test_save_copy_to_send_writes_the_map_unchanged_and_returns_the_base_path(
    tmp_path: Path,
) -> None:
    path_map = PathMap.model_validate(copy.deepcopy(SMALL_MAP))
    sent = save_copy_to_send(path_map, tmp_path / "to send.pathmap.json")
    assert sent == (tmp_path / "to send.pathmap.json").resolve()
    assert sent.read_text(encoding="utf-8") == dumps_map(path_map)
    returned = load_map(sent)
    assert [e.id for e in returned.elements()] == [e.id for e in path_map.elements()]
