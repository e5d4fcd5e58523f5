"""Which copy of a map was sent out, remembered per map (QSettings, keyed by the map's id), so
File > Merge returned copy merges against it without asking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

SENT_COPIES_GROUP = "sent_copies"


class SentCopies:
    """The last copy saved to send, for each map id. Copies that no longer exist are forgotten."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    @staticmethod
    def _key(map_id: str) -> str:
        # QSettings treats "/" and "\\" in keys as groups; map ids are UUIDs, but be safe.
        safe = map_id.replace("/", "_").replace("\\", "_")
        return f"{SENT_COPIES_GROUP}/{safe}"

    def remember(self, map_id: str, path: str | Path) -> None:
        self.settings.setValue(self._key(map_id), str(Path(path).resolve()))
        self.settings.sync()

    def base_for(self, map_id: str) -> Path | None:
        """The copy sent from this map, if one is remembered and still on disk."""
        stored = self.settings.value(self._key(map_id))
        if not isinstance(stored, str) or not stored:
            return None
        path = Path(stored)
        return path if path.is_file() else None
