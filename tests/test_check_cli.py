"""`pathmapper check`: the report, the JSON, the exit status and bad files among good ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis.generate import generate_map
from pathmapper.cli.main import main
from pathmapper.io import save_map
from tests.analysis_maps import chain, make_map, step
from tests.conftest import SAMPLE_MAPS

CARDIOLOGY = str(SAMPLE_MAPS[0])


def test_text_report_is_grouped_in_sections(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", CARDIOLOGY]) == 0
    out = capsys.readouterr().out
    headings = [line.split(" (")[0] for line in out.splitlines() if line and line[0] != " "]
    assert headings[1:] == ["Summary", "Gaps", "Loops", "Handoffs", "Duplication", "Routes"]
    assert "-> " in out  # suggestions
    assert " in GP practice" in out  # steps named by label and lane


def test_json_has_the_design_structure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", CARDIOLOGY, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["file", "title", "summary", "findings"]
    assert document["file"] == CARDIOLOGY
    assert document["summary"]["steps"] > 0
    for finding in document["findings"]:
        assert list(finding) == ["code", "severity", "message", "elements", "suggestion"]


def test_error_findings_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_start = tmp_path / "no-start.pathmap.json"
    save_map(make_map([step("a"), step("e", "end")], chain("a", "e")), no_start)
    assert main(["check", str(no_start), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["errors"] == 1
    assert [f["code"] for f in document["findings"] if f["severity"] == "error"] == ["gap.no_start"]


def test_a_bad_file_does_not_stop_the_others(
    tmp_path: Path, write_map: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_map('{"format": "pathmapper-map", "schema_version": 1, "steps": [', "bad.json")
    missing = tmp_path / "missing.pathmap.json"
    status = main(["check", CARDIOLOGY, str(broken), str(missing), "--format", "json"])
    captured = capsys.readouterr()
    assert status == 2
    documents = json.loads(captured.out)
    assert [document["file"] for document in documents] == [CARDIOLOGY]
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert str(broken) in errors[0] and str(missing) in errors[1]


def test_several_maps_give_a_list_and_text_reports_each(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = [str(path) for path in SAMPLE_MAPS]
    assert main(["check", *paths, "--format", "json"]) == 0
    assert [d["file"] for d in json.loads(capsys.readouterr().out)] == paths
    assert main(["check", *paths]) == 0
    out = capsys.readouterr().out
    assert out.count("\nSummary\n") == len(paths)


def test_check_does_not_import_qt_and_handles_a_large_map(tmp_path: Path) -> None:
    big = tmp_path / "big.pathmap.json"
    save_map(generate_map(1000, 5), big)
    program = (
        "import sys\n"
        "from pathmapper.cli.main import main\n"
        f"status = main(['check', {str(big)!r}, '--format', 'json'])\n"
        "qt = [name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not qt, qt\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["routes"] == 10_000 and summary["routes_truncated"] is True
