"""The command line: validate, export --json, --version; no traceback, input never changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pathmapper import __version__
from pathmapper.cli.main import main
from pathmapper.io import dumps_map, load_map


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"pathmapper {__version__}"


@pytest.mark.parametrize("command", ["validate", "export"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"pathmapper {command}" in capsys.readouterr().out


def test_validate_a_good_map(
    write_map: Any, small_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_map(small_document)
    assert main(["validate", str(path)]) == 0
    assert "valid (2 lanes, 3 steps, 2 flows, 1 comments)" in capsys.readouterr().out


def test_validate_reports_every_problem_on_stderr(
    write_map: Any, small_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    small_document["flows"][0]["target"] = "zzz"
    small_document["steps"][0]["wait"] = "P1Y"
    good = write_map(dict(small_document, steps=small_document["steps"]), "bad.pathmap.json")
    assert main(["validate", str(good)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert f"{good}: flow f1: target 'zzz' is not a step of this map" in lines
    assert any("step s1: wait" in line and "weeks or days" in line for line in lines)
    assert len(lines) == 2


def test_validate_many_maps_exits_2_if_any_is_bad(
    write_map: Any, small_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_map(small_document, "good.pathmap.json")
    bad = write_map("not json", "bad.pathmap.json")
    assert main(["validate", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "good.pathmap.json: valid" in captured.out
    assert "bad.pathmap.json: is not valid JSON" in captured.err


def test_export_json_writes_the_canonical_form(
    write_map: Any, small_document: dict[str, Any], tmp_path: Path
) -> None:
    source = write_map(json.dumps(small_document))  # compact, not canonical
    before = source.read_bytes()
    out = tmp_path / "out.pathmap.json"
    assert main(["export", str(source), "--json", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == dumps_map(load_map(source))
    assert source.read_bytes() == before


def test_export_refuses_to_overwrite_its_input(
    write_map: Any, small_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_map(json.dumps(small_document))
    before = source.read_bytes()
    assert main(["export", str(source), "--json", str(source)]) == 2
    assert "refusing to write over the input file" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_export_of_an_invalid_map_writes_nothing(
    write_map: Any,
    small_document: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    small_document["steps"][0]["lane"] = "nowhere"
    source = write_map(small_document)
    out = tmp_path / "out.pathmap.json"
    assert main(["export", str(source), "--json", str(out)]) == 2
    assert not out.exists()
    assert "step s1: lane 'nowhere' is not a lane" in capsys.readouterr().err


def test_export_into_a_missing_folder_is_a_clean_error(
    write_map: Any,
    small_document: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = write_map(small_document)
    assert main(["export", str(source), "--json", str(tmp_path / "no" / "x.json")]) == 2
    assert "no longer exists" in capsys.readouterr().err


def test_the_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pathmap.json"
    bad.write_bytes(b'{"format": "pathmapper-map", "schema_version": 1, "steps": [{"id": 3}')
    result = subprocess.run(
        [sys.executable, "-m", "pathmapper.cli.main", "validate", str(bad), str(tmp_path / "no")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "looks truncated" in result.stderr and "no such file" in result.stderr


def test_opening_the_editor_without_a_display_says_how(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert main([]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "xvfb-run -a" in error


def test_the_command_runs_no_pydantic_plugins() -> None:
    """A map is data only: no third-party plugin sees it while the command checks it."""
    probe = (
        "import pathmapper.cli.main\nimport os\nprint(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "__all__"  # pydantic then loads no plugin at all


def test_the_installed_command_starts_at_the_program_entry() -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="pathmapper")
    assert script.value == "pathmapper.cli.program:run"


def test_the_program_runs_a_command_collecting_cycles_less_often(
    write_map: Any, small_document: dict[str, Any]
) -> None:
    probe = (
        "import gc, sys\n"
        "from pathmapper.cli.program import COLLECT_AFTER, run\n"
        "default = gc.get_threshold()\n"
        "sys.argv = ['pathmapper', 'validate', sys.argv[1]]\n"
        "status = run()\n"
        "print(status, default != COLLECT_AFTER, gc.get_threshold() == COLLECT_AFTER)\n"
    )
    source = write_map(small_document)
    done = subprocess.run(
        [sys.executable, "-c", probe, str(source)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == ["0", "True", "True"]
