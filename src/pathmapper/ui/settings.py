"""What the editor remembers between sessions (QSettings): recent files and the window layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

RECENT_FILES_KEY = "files/recent"
WINDOW_GEOMETRY_KEY = "window/geometry"
WINDOW_STATE_KEY = "window/state"
MAX_RECENT_FILES = 8


class EditorSettings:
    """A thin, typed face over QSettings. Tests pass their own QSettings (an ini file in a
    temporary folder) so they never touch the person's real settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings()

    # --------------------------------------------------------------------- recent files

    def recent_files(self) -> list[str]:
        """Most recent first; files that no longer exist are left out."""
        stored: Any = self.settings.value(RECENT_FILES_KEY, [])  # a list, or one str in ini files
        items = [stored] if isinstance(stored, str) else list(stored or [])
        paths = [str(item) for item in items if item]
        return [path for path in paths if Path(path).is_file()]

    def add_recent_file(self, path: str | Path) -> None:
        resolved = str(Path(path).resolve())
        paths = [resolved] + [item for item in self.recent_files() if item != resolved]
        self.settings.setValue(RECENT_FILES_KEY, paths[:MAX_RECENT_FILES])

    def forget_recent_file(self, path: str | Path) -> None:
        resolved = str(Path(path).resolve())
        paths = [item for item in self.recent_files() if item != resolved]
        self.settings.setValue(RECENT_FILES_KEY, paths)

    # -------------------------------------------------------------------- window layout

    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.settings.value(WINDOW_GEOMETRY_KEY)
        state = self.settings.value(WINDOW_STATE_KEY)
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.settings.setValue(WINDOW_GEOMETRY_KEY, geometry)
        self.settings.setValue(WINDOW_STATE_KEY, state)
