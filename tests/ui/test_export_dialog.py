"""File > Export in the editor: every format, the dialog's settings, and a clean failure."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from pathmapper.io import load_map
from pathmapper.ui.export_dialog import ExportDialog, ExportRequest
from tests.conftest import SAMPLE_MAPS
from tests.ui.window_harness import PLACED_MAP, make_window, write_map


def _window_on_sample(qtbot: Any, tmp_path: Path) -> Any:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(SAMPLE_MAPS[0])
    return window


def _export(window: Any, request: ExportRequest) -> tuple[bool, list[str]]:
    failures: list[str] = []
    window.exporter.choose = lambda _initial: request
    window.exporter.show_failure = failures.append
    return window.exporter.export(), failures


def test_export_a_tiled_workshop_report_as_pdf(qtbot: Any, tmp_path: Path) -> None:
    window = _window_on_sample(qtbot, tmp_path)
    target = tmp_path / "report.pdf"
    request = ExportRequest(
        "pdf", target, paper="A4", orientation="portrait", tile=True, report=True
    )
    exported, failures = _export(window, request)
    assert exported and not failures
    pages = PdfReader(str(target)).pages
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert len(pages) > 3
    assert "Workshop report" in text and load_map(SAMPLE_MAPS[0]).title in text
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert width < height  # portrait A4
    assert "Exported report.pdf" in window.statusBar().currentMessage()


def test_a_map_too_small_to_read_on_one_page_is_offered_tiles(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    assert window.open_path(SAMPLE_MAPS[0])
    target = tmp_path / "map.pdf"
    answers.accept_tiles = False
    exported, failures = _export(window, ExportRequest("pdf", target, paper="A3"))
    assert not exported and not failures and not target.exists()
    assert len(answers.tile_offers) == 1
    assert "too small to read" in answers.tile_offers[0]
    answers.accept_tiles = True
    exported, failures = _export(window, ExportRequest("pdf", target, paper="A3"))
    assert exported and not failures
    assert len(PdfReader(str(target)).pages) > 2
    assert (
        "overview of"
        in subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(target), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert window.exporter.last is not None and window.exporter.last.tile


def test_a_map_that_reads_on_one_page_is_not_offered_tiles(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    assert window.open_path(write_map(tmp_path, PLACED_MAP))
    target = tmp_path / "map.pdf"
    exported, _failures = _export(window, ExportRequest("pdf", target, paper="A4"))
    assert exported and answers.tile_offers == []
    assert len(PdfReader(str(target)).pages) == 1


def test_export_pictures_and_tables(qtbot: Any, tmp_path: Path) -> None:
    window = _window_on_sample(qtbot, tmp_path)
    assert _export(window, ExportRequest("png", tmp_path / "map.png"))[0]
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _export(window, ExportRequest("svg", tmp_path / "map.svg"))[0]
    assert "<svg" in (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert _export(window, ExportRequest("csv", tmp_path / "tables"))[0]
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "comments.csv",
        "findings.csv",
        "flows.csv",
        "steps.csv",
    ]


def test_a_failed_export_says_why_and_the_map_stays(qtbot: Any, tmp_path: Path) -> None:
    window = _window_on_sample(qtbot, tmp_path)
    before = window.document.path_map.to_document()
    request = ExportRequest("pdf", tmp_path / "missing-folder" / "map.pdf")
    exported, failures = _export(window, request)
    assert not exported
    assert len(failures) == 1 and "missing-folder" in failures[0]
    assert window.document.path_map.to_document() == before
    assert not window.isWindowModified()


def test_the_dialog_builds_the_request_and_follows_the_format(qtbot: Any, tmp_path: Path) -> None:
    dialog = ExportDialog(ExportRequest("pdf", tmp_path / "cardiology.pdf"))
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentText("A1")
    dialog.tile.setChecked(True)
    assert dialog.request() == ExportRequest(
        "pdf", tmp_path / "cardiology.pdf", "A1", "landscape", True, False
    )
    dialog.kind.setCurrentIndex(1)  # PNG
    assert dialog.request().target == tmp_path / "cardiology.png"
    assert not dialog.paper.isEnabled() and not dialog.report.isEnabled()


def test_export_is_in_the_file_menu_with_ctrl_e(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.exporter.action in window.menus.file.actions()
    assert window.exporter.action.shortcut().toString() == "Ctrl+E"


def test_the_dialog_names_the_export_after_the_saved_map_and_reads_its_labels(
    qtbot: Any, tmp_path: Path
) -> None:
    document = load_map(SAMPLE_MAPS[0]).model_copy(update={"title": ""})
    window, _answers = make_window(qtbot, tmp_path)
    saved = tmp_path / "clinic-pathway.pathmap.json"
    saved.write_text(document.model_dump_json(), encoding="utf-8")
    assert window.open_path(saved)
    initial = window.exporter.initial_request()
    assert initial.target == tmp_path / "clinic-pathway.pdf"  # not "untitled-map.pdf"
    dialog = ExportDialog(initial, window)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Save to" in labels
    save_to = next(label for label in dialog.findChildren(QLabel) if label.text() == "&Save to")
    assert save_to.buddy() is dialog.target  # Alt+S goes to the field: the "&" is not shown
