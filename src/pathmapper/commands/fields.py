"""SetFields: the one command that changes any fields of any element, or of the map itself.

The properties dock edits everything through it. New values are validated against the
pydantic model and the map's references before anything changes; consecutive edits of the same
fields of the same element merge into one undo step (typing into a field).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from pathmapper.commands.base import Command
from pathmapper.commands.checks import (
    describe,
    element_or_refuse,
    element_reference_problems,
    refuse_problems,
    validation_message,
)
from pathmapper.commands.document import Element, MapDocument, kind_of
from pathmapper.model import PathMap

# Fields no edit may change: ids are what merging returned copies relies on, and the map's
# lists change only through the element commands.
FIXED_FIELDS = frozenset({"id"})
MAP_FIXED_FIELDS = frozenset(
    {"id", "format", "schema_version", "lanes", "phases", "steps", "flows", "comments"}
)
RENAME_FIELDS = frozenset({"name", "label", "title"})


class SetFields(Command):
    """Give some fields of one element (or of the map, by the map's id) new values.

    Raises ValueError on redo, changing nothing, when a name is not a field of that element, a
    value is not valid for its field, or a reference does not resolve.
    """

    def __init__(
        self,
        element_id: str,
        changes: Mapping[str, Any],
        text: str | None = None,
        merge: bool = True,
        action: Literal["changed", "moved"] = "changed",
    ) -> None:
        if not changes:
            raise ValueError("nothing to change: give at least one field")
        self.element_id = element_id
        self.changes = dict(changes)
        self._fixed_text = text
        self.text = text or "Change " + ", ".join(name.replace("_", " ") for name in changes)
        self.merge_key = ("set-fields", element_id, frozenset(changes)) if merge else None
        self._action: Literal["changed", "moved"] = action
        self._new: dict[str, Any] | None = None
        self._old: dict[str, Any] = {}

    def redo(self, document: MapDocument) -> None:
        if self._new is None:
            self._new, self._old = self._checked_values(document)
        document.set_fields(self.element_id, copy.deepcopy(self._new), self._action)

    def undo(self, document: MapDocument) -> None:
        document.set_fields(self.element_id, copy.deepcopy(self._old), self._action)

    def merge_with(self, other: Command) -> bool:
        if not isinstance(other, SetFields) or not self.can_merge(other) or other._new is None:
            return False
        self._new = other._new
        self.changes = other.changes
        return True

    def _checked_values(self, document: MapDocument) -> tuple[dict[str, Any], dict[str, Any]]:
        path_map = document.path_map
        target: PathMap | Element = (
            path_map
            if self.element_id == path_map.id
            else element_or_refuse(path_map, self.element_id)
        )
        subject = describe(path_map, target)
        self._name_text(target)
        self._refuse_unknown_names(target, subject)
        candidate = _validated_copy(target, self.changes, subject)
        if not isinstance(candidate, PathMap):
            refuse_problems(element_reference_problems(path_map, candidate))
        new = {name: _field_value(candidate, name) for name in self.changes}
        old = {name: copy.deepcopy(_field_value(target, name)) for name in self.changes}
        return new, old

    def _name_text(self, target: PathMap | Element) -> None:
        if self._fixed_text is not None:
            return
        kind = "map" if isinstance(target, PathMap) else kind_of(target)
        names = set(self.changes)
        if names and names <= RENAME_FIELDS:
            self.text = f"Rename {kind}"
        elif len(names) == 1:
            self.text = f"Change {kind} {next(iter(names)).replace('_', ' ')}"
        else:
            self.text = f"Change {kind}"

    def _refuse_unknown_names(self, target: PathMap | Element, subject: str) -> None:
        fields = type(target).model_fields
        fixed = MAP_FIXED_FIELDS if isinstance(target, PathMap) else FIXED_FIELDS
        extras = target.__pydantic_extra__ or {}
        for name in self.changes:
            if name in fixed:
                raise ValueError(f"{subject}: its {name} cannot be changed")
            if name not in fields and name not in extras:
                known = ", ".join(sorted(set(fields) - fixed))
                raise ValueError(f"{subject} has no field '{name}' (its fields are: {known})")


def _validated_copy(
    target: PathMap | Element, changes: Mapping[str, Any], subject: str
) -> PathMap | Element:
    document = target.to_document()
    if isinstance(target, PathMap):
        document = {key: value for key, value in document.items() if key not in MAP_FIXED_FIELDS}
    try:
        return type(target).model_validate({**document, **changes})
    except ValidationError as error:
        raise ValueError(validation_message(subject, error)) from None


def _field_value(model: BaseModel, name: str) -> Any:
    if name in type(model).model_fields:
        return getattr(model, name)
    return (model.__pydantic_extra__ or {})[name]


class ResizeLane(SetFields):
    """Give a lane a new height in points."""

    def __init__(self, lane_id: str, height: float) -> None:
        super().__init__(lane_id, {"height": height}, text="Resize lane")


class ResizePhase(SetFields):
    """Give a phase a new width in points."""

    def __init__(self, phase_id: str, width: float) -> None:
        super().__init__(phase_id, {"width": width}, text="Resize phase")


class ReconnectFlow(SetFields):
    """Attach one or both ends of an arrow to other steps."""

    def __init__(self, flow_id: str, source: str | None = None, target: str | None = None) -> None:
        ends = {name: value for name, value in (("source", source), ("target", target)) if value}
        if not ends:
            raise ValueError("reconnecting an arrow needs a new source or a new target step")
        super().__init__(flow_id, ends, text="Reconnect arrow", merge=False)
