"""Checks a command makes before it changes anything, with messages for the workshop room.

Elements are named as people know them ("step 'Echo' in Echo department"), not by UUID.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from pathmapper.commands.document import Element
from pathmapper.model import Comment, Flow, Lane, PathMap, Phase, Step
from pathmapper.model.rules import unresolved_references


def describe(path_map: PathMap, element: Element | PathMap) -> str:
    """How a message names an element."""
    if isinstance(element, PathMap):
        return f"the map '{element.title}'" if element.title else "the map"
    if isinstance(element, Step):
        lane = path_map.lane(element.lane)
        where = f" in {lane.name}" if lane is not None and lane.name else ""
        return f"step '{element.label}'{where}" if element.label else f"a step{where}"
    if isinstance(element, Lane):
        return f"lane '{element.name}'" if element.name else "a lane without a name"
    if isinstance(element, Phase):
        return f"phase '{element.name}'" if element.name else "a phase without a name"
    if isinstance(element, Flow):
        source, target = path_map.step(element.source), path_map.step(element.target)
        if source is not None and target is not None:
            return f"the arrow from '{source.label}' to '{target.label}'"
        return "an arrow"
    text = element.text if len(element.text) <= 30 else element.text[:27] + "..."
    return f"comment '{text}'" if text else "a comment"


def element_or_refuse(path_map: PathMap, element_id: str) -> Element:
    element = path_map.element(element_id)
    if element is None:
        raise ValueError(f"nothing with id '{element_id}' is on this map (was it deleted?)")
    return element


COLLECTION_OF: dict[type[Element], str] = {
    Lane: "lanes",
    Phase: "phases",
    Step: "steps",
    Flow: "flows",
    Comment: "comments",
}


def element_reference_problems(path_map: PathMap, element: Element) -> list[str]:
    """What this element (as it would be) refers to that is not on the map: the file's rules
    (`model.rules.REFERENCES`), the element named as people know it."""
    getters = {"lanes": path_map.lane, "phases": path_map.phase, "steps": path_map.step}

    def is_known(collection: str | None, value: str) -> bool:
        if collection is None:
            return value == path_map.id or path_map.element(value) is not None
        return getters[collection](value) is not None

    collection = COLLECTION_OF[type(element)]
    name = describe(path_map, element)
    raw = element.model_dump()
    return [f"{name}: {problem}" for problem in unresolved_references(collection, raw, is_known)]


def refuse_problems(problems: list[str]) -> None:
    if len(problems) == 1:
        raise ValueError(problems[0])
    if problems:
        raise ValueError(f"{len(problems)} problems: " + "; ".join(problems))


def validation_message(subject: str, error: ValidationError) -> str:
    """A pydantic error as one line: what is wrong with which field, and what would do."""
    parts = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"])
        kind = detail["type"]
        context = detail.get("ctx") or {}
        value = _show(detail.get("input"))
        if kind == "literal_error":
            parts.append(f"{field} {value} is not one of {context.get('expected', '')}")
        elif kind == "value_error":
            parts.append(f"{field}: {context.get('error', detail['msg'])}")
        elif kind == "missing":
            parts.append(f"{field} is missing")
        elif kind == "string_pattern_mismatch":
            parts.append(f"{field} {value} is not a colour like #1f77b4")
        else:
            parts.append(f"{field} {value}: {detail['msg'].lower()}")
    return f"{subject}: " + "; ".join(parts)


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
