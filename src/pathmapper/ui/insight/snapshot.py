"""The open map as its plain file dictionary, kept up to date element by element.

The analysis runs on a worker thread from a snapshot of the map taken on the UI thread (the
model is not thread-safe: the room keeps editing while the analysis runs). Serialising every
element for every snapshot took about half a second on a 5,000-step map, after every edit. A
`MapSnapshots` listens to the document's precise change notices and keeps each element's
`to_document()` dictionary, serialising again only the elements added or changed since the
last snapshot; a snapshot is then a walk down the map's lists picking up the kept dictionaries.
It equals `path_map.to_document()` exactly (the tests hold it to that after random edits).

No Qt: this lives with the runner it serves.
"""

from __future__ import annotations

from typing import Any

from pathmapper.commands import Change, MapDocument
from pathmapper.commands.document import COLLECTION_OF_KIND, Element

ELEMENT_LISTS = tuple(COLLECTION_OF_KIND.values())  # "lanes", "phases", "steps", ...


class MapSnapshots:
    """Snapshots of `document`'s map, each element serialised again only after it changed."""

    def __init__(self, document: MapDocument) -> None:
        self.document = document
        self._kept: dict[str, tuple[Element, dict[str, Any]]] = {}  # id -> (element, dict)
        self._stale: set[str] = set()  # ids heard of as added or changed since last time
        self.serialised = 0  # elements serialised so far (the tests read it)
        self._unsubscribe = document.subscribe(self._on_change)

    def close(self) -> None:
        """Stop listening (the document may outlive this)."""
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        if change.action == "reset":
            self._kept.clear()
            self._stale.clear()
        elif change.action == "removed":
            self._kept.pop(change.element_id, None)
        elif change.action != "reordered" and change.kind != "map":
            self._stale.add(change.element_id)  # (the map's own fields are read every time)

    def snapshot(self) -> dict[str, Any]:
        """The map as `PathMap.to_document()` gives it, from the kept dictionaries."""
        path_map = self.document.path_map
        shell = path_map.model_copy(update={name: [] for name in ELEMENT_LISTS})
        document = shell.to_document()  # the map's own fields, in the file's order
        stale, self._stale = self._stale, set()
        kept: dict[str, tuple[Element, dict[str, Any]]] = {}
        for name in ELEMENT_LISTS:
            serialised = []
            for element in getattr(path_map, name):
                entry = self._kept.get(element.id)
                if entry is None or entry[0] is not element or element.id in stale:
                    entry = (element, element.to_document())
                    self.serialised += 1
                kept[element.id] = entry
                serialised.append(entry[1])
            document[name] = serialised
        self._kept = kept  # forgets elements no longer on the map
        return document
