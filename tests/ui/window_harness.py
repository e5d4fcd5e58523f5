"""Helpers for the window tests: a window on the real canvas with its questions answered, so
no modal dialog ever blocks a test. Settings go to an ini file in the test's temporary folder,
never to the person's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from pathmapper.commands import SetFields
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.settings import EditorSettings
from pathmapper.ui.undo import push
from tests.conftest import SMALL_MAP


def _placed() -> dict[str, Any]:
    """The small map with every step placed (so opening it lays nothing out)."""
    document = json.loads(json.dumps(SMALL_MAP))
    for number, step in enumerate(document["steps"]):
        step["x"], step["y"] = 100 + 220 * number, 60
    return document


PLACED_MAP = _placed()


def write_map(tmp_path: Path, document: dict[str, Any], name: str = "map.pathmap.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def rename(window: MainWindow, title: str) -> None:
    """An edit through the window's undo stack: the map's title."""
    push(
        window.undo_stack, window.document, SetFields(window.document.path_map.id, {"title": title})
    )


class Answers:
    """The window's questions, answered by the test; what was asked is recorded."""

    def __init__(self) -> None:
        self.unsaved: str = "discard"
        self.open_path: str | None = None
        self.save_path: str | None = None
        self.offer_save_as = False
        self.asked_unsaved: list[str] = []
        self.problems: list[tuple[str, list[str]]] = []
        self.save_failures: list[str] = []
        self.changed_on_disk = "cancel"
        self.asked_changed_on_disk: list[str] = []
        self.accept_tiles = True
        self.tile_offers: list[str] = []

    def attach(self, window: MainWindow) -> None:
        files = window.files

        def unsaved(name: str) -> Any:
            self.asked_unsaved.append(name)
            return self.unsaved

        def failure(reason: str) -> bool:
            self.save_failures.append(reason)
            return self.offer_save_as

        files.ask_unsaved_changes = unsaved
        files.choose_open_path = lambda: self.open_path
        files.choose_save_path = lambda _suggested: self.save_path
        files.show_problems = lambda title, problems: self.problems.append((title, problems))
        files.offer_save_as = failure

        def changed_on_disk(reason: str) -> Any:
            self.asked_changed_on_disk.append(reason)
            return self.changed_on_disk

        files.ask_changed_on_disk = changed_on_disk

        def offer_tiles(message: str) -> bool:
            self.tile_offers.append(message)
            return self.accept_tiles

        window.exporter.offer_tiles = offer_tiles


def make_window(qtbot: Any, tmp_path: Path) -> tuple[MainWindow, Answers]:
    settings = EditorSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    answers = Answers()
    answers.attach(window)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window, answers


def open_placed_map(qtbot: Any, tmp_path: Path) -> MainWindow:
    """A window with PLACED_MAP opened from map.pathmap.json in the test's folder."""
    path = write_map(tmp_path, PLACED_MAP)
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(path)
    return window
