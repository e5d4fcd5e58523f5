"""Find (Ctrl+F): across labels, notes, owners, lanes and comments; Enter / F3 next, Shift+F3
back, "n of m", Esc closes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pathmapper.model import PathMap
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.workshop.find import find_hits
from tests.ui.window_harness import make_window
from tests.ui.workshop_maps import PHASED_MAP, open_phased_map


def _window(qtbot: Any, tmp_path: Path) -> MainWindow:
    window, _answers = make_window(qtbot, tmp_path)
    open_phased_map(window, tmp_path)
    window.view.setFocus()
    return window


def test_find_looks_in_labels_notes_owners_lanes_and_comments() -> None:
    path_map = PathMap.model_validate(PHASED_MAP)
    assert find_hits(path_map, "echo", {}) == ["echo", "s3", "s4", "c1", "c2"]
    assert find_hits(path_map, "NURSE", {}) == ["s2"]  # an owner, any case
    assert find_hits(path_map, "waiting list", {}) == ["s4"]  # a step's notes
    assert find_hits(path_map, "  ", {}) == []


def test_ctrl_f_then_enter_and_f3_cycle_through_the_hits(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.workshop.find_bar
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "echo")
    assert bar.count.text().strip() == "5 found"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_ids() == ["echo"]
    assert bar.count.text().strip() == "1 of 5"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.scene.selected_ids() == ["s3"]
    assert bar.count.text().strip() == "2 of 5"
    visible = window.view.visible_scene_rect()
    assert visible.contains(window.scene.items_by_id["s3"].sceneBoundingRect().center())
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_ids() == ["echo"]
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text().strip() == "5 of 5"  # round to the last
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_says_when_nothing_matches(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.workshop.find_bar
    bar.open()
    qtbot.keyClicks(bar.field, "physiotherapy")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text().strip() == "not found"
    assert window.scene.selected_ids() == []


def test_the_hits_follow_edits_made_while_the_bar_is_open(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.workshop.find_bar
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.field, "echo")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.scene.selected_ids() == ["s3"] and bar.count.text().strip() == "2 of 5"
    window.scene.select_ids(["s4"])  # a hit deleted, as a person would
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.document.path_map.step("s4") is None
    window.scene.sync()
    assert bar.hits == ["echo", "s3", "c2"]  # s4 gone, and c1, the note pinned to it
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.scene.selected_ids() != ["s4"]
    assert all(hit in window.scene.items_by_id for hit in bar.hits)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    window.scene.sync()
    assert bar.hits == ["echo", "s3", "s4", "c1", "c2"]
    assert bar.count.text().strip().endswith("of 5")  # still on the hit it was on
