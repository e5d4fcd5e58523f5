"""Copy, paste (within a map and between two maps) and duplicate."""

from __future__ import annotations

import json

import pytest

from pathmapper.commands import FRAGMENT_FORMAT, Paste, copy_fragment, duplicate
from pathmapper.model import SCHEMA_VERSION, PathMap
from tests.test_commands_helpers import Editing, cardiology_map, small_map


def test_fragment_holds_selection_flows_between_comments_and_what_they_use() -> None:
    fragment = copy_fragment(small_map(), ["s1", "s2"])
    assert json.loads(json.dumps(fragment)) == fragment
    assert fragment["format"] == FRAGMENT_FORMAT
    assert fragment["schema_version"] == SCHEMA_VERSION
    assert [step["id"] for step in fragment["steps"]] == ["s1", "s2"]
    assert [flow["id"] for flow in fragment["flows"]] == ["f1"]  # f2 leads out of the copy
    assert [comment["id"] for comment in fragment["comments"]] == ["c1"]
    assert [lane["id"] for lane in fragment["lanes"]] == ["gp", "echo"]
    assert [phase["id"] for phase in fragment["phases"]] == ["referral"]


def test_copying_a_lane_copies_its_steps() -> None:
    fragment = copy_fragment(small_map(), ["gp"])
    assert [step["id"] for step in fragment["steps"]] == ["s1", "s3"]
    assert [lane["id"] for lane in fragment["lanes"]] == ["gp"]


def test_duplicate_gives_new_ids_shifted_in_the_same_lanes() -> None:
    editing = Editing(small_map())
    command = duplicate(editing.map, ["s1", "s2"], offset=(10, 20))
    after = editing.assert_exact(command)
    assert len(command.pasted_ids) == 4  # two steps, one arrow, one comment
    assert not set(command.pasted_ids) & {"s1", "s2", "f1", "c1"}
    assert command.new_lane_ids == [] and command.new_phase_ids == []
    copy_of_s1 = editing.map.step(command.pasted_ids[0])
    assert copy_of_s1 is not None
    assert (copy_of_s1.x, copy_of_s1.y, copy_of_s1.lane) == (50, 50, "gp")
    assert copy_of_s1.label == "Patient presents" and copy_of_s1.phase == "referral"
    new_flow = editing.map.flow(command.pasted_ids[2])
    assert new_flow is not None
    assert (new_flow.source, new_flow.target) == tuple(command.pasted_ids[:2])
    assert editing.map.comment(command.pasted_ids[3]).target == command.pasted_ids[1]  # type: ignore[union-attr]
    assert len(after["steps"]) == 5
    assert editing.history.undo_text == "Duplicate"


def test_paste_into_another_map_matches_lanes_by_name_and_creates_the_rest() -> None:
    source = cardiology_map()
    picked = [step.id for step in source.steps[:6]]
    fragment = json.loads(json.dumps(copy_fragment(source, picked)))
    target = small_map()
    target_document = target.to_document()
    target_document["lanes"][0]["id"] = "practice"  # same lane name, other id
    for step in target_document["steps"]:
        step["lane"] = "practice" if step["lane"] == "gp" else step["lane"]
    editing = Editing(PathMap.model_validate(target_document))
    command = Paste(fragment)
    editing.assert_exact(command)
    pasted = [editing.map.element(element_id) for element_id in command.pasted_ids]
    assert None not in pasted
    assert not set(command.pasted_ids) & {item.id for item in source.elements()}
    pasted_steps = [editing.map.step(element_id) for element_id in command.pasted_ids[:6]]
    source_gp_steps = [step.label for step in source.steps[:6] if step.lane == "gp"]
    assert source_gp_steps
    assert [step.label for step in pasted_steps if step and step.lane == "practice"] == (
        source_gp_steps
    )
    lane_names = [lane.name for lane in editing.map.lanes]
    assert lane_names.count("GP practice") == 1
    for lane_id in command.new_lane_ids:
        assert editing.map.lane(lane_id) is not None
    # flows between the copies are connected to the copies
    flow_count = len(fragment["flows"])
    assert flow_count > 0
    new_step_ids = set(command.pasted_ids[:6])
    new_flows = [editing.map.flow(i) for i in command.pasted_ids[6 : 6 + flow_count]]
    assert all(f and f.source in new_step_ids and f.target in new_step_ids for f in new_flows)


def test_paste_into_a_chosen_lane_puts_every_step_there() -> None:
    editing = Editing(small_map())
    fragment = copy_fragment(editing.map, ["s1", "s2"])
    command = Paste(fragment, target_lane="echo")
    editing.assert_exact(command)
    assert {editing.map.step(i).lane for i in command.pasted_ids[:2]} == {"echo"}  # type: ignore[union-attr]


def test_pasting_twice_gives_different_ids_each_time() -> None:
    editing = Editing(small_map())
    fragment = copy_fragment(editing.map, ["s1"])
    first, second = Paste(fragment), Paste(fragment)
    editing.push(first)
    editing.push(second)
    assert first.pasted_ids != second.pasted_ids
    assert editing.map.problems() == []


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ({"format": "pathmapper-map", "schema_version": 1}, "does not hold pathmapper steps"),
        ({"format": FRAGMENT_FORMAT, "schema_version": 99}, "newer pathmapper"),
        ({"format": FRAGMENT_FORMAT, "schema_version": 1}, "nothing to paste"),
        (
            {"format": FRAGMENT_FORMAT, "schema_version": 1, "steps": [{"id": "a"}]},
            "copied step 1: kind is missing",
        ),
    ],
)
def test_paste_refuses_what_is_not_a_fragment(fragment: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Paste(fragment)


def test_paste_of_a_step_whose_lane_is_nowhere_changes_nothing() -> None:
    editing = Editing(small_map())
    fragment = copy_fragment(editing.map, ["s1"])
    fragment["lanes"] = []
    fragment["steps"][0]["lane"] = "pharmacy"
    before = editing.snapshot()
    with pytest.raises(ValueError, match="not a lane of this map"):
        editing.push(Paste(fragment))
    assert editing.snapshot() == before
