"""Three-way merge of returned copies of a map against the copy that was sent out.

Every element (lane, phase, step, flow, comment, and the map's own fields) is matched by id.
For each field, a change made in one copy is applied; the same change made in several copies is
applied once; different changes to the same field are a conflict, listed with each copy's value
and resolved by a rule (keep the base, take copy N) or left at the base value for the editor.
An element removed in one copy and edited in another is a conflict too; a step counts as
edited in a copy that drew an arrow to or from it (a new step after it, say) or commented on it,
and a comment one copy removed while another edited it is such a conflict as well. Order: the
base order, then additions in copy order. Unknown fields merge like known ones.

Comments are the workshop's sticky notes and are never lost: a comment is removed only when
every copy removed it or left it as sent; two copies adding the same note (same target, kind
and text, whitespace aside) count once; votes add up. Whatever the copies did, the merged map
is valid: a flow whose step is gone goes too, a comment whose target is gone moves to the whole
map, and a lane or phase that a merged step still uses is kept; each of these is listed.

The result lists every change and conflict with a key (element id, field), so the editor can
show them and merge again with some changes rejected or some conflicts decided
(`merge_maps(..., rejected=..., choices=...)`), applying the accepted ones as one step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pathmapper.io.mapfile import validate_document
from pathmapper.merge.documents import (
    LinkedWork,
    authors_of_added_comments,
    by_id,
    copies_without,
    distinct,
    keep_flows_of_kept_steps,
    normalise_text,
    timestamp,
    work_linked_to_steps,
)
from pathmapper.merge.outcome import (
    BASE,
    COLLECTION_NAMES,
    COLLECTIONS,
    ChangeAction,
    ChangeKey,
    Document,
    ElementKind,
    MergeChange,
    MergeConflict,
    MergeCopy,
    MergeResult,
    TakeRule,
)
from pathmapper.model import PathMap

__all__ = [
    "MergeChange",
    "MergeConflict",
    "MergeCopy",
    "MergeError",
    "MergeResult",
    "merge_maps",
    "normalise_text",
]


# What a step refers to: its field, the collection holding it, and the element's kind.
_USED_BY_STEPS: tuple[tuple[str, str, ElementKind], ...] = (
    ("lane", "lanes", "lane"),
    ("phase", "phases", "phase"),
)


class MergeError(ValueError):
    """Merge arguments that make no sense (no copies, a copy number that does not exist)."""


def merge_maps(
    base: PathMap,
    copies: Sequence[MergeCopy],
    take: TakeRule = None,
    rejected: Collection[ChangeKey] = (),
    choices: Mapping[ChangeKey, str] | None = None,
) -> MergeResult:
    """Merge `copies` (each edited from `base`) into a new map; the inputs are not changed.

    `take` settles every conflict: "base" keeps the base value, N (from 1) takes copy N's value
    (the base value where copy N left it alone), None leaves it at the base value, unresolved.
    `rejected` lists change keys to leave out; `choices` decides single conflicts by key
    ("base" or a copy label) and wins over `take`.
    """
    if not copies:
        raise MergeError("give at least one returned copy to merge")
    labels = [copy.label for copy in copies]
    if len(set(labels)) != len(labels):
        raise MergeError("each copy needs its own name")
    if isinstance(take, int) and not 1 <= take <= len(copies):
        raise MergeError(f"there is no copy {take}: there are {len(copies)} copies")
    for label in (choices or {}).values():
        if label != BASE and label not in labels:
            raise MergeError(f"'{label}' is neither 'base' nor the name of a copy")
    merger = _Merger(labels, take, frozenset(rejected), dict(choices or {}))
    return merger.merge(base, [copy.path_map for copy in copies])


class _Merger:
    """The state of one merge: the rules it follows and what it has found so far."""

    def __init__(
        self,
        labels: list[str],
        take: TakeRule,
        rejected: frozenset[ChangeKey],
        choices: dict[ChangeKey, str],
    ) -> None:
        self.labels = labels
        self.take = take
        self.rejected = rejected
        self.choices = choices
        self.changes: list[MergeChange] = []
        self.conflicts: list[MergeConflict] = []
        self.warnings: list[str] = []
        self.linked_work: dict[str, dict[int, LinkedWork]] = {}

    # ------------------------------------------------------------------------------ recording

    def record_change(
        self,
        copy_indexes: Sequence[int],
        kind: ElementKind,
        element_id: str,
        action: ChangeAction,
        field: str | None,
        base_value: Any,
        new_value: Any,
        reason: str = "",
    ) -> bool:
        """Note a change; True when it is to be applied (not rejected)."""
        accepted = (element_id, field) not in self.rejected or bool(reason)
        first = copy_indexes[0]
        self.changes.append(
            MergeChange(
                copy_index=first + 1,
                copy_label=self.labels[first],
                element_kind=kind,
                element_id=element_id,
                action=action,
                field=field,
                base_value=base_value,
                new_value=new_value,
                also_from=tuple(self.labels[index] for index in copy_indexes[1:]),
                reason=reason,
                accepted=accepted,
            )
        )
        return accepted

    def resolution(self, key: ChangeKey) -> str | None:
        if key in self.choices:
            return self.choices[key]
        if self.take == BASE:
            return BASE
        if isinstance(self.take, int):
            return self.labels[self.take - 1]
        return None

    # -------------------------------------------------------------------------------- merging

    def merge(self, base: PathMap, copies: list[PathMap]) -> MergeResult:
        base_document = base.to_document()
        copy_documents = [copy.to_document() for copy in copies]
        for label, document in zip(self.labels, copy_documents, strict=True):
            if document.get("id") != base_document.get("id"):
                self.warnings.append(
                    f"{label} is not a copy of the base map (its map id differs); "
                    "it was merged by element id all the same"
                )
        self.linked_work = work_linked_to_steps(base_document, copy_documents)
        merged: Document = self.merge_map_fields(base_document, copy_documents)
        for collection, kind in COLLECTIONS:
            base_items: list[Document] = base_document.get(collection, [])
            copy_items = [by_id(document.get(collection, [])) for document in copy_documents]
            if collection == "flows":
                copy_items = keep_flows_of_kept_steps(
                    base_items, copy_items, copy_documents, merged["steps"]
                )
            merged[collection] = self.merge_collection(kind, base_items, copy_items)
        self.keep_merged_map_whole(merged, base_document, copy_documents)
        path_map = validate_document(merged, "the merged map")
        return MergeResult(
            merged=path_map,
            changes=self.changes,
            conflicts=self.conflicts,
            copy_labels=list(self.labels),
            copy_authors=authors_of_added_comments(self.labels, base, copies),
            warnings=self.warnings,
        )

    def merge_map_fields(self, base_document: Document, copy_documents: list[Document]) -> Document:
        """The map's own fields. `modified` is bookkeeping, not an edit: it becomes the latest."""

        def own_fields(document: Document) -> Document:
            fields = {key: value for key, value in document.items() if key not in COLLECTION_NAMES}
            fields["id"] = base_document["id"]
            fields.pop("modified", None)
            return fields

        holders = [(index, own_fields(document)) for index, document in enumerate(copy_documents)]
        merged = self.merge_fields("map", base_document["id"], own_fields(base_document), holders)
        stamps = [base_document.get("modified")] + [d.get("modified") for d in copy_documents]
        dated = [(moment, stamp) for stamp in stamps if (moment := timestamp(stamp)) is not None]
        if dated:
            merged["modified"] = max(dated, key=lambda pair: pair[0])[1]
        return merged

    def merge_collection(
        self, kind: ElementKind, base_items: list[Document], copy_items: list[dict[str, Document]]
    ) -> list[Document]:
        merged: list[Document] = []
        for base_item in base_items:
            item = self.merge_existing(kind, base_item, copy_items)
            if item is not None:
                merged.append(item)
        merged += self.merge_additions(kind, {item["id"] for item in base_items}, copy_items)
        return merged

    def merge_existing(
        self, kind: ElementKind, base_item: Document, copy_items: list[dict[str, Document]]
    ) -> Document | None:
        element_id = base_item["id"]
        holders = [
            (index, items[element_id])
            for index, items in enumerate(copy_items)
            if element_id in items
        ]
        holding = {index for index, _ in holders}
        removers = [index for index in range(len(copy_items)) if index not in holding]
        editors = [(index, item) for index, item in holders if item != base_item]
        if kind == "step" and removers:
            # Drawing an arrow to a step or commenting on it is work on that step too.
            linked = self.linked_work.get(element_id, {})
            editors += [
                (index, item) for index, item in holders if index in linked and item == base_item
            ]
        if kind == "comment" and holders and not editors:
            removers = []  # a comment any copy still holds as sent is kept: none is ever lost
        if removers and editors:
            return self.removed_and_edited(kind, base_item, removers, editors)
        if removers:
            applied = self.record_change(
                removers, kind, element_id, "removed", None, base_item, None
            )
            return None if applied else base_item
        return self.merge_fields(kind, element_id, base_item, holders)

    def removed_and_edited(
        self,
        kind: ElementKind,
        base_item: Document,
        removers: list[int],
        editors: list[tuple[int, Document]],
    ) -> Document | None:
        element_id = base_item["id"]
        versions: dict[int, Document | None] = {index: None for index in removers}
        versions.update(dict(editors))
        values = {self.labels[index]: versions[index] for index in sorted(versions)}
        resolution = self.resolution((element_id, None))
        linked = self.linked_work.get(element_id, {}) if kind == "step" else {}
        note = "; ".join(
            f"{self.labels[index]} added {linked[index].describe()} to it"
            for index, _ in editors
            if index in linked
        )
        self.conflicts.append(
            MergeConflict(element_id, kind, None, base_item, values, resolution, note)
        )
        if resolution is None or resolution == BASE or resolution not in values:
            return base_item
        return values[resolution]

    def merge_additions(
        self, kind: ElementKind, base_ids: set[str], copy_items: list[dict[str, Document]]
    ) -> list[Document]:
        adders: dict[str, list[tuple[int, Document]]] = {}
        duplicates_of: dict[str, list[int]] = {}
        first_comment_with: dict[tuple[Any, ...], tuple[int, str]] = {}
        for index, items in enumerate(copy_items):
            for element_id, item in items.items():
                if element_id in base_ids:
                    continue
                if kind == "comment" and element_id not in adders:
                    same = (item.get("target"), item.get("kind"), normalise_text(item["text"]))
                    earlier = first_comment_with.setdefault(same, (index, element_id))
                    if earlier[0] != index:
                        duplicates_of.setdefault(earlier[1], []).append(index)
                        continue
                adders.setdefault(element_id, []).append((index, item))
        merged: list[Document] = []
        for element_id, group in adders.items():
            indexes = distinct([index for index, _ in group] + duplicates_of.get(element_id, []))
            first = group[0][1]
            if not self.record_change(indexes, kind, element_id, "added", None, None, first):
                continue
            if all(item == first for _, item in group):
                merged.append(first)
            else:
                merged.append(self.merge_fields(kind, element_id, None, group))
        return merged

    def merge_fields(
        self,
        kind: ElementKind,
        element_id: str,
        base_item: Document | None,
        holders: list[tuple[int, Document]],
    ) -> Document:
        """Field by field. With no base (an element two copies added under the same id), every
        field where they differ is a conflict and "keep base" means the first copy's value."""
        names = list(base_item or {})
        for _, item in holders:
            names += [name for name in item if name not in names]
        merged: Document = {}
        for name in names:
            if name == "id":
                merged["id"] = element_id
                continue
            base_value = None if base_item is None else base_item.get(name)
            proposals = [
                (index, item.get(name))
                for index, item in holders
                if base_item is None or item.get(name) != base_value
            ]
            value = self.merge_field(kind, element_id, name, base_value, proposals, base_item)
            if value is not None:
                merged[name] = value
        return merged

    def merge_field(
        self,
        kind: ElementKind,
        element_id: str,
        name: str,
        base_value: Any,
        proposals: list[tuple[int, Any]],
        base_item: Document | None,
    ) -> Any:
        if not proposals:
            return base_value
        indexes = [index for index, _ in proposals]
        different = distinct([value for _, value in proposals])
        if base_item is not None and kind == "comment" and name == "votes":
            total = max(0, base_value + sum(value - base_value for _, value in proposals))
            applied = self.record_change(
                indexes, kind, element_id, "changed", name, base_value, total
            )
            return total if applied else base_value
        if len(different) == 1:
            if base_item is None:
                return different[0]
            applied = self.record_change(
                indexes, kind, element_id, "changed", name, base_value, different[0]
            )
            return different[0] if applied else base_value
        fallback = proposals[0][1] if base_item is None else base_value
        values = {self.labels[index]: value for index, value in proposals}
        resolution = self.resolution((element_id, name))
        self.conflicts.append(MergeConflict(element_id, kind, name, base_value, values, resolution))
        if resolution is None or resolution == BASE:
            return fallback
        return values.get(resolution, fallback)

    # ---------------------------------------------------------------------- keeping it whole

    def keep_merged_map_whole(
        self, merged: Document, base_document: Document, copy_documents: list[Document]
    ) -> None:
        """Mend references that changes from different copies broke between them."""
        merged_ids = {c: {item["id"] for item in merged[c]} for _, c, _ in _USED_BY_STEPS}
        for step in merged["steps"]:
            for field, collection, kind in _USED_BY_STEPS:
                used = step.get(field)
                if used is not None and used not in merged_ids[collection]:
                    self.keep_used_element(
                        merged, collection, kind, used, step, base_document, copy_documents
                    )
                    merged_ids[collection].add(used)
        kept_steps = {step["id"]: step for step in merged["steps"]}
        flows: list[Document] = []
        for flow in merged["flows"]:
            missing = [end for end in (flow["source"], flow["target"]) if end not in kept_steps]
            if not missing:
                flows.append(flow)
                continue
            self.record_change(
                copies_without(missing[0], "steps", copy_documents),
                "flow",
                flow["id"],
                "removed",
                None,
                flow,
                None,
                reason="its step was removed",
            )
        merged["flows"] = flows
        all_ids = {merged["id"]} | {
            item["id"] for collection in COLLECTION_NAMES for item in merged[collection]
        }
        for comment in merged["comments"]:
            target = comment.get("target")
            if target is not None and target not in all_ids:
                del comment["target"]
                self.record_change(
                    copies_without(target, None, copy_documents),
                    "comment",
                    comment["id"],
                    "changed",
                    "target",
                    target,
                    None,
                    reason="what it was on was removed, so it now comments on the whole map",
                )

    def keep_used_element(
        self,
        merged: Document,
        collection: str,
        kind: ElementKind,
        element_id: str,
        user: Document,
        base_document: Document,
        copy_documents: list[Document],
    ) -> None:
        """Put back a lane or phase that a merged step still uses."""
        sources = [base_document, *copy_documents]
        order = distinct([i["id"] for d in sources for i in d.get(collection, [])])
        item = next(i for d in sources for i in d.get(collection, []) if i["id"] == element_id)
        merged[collection].append(item)
        merged[collection].sort(key=lambda kept: order.index(kept["id"]))
        key = (element_id, None)
        self.changes = [
            change
            if change.key != key or change.action != "added"
            else dataclasses.replace(change, accepted=True)
            for change in self.changes
            if change.key != key or change.action != "removed"
        ]
        if not any(i["id"] == element_id for i in base_document.get(collection, [])):
            return
        removers = copies_without(element_id, collection, copy_documents)
        self.conflicts.append(
            MergeConflict(
                element_id,
                kind,
                None,
                item,
                {self.labels[index]: None for index in removers},
                resolution=None if self.take is None else BASE,
                note=f"kept: step '{user.get('label', '')}' still uses it after the merge",
            )
        )
