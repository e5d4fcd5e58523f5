"""Starting the editor on a map: the window is shown first, empty, and the map is opened on
the turn of the event loop after its first paint, so the room sees the window at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from pathmapper.io import load_map
from pathmapper.ui.app import create_application, open_main_window
from pathmapper.ui.settings import EditorSettings
from tests.conftest import SAMPLE_MAPS


def test_the_window_shows_before_the_map_given_on_the_command_line_is_opened(
    qtbot: Any, tmp_path: Path
) -> None:
    create_application()
    settings = EditorSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(str(SAMPLE_MAPS[0]), settings, open_after_showing=True)
    qtbot.addWidget(window)
    window.files.ask_unsaved_changes = lambda _name: "discard"
    assert window.isVisible()
    assert window.document.path_map.steps == []  # not opened yet: the window came first
    expected = len(load_map(SAMPLE_MAPS[0]).steps)
    qtbot.waitUntil(lambda: len(window.document.path_map.steps) == expected, timeout=5000)
    assert window.windowTitle().startswith(SAMPLE_MAPS[0].name)
    assert set(window.scene.items_by_id) >= {s.id for s in window.document.path_map.steps}


def test_the_map_is_painted_before_the_parts_that_can_wait_which_then_work(
    qtbot: Any, tmp_path: Path
) -> None:
    """`pathmapper MAP`: the analysis, workshop and round-trip parts come after the map is
    drawn (their docks and tool bars are not there at its first paint), then work as usual."""
    create_application()
    settings = EditorSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(str(SAMPLE_MAPS[0]), settings, open_after_showing=True)
    qtbot.addWidget(window)
    window.files.ask_unsaved_changes = lambda _name: "discard"
    findings_at_map_paints: list[bool] = []

    class MapPaints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.document.path_map.steps:
                findings = window.findChild(QDockWidget, "findings-dock")
                findings_at_map_paints.append(findings is not None)
            return False

    watcher = MapPaints(window)
    window.view.viewport().installEventFilter(watcher)
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "findings-dock") is not None)
    assert findings_at_map_paints[:1] == [False]  # the map came first
    assert "&Walk the pathway" in [action.text() for action in window.menus.view.actions()]
    qtbot.waitUntil(lambda: window.analysis_panel.runner.latest is not None, timeout=10_000)
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert window.workshop.presentation.presenting
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)


def test_the_map_stays_framed_from_its_top_when_the_other_parts_arrive(
    qtbot: Any, tmp_path: Path
) -> None:
    """The parts installed after the first paint fill tool bars that were there from the start
    and bring a dock that takes room from the canvas: the canvas does not move down, and the
    map keeps its place in it, so the top lanes and the start stay in sight."""
    create_application()
    settings = EditorSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(str(SAMPLE_MAPS[0]), settings, open_after_showing=True)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.files.ask_unsaved_changes = lambda _name: "discard"
    sizes_at_map_paints: list[tuple[int, int]] = []
    tops_at_map_paints: set[int] = set()

    class MapPaints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.document.path_map.steps:
                viewport = window.view.viewport()
                sizes_at_map_paints.append((viewport.width(), viewport.height()))
                tops_at_map_paints.add(viewport.mapTo(window, QPoint(0, 0)).y())
            return False

    watcher = MapPaints(window)
    window.view.viewport().installEventFilter(watcher)
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "findings-dock") is not None)
    qtbot.wait(50)
    assert len(set(sizes_at_map_paints)) > 1  # the canvas did change size under the map
    assert len(tops_at_map_paints) == 1  # but not move down: the tool bar rows were there
    corner = window.view.mapToScene(QPoint(0, 0))
    top_left = window.scene.map_rect().topLeft()
    assert corner.x() <= top_left.x() + 1 and corner.y() <= top_left.y() + 1
