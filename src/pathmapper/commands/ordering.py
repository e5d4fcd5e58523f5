"""Moving a lane or a phase to another place in its list (top-to-bottom, left-to-right)."""

from __future__ import annotations

from pathmapper.commands.base import Command
from pathmapper.commands.checks import describe
from pathmapper.commands.document import COLLECTION_OF_KIND, ListedKind, MapDocument, kind_of


class MoveInList(Command):
    """Put an element of the given kind at `new_index` of its list."""

    def __init__(self, kind: ListedKind, element_id: str, new_index: int) -> None:
        self.kind = kind
        self.element_id = element_id
        self.new_index = new_index
        self.text = f"Move {kind}"
        self._old_index: int | None = None

    def redo(self, document: MapDocument) -> None:
        if self._old_index is None:
            self._check(document)
        self._old_index = document.reorder(self.element_id, self.new_index)

    def undo(self, document: MapDocument) -> None:
        assert self._old_index is not None, "undo before redo"
        document.reorder(self.element_id, self._old_index)

    def _check(self, document: MapDocument) -> None:
        path_map = document.path_map
        element = path_map.element(self.element_id)
        if element is None or kind_of(element) != self.kind:
            raise ValueError(f"nothing with id '{self.element_id}' is a {self.kind} on this map")
        size = len(getattr(path_map, COLLECTION_OF_KIND[self.kind]))
        if not 0 <= self.new_index < size:
            raise ValueError(
                f"{describe(path_map, element)}: there is no position {self.new_index + 1} "
                f"among the {size} {COLLECTION_OF_KIND[self.kind]}"
            )
