"""Three-way merge of returned copies: additions, removals, moves, relabels, conflicts, comments."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from pathmapper.merge.three_way import MergeCopy, MergeError, MergeResult, merge_maps
from pathmapper.model import PathMap
from tests.conftest import SMALL_MAP

Edit = Callable[[dict[str, Any]], None]


def base_map() -> PathMap:
    return PathMap.model_validate(copy.deepcopy(SMALL_MAP))


def edited(edit: Edit) -> PathMap:
    document = copy.deepcopy(SMALL_MAP)
    edit(document)
    return PathMap.model_validate(document)


def merge(*edits: Edit, **options: Any) -> MergeResult:
    copies = [MergeCopy(f"copy-{n}.pathmap.json", edited(e)) for n, e in enumerate(edits, 1)]
    result = merge_maps(base_map(), copies, **options)
    assert result.merged.problems() == []
    return result


def item(document: dict[str, Any], collection: str, element_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in document[collection] if x["id"] == element_id)
    return found


def relabel(step_id: str, label: str) -> Edit:
    return lambda document: item(document, "steps", step_id).update(label=label)


def move(step_id: str, lane: str) -> Edit:
    return lambda document: item(document, "steps", step_id).update(lane=lane)


def remove_step(step_id: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document["steps"] = [s for s in document["steps"] if s["id"] != step_id]
        document["flows"] = [
            f for f in document["flows"] if step_id not in (f["source"], f["target"])
        ]

    return edit


def add_step(step_id: str, label: str, lane: str = "gp") -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document["steps"].append({"id": step_id, "kind": "activity", "label": label, "lane": lane})

    return edit


def add_comment(comment_id: str, text: str, target: str | None = "s2", author: str = "") -> Edit:
    def edit(document: dict[str, Any]) -> None:
        comment = {"id": comment_id, "kind": "idea", "text": text, "author": author}
        if target is not None:
            comment["target"] = target
        document["comments"].append(comment)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        for one in edits:
            one(document)

    return edit


def unchanged(document: dict[str, Any]) -> None:
    return None


def test_copies_identical_to_the_base_merge_to_the_base() -> None:
    result = merge(unchanged, unchanged)
    assert result.changes == []
    assert result.conflicts == []
    assert result.merged.to_document() == base_map().to_document()


def test_different_elements_changed_in_different_copies_all_apply() -> None:
    result = merge(relabel("s1", "Patient sees GP"), move("s3", "echo"), add_step("s9", "Triage"))
    merged = result.merged
    assert merged.step("s1").label == "Patient sees GP"  # type: ignore[union-attr]
    assert merged.step("s3").lane == "echo"  # type: ignore[union-attr]
    assert [step.id for step in merged.steps] == ["s1", "s2", "s3", "s9"]
    assert result.conflicts == []
    described = {(c.copy_index, c.element_id, c.action, c.field) for c in result.changes}
    assert described == {
        (1, "s1", "changed", "label"),
        (2, "s3", "changed", "lane"),
        (3, "s9", "added", None),
    }


def test_different_fields_of_one_step_merge_without_conflict() -> None:
    result = merge(relabel("s2", "Echocardiogram"), move("s2", "gp"))
    step = result.merged.step("s2")
    assert step is not None
    assert (step.label, step.lane) == ("Echocardiogram", "gp")
    assert result.conflicts == []


def test_the_same_change_in_two_copies_is_applied_once() -> None:
    result = merge(relabel("s2", "Echocardiogram"), relabel("s2", "Echocardiogram"))
    assert result.conflicts == []
    [change] = result.changes
    assert change.copy_label == "copy-1.pathmap.json"
    assert change.also_from == ("copy-2.pathmap.json",)
    assert (change.base_value, change.new_value) == ("Echo", "Echocardiogram")


def test_two_relabels_of_one_step_conflict_and_stay_at_the_base_by_default() -> None:
    result = merge(relabel("s2", "Echocardiogram"), relabel("s2", "Heart scan"))
    [conflict] = result.conflicts
    assert (conflict.element_id, conflict.element_kind, conflict.field) == ("s2", "step", "label")
    assert conflict.base_value == "Echo"
    assert conflict.values == {
        "copy-1.pathmap.json": "Echocardiogram",
        "copy-2.pathmap.json": "Heart scan",
    }
    assert conflict.resolution is None
    assert result.unresolved == [conflict]
    assert result.merged.step("s2").label == "Echo"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("take", "label", "resolution"),
    [
        ("base", "Echo", "base"),
        (1, "Echocardiogram", "copy-1.pathmap.json"),
        (2, "Heart scan", "copy-2.pathmap.json"),
        (3, "Echo", "copy-3.pathmap.json"),  # copy 3 left the label alone
    ],
)
def test_take_rule_resolves_conflicts(take: Any, label: str, resolution: str) -> None:
    result = merge(
        relabel("s2", "Echocardiogram"), relabel("s2", "Heart scan"), unchanged, take=take
    )
    assert result.merged.step("s2").label == label  # type: ignore[union-attr]
    [conflict] = result.conflicts
    assert conflict.resolution == resolution
    assert result.unresolved == []


def test_moving_a_step_to_different_lanes_in_two_copies_conflicts() -> None:
    def add_lane(document: dict[str, Any]) -> None:
        document["lanes"].append({"id": "cc", "name": "Community cardiology"})

    result = merge(move("s2", "gp"), both(add_lane, move("s2", "cc")), take=2)
    [conflict] = result.conflicts
    assert conflict.field == "lane"
    assert result.merged.step("s2").lane == "cc"  # type: ignore[union-attr]
    assert [lane.id for lane in result.merged.lanes] == ["gp", "echo", "cc"]


def test_removal_in_both_copies_is_applied_with_its_flows() -> None:
    result = merge(remove_step("s3"), remove_step("s3"))
    assert result.merged.step("s3") is None
    assert result.merged.flow("f2") is None
    assert result.conflicts == []
    removed = {(c.element_id, c.also_from) for c in result.changes if c.action == "removed"}
    assert removed == {("s3", ("copy-2.pathmap.json",)), ("f2", ("copy-2.pathmap.json",))}


def test_removed_in_one_copy_and_edited_in_another_is_a_conflict() -> None:
    result = merge(remove_step("s3"), relabel("s3", "Results letter to GP"))
    [conflict] = result.conflicts
    assert (conflict.element_id, conflict.field) == ("s3", None)
    assert conflict.values["copy-1.pathmap.json"] is None
    assert conflict.values["copy-2.pathmap.json"]["label"] == "Results letter to GP"
    # Left at the base: the step and the flow into it are both kept, unchanged.
    assert result.merged.step("s3").label == "Results to GP"  # type: ignore[union-attr]
    assert result.merged.flow("f2") is not None


def test_taking_the_removing_copy_removes_the_step_and_its_flows() -> None:
    result = merge(remove_step("s3"), relabel("s3", "Results letter to GP"), take=1)
    assert result.merged.step("s3") is None
    assert result.merged.flow("f2") is None
    assert [c.element_id for c in result.changes if c.action == "removed"] == ["f2"]


def test_taking_the_editing_copy_keeps_its_version() -> None:
    result = merge(remove_step("s3"), relabel("s3", "Results letter to GP"), take=2)
    assert result.merged.step("s3").label == "Results letter to GP"  # type: ignore[union-attr]


def add_flow(flow_id: str, source: str, target: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document["flows"].append({"id": flow_id, "source": source, "target": target})

    return edit


def test_an_arrow_added_to_a_step_another_copy_removed_is_a_conflict() -> None:
    result = merge(add_flow("f9", "s1", "s3"), remove_step("s3"))
    [conflict] = result.conflicts
    assert (conflict.element_id, conflict.field, conflict.resolution) == ("s3", None, None)
    assert conflict.values["copy-2.pathmap.json"] is None
    assert "copy-1.pathmap.json added 1 arrow to it" in conflict.note
    assert result.merged.step("s3") is not None and result.merged.flow("f9") is not None


def test_taking_the_removing_copy_drops_the_step_and_lists_its_new_arrow() -> None:
    result = merge(add_flow("f9", "s1", "s3"), remove_step("s3"), take=2)
    assert result.merged.step("s3") is None and result.merged.flow("f9") is None
    [derived] = [c for c in result.changes if c.reason]
    assert (derived.element_id, derived.action, derived.copy_label) == (
        "f9",
        "removed",
        "copy-2.pathmap.json",
    )


def test_a_step_after_a_removed_step_and_a_comment_on_it_are_a_conflict() -> None:
    def continue_after_s3(document: dict[str, Any]) -> None:
        add_step("s9", "Follow-up call")(document)
        add_flow("f9", "s3", "s9")(document)
        document["comments"].append(
            {"id": "c9", "target": "s3", "kind": "question", "text": "Who sends it?"}
        )

    result = merge(remove_step("s3"), continue_after_s3)
    [conflict] = result.conflicts
    assert conflict.element_id == "s3"
    assert "copy-2.pathmap.json added 1 arrow and 1 comment to it" in conflict.note
    merged = result.merged
    assert merged.flow("f9") is not None
    assert next(c for c in merged.comments if c.id == "c9").target == "s3"


def test_a_lane_removed_in_one_copy_but_used_by_a_step_added_in_another_is_kept() -> None:
    def remove_echo_lane(document: dict[str, Any]) -> None:
        remove_step("s2")(document)
        document["lanes"] = [lane for lane in document["lanes"] if lane["id"] != "echo"]

    result = merge(remove_echo_lane, add_step("s9", "Echo report", lane="echo"))
    assert result.merged.lane("echo") is not None
    assert result.merged.step("s2") is None
    [conflict] = result.conflicts
    assert (conflict.element_id, conflict.field) == ("echo", None)
    assert "Echo report" in conflict.note
    assert not any(c.element_id == "echo" for c in result.changes)


def test_additions_keep_base_order_then_copy_order() -> None:
    result = merge(add_step("a1", "First"), both(add_step("b1", "Second"), add_step("b2", "Third")))
    assert [step.id for step in result.merged.steps] == ["s1", "s2", "s3", "a1", "b1", "b2"]


def test_map_fields_merge_and_modified_becomes_the_latest() -> None:
    def retitle(document: dict[str, Any]) -> None:
        document["title"] = "Breathlessness referral - reviewed"
        document["modified"] = "2026-12-01T09:00:00Z"

    def later(document: dict[str, Any]) -> None:
        document["modified"] = "2026-12-03T09:00:00Z"

    result = merge(retitle, later)
    assert result.merged.title == "Breathlessness referral - reviewed"
    assert result.merged.modified == "2026-12-03T09:00:00Z"
    assert [(c.element_kind, c.field) for c in result.changes] == [("map", "title")]


def test_unknown_fields_merge_like_known_ones() -> None:
    def tag_colour(document: dict[str, Any]) -> None:
        item(document, "steps", "s2")["x_board_colour"] = "amber"

    def map_note(document: dict[str, Any]) -> None:
        document["x_workshop"] = "Workshop 2"

    result = merge(tag_colour, map_note)
    document = result.merged.to_document()
    assert item(document, "steps", "s2")["x_board_colour"] == "amber"
    assert document["x_workshop"] == "Workshop 2"


def test_rejected_changes_are_listed_but_not_applied() -> None:
    edits = (relabel("s1", "Patient sees GP"), add_step("s9", "Triage"))
    first = merge(*edits)
    rejected = [change.key for change in first.changes]
    result = merge(*edits, rejected=rejected)
    assert result.merged.to_document() == base_map().to_document()
    assert [change.accepted for change in result.changes] == [False, False]


def test_choices_decide_single_conflicts() -> None:
    edits = (relabel("s2", "Echocardiogram"), relabel("s2", "Heart scan"))
    result = merge(*edits, choices={("s2", "label"): "copy-2.pathmap.json"})
    assert result.merged.step("s2").label == "Heart scan"  # type: ignore[union-attr]
    assert result.unresolved == []


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(MergeError, match="at least one"):
        merge_maps(base_map(), [])
    with pytest.raises(MergeError, match="no copy 3"):
        merge(unchanged, unchanged, take=3)
    with pytest.raises(MergeError, match="own name"):
        merge_maps(base_map(), [MergeCopy("a", base_map()), MergeCopy("a", base_map())])


def test_a_copy_of_another_map_is_merged_with_a_warning() -> None:
    def other_map(document: dict[str, Any]) -> None:
        document["id"] = "another-map"

    result = merge(other_map)
    assert result.merged.id == "map-1"
    assert "not a copy of the base map" in result.warnings[0]
