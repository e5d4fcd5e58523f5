"""Each edit command does, undoes and redoes exactly; deletions cascade; bad values are refused."""

from __future__ import annotations

import pytest

from pathmapper.commands import (
    AddComment,
    AddFlow,
    AddLane,
    AddPhase,
    AddStep,
    MoveLane,
    MovePhase,
    MoveSteps,
    ReconnectFlow,
    RemoveElements,
    ResizeLane,
    ResizePhase,
    SetFields,
    add_next_step,
)
from pathmapper.layout import COLUMN_SPACING
from pathmapper.model import Comment, Flow, Lane, Phase, Step
from tests.test_commands_helpers import Editing, cardiology_map, small_map


@pytest.mark.parametrize(
    "command",
    [
        AddStep(Step(id="s9", kind="wait", label="Waiting list", lane="echo")),
        AddStep(Step(id="s9", kind="activity", lane="gp", phase="referral"), index=0),
        AddFlow(Flow(id="f9", source="s3", target="s1", expected_loop=True)),
        AddLane(Lane(id="pt", name="Patient"), index=0),
        AddLane(Lane(id="pharm", name="Pharmacy", colour="#336699")),
        AddPhase(Phase(id="dx", name="Diagnosis"), index=0),
        AddComment(Comment(id="c9", target="f1", kind="idea", text="Refer straight to echo")),
        AddComment(Comment(id="c9", kind="question", text="Who owns the pathway?")),
        AddComment(Comment(id="c9", target="map-1", kind="gap")),
        SetFields("s2", {"label": "Echocardiogram", "duration": "PT45M", "tags": ["diagnostics"]}),
        SetFields("s2", {"wait": None}),
        SetFields("map-1", {"description": "Mapped at workshop 1"}),
        SetFields("c1", {"votes": 3}),
        MoveSteps({"s1": (10.5, 20, "echo"), "s2": (200, 40, None)}),
        MoveLane("echo", 0),
        MoveLane("gp", 1),
        ResizeLane("gp", 150),
        ResizePhase("referral", 320.5),
        ReconnectFlow("f1", target="s3"),
        ReconnectFlow("f2", source="s1", target="s1"),
        RemoveElements(["c1"]),
        RemoveElements(["f1", "s3"]),
    ],
    ids=lambda command: type(command).__name__,
)
def test_command_does_undoes_and_redoes_exactly(command: object) -> None:
    editing = Editing(small_map())
    editing.assert_exact(command)  # type: ignore[arg-type]


def test_add_step_puts_it_at_the_index() -> None:
    editing = Editing(small_map())
    editing.push(AddStep(Step(id="s9", kind="activity", lane="gp"), index=1))
    assert [step.id for step in editing.map.steps] == ["s1", "s9", "s2", "s3"]


def test_removing_a_step_takes_its_arrows_and_the_comments_on_them() -> None:
    editing = Editing(small_map())
    editing.push(AddComment(Comment(id="c2", target="f2", kind="pain_point")))
    editing.push(AddComment(Comment(id="c3", target="c2", kind="question")))
    editing.push(AddComment(Comment(id="c4", target="s1", kind="idea")))
    after = editing.assert_exact(RemoveElements(["s2"]))
    assert [step["id"] for step in after["steps"]] == ["s1", "s3"]
    assert after["flows"] == []
    assert [comment["id"] for comment in after["comments"]] == ["c4"]


def test_removing_a_lane_takes_its_steps_and_theirs() -> None:
    editing = Editing(cardiology_map())
    lane_steps = {step.id for step in editing.map.steps_in_lane("gp")}
    after = editing.assert_exact(RemoveElements(["gp"]))
    assert "gp" not in {lane["id"] for lane in after["lanes"]}
    remaining = {step["id"] for step in after["steps"]}
    assert lane_steps and not lane_steps & remaining
    assert all(f["source"] in remaining and f["target"] in remaining for f in after["flows"])


def test_removing_a_phase_clears_it_on_its_steps_and_undo_gives_it_back() -> None:
    editing = Editing(cardiology_map())
    in_phase = {step.id for step in editing.map.steps if step.phase == "triage"}
    assert in_phase
    after = editing.assert_exact(RemoveElements(["triage"]))
    assert all(step.get("phase") != "triage" for step in after["steps"])
    assert in_phase <= {step["id"] for step in after["steps"]}
    editing.history.undo()
    assert {step.id for step in editing.map.steps if step.phase == "triage"} == in_phase


def test_removing_a_mix_restores_every_list_position() -> None:
    editing = Editing(cardiology_map())
    mixed = [
        editing.map.lanes[2].id,
        editing.map.phases[0].id,
        editing.map.steps[5].id,
        editing.map.flows[10].id,
        editing.map.comments[-1].id,
    ]
    command = RemoveElements(mixed)
    editing.assert_exact(command)
    assert command.text == "Delete 5 items"
    assert set(mixed) <= set(command.removed_ids)


def test_delete_text_names_the_kind() -> None:
    editing = Editing(small_map())
    editing.push(RemoveElements(["f1", "f2"]))
    assert editing.history.undo_text == "Delete 2 arrows"


@pytest.mark.parametrize(
    ("element_id", "changes", "message"),
    [
        ("s2", {"wait": "P1M"}, "months and years are ambiguous"),
        ("s2", {"duration": "six weeks"}, "not an ISO 8601 duration"),
        ("s2", {"kind": "meeting"}, 'kind "meeting" is not one of'),
        ("s2", {"lane": "pharmacy"}, "lane 'pharmacy' is not a lane of this map"),
        ("s2", {"phase": "treatment"}, "phase 'treatment' is not a phase"),
        ("s2", {"x": "left"}, 'x "left"'),
        ("s2", {"colour": "#ff0000"}, "has no field 'colour'"),
        ("s2", {"id": "s99"}, "its id cannot be changed"),
        ("f1", {"target": "s404"}, "target 's404' is not a step"),
        ("c1", {"target": "gone"}, "target 'gone' is not an element of this map"),
        ("c1", {"votes": -1}, "votes"),
        ("gp", {"colour": "red"}, "is not a colour like #1f77b4"),
        ("gp", {"height": 0}, "height"),
        ("map-1", {"state": "final"}, 'state "final" is not one of'),
        ("map-1", {"steps": []}, "its steps cannot be changed"),
        ("nowhere", {"label": "x"}, "nothing with id 'nowhere'"),
    ],
)
def test_set_fields_refuses_bad_values_and_changes_nothing(
    element_id: str, changes: dict[str, object], message: str
) -> None:
    editing = Editing(small_map())
    before = editing.snapshot()
    with pytest.raises(ValueError, match=message):
        editing.push(SetFields(element_id, changes))
    assert editing.snapshot() == before
    assert editing.changes == []
    assert editing.history.count == 0


def test_refusal_names_the_step_by_label_and_lane() -> None:
    editing = Editing(small_map())
    with pytest.raises(ValueError, match=r"^step 'Echo' in Echo department: wait"):
        editing.push(SetFields("s2", {"wait": "P1M"}))


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (AddStep(Step(id="s1", kind="activity", lane="gp")), "'s1' is already used"),
        (AddStep(Step(id="map-1", kind="activity", lane="gp")), "already used"),
        (AddStep(Step(id="s9", kind="activity", lane="nowhere")), "lane 'nowhere' is not a lane"),
        (AddStep(Step(id="s9", kind="activity", lane="gp"), index=9), "no position 9"),
        (AddFlow(Flow(id="f9", source="s1", target="s404")), "target 's404' is not a step"),
        (AddComment(Comment(id="c9", target="zz", kind="idea")), "'zz' is not an element of this"),
        (MoveSteps({"s1": (1, 2, "nowhere")}), "not a lane of this map"),
        (MoveSteps({"s1": (float("nan"), 2, None)}), "not a position"),
        (MoveSteps({"zz": (1, 2, None)}), "'zz' is a step"),
        (MoveLane("gp", 5), "no position 6 among the 2 lanes"),
        (MoveLane("s1", 0), "'s1' is a lane"),
        (MovePhase("referral", -1), "no position"),
        (ResizeLane("gp", -10), "height"),
        (SetFields("zz", {"label": "Echo"}), r"nothing with id 'zz' is on this map \(was it"),
        (RemoveElements(["s1", "zz"]), "nothing with id 'zz'"),
        (RemoveElements(["map-1"]), "the map itself cannot be deleted"),
    ],
    ids=lambda value: value if isinstance(value, str) else type(value).__name__,
)
def test_commands_refuse_what_would_break_the_map(command: object, message: str) -> None:
    editing = Editing(small_map())
    before = editing.snapshot()
    with pytest.raises(ValueError, match=message):
        editing.push(command)  # type: ignore[arg-type]
    assert editing.snapshot() == before
    assert editing.history.count == 0


def test_set_fields_may_change_an_unknown_field_the_file_already_had() -> None:
    document = small_map().to_document()
    document["steps"][0]["risk"] = "low"
    from pathmapper.model import PathMap

    editing = Editing(PathMap.model_validate(document))
    after = editing.assert_exact(SetFields("s1", {"risk": "high"}))
    assert after["steps"][0]["risk"] == "high"


def test_quick_capture_adds_a_step_one_column_right_joined_by_an_arrow() -> None:
    editing = Editing(small_map())
    command = add_next_step(editing.document, "s1")
    after = editing.assert_exact(command)
    new_step = editing.map.step(command.step_id)
    assert new_step is not None
    assert (new_step.x, new_step.y, new_step.lane) == (40 + COLUMN_SPACING, 30, "gp")
    assert new_step.phase == "referral" and new_step.kind == "activity"
    assert {"id": command.flow_id, "source": "s1", "target": command.step_id} == {
        key: after["flows"][-1][key] for key in ("id", "source", "target")
    }
    assert editing.history.undo_text == "Add next step"


def test_quick_capture_into_another_lane() -> None:
    editing = Editing(small_map())
    command = add_next_step(editing.document, "s1", lane_id="echo", kind="decision", label="OK?")
    editing.assert_exact(command)
    new_step = editing.map.step(command.step_id)
    assert new_step is not None and new_step.lane == "echo" and new_step.label == "OK?"


def test_quick_capture_after_an_unknown_step_is_refused() -> None:
    editing = Editing(small_map())
    with pytest.raises(ValueError, match="'zz' is a step"):
        add_next_step(editing.document, "zz")
