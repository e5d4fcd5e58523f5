"""The comments and overview docks, and the window's keyboard reach into them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction

from pathmapper.io import dumps_map
from tests.conftest import SAMPLE_MAPS
from tests.ui.window_harness import make_window, open_placed_map


def test_comments_are_listed_with_glyph_target_and_filter(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    dock = window.comments
    assert dock.shown_ids() == ["c1"]
    row = dock.list.item(0).text()
    assert row.startswith("⚠  Six week wait for echo")
    assert "on step 'Echo' in Echo department" in row
    dock.set_filter("idea")
    assert dock.shown_ids() == []
    dock.set_filter("pain_point")
    assert dock.shown_ids() == ["c1"]


def test_clicking_a_comment_selects_its_target(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    dock = window.comments
    rect = dock.list.visualItemRect(dock.list.item(0))
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_ids() == ["s2"]
    assert window.properties.heading.text() == "Step: Echo"


def test_add_edit_and_delete_comments_are_undoable(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    path_map = window.document.path_map
    before = dumps_map(path_map)
    dock = window.comments
    window.scene.select_ids(["s3"])
    dock.add_kind.setCurrentIndex(dock.add_kind.findData("idea"))
    asked: list[str] = []
    dock.ask_text = lambda title, initial: asked.append(title) or "Send results by email"
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    added = path_map.comments[-1]
    assert (added.kind, added.target, added.text) == ("idea", "s3", "Send results by email")
    assert asked == ["Idea on step 'Results to GP' in GP practice"]
    assert dock.current_id() == added.id
    dock.ask_text = lambda title, initial: initial + " the same day"
    qtbot.mouseClick(dock.edit_button, Qt.MouseButton.LeftButton)
    assert added.text == "Send results by email the same day"
    qtbot.mouseClick(dock.delete_button, Qt.MouseButton.LeftButton)
    assert path_map.comment(added.id) is None
    assert dock.shown_ids() == ["c1"]
    for _ in range(3):
        window.actions_.undo.trigger()
    assert dumps_map(path_map) == before
    window.actions_.redo.trigger()
    assert dock.shown_ids() == ["c1", added.id]


def test_a_cancelled_comment_changes_nothing(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.comments.ask_text = lambda title, initial: None
    window.comments.add_comment()
    assert len(window.document.path_map.comments) == 1
    assert not window.undo_stack.canUndo()


def test_overview_shows_the_main_views_area_and_moves_it(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(SAMPLE_MAPS[0])
    overview = window.overview.overview
    assert overview.scene() is window.scene
    window.view.zoom_to_100()
    window.view.centerOn(window.scene.sceneRect().topLeft())
    area = overview.visible_area()
    assert area.width() > 0 and area.height() > 0
    assert not area.contains(window.scene.itemsBoundingRect())  # the map is bigger than the view
    corner = window.scene.itemsBoundingRect().bottomRight() - QPointF(40, 40)
    click = overview.mapFromScene(corner)
    qtbot.mouseClick(overview.viewport(), Qt.MouseButton.LeftButton, pos=click)
    moved = overview.visible_area()
    assert moved.center().x() > area.center().x()
    assert moved.center().y() >= area.center().y()


def test_f4_puts_the_keyboard_in_the_properties(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.properties.editor("title").line.hasFocus()


def test_every_menu_entry_is_reachable_by_keyboard(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    for name, menu in window.menus.by_name().items():
        assert "&" in menu.title(), name
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            text = action.text()
            keyed = "&" in text or not action.shortcut().isEmpty()
            assert keyed, f"{name}: {text}"


def test_no_two_actions_share_a_shortcut(qtbot: Any, tmp_path: Path) -> None:
    """An ambiguous key does nothing in Qt, so every key must belong to one enabled action."""
    window = open_placed_map(qtbot, tmp_path)
    owners: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if not action.isEnabled():  # a disabled action's key is free (e.g. Esc ends a walk)
            continue
        for key in action.shortcuts():
            text = key.toString()
            assert text not in owners, f"{text}: {owners.get(text)} and {action.text()}"
            owners[text] = action.text()
    assert owners["Ctrl+Q"] == "&Quit"


def test_overview_draws_the_map_again_once_editing_pauses(qtbot: Any, tmp_path: Path) -> None:
    from pathmapper.commands import MoveSteps
    from pathmapper.ui.undo import push

    window, _answers = make_window(qtbot, tmp_path)
    window.open_path(SAMPLE_MAPS[0])
    overview = window.overview.overview
    overview.grab()  # a first paint makes the picture
    assert overview.picture is not None
    made = overview.pictures_made
    step = window.document.path_map.steps[1]
    assert step.x is not None and step.y is not None
    for nudge in range(1, 6):  # a burst of edits, as during a drag
        push(
            window.undo_stack,
            window.document,
            MoveSteps({step.id: (step.x + 10 * nudge, step.y, None)}),
        )
    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().value() + 50)
    overview.grab()  # scrolling the main view only moves the rectangle
    assert overview.pictures_made == made
    qtbot.waitUntil(lambda: overview.picture is None, timeout=5000)
    overview.grab()
    assert overview.pictures_made == made + 1
