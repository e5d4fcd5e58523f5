"""Sticky notes from the keyboard: one shortcut per kind on the right target with the session's
speaker, typed in place; votes added and undone; the View > Notes filter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pathmapper.model import COMMENT_KINDS
from pathmapper.ui.canvas.items_comments import CommentItem
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.workshop.notes import NOTE_KEYS
from tests.ui.window_harness import make_window
from tests.ui.workshop_maps import open_phased_map

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _window(qtbot: Any, tmp_path: Path) -> MainWindow:
    window, _answers = make_window(qtbot, tmp_path)
    open_phased_map(window, tmp_path)
    window.view.setFocus()
    return window


@pytest.mark.parametrize(
    ("number", "kind", "target"),
    [
        (n, kind, t)
        for n, (kind, t) in enumerate(
            zip(COMMENT_KINDS, ["s2", "f3", "echo", None, "referral"], strict=True), 1
        )
    ],
)
def test_each_note_key_adds_its_kind_on_the_selection_with_the_speaker(
    qtbot: Any, tmp_path: Path, number: int, kind: str, target: str | None
) -> None:
    window = _window(qtbot, tmp_path)
    assert NOTE_KEYS[kind] == f"Ctrl+Alt+{number}"
    window.workshop.speaker_field.setText("Practice nurse")
    window.workshop.organisation_field.setText("GP practice")
    window.scene.select_ids([target] if target else [])
    count = len(window.document.path_map.comments)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL_ALT)
    comments = window.document.path_map.comments
    assert len(comments) == count + 1
    note = comments[-1]
    assert (note.kind, note.target) == (kind, target)
    assert (note.author, note.organisation) == ("Practice nurse", "GP practice")
    assert window.scene.interaction.editor is not None  # its text is open for typing
    qtbot.keyClicks(window.view, "Said in the room")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert window.document.path_map.comment(note.id).text == "Said in the room"  # type: ignore[union-attr]
    assert isinstance(window.scene.items_by_id[note.id], CommentItem)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.document.path_map.comment(note.id) is None


def test_a_note_on_a_selected_note_goes_on_what_that_note_is_on(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["c1"])  # on the echo scan
    note_id = window.workshop.notes.add_note("question", "Why six weeks?")
    assert note_id is not None
    assert window.document.path_map.comment(note_id).target == "s4"  # type: ignore[union-attr]


def test_votes_add_and_undo_and_show_as_dots(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["c1"])
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL_ALT)
    assert window.document.path_map.comment("c1").votes == 3  # type: ignore[union-attr]
    window.scene.sync()
    item = window.scene.items_by_id["c1"]
    assert isinstance(item, CommentItem) and item.votes == 3
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL_ALT)
    assert window.document.path_map.comment("c1").votes == 2  # type: ignore[union-attr]
    for expected in (3, 2, 1, 0):  # each vote, and the vote taken off, is one undo step
        window.undo_stack.undo()
        assert window.document.path_map.comment("c1").votes == expected  # type: ignore[union-attr]
    assert not window.workshop.notes.vote(-1)  # never below none


def test_votes_need_a_note_chosen(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    said: list[str] = []
    window.workshop.notes.report = said.append
    window.scene.select_ids(["s2"])
    assert not window.workshop.notes.vote(1)
    assert said == ["Select a note first, then vote for it"]


def test_the_kind_filter_hides_other_notes_on_the_canvas_and_in_the_dock(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    notes = window.workshop.notes
    notes.filter_actions["idea"].setChecked(False)
    QApplication.processEvents()
    assert not window.scene.items_by_id["c2"].isVisible()
    assert window.scene.items_by_id["c1"].isVisible()
    assert window.comments.shown_ids() == ["c1"]
    notes.show_only({"idea"})
    assert window.scene.items_by_id["c2"].isVisible()
    assert not window.scene.items_by_id["c1"].isVisible()
    assert window.comments.shown_ids() == ["c2"]
    window.scene.select_ids(["s2"])
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL_ALT)  # a pain point: shown again, as it is new
    assert notes.filter_actions["pain_point"].isChecked()
    notes.show_all()
    assert all(item.isVisible() for item in window.scene.items_by_id.values())


def test_notes_are_listed_in_the_insert_menu_with_their_keys(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    texts = []
    for action in window.menus.insert.actions():
        menu = action.menu()
        if menu is not None:
            texts += [(a.text(), a.shortcut().toString()) for a in menu.actions()]
    for kind in COMMENT_KINDS:
        assert any(key == NOTE_KEYS[kind] for _text, key in texts)
