"""Edit > Preferences: the dialog shows what is stored; OK stores and applies, Cancel changes
nothing; the window's map surroundings follow the theme and File > Export starts on the
preferred paper. Dialogs are opened without blocking and answered from the test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from pathmapper.ui.app_theme import DARK_SURROUND, apply_theme, is_dark, remember_start_appearance
from pathmapper.ui.preferences import PAPER_SIZE_KEY, THEME_KEY, Preferences
from pathmapper.ui.preferences_dialog import PREFERENCES_FALLBACK_KEY, PreferencesDialog
from tests.conftest import SAMPLE_MAPS
from tests.ui.window_harness import make_window

Role = QPalette.ColorRole
FORMATS = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)


def ini_preferences(path: Path) -> Preferences:
    return Preferences(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.fixture
def application(qapp: Any) -> Iterator[QApplication]:
    remember_start_appearance(qapp)
    yield qapp
    apply_theme(qapp, "system")


@pytest.fixture
def own_default_settings(tmp_path: Path) -> Iterator[Path]:
    """`QSettings()` (what the window and File > Export read) keeps to the test's folder."""
    folder = tmp_path / "config"
    usual = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    for settings_format in FORMATS:
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder))
    yield folder
    for settings_format in FORMATS:
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, usual)


def open_dialog(qtbot: Any, preferences: Preferences) -> PreferencesDialog:
    dialog = PreferencesDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_stored_choices(qtbot: Any, tmp_path: Path) -> None:
    stored = ini_preferences(tmp_path / "p.ini")
    stored.theme, stored.paper_size, stored.orientation = "dark", "A1", "portrait"
    dialog = open_dialog(qtbot, stored)
    assert dialog.theme.currentText() == "Dark"
    assert dialog.paper.currentText() == "A1"
    assert dialog.orientation.currentText() == "Portrait"
    fresh = open_dialog(qtbot, ini_preferences(tmp_path / "fresh.ini"))
    assert (fresh.chosen_theme(), fresh.chosen_paper(), fresh.chosen_orientation()) == (
        "system",
        "A3",
        "landscape",
    )
    assert fresh.theme.currentText() == "Same as the computer"


def test_ok_stores_the_choices_and_applies_the_theme(
    qtbot: Any, tmp_path: Path, application: QApplication
) -> None:
    settings_file = tmp_path / "p.ini"
    start_window = remember_start_appearance(application).palette.color(Role.Window)

    dialog = open_dialog(qtbot, ini_preferences(settings_file))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.paper.setCurrentText("Letter")
    dialog.orientation.setCurrentText("Portrait")
    dialog.accept()
    again = ini_preferences(settings_file)  # as the next session reads them
    assert (again.theme, again.paper_size, again.orientation) == ("dark", "Letter", "portrait")
    assert is_dark(application.palette())
    assert application.palette().color(Role.Window).lightness() < 80

    dialog = open_dialog(qtbot, again)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert ini_preferences(settings_file).theme == "light"
    assert application.palette().color(Role.Window).lightness() > 200

    dialog = open_dialog(qtbot, ini_preferences(settings_file))
    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    dialog.accept()
    assert ini_preferences(settings_file).theme == "system"
    assert application.palette().color(Role.Window) == start_window


def test_cancel_stores_and_applies_nothing(
    qtbot: Any, tmp_path: Path, application: QApplication
) -> None:
    settings_file = tmp_path / "p.ini"
    before = application.palette().color(Role.Window)
    dialog = open_dialog(qtbot, ini_preferences(settings_file))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.paper.setCurrentText("A1")
    dialog.reject()
    after = ini_preferences(settings_file)
    assert not after.settings.contains(THEME_KEY)
    assert not after.settings.contains(PAPER_SIZE_KEY)
    assert after.paper_size == "A3"
    assert application.palette().color(Role.Window) == before


def _window(qtbot: Any, tmp_path: Path) -> Any:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(SAMPLE_MAPS[0])
    return window


def test_edit_menu_opens_preferences_on_its_own_key(
    qtbot: Any, tmp_path: Path, own_default_settings: Path
) -> None:
    window = _window(qtbot, tmp_path)
    action = window.preferences.action
    assert action in window.menus.edit.actions()
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    expected = standard or [QKeySequence(PREFERENCES_FALLBACK_KEY)]
    assert action.shortcuts() == expected
    others = [a for a in window.findChildren(QAction) if a is not action and a.isEnabled()]
    taken = {key.toString() for other in others for key in other.shortcuts()}
    assert not {key.toString() for key in expected} & taken
    action.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_export_starts_on_the_preferred_paper(
    qtbot: Any, tmp_path: Path, own_default_settings: Path
) -> None:
    window = _window(qtbot, tmp_path)
    assert window.exporter.initial_request().paper == "A3"  # nothing stored yet
    window.preferences.action.trigger()
    dialog = window.preferences.dialog
    dialog.paper.setCurrentText("A1")
    dialog.orientation.setCurrentText("Portrait")
    dialog.accept()
    request = window.exporter.initial_request()
    assert (request.paper, request.orientation) == ("A1", "portrait")
    stored = list(own_default_settings.rglob("*"))
    assert any("A1" in path.read_text(encoding="utf-8") for path in stored if path.is_file())


def test_the_map_keeps_its_paper_and_its_surroundings_follow_the_theme(
    qtbot: Any, tmp_path: Path, own_default_settings: Path, application: QApplication
) -> None:
    window = _window(qtbot, tmp_path)
    views = window.preferences.map_views()
    assert window.view in views and window.overview.overview in views
    scene_background = window.scene.backgroundBrush().color()

    apply_theme(application, "dark")
    for view in views:
        assert view.backgroundBrush().color() == QColor(DARK_SURROUND)
    assert window.scene.backgroundBrush().color() == scene_background  # the map stays light
    later = window.open_new_window()  # a window opened in the dark is dressed for it
    qtbot.addWidget(later)
    assert later.view.backgroundBrush().color() == QColor(DARK_SURROUND)

    apply_theme(application, "light")
    for view in [*views, later.view]:
        assert view.backgroundBrush().style() == Qt.BrushStyle.NoBrush  # the scene's white
