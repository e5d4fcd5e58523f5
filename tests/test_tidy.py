"""Tidy up: one undoable command that lays a keyboard-typed map out cleanly."""

from __future__ import annotations

import pytest

from pathmapper.commands import (
    AddFlow,
    AddStep,
    History,
    MapDocument,
    add_next_step,
)
from pathmapper.commands.tidy import TIDY_TEXT, tidy_up
from pathmapper.io.mapfile import load_map
from pathmapper.layout import compute_geometry
from pathmapper.model import Flow, Lane, PathMap, Phase, Step, new_id
from tests.conftest import SAMPLE_MAPS


def _lanes() -> list[Lane]:
    names = ("Patient", "GP practice", "Community services", "Acute trust")
    return [Lane(id=f"lane-{i}", name=name, organisation=name) for i, name in enumerate(names)]


def keyboard_map(steps: int = 20) -> tuple[MapDocument, History]:
    """A pathway typed as a facilitator would: next step, handoffs down and up, a decision with
    two branches, and a loop back; every step placed by quick capture's rule (to the right)."""
    document = MapDocument(PathMap(id=new_id(), title="Typed live", lanes=_lanes()))
    history = History(document)
    start = Step(
        id=new_id(), kind="start", label="Patient feels unwell", lane="lane-0", x=105, y=75
    )
    history.push(AddStep(start))
    current, lane_index = start.id, 0
    for number in range(1, steps):
        if number % 4 == 0 and lane_index < 3:
            lane_index += 1  # a handoff to the lane below
        elif number % 7 == 0 and lane_index > 0:
            lane_index -= 1  # and back up
        kind = "decision" if number == 9 else "activity"
        command = add_next_step(document, current, f"lane-{lane_index}", kind, f"Step {number}")
        history.push(command)
        if kind == "decision":
            branch = add_next_step(document, command.step_id, label="Not urgent")
            history.push(branch)  # a second branch, in the row below the next step
        current = command.step_id
    first_activity = document.path_map.steps[1].id
    history.push(AddFlow(Flow(id=new_id(), source=current, target=first_activity)))
    return document, history


def overlapping_steps(path_map: PathMap) -> list[tuple[str, str]]:
    boxes = list(compute_geometry(path_map).steps.values())
    return [
        (a.step_id, b.step_id)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a.rect.intersects(b.rect)
    ]


def test_a_typed_map_is_tidied_without_overlaps_and_flows_run_left_to_right() -> None:
    document, history = keyboard_map(20)
    lanes_before = {step.id: step.lane for step in document.path_map.steps}
    command = tidy_up(document.path_map)
    assert command is not None and command.text == TIDY_TEXT
    history.push(command)
    path_map = document.path_map
    assert overlapping_steps(path_map) == []
    assert {step.id: step.lane for step in path_map.steps} == lanes_before
    geometry = compute_geometry(path_map)
    loop_back = path_map.flows[-1]
    for flow in path_map.flows:
        if flow is loop_back:
            continue
        source, target = geometry.steps[flow.source].rect, geometry.steps[flow.target].rect
        # Left to right; a handoff to another lane may go straight down or up the column.
        assert source.right < target.left or (
            source.centre[0] == target.centre[0] and source.top != target.top
        ), f"{flow.source} -> {flow.target} goes backwards"
    assert path_map.problems() == []


def test_tidy_up_is_one_undo_step_that_restores_every_place() -> None:
    document, history = keyboard_map(12)
    before = document.path_map.to_document()
    command = tidy_up(document.path_map)
    assert command is not None
    count = history.count
    history.push(command)
    assert history.count == count + 1
    history.undo()
    assert document.path_map.to_document() == before
    history.redo()
    assert overlapping_steps(document.path_map) == []


def test_a_tidy_map_needs_no_second_tidy() -> None:
    document, history = keyboard_map(20)
    command = tidy_up(document.path_map)
    assert command is not None
    history.push(command)
    assert tidy_up(document.path_map) is None


def test_tidy_keeps_phases_in_order_and_grows_crowded_lanes() -> None:
    phases = [Phase(id="referral", name="Referral"), Phase(id="treatment", name="Treatment")]
    lane = Lane(id="gp", name="GP practice", height=60)
    steps = [
        Step(id="a", kind="decision", label="Urgent?", lane="gp", phase="referral", x=50, y=30),
        Step(id="b", kind="activity", label="Same day", lane="gp", phase="treatment", x=60, y=30),
        Step(id="c", kind="activity", label="Routine", lane="gp", phase="treatment", x=60, y=30),
        Step(id="d", kind="activity", label="Book", lane="gp", phase="referral", x=70, y=30),
    ]
    flows = [
        Flow(id="f1", source="a", target="b", label="yes"),
        Flow(id="f2", source="a", target="c", label="no"),
        Flow(id="f3", source="d", target="a"),
    ]
    document = MapDocument(PathMap(id="m", lanes=[lane], phases=phases, steps=steps, flows=flows))
    command = tidy_up(document.path_map)
    assert command is not None
    History(document).push(command)
    path_map = document.path_map
    geometry = compute_geometry(path_map)
    columns = {column.phase_id: column.rect for column in geometry.phases}
    for step in path_map.steps:
        box = geometry.steps[step.id].rect
        column = columns[step.phase or ""]
        assert column.left <= box.left and box.right <= column.right, step.label
    assert overlapping_steps(path_map) == []
    assert (path_map.lanes[0].height or 0) > 60  # two branches stacked: the lane grew


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.name)
def test_tidy_up_keeps_every_sample_map_valid_and_clear(path) -> None:  # type: ignore[no-untyped-def]
    document = MapDocument(load_map(path))
    command = tidy_up(document.path_map)
    if command is not None:  # None: the sample is tidy already, and must then be clear as it is
        History(document).push(command)
    assert document.path_map.problems() == []
    assert overlapping_steps(document.path_map) == []
