"""Whatever valid copies come back, the merge is a valid map that loses no comment."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.io import load_map
from pathmapper.merge.three_way import MergeCopy, merge_maps
from pathmapper.model import PathMap
from tests.conftest import PROJECT_ROOT

BASE = load_map(PROJECT_ROOT / "sample_maps" / "msk-single-point-of-access-as-is.pathmap.json")
EDITS = ("remove_step", "relabel", "move", "remove_lane", "add_step", "add_flow", "comment")


def remove_steps(document: dict[str, Any], step_ids: set[str]) -> None:
    document["steps"] = [s for s in document["steps"] if s["id"] not in step_ids]
    document["flows"] = [
        f for f in document["flows"] if f["source"] not in step_ids and f["target"] not in step_ids
    ]
    forget_missing_targets(document)


def forget_missing_targets(document: dict[str, Any]) -> None:
    ids = {item["id"] for key in ("lanes", "phases", "steps", "flows") for item in document[key]}
    for comment in document["comments"]:
        if comment.get("target") is not None and comment["target"] not in ids:
            comment.pop("target")


def apply_edit(document: dict[str, Any], edit: str, pick: Any, number: str) -> None:
    steps, lanes = document["steps"], document["lanes"]
    if not steps or not lanes:
        return
    step = pick(steps)
    if edit == "remove_step":
        remove_steps(document, {step["id"]})
    elif edit == "relabel":
        step["label"] = f"Relabelled {number}"
    elif edit == "move":
        step["lane"] = pick(lanes)["id"]
    elif edit == "remove_lane":
        lane = pick(lanes)
        remove_steps(document, {s["id"] for s in steps if s["lane"] == lane["id"]})
        document["lanes"] = [x for x in lanes if x["id"] != lane["id"]]
        forget_missing_targets(document)
    elif edit == "add_step":
        steps.append(
            {"id": f"new-step-{number}", "kind": "activity", "label": "New", "lane": step["lane"]}
        )
    elif edit == "add_flow":
        flow = {"id": f"new-flow-{number}", "source": step["id"], "target": pick(steps)["id"]}
        document["flows"].append(flow)
    else:
        comment = {"id": f"new-comment-{number}", "kind": "idea", "text": f"Idea {number}"}
        document["comments"].append({**comment, "target": step["id"]})


@st.composite
def returned_copies(draw: st.DrawFn) -> list[PathMap]:
    copies = []
    for copy_number in range(draw(st.integers(1, 3))):
        document = copy.deepcopy(BASE.to_document())
        for edit_number in range(draw(st.integers(0, 6))):
            edit = draw(st.sampled_from(EDITS))
            number = f"{copy_number}-{edit_number}"
            apply_edit(document, edit, lambda items: draw(st.sampled_from(items)), number)
        path_map = PathMap.model_validate(document)
        assert path_map.problems() == []
        copies.append(path_map)
    return copies


@settings(max_examples=80, deadline=None)
@given(copies=returned_copies(), take=st.sampled_from([None, "base", 1]))
def test_merge_is_valid_and_keeps_every_comment(copies: list[PathMap], take: Any) -> None:
    labelled = [MergeCopy(f"copy-{n}", path_map) for n, path_map in enumerate(copies, 1)]
    result = merge_maps(BASE, labelled, take=take)
    assert result.merged.problems() == []
    merged_comments = {comment.id for comment in result.merged.comments}
    held = {comment.id for path_map in copies for comment in path_map.comments}
    assert held <= merged_comments
    if take is not None:
        assert result.unresolved == []
