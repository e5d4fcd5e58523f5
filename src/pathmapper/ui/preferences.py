"""The person's preferences, kept with QSettings: theme, and the paper a PDF export starts with.

Typed accessors: reading always gives one of the allowed values (a value that was edited by hand
or written by a later version falls back to the default); writing refuses anything else. Recent
files and the window layout live beside these in `settings.py` (the window's own).
"""

from __future__ import annotations

from typing import Literal, TypeVar

from PySide6.QtCore import QSettings

Theme = Literal["system", "light", "dark"]
PaperSize = Literal["A4", "A3", "A2", "A1", "Letter"]
Orientation = Literal["landscape", "portrait"]

THEMES: tuple[Theme, ...] = ("system", "light", "dark")
PAPER_SIZES: tuple[PaperSize, ...] = ("A4", "A3", "A2", "A1", "Letter")
ORIENTATIONS: tuple[Orientation, ...] = ("landscape", "portrait")

THEME_NAMES: dict[Theme, str] = {
    "system": "Same as the computer",
    "light": "Light",
    "dark": "Dark",
}

# Swimlane maps are wide: A3 landscape is what workshop rooms print and pin up.
DEFAULT_THEME: Theme = "system"
DEFAULT_PAPER_SIZE: PaperSize = "A3"
DEFAULT_ORIENTATION: Orientation = "landscape"

THEME_KEY = "appearance/theme"
PAPER_SIZE_KEY = "export/paper_size"
ORIENTATION_KEY = "export/orientation"

Choice = TypeVar("Choice", bound=str)


class PreferenceError(ValueError):
    """A value that is not one of a preference's choices."""


def _matching(value: object, choices: tuple[Choice, ...]) -> Choice | None:
    """The choice `value` names, ignoring case and surrounding spaces; None when none does."""
    if not isinstance(value, str):
        return None
    wanted = value.strip().casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    return None


class Preferences:
    """Theme, default paper size and orientation. Tests pass their own QSettings (an ini file
    in a temporary folder), so they never touch the person's real settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings()

    def _read(self, key: str, choices: tuple[Choice, ...], default: Choice) -> Choice:
        return _matching(self.settings.value(key), choices) or default

    def _write(self, key: str, value: str, choices: tuple[Choice, ...], what: str) -> None:
        choice = _matching(value, choices)
        if choice is None:
            raise PreferenceError(f"unknown {what} '{value}': choose one of {', '.join(choices)}")
        self.settings.setValue(key, choice)

    @property
    def theme(self) -> Theme:
        return self._read(THEME_KEY, THEMES, DEFAULT_THEME)

    @theme.setter
    def theme(self, value: str) -> None:
        self._write(THEME_KEY, value, THEMES, "theme")

    @property
    def paper_size(self) -> PaperSize:
        return self._read(PAPER_SIZE_KEY, PAPER_SIZES, DEFAULT_PAPER_SIZE)

    @paper_size.setter
    def paper_size(self, value: str) -> None:
        self._write(PAPER_SIZE_KEY, value, PAPER_SIZES, "paper size")

    @property
    def orientation(self) -> Orientation:
        return self._read(ORIENTATION_KEY, ORIENTATIONS, DEFAULT_ORIENTATION)

    @orientation.setter
    def orientation(self, value: str) -> None:
        self._write(ORIENTATION_KEY, value, ORIENTATIONS, "orientation")

    def reset(self) -> None:
        """Back to the defaults (the stored values are removed, not overwritten)."""
        for key in (THEME_KEY, PAPER_SIZE_KEY, ORIENTATION_KEY):
            self.settings.remove(key)
