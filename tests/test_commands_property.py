"""Undo is exact (issue #10): random edit sequences on a sample map, undone and redone.

Every command is checked on the way: the map stays valid, a refused command changes nothing,
and the change notices are precise enough for a listener to keep an exact copy of the map.
Undoing everything gives back the original map; redoing everything gives the same final map.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathmapper.commands import (
    AddComment,
    AddFlow,
    AddLane,
    AddPhase,
    AddStep,
    Change,
    Command,
    MapDocument,
    MoveLane,
    MovePhase,
    MoveSteps,
    Paste,
    ReconnectFlow,
    RemoveElements,
    ResizeLane,
    SetFields,
    add_next_step,
    copy_fragment,
    duplicate,
)
from pathmapper.model import COMMENT_KINDS, STEP_KINDS, Comment, Flow, Lane, PathMap, Phase, Step
from tests.test_commands_helpers import Editing, cardiology_map

COLLECTIONS = ("lanes", "phases", "steps", "flows", "comments")
coordinates = st.floats(min_value=-500, max_value=3000, allow_nan=False).map(lambda v: round(v, 1))
labels = st.text(alphabet="abcdefghij -", max_size=12)


class Mirror:
    """What a listener can know from the notices alone: every element's fields, by id."""

    def __init__(self, document: MapDocument) -> None:
        self.document = document
        self.copy = self.actual()
        document.subscribe(self.apply)

    def actual(self) -> dict[str, dict[str, Any]]:
        path_map = self.document.path_map
        result = {item.id: item.to_document() for item in path_map.elements()}
        result["map"] = map_fields(path_map)
        return result

    def apply(self, change: Change) -> None:
        path_map = self.document.path_map
        if change.action == "added":
            self.copy[change.element_id] = path_map.element(change.element_id).to_document()  # type: ignore[union-attr]
        elif change.action == "removed":
            del self.copy[change.element_id]
        elif change.action in ("changed", "moved"):
            key = "map" if change.kind == "map" else change.element_id
            fresh = map_fields(path_map) if change.kind == "map" else self.actual()[key]
            for name in change.fields:
                if name in fresh:
                    self.copy[key][name] = fresh[name]
                else:
                    self.copy[key].pop(name, None)


def map_fields(path_map: PathMap) -> dict[str, Any]:
    return {k: v for k, v in path_map.to_document().items() if k not in COLLECTIONS}


Draw = Callable[[st.SearchStrategy[Any]], Any]


def ids_of(path_map: PathMap, collection: str) -> list[str]:
    return [item.id for item in getattr(path_map, collection)]


def pick(draw: Draw, path_map: PathMap, collection: str) -> str | None:
    ids = ids_of(path_map, collection)
    return draw(st.sampled_from(ids)) if ids else None


def random_command(draw: Draw, document: MapDocument, serial: int) -> Command | None:
    """One edit the facilitator might make now; None when the map has nothing to make it on."""
    path_map = document.path_map
    action = draw(
        st.sampled_from(
            [
                "add step", "next step", "add flow", "add lane", "add phase", "add comment",
                "delete", "move", "nudge", "relabel", "retype", "reconnect", "move lane",
                "move phase", "resize lane", "paste", "duplicate", "edit map",
            ]
        )
    )  # fmt: skip
    step_id = pick(draw, path_map, "steps")
    lane_id = pick(draw, path_map, "lanes")
    new = f"new-{serial}"
    if action == "add step" and lane_id:
        step = Step(
            id=new, kind=draw(st.sampled_from(STEP_KINDS)), label=draw(labels), lane=lane_id
        )
        return AddStep(step, index=draw(st.sampled_from([None, 0])))
    if action == "next step" and step_id:
        return add_next_step(document, step_id, lane_id=draw(st.sampled_from([None, lane_id])))
    if action == "add flow" and step_id:
        target = pick(draw, path_map, "steps")
        return AddFlow(Flow(id=new, source=step_id, target=target or step_id))
    if action == "add lane":
        index = draw(st.integers(0, len(path_map.lanes)))
        return AddLane(Lane(id=new, name=draw(labels)), index=index)
    if action == "add phase":
        return AddPhase(Phase(id=new, name=draw(labels)), index=0)
    if action == "add comment":
        everything = [item.id for item in path_map.elements()]
        target = draw(st.sampled_from([None, *everything]))
        kind = draw(st.sampled_from(COMMENT_KINDS))
        return AddComment(Comment(id=new, target=target, kind=kind, text=draw(labels)))
    if action == "delete":
        everything = [item.id for item in path_map.elements()]
        if everything:
            chosen = draw(st.lists(st.sampled_from(everything), min_size=1, max_size=3))
            return RemoveElements(chosen)
    if action in ("move", "nudge") and step_id:
        steps = draw(st.lists(st.sampled_from(ids_of(path_map, "steps")), min_size=1, max_size=3))
        lane = draw(st.sampled_from([None, lane_id]))
        moves = {s: (draw(coordinates), draw(coordinates), lane) for s in steps}
        return MoveSteps(moves, nudge=action == "nudge")
    if action == "relabel":
        target = draw(st.sampled_from([step_id, lane_id, pick(draw, path_map, "phases")]))
        if target:
            field = "label" if path_map.step(target) else "name"
            return SetFields(target, {field: draw(labels)})
    if action == "retype" and step_id:
        changes = {
            "kind": draw(st.sampled_from(STEP_KINDS)),
            "wait": draw(st.sampled_from([None, "P2D", "PT30M", "P1M"])),  # P1M is refused
            "value_added": draw(st.booleans()),
        }
        return SetFields(step_id, changes)
    flow_id = pick(draw, path_map, "flows")
    if action == "reconnect" and flow_id and step_id:
        return ReconnectFlow(flow_id, **{draw(st.sampled_from(["source", "target"])): step_id})
    if action == "move lane" and lane_id:
        return MoveLane(lane_id, draw(st.integers(0, len(path_map.lanes) - 1)))
    phase_id = pick(draw, path_map, "phases")
    if action == "move phase" and phase_id:
        return MovePhase(phase_id, draw(st.integers(0, len(path_map.phases) - 1)))
    if action == "resize lane" and lane_id:
        return ResizeLane(lane_id, draw(st.floats(min_value=40, max_value=400)))
    if action in ("paste", "duplicate") and step_id:
        chosen = draw(st.lists(st.sampled_from(ids_of(path_map, "steps")), min_size=1, max_size=4))
        if action == "duplicate":
            return duplicate(path_map, chosen)
        target_lane = draw(st.sampled_from([None, lane_id]))
        return Paste(copy_fragment(path_map, chosen), target_lane=target_lane, offset=(0, 80))
    if action == "edit map":
        return SetFields(path_map.id, {"title": draw(labels), "state": "to_be"})
    return None


SAMPLE = cardiology_map().to_document()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undoing_everything_restores_the_map_and_redoing_reaches_the_same_end(
    data: st.DataObject,
) -> None:
    editing = Editing(PathMap.model_validate(SAMPLE))
    mirror = Mirror(editing.document)
    history = editing.history
    original = editing.snapshot()
    states = {0: original}  # the map after each entry of the history
    for serial in range(data.draw(st.integers(1, 12), label="number of edits")):
        command = random_command(data.draw, editing.document, serial)
        if command is None:
            continue
        before = editing.snapshot()
        try:
            history.push(command)
        except ValueError:
            assert editing.snapshot() == before, f"refused {command.text!r} changed the map"
            continue
        assert editing.map.problems() == [], command.text
        assert mirror.copy == mirror.actual(), f"notices of {command.text!r} were not precise"
        states[history.index] = editing.snapshot()
    final = editing.snapshot()

    while history.can_undo:
        history.undo()
        assert editing.snapshot() == states[history.index]
        assert editing.map.problems() == []
        assert mirror.copy == mirror.actual()
    assert editing.snapshot() == original

    while history.can_redo:
        history.redo()
        assert editing.snapshot() == states[history.index]
        assert mirror.copy == mirror.actual()
    assert editing.snapshot() == final
