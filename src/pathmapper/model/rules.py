"""The map's cross-element rules: unique ids and references that resolve.

They work on the plain JSON document, not on the models, so a file is checked for every broken
reference even when some of its fields have the wrong type: a person fixing a file by hand sees
all of its problems at once.
"""

from __future__ import annotations

from typing import Any

COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("lanes", "lane"),
    ("phases", "phase"),
    ("steps", "step"),
    ("flows", "flow"),
    ("comments", "comment"),
)
ELEMENT_WORD = dict(COLLECTIONS)


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

    lane_ids = _ids(document, "lanes")
    phase_ids = _ids(document, "phases")
    step_ids = _ids(document, "steps")
    all_ids = set(first_use)

    def check(name: str, field: str, value: Any, known: set[str], what: str) -> None:
        if isinstance(value, str) and value not in known:
            problems.append(f"{name}: {field} '{value}' is not {what}")

    for index, step in _items(document, "steps"):
        name = element_name("steps", index, step)
        check(name, "lane", step.get("lane"), lane_ids, "a lane")
        if step.get("phase") is not None:
            check(name, "phase", step.get("phase"), phase_ids, "a phase")
    for index, flow in _items(document, "flows"):
        name = element_name("flows", index, flow)
        check(name, "source", flow.get("source"), step_ids, "a step")
        check(name, "target", flow.get("target"), step_ids, "a step")
    for index, comment in _items(document, "comments"):
        if comment.get("target") is not None:
            name = element_name("comments", index, comment)
            check(name, "target", comment.get("target"), all_ids, "an element of this map")
    return problems
