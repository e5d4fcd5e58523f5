"""Plain helpers on map documents (the dictionaries `PathMap.to_document` gives) for the
three-way merge in `pathmapper.merge.three_way`: elements by id, which copies lack one, the flows a
copy's removed step took with it, and the authors of the comments a copy added."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pathmapper.merge.outcome import COLLECTION_NAMES, Document
from pathmapper.merge.wording import count
from pathmapper.model import PathMap


def normalise_text(text: str) -> str:
    """Comment text compared for duplicates: runs of whitespace as one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def distinct(values: Sequence[Any]) -> list[Any]:
    """The values without repeats, in first-seen order (they need not be hashable)."""
    found: list[Any] = []
    for value in values:
        if value not in found:
            found.append(value)
    return found


def timestamp(value: Any) -> datetime | None:
    """A document's `modified` as a moment, or None when it is not a date and time."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def copies_without(
    element_id: str, collection: str | None, copy_documents: list[Document]
) -> list[int]:
    """The copies that do not hold an element (in one collection, or in any)."""
    collections = [collection] if collection else sorted(COLLECTION_NAMES)
    missing = [
        index
        for index, document in enumerate(copy_documents)
        if not any(item["id"] == element_id for c in collections for item in document.get(c, []))
    ]
    return missing or [0]


def by_id(items: list[Document]) -> dict[str, Document]:
    return {item["id"]: item for item in items}


def keep_flows_of_kept_steps(
    base_flows: list[Document],
    copy_flows: list[dict[str, Document]],
    copy_documents: list[Document],
    merged_steps: list[Document],
) -> list[dict[str, Document]]:
    """A copy that removed a step removed its flows with it. When the step stays (its removal
    was a conflict kept at the base, or rejected), its flows stay too: in that copy they count
    as unchanged rather than removed."""
    kept_steps = {step["id"] for step in merged_steps}
    result: list[dict[str, Document]] = []
    for flows, document in zip(copy_flows, copy_documents, strict=True):
        copy_steps = {step["id"] for step in document.get("steps", [])}
        adjusted = dict(flows)
        for flow in base_flows:
            ends = {flow["source"], flow["target"]}
            if flow["id"] not in flows and not ends <= copy_steps and ends <= kept_steps:
                adjusted[flow["id"]] = flow
        result.append(adjusted)
    return result


@dataclass
class LinkedWork:
    """What one copy added or changed that points at a step: arrows and comments."""

    arrows: int = 0
    comments: int = 0

    def describe(self) -> str:
        """'1 arrow and 2 comments'."""
        parts = [count(self.arrows, "arrow"), count(self.comments, "comment")]
        return " and ".join(part for part in parts if not part.startswith("0 "))


def work_linked_to_steps(
    base_document: Document, copy_documents: list[Document]
) -> dict[str, dict[int, LinkedWork]]:
    """For each step of the base, the copies (by index) that added or changed an arrow to or
    from it, or a comment on it, and how many of each."""
    base_steps = {step["id"] for step in base_document.get("steps", [])}
    base_flows = by_id(base_document.get("flows", []))
    base_comments = by_id(base_document.get("comments", []))
    found: dict[str, dict[int, LinkedWork]] = {}
    for index, document in enumerate(copy_documents):
        for flow in document.get("flows", []):
            if base_flows.get(flow["id"]) != flow:
                for end in {flow["source"], flow["target"]} & base_steps:
                    found.setdefault(end, {}).setdefault(index, LinkedWork()).arrows += 1
        for comment in document.get("comments", []):
            target = comment.get("target")
            if base_comments.get(comment["id"]) != comment and target in base_steps:
                found.setdefault(target, {}).setdefault(index, LinkedWork()).comments += 1
    return found


def authors_of_added_comments(
    labels: list[str], base: PathMap, copies: list[PathMap]
) -> dict[str, list[str]]:
    base_ids = {comment.id for comment in base.comments}
    authors: dict[str, list[str]] = {}
    for label, copy in zip(labels, copies, strict=True):
        names = [c.author.strip() for c in copy.comments if c.id not in base_ids]
        authors[label] = distinct([name for name in names if name])
    return authors
