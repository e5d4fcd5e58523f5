"""Preferences persist through QSettings and always read back as one of their choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pathmapper.ui.preferences import (
    DEFAULT_ORIENTATION,
    DEFAULT_PAPER_SIZE,
    DEFAULT_THEME,
    ORIENTATION_KEY,
    PAPER_SIZE_KEY,
    PAPER_SIZES,
    THEME_KEY,
    THEME_NAMES,
    THEMES,
    PreferenceError,
    Preferences,
)


def ini_settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "pathmapper.ini"


def test_a_fresh_profile_gets_the_defaults(settings_file: Path) -> None:
    preferences = Preferences(ini_settings(settings_file))
    assert preferences.theme == DEFAULT_THEME == "system"
    assert preferences.paper_size == DEFAULT_PAPER_SIZE == "A3"
    assert preferences.orientation == DEFAULT_ORIENTATION == "landscape"


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_every_paper_size_survives_a_restart(settings_file: Path, paper: str) -> None:
    first = Preferences(ini_settings(settings_file))
    first.paper_size = paper
    first.orientation = "portrait"
    first.theme = "dark"
    first.settings.sync()
    again = Preferences(ini_settings(settings_file))
    assert again.paper_size == paper
    assert again.orientation == "portrait"
    assert again.theme == "dark"


def test_choices_are_matched_without_regard_to_case(settings_file: Path) -> None:
    preferences = Preferences(ini_settings(settings_file))
    preferences.paper_size = " letter "
    preferences.theme = "LIGHT"
    assert preferences.paper_size == "Letter"
    assert preferences.theme == "light"
    assert preferences.settings.value(PAPER_SIZE_KEY) == "Letter"


def test_unknown_values_are_refused_with_the_choices(settings_file: Path) -> None:
    preferences = Preferences(ini_settings(settings_file))
    with pytest.raises(PreferenceError, match=r"paper size 'B5'.*A4, A3, A2, A1, Letter"):
        preferences.paper_size = "B5"
    with pytest.raises(PreferenceError, match="orientation 'sideways'"):
        preferences.orientation = "sideways"
    with pytest.raises(PreferenceError, match="theme 'neon'"):
        preferences.theme = "neon"
    assert preferences.paper_size == DEFAULT_PAPER_SIZE
    assert not preferences.settings.contains(PAPER_SIZE_KEY)


def test_hand_edited_or_future_values_read_as_the_default(settings_file: Path) -> None:
    settings_file.write_text(
        "[appearance]\ntheme=high-contrast\n[export]\npaper_size=42\norientation=\n",
        encoding="utf-8",
    )
    preferences = Preferences(ini_settings(settings_file))
    assert preferences.settings.value(THEME_KEY) == "high-contrast"
    assert preferences.theme == DEFAULT_THEME
    assert preferences.paper_size == DEFAULT_PAPER_SIZE
    assert preferences.orientation == DEFAULT_ORIENTATION


def test_reset_removes_the_stored_values(settings_file: Path) -> None:
    preferences = Preferences(ini_settings(settings_file))
    preferences.paper_size = "A1"
    preferences.orientation = "portrait"
    preferences.theme = "dark"
    preferences.reset()
    for key in (THEME_KEY, PAPER_SIZE_KEY, ORIENTATION_KEY):
        assert not preferences.settings.contains(key)
    assert preferences.paper_size == DEFAULT_PAPER_SIZE


def test_every_theme_has_a_name_for_the_menu() -> None:
    assert set(THEME_NAMES) == set(THEMES)
