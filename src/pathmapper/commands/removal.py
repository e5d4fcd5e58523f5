"""RemoveElements: delete any mix of elements, with what depends on them, undone exactly.

What goes with what: a lane takes its steps; a step takes the arrows into and out of it; any
element takes the comments stuck on it (and comments on those comments); a phase leaves its
steps where they are, with no phase. Undo puts every element back at the index it had in its
list, and gives the steps their phase again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pathmapper.commands.base import Command
from pathmapper.commands.document import Element, ListedKind, MapDocument, kind_of
from pathmapper.model import PathMap

# Dependants first, so the map holds no broken reference even between two removals.
REMOVAL_ORDER: tuple[ListedKind, ...] = ("comment", "flow", "step", "phase", "lane")


@dataclass(frozen=True)
class _Removed:
    element: Element
    index: int


@dataclass(frozen=True)
class _PhaseCleared:
    step_id: str
    phase: str | None


class RemoveElements(Command):
    """Delete the elements with these ids and everything that depends on them."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = list(dict.fromkeys(ids))
        if not self.ids:
            raise ValueError("nothing to delete: select something first")
        self.text = "Delete"
        self._removal_ids: list[str] | None = None
        self._phase_clears: list[str] = []
        self._undo_log: list[_Removed | _PhaseCleared] = []

    @property
    def removed_ids(self) -> list[str]:
        """Every id this command takes off the map, cascades included (after the first redo)."""
        return list(self._removal_ids or [])

    def redo(self, document: MapDocument) -> None:
        if self._removal_ids is None:
            self._plan(document.path_map)
        assert self._removal_ids is not None
        log: list[_Removed | _PhaseCleared] = []
        with document.batch():
            for kind in REMOVAL_ORDER:
                if kind == "phase":
                    for step_id in self._phase_clears:
                        step = document.path_map.step(step_id)
                        assert step is not None
                        log.append(_PhaseCleared(step_id, step.phase))
                        document.set_fields(step_id, {"phase": None})
                for element_id in removals_of_kind(document.path_map, self._removal_ids, kind):
                    element, index = document.remove(element_id)
                    log.append(_Removed(element, index))
        self._undo_log = log

    def undo(self, document: MapDocument) -> None:
        with document.batch():
            for entry in reversed(self._undo_log):
                if isinstance(entry, _Removed):
                    document.insert(entry.element, entry.index)
                else:
                    document.set_fields(entry.step_id, {"phase": entry.phase})
        self._undo_log = []

    def _plan(self, path_map: PathMap) -> None:
        chosen: list[Element] = []
        for element_id in self.ids:
            if element_id == path_map.id:
                raise ValueError("the map itself cannot be deleted; close its window instead")
            element = path_map.element(element_id)
            if element is None:
                raise ValueError(f"nothing with id '{element_id}' is on this map (deleted?)")
            chosen.append(element)
        self.text = _deletion_text(chosen)
        removing = {element.id for element in chosen}
        lanes = {element.id for element in chosen if kind_of(element) == "lane"}
        removing |= {step.id for step in path_map.steps if step.lane in lanes}
        removing |= {
            flow.id for flow in path_map.flows if flow.source in removing or flow.target in removing
        }
        while True:
            stuck = {
                comment.id
                for comment in path_map.comments
                if comment.target in removing and comment.id not in removing
            }
            if not stuck:
                break
            removing |= stuck
        phases = {element.id for element in chosen if kind_of(element) == "phase"}
        self._phase_clears = [
            step.id for step in path_map.steps if step.phase in phases and step.id not in removing
        ]
        self._removal_ids = [
            element.id for element in path_map.elements() if element.id in removing
        ]


def removals_of_kind(path_map: PathMap, ids: list[str], kind: ListedKind) -> list[str]:
    """Those of `ids` that are elements of `kind`, in map order."""
    wanted = set(ids)
    return [
        element.id
        for element in path_map.elements()
        if element.id in wanted and kind_of(element) == kind
    ]


def _deletion_text(chosen: list[Element]) -> str:
    kinds = {kind_of(element) for element in chosen}
    if len(kinds) == 1:
        kind = next(iter(kinds))
        word = "arrow" if kind == "flow" else kind
        return f"Delete {word}" if len(chosen) == 1 else f"Delete {len(chosen)} {word}s"
    return f"Delete {len(chosen)} items"
