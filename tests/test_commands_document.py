"""MapDocument notices, revision and saved point; History undo, redo, merging and clean state."""

from __future__ import annotations

import pytest

from pathmapper.commands import (
    AddStep,
    Change,
    CompositeCommand,
    MoveSteps,
    RemoveElements,
    SetFields,
)
from pathmapper.model import Step
from tests.test_commands_helpers import Editing, small_map


def test_a_rename_notifies_one_change_naming_only_the_name() -> None:
    editing = Editing(small_map())
    changes = editing.push(SetFields("gp", {"name": "GP surgery"}))
    assert changes == [Change("changed", "lane", "gp", frozenset({"name"}))]
    assert editing.history.undo_text == "Rename lane"


def test_only_fields_whose_value_differs_are_named() -> None:
    editing = Editing(small_map())
    changes = editing.push(SetFields("s1", {"label": "Patient presents", "owner": "Nurse"}))
    assert changes == [Change("changed", "step", "s1", frozenset({"owner"}))]


def test_map_fields_notify_with_kind_map() -> None:
    editing = Editing(small_map())
    changes = editing.push(SetFields("map-1", {"title": "Echo referral", "state": "to_be"}))
    assert changes == [Change("changed", "map", "map-1", frozenset({"title", "state"}))]
    assert editing.map.title == "Echo referral"


def test_a_drag_notifies_moved_with_the_position_fields() -> None:
    editing = Editing(small_map())
    changes = editing.push(MoveSteps({"s1": (100, 30, None), "s3": (300, 20, "echo")}))
    assert changes == [
        Change("moved", "step", "s1", frozenset({"x"})),
        Change("moved", "step", "s3", frozenset({"x", "y", "lane"})),
    ]


def test_removal_notices_arrive_after_the_command_in_dependency_order() -> None:
    editing = Editing(small_map())
    seen_while_notified: list[list[str]] = []
    editing.document.subscribe(lambda _change: seen_while_notified.append(editing.map.problems()))
    changes = editing.push(RemoveElements(["s2"]))
    assert [(c.action, c.kind, c.element_id) for c in changes] == [
        ("removed", "comment", "c1"),
        ("removed", "flow", "f1"),
        ("removed", "flow", "f2"),
        ("removed", "step", "s2"),
    ]
    # batched: every listener saw the finished map, never a half-deleted one
    assert seen_while_notified == [[], [], [], []]


def test_batch_holds_notices_until_the_outermost_batch_ends() -> None:
    editing = Editing(small_map())
    document = editing.document
    editing.changes.clear()
    with document.batch():
        with document.batch():
            document.set_fields("s1", {"label": "Presents"})
        assert editing.changes == []
        document.set_fields("s2", {"label": "Echo scan"})
        assert editing.changes == []
        assert document.revision == 2
    assert [c.element_id for c in editing.changes] == ["s1", "s2"]


def test_unsubscribe_stops_notices() -> None:
    editing = Editing(small_map())
    received: list[Change] = []
    unsubscribe = editing.document.subscribe(received.append)
    editing.push(SetFields("gp", {"name": "Practice"}))
    unsubscribe()
    editing.push(SetFields("gp", {"name": "Practice team"}))
    assert len(received) == 1


def test_revision_and_modified_follow_changes_and_the_saved_point() -> None:
    editing = Editing(small_map())
    document = editing.document
    assert document.revision == 0 and not document.is_modified
    editing.push(SetFields("gp", {"name": "Practice"}))
    assert document.revision == 1 and document.is_modified
    editing.history.set_clean()
    assert not document.is_modified and editing.history.is_clean
    editing.history.undo()
    assert document.revision == 2 and document.is_modified
    assert not editing.history.is_clean
    editing.history.redo()
    assert editing.history.is_clean


def test_history_texts_and_limits() -> None:
    editing = Editing(small_map())
    history = editing.history
    assert not history.can_undo and not history.can_redo
    with pytest.raises(IndexError):
        history.undo()
    editing.push(MoveSteps({"s1": (1, 2, None), "s2": (3, 4, None), "s3": (5, 6, None)}))
    assert history.undo_text == "Move 3 steps"
    history.undo()
    assert history.redo_text == "Move 3 steps" and history.can_redo
    editing.push(RemoveElements(["s3"]))
    assert not history.can_redo, "a new command drops what could have been redone"
    assert history.count == 1


def test_nudges_of_the_same_steps_merge_into_one_undo_step() -> None:
    editing = Editing(small_map())
    before = editing.snapshot()
    for x in (41, 42, 43):
        editing.push(MoveSteps({"s1": (x, 30, None)}, nudge=True))
    assert editing.history.count == 1
    assert editing.map.step("s1").x == 43  # type: ignore[union-attr]
    editing.history.undo()
    assert editing.snapshot() == before


def test_nudges_of_other_steps_and_drags_do_not_merge() -> None:
    editing = Editing(small_map())
    editing.push(MoveSteps({"s1": (41, 30, None)}, nudge=True))
    editing.push(MoveSteps({"s1": (41, 30, None), "s2": (5, 5, None)}, nudge=True))
    editing.push(MoveSteps({"s1": (60, 30, None)}))
    editing.push(MoveSteps({"s1": (70, 30, None)}))
    assert editing.history.count == 4


def test_typing_into_one_field_is_one_undo_step() -> None:
    editing = Editing(small_map())
    before = editing.snapshot()
    for text in ("E", "Ec", "Ech", "Echo department"):
        editing.push(SetFields("echo", {"name": text}))
    editing.push(SetFields("echo", {"organisation": "Hospital"}))
    assert editing.history.count == 2
    editing.history.undo()
    assert editing.map.lane("echo").name == "Echo department"  # type: ignore[union-attr]
    editing.history.undo()
    assert editing.snapshot() == before


def test_no_merge_into_the_saved_state() -> None:
    editing = Editing(small_map())
    editing.push(SetFields("echo", {"name": "Echo"}))
    editing.history.set_clean()
    editing.push(SetFields("echo", {"name": "Echo lab"}))
    assert editing.history.count == 2
    editing.history.undo()
    assert editing.history.is_clean


def test_a_composite_that_fails_part_way_changes_nothing() -> None:
    editing = Editing(small_map())
    before = editing.snapshot()
    good = AddStep(Step(id="s9", kind="activity", lane="gp"))
    bad = SetFields("s1", {"wait": "P1M"})
    with pytest.raises(ValueError, match="months and years are ambiguous"):
        editing.history.push(CompositeCommand("Add and change", [good, bad]))
    assert editing.snapshot() == before
    assert editing.history.count == 0


def test_replacing_the_whole_map_notifies_reset() -> None:
    editing = Editing(small_map())
    other = small_map()
    other.title = "Reverted"
    editing.document.replace_map(other)
    assert editing.changes == [Change("reset", "map", "map-1")]
    assert editing.map is other


def test_notices_of_a_batch_that_raises_are_still_delivered() -> None:
    editing = Editing(small_map())
    with pytest.raises(RuntimeError), editing.document.batch():
        editing.document.set_fields("s1", {"label": "Presents"})
        raise RuntimeError("interrupted")
    assert editing.changes == [Change("changed", "step", "s1", frozenset({"label"}))]
