"""Hostile files met in the editor (issue #18): opening a map with a 5,000-digit number or a
path that is no regular file shows the reason and keeps the map open; a CSV cell too long to
read is refused on import; PNG and SVG exports write through a link, with the user's umask,
and without bidirectional control characters."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pathmapper.export.safe_text import BIDI_CONTROLS
from pathmapper.io import load_map
from pathmapper.ui.export_dialog import ExportRequest, write_export
from tests.conftest import HOSTILE_CORPUS
from tests.ui.roundtrip_harness import roundtrip_window
from tests.ui.window_harness import make_window


def test_a_number_too_long_to_read_is_a_problem_shown_not_an_unexpected_error(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, answers = make_window(qtbot, tmp_path)
    before = window.document.path_map.to_document()
    assert not window.open_path(HOSTILE_CORPUS / "huge-integer-position.pathmap.json")
    [(title, problems)] = answers.problems
    assert title == "Cannot open huge-integer-position.pathmap.json"
    assert problems == ["holds a number of more than 4,300 digits; a map's numbers are far shorter"]
    assert window.document.path_map.to_document() == before


def test_opening_a_named_pipe_says_what_it_is_without_waiting(qtbot: QtBot, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    pipe = tmp_path / "care.pathmap.json"
    os.mkfifo(pipe)
    assert not window.open_path(pipe)
    assert answers.problems == [
        ("Cannot open care.pathmap.json", ["is a named pipe (FIFO), not a map file"])
    ]


def test_importing_a_csv_cell_too_long_to_read_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    _window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    assert controller.import_file(str(HOSTILE_CORPUS / "wide-cell.csv")) is None
    [(title, problems)] = asked.problems
    assert title == "Cannot import wide-cell.csv"
    assert "a cell is longer than 131,072 characters" in problems[0]


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_pictures_are_written_through_a_link_with_the_umask(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    path_map = load_map(HOSTILE_CORPUS / "bidi-labels.pathmap.json")
    real = tmp_path / f"published.{kind}"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / f"latest.{kind}"
    link.symlink_to(real.name)
    write_export(path_map, ExportRequest(kind, link))  # type: ignore[arg-type]
    assert link.is_symlink() and real.read_bytes() != b"old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # an existing file keeps its mode
    previous = os.umask(0o027)
    try:
        fresh = tmp_path / f"fresh.{kind}"
        write_export(path_map, ExportRequest(kind, fresh))  # type: ignore[arg-type]
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if kind == "svg":
        text = fresh.read_text(encoding="utf-8")
        assert not re.search(f"[{BIDI_CONTROLS}]", text)
        assert "0001" in text


def test_opening_a_file_of_gigabytes_reads_none_of_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, answers = make_window(qtbot, tmp_path)
    huge = tmp_path / "huge.pathmap.json"
    with open(huge, "wb") as stream:
        stream.truncate(6 * 1024**3)  # sparse: no disk used
    stamped: list[object] = []
    monkeypatch.setattr("pathmapper.ui.files.stamp_of", stamped.append)
    assert not window.open_path(huge)
    assert stamped == []  # the stamp (a hash of the whole file) was not taken
    assert answers.problems == [
        ("Cannot open huge.pathmap.json", ["is 6144 MB; a map file is at most 50 MB"])
    ]
