"""The window's files, driven as a person would: shortcuts and menu actions, answers injected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from pathmapper.io import dumps_map, load_map
from pathmapper.ui.main_window import OPEN_WINDOWS
from tests.conftest import SAMPLE_MAPS, SMALL_MAP
from tests.ui.window_harness import PLACED_MAP, make_window, rename, write_map


def test_open_shows_the_file_name_and_no_unsaved_marker(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    answers.open_path = str(write_map(tmp_path, PLACED_MAP))
    window.actions_.open.trigger()
    assert window.document.path_map.title == "Breathlessness referral"
    assert window.windowTitle() == "map.pathmap.json[*] — pathmapper"
    assert not window.isWindowModified()
    rename(window, "Renamed")
    assert window.isWindowModified()
    window.actions_.undo.trigger()
    assert not window.isWindowModified()


def test_save_and_reopen_gives_the_same_map(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(SAMPLE_MAPS[0])
    rename(window, "Cardiology, after the workshop")
    answers.save_path = str(tmp_path / "copy")
    window.actions_.save_as.trigger()
    saved = tmp_path / "copy.pathmap.json"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("copy.pathmap.json")
    assert window.document.path_map.modified is not None
    assert dumps_map(load_map(saved)) == dumps_map(window.document.path_map)
    again, _ = make_window(qtbot, tmp_path)
    again.open_path(saved)
    assert dumps_map(again.document.path_map) == dumps_map(window.document.path_map)


def test_ctrl_s_saves_to_the_open_file(qtbot: Any, tmp_path: Path) -> None:
    path = write_map(tmp_path, PLACED_MAP)
    window, _answers = make_window(qtbot, tmp_path)
    window.open_path(path)
    rename(window, "Saved with the keyboard")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_map(path).title == "Saved with the keyboard"
    assert load_map(path).created == SMALL_MAP["created"]
    assert not window.isWindowModified()


def test_a_broken_file_shows_every_problem_and_keeps_the_map(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(write_map(tmp_path, PLACED_MAP))
    before = dumps_map(window.document.path_map)
    broken = json.loads(json.dumps(PLACED_MAP))
    broken["steps"][0]["lane"] = "nowhere"
    broken["steps"][1]["kind"] = "meeting"
    answers.open_path = str(write_map(tmp_path, broken, "broken.pathmap.json"))
    window.actions_.open.trigger()
    assert len(answers.problems) == 1
    title, problems = answers.problems[0]
    assert "broken.pathmap.json" in title
    assert len(problems) >= 2
    assert any("nowhere" in problem for problem in problems)
    assert dumps_map(window.document.path_map) == before
    assert window.windowTitle().startswith("map.pathmap.json")


def test_close_with_unsaved_changes_asks_and_respects_cancel(qtbot: Any, tmp_path: Path) -> None:
    path = write_map(tmp_path, PLACED_MAP)
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(path)
    rename(window, "Not yet saved")
    answers.unsaved = "cancel"
    assert not window.close()
    assert answers.asked_unsaved == ["map.pathmap.json"]
    assert window.isVisible()
    answers.unsaved = "save"
    assert window.close()
    assert load_map(path).title == "Not yet saved"


def test_close_with_discard_leaves_the_file_alone(qtbot: Any, tmp_path: Path) -> None:
    path = write_map(tmp_path, PLACED_MAP)
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(path)
    rename(window, "Thrown away")
    answers.unsaved = "discard"
    assert window.close()
    assert load_map(path).title == SMALL_MAP["title"]


def test_a_failed_save_loses_nothing_and_offers_save_as(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(write_map(tmp_path, PLACED_MAP))
    rename(window, "Precious work")
    answers.save_path = str(tmp_path / "no-such-folder" / "map.pathmap.json")
    answers.offer_save_as = False
    window.actions_.save_as.trigger()
    assert len(answers.save_failures) == 1
    assert "no longer exists" in answers.save_failures[0]
    assert window.isWindowModified()
    assert window.document.path_map.title == "Precious work"
    assert window.document.path_map.modified == SMALL_MAP["modified"]
    answers.offer_save_as = True
    answers.save_path = str(tmp_path / "rescued.pathmap.json")
    window.files.save_as()
    assert load_map(tmp_path / "rescued.pathmap.json").title == "Precious work"


def test_a_map_without_positions_is_laid_out_as_an_undoable_step(
    qtbot: Any, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(PLACED_MAP))
    for step in document["steps"]:
        step.pop("x", None)
        step.pop("y", None)
    window, _answers = make_window(qtbot, tmp_path)
    window.open_path(write_map(tmp_path, document))
    assert all(step.has_position for step in window.document.path_map.steps)
    assert window.isWindowModified()
    assert window.actions_.undo.text().replace("&", "") == "Undo Lay out 3 steps"


def test_new_map_from_the_standard_template(qtbot: Any, tmp_path: Path) -> None:
    window, answers = make_window(qtbot, tmp_path)
    window.open_path(write_map(tmp_path, PLACED_MAP))
    rename(window, "Changed")
    answers.unsaved = "cancel"
    window.actions_.new_standard.trigger()
    assert window.document.path_map.title == "Changed"
    answers.unsaved = "discard"
    window.actions_.new_standard.trigger()
    names = [lane.name for lane in window.document.path_map.lanes]
    assert names == ["Patient", "GP practice", "Community services", "Acute trust"]
    assert window.windowTitle() == "Untitled map[*] — pathmapper"
    assert not window.undo_stack.canUndo()


def test_dropping_a_map_file_opens_it(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    path = write_map(tmp_path, PLACED_MAP, "dropped.pathmap.json")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where, action = QPoint(50, 50), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, action, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(where), action, mime, buttons, keys))
    assert window.document.path_map.title == SMALL_MAP["title"]
    assert window.windowTitle().startswith("dropped.pathmap.json")


def test_recent_files_remember_what_was_opened(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    first = write_map(tmp_path, PLACED_MAP, "first.pathmap.json")
    second = write_map(tmp_path, PLACED_MAP, "second.pathmap.json")
    window.open_path(first)
    window.open_path(second)
    assert window.settings.recent_files() == [str(second.resolve()), str(first.resolve())]
    window.recent_menu.aboutToShow.emit()
    entries = [action.text() for action in window.recent_menu.actions()]
    assert entries == ["&1 second.pathmap.json", "&2 first.pathmap.json"]
    window.recent_menu.actions()[1].trigger()
    assert window.windowTitle().startswith("first.pathmap.json")


def test_the_app_opens_the_map_given_on_the_command_line(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from pathmapper.ui.app import create_application, open_main_window
    from pathmapper.ui.settings import EditorSettings

    assert create_application() is QApplication.instance()
    settings = EditorSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = open_main_window(str(SAMPLE_MAPS[0]), settings)
    qtbot.addWidget(window)
    window.files.ask_unsaved_changes = lambda _name: "discard"
    assert window.isVisible()
    assert window.windowTitle().startswith(SAMPLE_MAPS[0].name)
    assert len(window.document.path_map.steps) == len(load_map(SAMPLE_MAPS[0]).steps)
    assert all(step.has_position for step in window.document.path_map.steps)


def test_maps_handed_over_open_here_then_in_new_windows(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    first = write_map(tmp_path, PLACED_MAP, "first.pathmap.json")
    second = write_map(tmp_path, PLACED_MAP, "second.pathmap.json")
    window.open_paths([str(first), str(second)])
    assert window.windowTitle().startswith("first.pathmap.json")
    others = [w for w in OPEN_WINDOWS if w is not window]
    assert len(others) == 1
    qtbot.addWidget(others[0])
    assert others[0].windowTitle().startswith("second.pathmap.json")
    assert others[0].settings is window.settings


def test_the_changed_on_disk_question_is_the_windows_own(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Asked over the window it is about (modal to it), not as a loose box that can open
    behind the window on the projector."""
    from PySide6.QtWidgets import QMessageBox

    window, _answers = make_window(qtbot, tmp_path)
    owners: list[object] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: owners.append(box.parent()) or 0)
    assert window.files._dialog_changed_on_disk("The file changed since you opened it") == "cancel"
    assert owners == [window]
