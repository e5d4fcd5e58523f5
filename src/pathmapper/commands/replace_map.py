"""Replace the whole open map as one undoable step (a merge of returned copies, an import).

The new map is swapped in with `MapDocument.replace_map` (listeners redraw everything) and the
old map object, untouched, is swapped back on undo, so undo restores the map exactly. With
`keep_id` (the default) the new map takes the open map's id: a merged map stays the same map,
so copies sent later still merge against it.
"""

from __future__ import annotations

from pathmapper.commands.base import Command
from pathmapper.commands.document import MapDocument
from pathmapper.model import PathMap


class ReplaceMap(Command):
    """Swap the document's map for `path_map` (copied: the caller's object is never edited)."""

    def __init__(self, path_map: PathMap, text: str = "Replace the map", keep_id: bool = True):
        self.text = text
        self.keep_id = keep_id
        self._new = path_map.model_copy(deep=True)
        self._old: PathMap | None = None

    def redo(self, document: MapDocument) -> None:
        if self._old is None:
            problems = self._new.problems()
            if problems:
                raise ValueError(f"the new map is not whole: {problems[0]}")
            self._old = document.path_map
            if self.keep_id:
                self._new.id = self._old.id
        document.replace_map(self._new)

    def undo(self, document: MapDocument) -> None:
        assert self._old is not None, "undo before redo"
        document.replace_map(self._old)
