"""Adding one element to its list: the shared core of AddStep, AddFlow, AddLane, and so on."""

from __future__ import annotations

from pathmapper.commands.base import Command
from pathmapper.commands.checks import describe, element_reference_problems, refuse_problems
from pathmapper.commands.document import COLLECTION_OF_KIND, Element, MapDocument, kind_of


class AddElement(Command):
    """Insert a new element at `index` of its list (the end when None).

    The command keeps its own copy of the element, so later changes to the object passed in do
    not reach the map. Refused (ValueError, nothing changed) when the id is already used or a
    reference does not resolve.
    """

    def __init__(self, element: Element, index: int | None = None) -> None:
        self.element = element.model_copy(deep=True)
        self.index = index
        self.text = f"Add {kind_of(element)}"
        self._checked = False

    @property
    def element_id(self) -> str:
        return self.element.id

    def redo(self, document: MapDocument) -> None:
        if not self._checked:
            self._check(document)
            self._checked = True
        self.index = document.insert(self.element, self.index)

    def undo(self, document: MapDocument) -> None:
        document.remove(self.element.id)

    def _check(self, document: MapDocument) -> None:
        path_map = document.path_map
        name = describe(path_map, self.element)
        if self.element.id == path_map.id or path_map.element(self.element.id) is not None:
            raise ValueError(f"{name}: its id '{self.element.id}' is already used on this map")
        size = len(getattr(path_map, COLLECTION_OF_KIND[kind_of(self.element)]))
        if self.index is not None and not 0 <= self.index <= size:
            raise ValueError(f"{name}: there is no position {self.index} to put it at")
        refuse_problems(element_reference_problems(path_map, self.element))
