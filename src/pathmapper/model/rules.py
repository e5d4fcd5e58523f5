"""The map's cross-element rules: unique ids and references that resolve.

They work on the plain JSON document, not on the models, so a file is checked for every broken
reference even when some of its fields have the wrong type: a person fixing a file by hand sees
all of its problems at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("lanes", "lane"),
    ("phases", "phase"),
    ("steps", "step"),
    ("flows", "flow"),
    ("comments", "comment"),
)
ELEMENT_WORD = dict(COLLECTIONS)

# What each element refers to: (its collection, the field, the collection the value must name,
# how a problem says that). None: any element of the map, or the map itself.
REFERENCES: tuple[tuple[str, str, str | None, str], ...] = (
    ("steps", "lane", "lanes", "a lane of this map"),
    ("steps", "phase", "phases", "a phase of this map"),
    ("flows", "source", "steps", "a step of this map"),
    ("flows", "target", "steps", "a step of this map"),
    ("comments", "target", None, "an element of this map"),
)
# Whether an id is one of a collection (None: of any element, or the map's own id).
IsKnown = Callable[[str | None, str], bool]


def unresolved_references(collection: str, item: Mapping[str, Any], is_known: IsKnown) -> list[str]:
    """Each reference of one element to nothing: "lane 'x' is not a lane of this map"."""
    return [
        f"{field} '{value}' is not {what}"
        for owner, field, named, what in REFERENCES
        if owner == collection
        and isinstance(value := item.get(field), str)
        and not is_known(named, value)
    ]


def element_name(collection: str, index: int, raw: Any) -> str:
    """How a problem names an element: "step s4", or "step 5" when it has no usable id."""
    word = ELEMENT_WORD.get(collection, collection)
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return f"{word} {raw['id']}"
    return f"{word} {index + 1}"


def _items(document: dict[str, Any], collection: str) -> list[tuple[int, dict[str, Any]]]:
    items = document.get(collection)
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def _ids(document: dict[str, Any], collection: str) -> set[str]:
    return {
        item["id"] for _, item in _items(document, collection) if isinstance(item.get("id"), str)
    }


def reference_problems(document: dict[str, Any]) -> list[str]:
    """Every duplicate id and unresolved reference, in file order."""
    problems: list[str] = []
    first_use: dict[str, str] = {}
    map_id = document.get("id")
    if isinstance(map_id, str):
        first_use[map_id] = "the map"
    for collection, _word in COLLECTIONS:
        for index, item in _items(document, collection):
            element_id = item.get("id")
            if not isinstance(element_id, str) or not element_id.strip():
                continue
            name = element_name(collection, index, item)
            if element_id in first_use:
                problems.append(
                    f"{name}: id '{element_id}' is used more than once "
                    f"(also by {first_use[element_id]}); ids must be unique across the map"
                )
            else:
                first_use[element_id] = name

    ids = {collection: _ids(document, collection) for collection, _word in COLLECTIONS}
    all_ids = set(first_use)

    def is_known(collection: str | None, value: str) -> bool:
        return value in (all_ids if collection is None else ids[collection])

    for collection, _word in COLLECTIONS:
        for index, item in _items(document, collection):
            name = element_name(collection, index, item)
            problems += [
                f"{name}: {problem}"
                for problem in unresolved_references(collection, item, is_known)
            ]
    return problems
