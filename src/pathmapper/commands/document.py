"""The open map with its listeners: the one place where a map is changed.

`MapDocument` holds a plain `PathMap` and offers four low-level mutations (insert an element at
an index, remove one, set some of its fields, move it to another index). Each tells the
listeners exactly what changed: which element, and for a field change which fields. Only
commands call these methods; everything else reads `document.path_map` and listens.

Notifications inside `with document.batch():` are held back and delivered, in the order they
happened, when the outermost batch ends. Commands run in a batch, so listeners never see a map
half way through a command (a step gone while its flows are still there), and a composite
command reaches them as one burst. `revision` counts changes as they happen, batch or not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from pathmapper.model import Comment, Flow, Lane, PathMap, Phase, Step

ChangeAction = Literal["added", "removed", "changed", "moved", "reordered", "reset"]
ElementKind = Literal["map", "lane", "phase", "step", "flow", "comment"]
Element: TypeAlias = Lane | Phase | Step | Flow | Comment
ListedKind = Literal["lane", "phase", "step", "flow", "comment"]

# The map's lists, in the order a map holds them.
COLLECTION_OF_KIND: dict[ListedKind, str] = {
    "lane": "lanes",
    "phase": "phases",
    "step": "steps",
    "flow": "flows",
    "comment": "comments",
}
KIND_OF_TYPE: dict[type[Element], ListedKind] = {
    Lane: "lane",
    Phase: "phase",
    Step: "step",
    Flow: "flow",
    Comment: "comment",
}


@dataclass(frozen=True)
class Change:
    """One change to the map, as listeners receive it.

    added / removed: an element entered or left its list (it is already in or out).
    changed: some fields of an element (or of the map itself) have new values; `fields` names
    exactly those whose value differs. moved: the same for a step dragged to a new place
    (`fields` is a subset of {"x", "y", "lane"}). reordered: a lane or phase now sits at another
    index in its list. reset: the whole map was replaced; redraw everything.
    """

    action: ChangeAction
    kind: ElementKind
    element_id: str
    fields: frozenset[str] = frozenset()


Listener: TypeAlias = Callable[[Change], None]


def kind_of(element: Element) -> ListedKind:
    """ "step" for a Step, and so on."""
    return KIND_OF_TYPE[type(element)]


class MapDocument:
    """An open map: the model, its listeners, a change counter and the saved point."""

    def __init__(self, path_map: PathMap | None = None) -> None:
        self._map = path_map if path_map is not None else PathMap()
        self._listeners: list[Listener] = []
        self._batch_depth = 0
        self._pending: list[Change] = []
        self._revision = 0
        self._saved_revision = 0

    # ------------------------------------------------------------------------------ reading

    @property
    def path_map(self) -> PathMap:
        """The map itself. Read it freely; change it only through commands."""
        return self._map

    @property
    def revision(self) -> int:
        """Goes up by one with every change (undo and redo included): watch it to autosave."""
        return self._revision

    @property
    def is_modified(self) -> bool:
        """Whether anything changed since `mark_saved()` (or since the document was made).

        It counts changes, so undoing back to the saved map still reads as modified; the
        history's clean index (`History.is_clean`, `QUndoStack.isClean`) tells that case.
        """
        return self._revision != self._saved_revision

    def mark_saved(self) -> None:
        self._saved_revision = self._revision

    def element(self, element_id: str) -> Element | None:
        return self._map.element(element_id)

    def index_of(self, element: Element) -> int:
        """Where an element sits in its list."""
        items = self._list(kind_of(element))
        for index, item in enumerate(items):
            if item is element:
                return index
        raise ValueError(f"{kind_of(element)} {element.id} is not in this map")

    # ---------------------------------------------------------------------------- listening

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every Change from now on; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold notifications until the outermost batch ends, then deliver them in order.

        They are delivered even when the block raises: whatever did change, listeners hear of.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._flush()

    def _notify(self, change: Change) -> None:
        self._revision += 1
        self._pending.append(change)
        if self._batch_depth == 0:
            self._flush()

    def _flush(self) -> None:
        while self._pending:
            change = self._pending.pop(0)
            for listener in list(self._listeners):
                listener(change)

    # ----------------------------------------------------------- low-level mutations (commands)

    def _list(self, kind: ListedKind) -> list[Any]:
        items: list[Any] = getattr(self._map, COLLECTION_OF_KIND[kind])
        return items

    def insert(self, element: Element, index: int | None = None) -> int:
        """Put an element into its list at `index` (the end when None); returns the index."""
        kind = kind_of(element)
        items = self._list(kind)
        position = len(items) if index is None else index
        if not 0 <= position <= len(items):
            raise IndexError(f"cannot put a {kind} at position {position} of {len(items)}")
        items.insert(position, element)
        self._notify(Change("added", kind, element.id))
        return position

    def remove(self, element_id: str) -> tuple[Element, int]:
        """Take an element out of its list; returns it and the index it had."""
        element = self._map.element(element_id)
        if element is None:
            raise KeyError(element_id)
        index = self.index_of(element)
        del self._list(kind_of(element))[index]
        self._notify(Change("removed", kind_of(element), element_id))
        return element, index

    def set_fields(
        self,
        element_id: str,
        values: dict[str, Any],
        action: Literal["changed", "moved"] = "changed",
    ) -> None:
        """Give fields of an element (or of the map, by its id) new, already valid values.

        Notifies once, naming only the fields whose value differs; nothing when none does.
        """
        target: PathMap | Element | None = (
            self._map if element_id == self._map.id else self._map.element(element_id)
        )
        if target is None:
            raise KeyError(element_id)
        differing = frozenset(
            name for name, value in values.items() if getattr(target, name, None) != value
        )
        for name, value in values.items():
            setattr(target, name, value)
        if differing:
            kind: ElementKind = "map" if isinstance(target, PathMap) else kind_of(target)
            self._notify(Change(action, kind, element_id, differing))

    def reorder(self, element_id: str, new_index: int) -> int:
        """Move an element to `new_index` in its own list; returns the index it had."""
        element = self._map.element(element_id)
        if element is None:
            raise KeyError(element_id)
        kind = kind_of(element)
        items = self._list(kind)
        if not 0 <= new_index < len(items):
            raise IndexError(f"cannot move a {kind} to position {new_index} of {len(items)}")
        old_index = self.index_of(element)
        if old_index != new_index:
            items.insert(new_index, items.pop(old_index))
            self._notify(Change("reordered", kind, element_id))
        return old_index

    def replace_map(self, path_map: PathMap) -> None:
        """Swap in a whole other map: listeners redraw everything. The undo step is the
        caller's: `commands.replace_map.ReplaceMap` keeps the old map and swaps it back."""
        self._map = path_map
        self._notify(Change("reset", "map", path_map.id))
