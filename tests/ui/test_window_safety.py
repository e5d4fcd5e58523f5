"""The window never loses work: recovery copies while editing, backups and a question when the
file changed on disk, a restored map opened unsaved, and one About in the Help menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog

from pathmapper.io import load_map
from pathmapper.io.recovery import RecoveryStore
from tests.ui.window_harness import PLACED_MAP, make_window, rename, write_map


def _open_small_map(window: Any, tmp_path: Path) -> Path:
    path = write_map(tmp_path, PLACED_MAP, "referral.pathmap.json")
    assert window.open_path(path)
    return path


def test_an_edit_in_the_window_reaches_the_recovery_folder(
    qtbot: Any, tmp_path: Path, private_recovery_folder: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    _open_small_map(window, tmp_path)
    rename(window, "Typed in the workshop")
    store = RecoveryStore(private_recovery_folder)
    qtbot.waitUntil(lambda: bool(store.list()), timeout=15000)
    [snapshot] = store.list()
    assert snapshot.title == "Typed in the workshop"
    assert store.load(snapshot).title == "Typed in the workshop"


def test_saving_keeps_a_backup_and_clears_the_recovery_copy(
    qtbot: Any, tmp_path: Path, private_recovery_folder: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    path = _open_small_map(window, tmp_path)
    before = path.read_bytes()
    rename(window, "Second version")
    window.autosaver.write_now()
    assert RecoveryStore(private_recovery_folder).list()
    window.actions_.save.trigger()
    assert load_map(path).title == "Second version"
    assert (tmp_path / "referral.pathmap.json.bak").read_bytes() == before
    qtbot.waitUntil(lambda: not RecoveryStore(private_recovery_folder).list(), timeout=15000)


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(
    qtbot: Any, tmp_path: Path
) -> None:
    window, answers = make_window(qtbot, tmp_path)
    path = _open_small_map(window, tmp_path)
    theirs = path.read_text(encoding="utf-8").replace("Breathlessness referral", "Their edit")
    path.write_text(theirs, encoding="utf-8")
    rename(window, "My edit")

    answers.changed_on_disk = "cancel"
    window.actions_.save.trigger()
    assert len(answers.asked_changed_on_disk) == 1
    assert "changed on disk" in answers.asked_changed_on_disk[0]
    assert path.read_text(encoding="utf-8") == theirs
    assert window.isWindowModified()

    answers.changed_on_disk = "overwrite"
    window.actions_.save.trigger()
    assert load_map(path).title == "My edit"
    assert (tmp_path / "referral.pathmap.json.bak").read_text(encoding="utf-8") == theirs
    assert not window.isWindowModified()


def test_a_restored_map_opens_unsaved_and_remembers_its_file(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    path = _open_small_map(window, tmp_path)
    restored = load_map(path)
    restored.title = "Recovered after a power cut"
    window.files.open_recovered(restored, path)
    assert window.document.path_map.title == "Recovered after a power cut"
    assert window.files.path == path.resolve()
    assert window.isWindowModified()
    assert load_map(path).title == "Breathlessness referral"  # nothing written until saved


def test_help_offers_quick_start_samples_and_one_about(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    texts = [
        action.text().replace("&", "")
        for menu in window.menuBar().findChildren(type(window.recent_menu))
        for action in menu.actions()
    ]
    assert texts.count("About pathmapper") == 1
    assert "Quick start" in texts
    assert len(window.help_entries.open_sample_menu.actions()) >= 6  # the shipped samples


def test_the_shortcut_list_covers_every_part_of_the_editor(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    lines = window.shortcut_list()
    for expected in ("Save: Ctrl+S", "Export: Ctrl+E", "Present to the room: F5", "Find: Ctrl+F"):
        assert expected in lines
    assert any(line.startswith("Walk the pathway: F9") for line in lines)
    # The canvas's key tables, one per mode, follow the menus' keys.
    for heading, line in (
        ("Quick capture (one step selected):", "  Ctrl+Down: add the next step in the lane below"),
        ("Presenting to the room:", "  Esc: leave presentation"),
        ("Walking the pathway:", "  Ctrl+Right, PgDown: the next step"),
        ("On the canvas:", "  F2: rename the selected step"),
    ):
        assert heading in lines
        assert any(entry.startswith(line) for entry in lines[lines.index(heading) :])
    assert len(lines) == len(set(lines))
    assert "Undo: Ctrl+Z, Alt+Backspace" in lines  # no media keys such as "Undo" itself
    window.show_shortcuts()
    titles = [child.windowTitle() for child in window.findChildren(QDialog)]
    assert "Keyboard shortcuts" in titles
