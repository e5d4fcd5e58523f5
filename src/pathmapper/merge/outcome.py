"""What a merge of returned copies produces: the changes it applied, the conflicts it found,
and the merged map. Plain data, so the command line prints it and the editor shows it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from pathmapper.model import PathMap

ElementKind = Literal["map", "lane", "phase", "step", "flow", "comment"]
ChangeAction = Literal["added", "removed", "changed"]
ChangeKey = tuple[str, str | None]
TakeRule = Literal["base"] | int | None

COLLECTIONS: tuple[tuple[str, ElementKind], ...] = (
    ("lanes", "lane"),
    ("phases", "phase"),
    ("steps", "step"),
    ("flows", "flow"),
    ("comments", "comment"),
)
COLLECTION_NAMES = frozenset(name for name, _ in COLLECTIONS)
BASE = "base"

Document = dict[str, Any]


@dataclass(frozen=True)
class MergeCopy:
    """A returned copy: how the report names it (its file name) and the map it holds."""

    label: str
    path_map: PathMap


@dataclass(frozen=True)
class MergeChange:
    """One change a copy made that the merge takes (or, when `accepted` is false, was told to
    leave out). `field` is None when a whole element was added or removed; then `new_value`
    (added) or `base_value` (removed) is the element as the file holds it. `copy_index` counts
    from 1. `also_from` names other copies that made the same change; `reason` says why a
    change follows from another (a flow that goes with its step)."""

    copy_index: int
    copy_label: str
    element_kind: ElementKind
    element_id: str
    action: ChangeAction
    field: str | None
    base_value: Any
    new_value: Any
    also_from: tuple[str, ...] = ()
    reason: str = ""
    accepted: bool = True

    @property
    def key(self) -> ChangeKey:
        return (self.element_id, self.field)


@dataclass(frozen=True)
class MergeConflict:
    """Copies that changed the same thing differently. `values` maps each copy label that
    changed it to its value; when `field` is None the element was removed in some copies
    (value None) and edited in others (value: the whole element). `resolution` is "base", a
    copy label, or None when it was left at the base value for the editor to decide."""

    element_id: str
    element_kind: ElementKind
    field: str | None
    base_value: Any
    values: dict[str, Any]
    resolution: str | None = None
    note: str = ""

    @property
    def key(self) -> ChangeKey:
        return (self.element_id, self.field)


@dataclass
class MergeResult:
    """The merged map, with every change applied and every conflict found."""

    merged: PathMap
    changes: list[MergeChange]
    conflicts: list[MergeConflict]
    copy_labels: list[str]
    copy_authors: dict[str, list[str]]
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def unresolved(self) -> list[MergeConflict]:
        return [conflict for conflict in self.conflicts if conflict.resolution is None]
