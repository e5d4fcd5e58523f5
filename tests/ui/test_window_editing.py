"""Edit, Insert and Arrange from the keyboard and the menus, with undo and redo of each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pathmapper.io import dumps_map
from pathmapper.ui.menu_edits import FRAGMENT_MIME_TYPE
from tests.ui.window_harness import open_placed_map

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _undo_redo_round_trip(window: Any, before: str, after: str) -> None:
    """Undo gives back the map as it was; redo the map as the edit left it."""
    window.actions_.undo.trigger()
    assert dumps_map(window.document.path_map) == before
    window.actions_.redo.trigger()
    assert dumps_map(window.document.path_map) == after


def _undo_text(window: Any) -> str:
    return str(window.actions_.undo.text().replace("&", ""))


def test_insert_a_step_after_the_selected_one_from_the_keyboard(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    before = dumps_map(window.document.path_map)
    window.scene.select_ids(["s1"])
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
    path_map = window.document.path_map
    assert len(path_map.steps) == 4
    new = path_map.steps[-1]
    assert (new.kind, new.lane) == ("decision", "gp")
    assert any(f.source == "s1" and f.target == new.id for f in path_map.flows)
    assert window.scene.selected_ids() == [new.id]
    _undo_redo_round_trip(window, before, dumps_map(path_map))


def test_insert_with_nothing_selected_goes_to_the_first_lane(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.actions_.insert_step["wait"].trigger()
    new = window.document.path_map.steps[-1]
    assert (new.kind, new.lane) == ("wait", "gp")
    assert new.x is not None and new.x > 320


def test_a_step_inserted_from_the_keyboard_takes_its_label_as_typed(
    qtbot: Any, tmp_path: Path
) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.view.setFocus()
    window.scene.select_ids(["s3"])
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)
    new = window.document.path_map.steps[-1]
    focus = QApplication.focusWidget() or window.view
    qtbot.keyClicks(focus, "Book echo")
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert (new.kind, new.label) == ("activity", "Book echo")
    window.actions_.undo.trigger()
    assert new.label == ""


def test_copy_and_paste_in_the_same_map_gives_new_ids(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    before = dumps_map(window.document.path_map)
    window.scene.select_ids(["s1", "s2", "f1"])
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().mimeData().hasFormat(FRAGMENT_MIME_TYPE)
    qtbot.keyClick(window, Qt.Key.Key_V, CTRL)
    path_map = window.document.path_map
    assert len(path_map.steps) == 5 and len(path_map.flows) == 3
    copy = path_map.steps[3]
    assert copy.id not in ("s1", "s2") and copy.label == "Patient presents"
    assert (copy.x, copy.y) == (120, 80)
    assert sorted(window.scene.selected_ids()) == sorted(
        [s.id for s in path_map.steps[3:]] + [path_map.flows[-1].id, path_map.comments[-1].id]
    )
    _undo_redo_round_trip(window, before, dumps_map(path_map))


def test_paste_into_a_second_window_creates_the_lanes_it_lacks(qtbot: Any, tmp_path: Path) -> None:
    first = open_placed_map(qtbot, tmp_path)
    first.scene.select_ids(["s2"])
    first.actions_.copy.trigger()
    second = first.open_new_window()
    qtbot.addWidget(second)
    second.files.ask_unsaved_changes = lambda _name: "discard"
    second.actions_.new_standard.trigger()
    second.actions_.paste.trigger()
    pasted = second.document.path_map
    assert [step.label for step in pasted.steps] == ["Echo"]
    assert pasted.steps[0].id != "s2"
    assert [lane.name for lane in pasted.lanes][-1] == "Echo department"
    assert pasted.problems() == []
    assert len(first.document.path_map.steps) == 3


def test_cut_delete_and_duplicate(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    path_map = window.document.path_map
    before = dumps_map(path_map)
    window.scene.select_ids(["s3"])
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL)
    assert path_map.step("s3") is None and path_map.flow("f2") is None
    _undo_redo_round_trip(window, before, dumps_map(path_map))
    window.actions_.undo.trigger()
    window.scene.select_ids(["s2"])
    window.view.setFocus()
    depth = window.undo_stack.index()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.undo_stack.index() == window.undo_stack.count() == depth + 1  # one command
    assert path_map.step("s2") is None
    assert path_map.comment("c1") is None  # its comment goes with it
    assert _undo_text(window) == "Undo Delete step"
    window.actions_.undo.trigger()
    assert dumps_map(path_map) == before
    window.scene.select_ids(["s1"])
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    assert len(path_map.steps) == 4
    assert _undo_text(window) == "Undo Duplicate"
    _undo_redo_round_trip(window, before, dumps_map(path_map))


def test_select_all_counts_in_the_status_bar(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL)
    assert {"s1", "s2", "s3"} <= set(window.scene.selected_ids())
    assert window.status.selection_label.text().endswith("selected")
    assert window.status.counts_label.text() == "2 lanes · 3 steps · 2 arrows · 1 comment"


def test_align_and_distribute_are_one_undo_step_each(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    path_map = window.document.path_map
    before = dumps_map(path_map)
    window.scene.select_ids(["s1", "s3"])
    window.actions_.align["top"].trigger()
    assert _undo_text(window) == "Undo Align top 2 steps"
    _undo_redo_round_trip(window, before, dumps_map(path_map))
    window.actions_.undo.trigger()
    window.scene.select_ids(["s1", "s2", "s3"])
    window.actions_.distribute_horizontal.trigger()
    assert _undo_text(window) == "Undo Distribute 3 steps horizontally"
    window.scene.select_ids(["s1"])
    window.actions_.align["left"].trigger()
    assert "at least 2 steps" in window.status.currentMessage()


def test_lanes_move_add_and_delete_with_their_steps(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    path_map = window.document.path_map
    before = dumps_map(path_map)
    window.scene.select_ids(["s2"])
    qtbot.keyClick(window, Qt.Key.Key_Up, CTRL_SHIFT)
    assert [lane.id for lane in path_map.lanes] == ["echo", "gp"]
    _undo_redo_round_trip(window, before, dumps_map(path_map))
    window.actions_.undo.trigger()
    window.scene.select_ids(["gp"])
    window.actions_.delete_lane.trigger()
    assert [lane.id for lane in path_map.lanes] == ["echo"]
    assert [step.id for step in path_map.steps] == ["s2"]
    assert path_map.flows == []
    _undo_redo_round_trip(window, before, dumps_map(path_map))
    window.actions_.undo.trigger()
    window.actions_.add_lane.trigger()
    window.actions_.add_phase.trigger()
    assert [lane.name for lane in path_map.lanes][-1] == "Lane 3"
    assert [phase.name for phase in path_map.phases] == ["Referral", "Phase 2"]
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert dumps_map(path_map) == before


def test_palette_and_tool_actions_choose_the_canvas_tool(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.step_palette.tool_actions["decision"].trigger()
    assert (window.scene.tool.value, window.scene.tool_kind) == ("add_step", "decision")
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.scene.tool.value == "connect"
    assert window.step_palette.current_tool == "connect"
    window.actions_.select_tool.trigger()
    assert window.scene.tool.value == "select"


def test_zoom_actions_show_in_the_status_bar(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.status.zoom_label.text() == "100%"
    window.actions_.zoom_in.trigger()
    assert window.status.zoom_label.text() != "100%"
