"""Restoring at start: the restored work of the file the editor was started on takes that
file's window (never a second window on one file); another file's work gets its own window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pathmapper.io.recovery import RecoveryStore
from pathmapper.model import PathMap
from pathmapper.ui.app import restore_interrupted_work
from pathmapper.ui.autosave import RECOVERY_DIR_VARIABLE
from pathmapper.ui.main_window import OPEN_WINDOWS, MainWindow
from pathmapper.ui.recovery_dialog import RecoveryDialog
from tests.ui.window_harness import PLACED_MAP, Answers, make_window, write_map


def press_restore() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RecoveryDialog)
    dialog.restore_button.click()


@pytest.fixture
def recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RecoveryStore:
    monkeypatch.setenv(RECOVERY_DIR_VARIABLE, str(tmp_path / "recovery"))
    return RecoveryStore(tmp_path / "recovery")


def restore_at_start(
    qtbot: QtBot, tmp_path: Path, recovery: RecoveryStore, crashed_on: str
) -> tuple[MainWindow, Path, list[MainWindow]]:
    """The editor started on map.pathmap.json while a crashed session's work on `crashed_on`
    waits; Restore is pressed. The window, its file, and the windows open before."""
    path = write_map(tmp_path, PLACED_MAP)
    original = path if crashed_on == path.name else write_map(tmp_path, PLACED_MAP, crashed_on)
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(path)
    work = PathMap.model_validate(PLACED_MAP)
    work.title = "Restored work"
    recovery.write_map("crashed", work, original.resolve())
    windows_before = list(OPEN_WINDOWS)
    QTimer.singleShot(100, press_restore)
    assert restore_interrupted_work(window, str(path))
    return window, path, windows_before


def test_restoring_the_file_the_editor_opened_uses_its_window(
    qtbot: QtBot, tmp_path: Path, recovery: RecoveryStore
) -> None:
    window, path, windows_before = restore_at_start(qtbot, tmp_path, recovery, "map.pathmap.json")
    assert windows_before == OPEN_WINDOWS  # no second window on the same file
    assert window.document.path_map.title == "Restored work"
    assert window.files.path == path.resolve()
    assert window.files.is_unsaved


def test_restoring_another_file_opens_a_window_beside_the_one_asked_for(
    qtbot: QtBot, tmp_path: Path, recovery: RecoveryStore
) -> None:
    window, path, windows_before = restore_at_start(qtbot, tmp_path, recovery, "other.pathmap.json")
    [new_window] = [each for each in OPEN_WINDOWS if each not in windows_before]
    Answers().attach(new_window)  # closing it discards the restored work without asking
    assert new_window.files.path == (tmp_path / "other.pathmap.json").resolve()
    assert window.files.path == path.resolve() and not window.files.is_unsaved
    new_window.close()
