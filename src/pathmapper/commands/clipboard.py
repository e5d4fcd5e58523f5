"""Copy, paste and duplicate: a selection as a JSON fragment, pasted with new ids.

`copy_fragment` takes the selected steps (and the steps of selected lanes), the arrows between
them, the comments on them, and the lanes and phases they use. `Paste` inserts copies with new
ids, reconnecting arrows and comments to the copies. Lanes and phases are found in the target
map by id, then by name; only those it lacks are created, so a fragment copied from one map
pastes into another open map. The fragment is plain JSON, so it can travel on the system
clipboard as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from pathmapper.commands.adding import AddElement
from pathmapper.commands.base import Command, CompositeCommand
from pathmapper.commands.checks import validation_message
from pathmapper.commands.document import MapDocument
from pathmapper.model import (
    SCHEMA_VERSION,
    Comment,
    Flow,
    Lane,
    PathMap,
    Phase,
    Step,
    new_id,
)

FRAGMENT_FORMAT = "pathmapper-fragment"
DUPLICATE_OFFSET = (20.0, 20.0)

ModelT = TypeVar("ModelT", Lane, Phase, Step, Flow, Comment)


def copy_fragment(path_map: PathMap, ids: Iterable[str]) -> dict[str, Any]:
    """The selection as a JSON-able fragment (format "pathmapper-fragment")."""
    selected = set(ids)
    chosen_lanes = {lane.id for lane in path_map.lanes if lane.id in selected}
    chosen_phases = {phase.id for phase in path_map.phases if phase.id in selected}
    steps = [step for step in path_map.steps if step.id in selected or step.lane in chosen_lanes]
    step_ids = {step.id for step in steps}
    flows = [flow for flow in path_map.flows if flow.source in step_ids and flow.target in step_ids]
    copied = step_ids | {flow.id for flow in flows} | chosen_lanes | chosen_phases
    comments: list[Comment] = []
    for comment in path_map.comments:  # comments before the ones stuck on them
        on_copied = comment.target in copied
        if on_copied or (comment.id in selected and comment.target is None):
            comments.append(comment)
            copied.add(comment.id)
    lane_ids = chosen_lanes | {step.lane for step in steps}
    phase_ids = chosen_phases | {step.phase for step in steps if step.phase is not None}
    return {
        "format": FRAGMENT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "lanes": [lane.to_document() for lane in path_map.lanes if lane.id in lane_ids],
        "phases": [phase.to_document() for phase in path_map.phases if phase.id in phase_ids],
        "steps": [step.to_document() for step in steps],
        "flows": [flow.to_document() for flow in flows],
        "comments": [comment.to_document() for comment in comments],
    }


class Paste(CompositeCommand):
    """Insert copies of a fragment's elements with new ids.

    `target_lane` puts every step in that lane (the lane under the mouse); otherwise steps go
    to the matching lanes. `offset` shifts positions (dx, dy). After the first redo,
    `pasted_ids` holds the new steps, arrows and comments (to select them) and `new_lane_ids`,
    `new_phase_ids` the lanes and phases that had to be created.
    """

    def __init__(
        self,
        fragment: Mapping[str, Any],
        target_lane: str | None = None,
        offset: tuple[float, float] = (0.0, 0.0),
        text: str = "Paste",
    ) -> None:
        super().__init__(text)
        self.lanes = _parsed(fragment, "lanes", Lane)
        self.phases = _parsed(fragment, "phases", Phase)
        self.steps = _parsed(fragment, "steps", Step)
        self.flows = _parsed(fragment, "flows", Flow)
        self.comments = _parsed(fragment, "comments", Comment)
        if not (self.steps or self.comments or self.lanes or self.phases):
            raise ValueError("the clipboard holds nothing to paste")
        self.target_lane = target_lane
        self.offset = offset
        self.pasted_ids: list[str] = []
        self.new_lane_ids: list[str] = []
        self.new_phase_ids: list[str] = []
        self._planned = False

    def redo(self, document: MapDocument) -> None:
        if not self._planned:
            self.children = self._plan(document.path_map)
            self._planned = True
        super().redo(document)

    def _plan(self, path_map: PathMap) -> list[Command]:
        additions: list[Command] = []
        new_ids: dict[str, str] = {}
        if self.target_lane is not None:
            if path_map.lane(self.target_lane) is None:
                raise ValueError(f"cannot paste into '{self.target_lane}': it is not a lane here")
            new_ids.update({lane.id: self.target_lane for lane in self.lanes})
        else:
            for lane in self.lanes:
                found = _matching_lane(path_map, lane)
                new_ids[lane.id] = _found_or_added(found, lane, additions, self.new_lane_ids)
        for phase in self.phases:
            found_phase = _matching_phase(path_map, phase)
            new_ids[phase.id] = _found_or_added(found_phase, phase, additions, self.new_phase_ids)
        copied_ids = [item.id for item in self.steps]
        copied_ids += [item.id for item in self.flows] + [item.id for item in self.comments]
        new_ids.update({old_id: new_id() for old_id in copied_ids})
        dx, dy = self.offset
        for step in self.steps:
            lane_id = self.target_lane or new_ids.get(step.lane, step.lane)
            update: dict[str, Any] = {"id": new_ids[step.id], "lane": lane_id}
            if step.phase is not None:
                update["phase"] = new_ids.get(step.phase, step.phase)
            if step.x is not None:
                update["x"] = step.x + dx
            if step.y is not None:
                update["y"] = step.y + dy
            additions.append(AddElement(step.model_copy(update=update, deep=True)))
        for flow in self.flows:
            if flow.source not in new_ids or flow.target not in new_ids:
                raise ValueError("the clipboard holds an arrow without both of its steps")
            update = {"id": new_ids[flow.id], "source": new_ids[flow.source]}
            update["target"] = new_ids[flow.target]
            additions.append(AddElement(flow.model_copy(update=update, deep=True)))
        for comment in _targets_first(self.comments):
            if comment.target is not None and comment.target not in new_ids:
                raise ValueError("the clipboard holds a comment on something it does not hold")
            target = None if comment.target is None else new_ids[comment.target]
            update = {"id": new_ids[comment.id], "target": target}
            additions.append(AddElement(comment.model_copy(update=update, deep=True)))
        self.pasted_ids = [new_ids[old_id] for old_id in copied_ids]
        return additions


def duplicate(
    path_map: PathMap, ids: Iterable[str], offset: tuple[float, float] = DUPLICATE_OFFSET
) -> Paste:
    """Copy and paste in one: copies of the selection, shifted a little, in the same lanes."""
    return Paste(copy_fragment(path_map, ids), offset=offset, text="Duplicate")


def _parsed(fragment: Mapping[str, Any], key: str, model: type[ModelT]) -> list[ModelT]:
    if not isinstance(fragment, Mapping) or fragment.get("format") != FRAGMENT_FORMAT:
        raise ValueError("the clipboard does not hold pathmapper steps")
    version = fragment.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > SCHEMA_VERSION:
        raise ValueError("the clipboard holds steps from a newer pathmapper: update pathmapper")
    items = fragment.get(key, [])
    if not isinstance(items, list):
        raise ValueError(f"the clipboard's {key} are not a list")
    parsed: list[ModelT] = []
    for number, item in enumerate(items, start=1):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as error:
            raise ValueError(validation_message(f"copied {key[:-1]} {number}", error)) from None
    return parsed


def _found_or_added(
    found: ModelT | None, copied: ModelT, additions: list[Command], created_ids: list[str]
) -> str:
    """The id of the lane or phase `found` in the target map; when there is none, of a copy
    of `copied` with a new id, added by a command in `additions` and listed in `created_ids`."""
    if found is None:
        found = copied.model_copy(update={"id": new_id()}, deep=True)
        additions.append(AddElement(found))
        created_ids.append(found.id)
    return found.id


def _same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _matching_lane(path_map: PathMap, lane: Lane) -> Lane | None:
    same_id = path_map.lane(lane.id)
    if same_id is not None:
        return same_id
    named = [other for other in path_map.lanes if _same_name(other.name, lane.name)]
    same_organisation = [
        other for other in named if _same_name(other.organisation_name, lane.organisation_name)
    ]
    candidates = same_organisation or named
    return candidates[0] if candidates else None


def _matching_phase(path_map: PathMap, phase: Phase) -> Phase | None:
    same_id = path_map.phase(phase.id)
    if same_id is not None:
        return same_id
    return next((other for other in path_map.phases if _same_name(other.name, phase.name)), None)


def _targets_first(comments: list[Comment]) -> list[Comment]:
    """Comments ordered so that a comment on a comment comes after the one it is on."""
    pending = list(comments)
    ordered: list[Comment] = []
    while pending:
        waiting_ids = {comment.id for comment in pending}
        ready = [comment for comment in pending if comment.target not in waiting_ids]
        if not ready:  # a cycle of comments on each other: keep the given order
            return ordered + pending
        ordered += ready
        placed = {comment.id for comment in ready}
        pending = [comment for comment in pending if comment.id not in placed]
    return ordered
