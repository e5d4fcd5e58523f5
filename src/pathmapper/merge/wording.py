"""Merge changes and conflicts in words for the room: elements named by label and lane, never
by id. Shared by `pathmapper merge` and the editor's merge dialog. No Qt."""

from __future__ import annotations

import json
from typing import Any

from pathmapper.merge.outcome import MergeChange, MergeConflict, MergeResult
from pathmapper.model import DurationError, PathMap, describe_minutes, iso_to_minutes

__all__ = ["ElementNamer", "count", "describe_change", "describe_conflict", "who"]


class ElementNamer:
    """Names elements the way the room knows them: by label and lane, not by id. It looks in
    each map in turn (the merged map first, then the base and the copies)."""

    def __init__(self, maps: list[PathMap]) -> None:
        self.maps = maps

    def element(self, kind: str, element_id: str) -> str:
        if kind == "map":
            return "the map"
        for path_map in self.maps:
            found = path_map.element(element_id)
            if found is None:
                continue
            if kind == "step":
                step = path_map.step(element_id)
                assert step is not None
                lane = path_map.lane(step.lane)
                return f"step '{step.label}' in {lane.name if lane else 'a lane'}"
            if kind == "flow":
                flow = path_map.flow(element_id)
                assert flow is not None
                return (
                    f"arrow from {self.step_label(flow.source)} to {self.step_label(flow.target)}"
                )
            if kind == "comment":
                comment = path_map.comment(element_id)
                assert comment is not None
                return f"comment {short(comment.text)}"
            return f"{kind} '{getattr(found, 'name', '')}'"
        return f"{kind} {element_id}"

    def step_label(self, step_id: str) -> str:
        for path_map in self.maps:
            step = path_map.step(step_id)
            if step is not None:
                return f"'{step.label}'"
        return "a removed step"


def short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 50 else text[:47] + "...'"


FIELD_WORDS = {
    "value_added": "value-adding",
    "patient_contact": "patient contact",
    "expected_loop": "expected loop",
    "wait": "wait",
    "duration": "time taken",
}


def field_text(field: str | None) -> str:
    """A field as the room says it: `patient contact`, not `patient_contact`."""
    return FIELD_WORDS.get(field or "", (field or "").replace("_", " "))


def value_text(value: Any, field: str | None = None) -> str:
    """A value as the room reads it: `2w` for a wait of P2W, yes/no for true/false."""
    if value is None:
        return "(none)" if field not in ("wait", "duration") else "(unknown)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field in ("wait", "duration") and isinstance(value, str):
        try:
            return describe_minutes(iso_to_minutes(value))
        except DurationError:
            return short(value)
    return short(value)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def who(result: MergeResult, label: str) -> str:
    """A copy's name with the authors of the comments it added: `copy.json (Practice nurse)`."""
    authors = result.copy_authors.get(label, [])
    return f"{label} ({', '.join(authors)})" if authors else label


def describe_change(change: MergeChange, namer: ElementNamer, with_copy: bool = True) -> str:
    """`copy.json: step 'Echo' in Cardiology: label 'Echo' -> 'Echo scan'`; without the
    copy's name when `with_copy` is false (a list that shows who made it beside it)."""
    what = namer.element(change.element_kind, change.element_id)
    if change.action == "added":
        text = f"{what}: added"
    elif change.action == "removed":
        text = f"{what}: removed"
    else:
        text = (
            f"{what}: {field_text(change.field)} {value_text(change.base_value, change.field)} "
            f"-> {value_text(change.new_value, change.field)}"
        )
    if change.also_from:
        text += f" (also in {', '.join(change.also_from)})"
    if change.reason:
        text += f" ({change.reason})"
    return f"{change.copy_label}: {text}" if with_copy else text


def describe_conflict(
    conflict: MergeConflict,
    namer: ElementNamer,
    result: MergeResult,
    with_resolution: bool = True,
) -> list[str]:
    """The conflict's headline, then one indented line per copy (and the value as sent), then
    how it was settled unless `with_resolution` is false."""
    what = namer.element(conflict.element_kind, conflict.element_id)
    if conflict.field is None:
        lines = [f"{what}: removed in one copy, changed in another"]
        base = conflict.base_value
        for label, value in conflict.values.items():
            if value is None:
                lines.append(f"    {who(result, label)}: removed it")
            else:
                fields = sorted(k for k in {*value, *base} if value.get(k) != base.get(k))
                changed = f"changed {', '.join(fields)}" if fields else "kept it as sent"
                lines.append(f"    {who(result, label)}: {changed}")
    else:
        field = conflict.field
        lines = [f"{what}: {field_text(field)} changed differently"]
        lines.append(f"    as sent: {value_text(conflict.base_value, field)}")
        for label, value in conflict.values.items():
            lines.append(f"    {who(result, label)}: {value_text(value, field)}")
    if conflict.note:
        lines.append(f"    {conflict.note}")
    if not with_resolution:
        return lines
    if conflict.resolution is None:
        lines.append("    left as sent: decide in the editor, or merge again with --take")
    elif conflict.resolution == "base":
        lines.append("    settled: kept as sent")
    else:
        lines.append(f"    settled: took {conflict.resolution}")
    return lines
