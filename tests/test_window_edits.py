"""The editor window's own edits without Qt: align, distribute, templates, layout, save times."""

from __future__ import annotations

from typing import Any

import pytest

from pathmapper.commands import History, MapDocument
from pathmapper.commands.window_edits import (
    ALIGN_EDGES,
    STANDARD_LANES,
    StampSaveTimes,
    align_steps,
    distribute_steps,
    layout_on_open,
    new_map,
)
from pathmapper.io import dumps_map
from pathmapper.layout import compute_geometry
from pathmapper.model import Lane, PathMap, Step


def _three_steps() -> PathMap:
    lane = Lane(id="lane", name="GP practice")
    steps = [
        Step(id="a", kind="activity", label="Book", lane="lane", x=100, y=60),
        Step(id="b", kind="decision", label="Urgent?", lane="lane", x=330, y=80),
        Step(id="c", kind="activity", label="See GP", lane="lane", x=900, y=70),
    ]
    return PathMap(id="m", lanes=[lane], steps=steps)


def _rects(path_map: PathMap) -> dict[str, Any]:
    return {key: box.rect for key, box in compute_geometry(path_map).steps.items()}


@pytest.mark.parametrize("edge", ALIGN_EDGES)
def test_align_lines_up_the_drawn_edges_and_undoes(edge: str) -> None:
    document = MapDocument(_three_steps())
    before = dumps_map(document.path_map)
    history = History(document)
    history.push(align_steps(document.path_map, ["a", "b", "c"], edge))  # type: ignore[arg-type]
    rects = _rects(document.path_map).values()
    measure = {
        "left": lambda r: r.left,
        "right": lambda r: r.right,
        "centre": lambda r: r.centre[0],
        "top": lambda r: r.top,
        "bottom": lambda r: r.bottom,
        "middle": lambda r: r.centre[1],
    }[edge]
    assert len({round(measure(rect), 6) for rect in rects}) == 1
    assert history.undo_text.startswith("Align")
    history.undo()
    assert dumps_map(document.path_map) == before


def test_align_refuses_a_single_step() -> None:
    with pytest.raises(ValueError, match="at least 2 steps"):
        align_steps(_three_steps(), ["a"], "left")


def test_vertical_align_never_lifts_a_step_out_of_its_lane() -> None:
    path_map = _three_steps()
    path_map.lanes.insert(0, Lane(id="top", name="Patient"))
    path_map.steps.append(Step(id="d", kind="activity", label="Call", lane="top", x=50, y=40))
    command = align_steps(path_map, ["a", "d"], "top")
    _x, y, lane = command.moves["a"]
    assert lane is None
    assert y > 0


def test_distribute_spaces_centres_evenly() -> None:
    document = MapDocument(_three_steps())
    History(document).push(distribute_steps(document.path_map, ["c", "a", "b"], "horizontal"))
    xs = sorted(step.x for step in document.path_map.steps if step.x is not None)
    assert xs == [100, 500, 900]


def test_new_map_templates() -> None:
    blank = new_map("blank")
    standard = new_map("standard_lanes")
    assert blank.lanes == [] and blank.problems() == []
    assert [lane.name for lane in standard.lanes] == list(STANDARD_LANES)
    assert len({lane.id for lane in standard.lanes}) == 4
    assert new_map("blank").id != blank.id
    with pytest.raises(ValueError, match="no map template"):
        new_map("kanban")  # type: ignore[arg-type]


def test_layout_on_open_places_every_step_in_one_undo_step() -> None:
    path_map = _three_steps()
    for step in path_map.steps:
        step.x = step.y = None
    document = MapDocument(path_map)
    command = layout_on_open(path_map)
    assert command is not None
    history = History(document)
    history.push(command)
    assert all(step.has_position for step in document.path_map.steps)
    assert history.undo_text == "Lay out 3 steps"
    history.undo()
    assert not any(step.has_position for step in document.path_map.steps)


def test_layout_on_open_keeps_placed_steps() -> None:
    path_map = _three_steps()
    path_map.steps[2].x = path_map.steps[2].y = None
    command = layout_on_open(path_map)
    assert command is not None
    History(document := MapDocument(path_map)).push(command)
    placed = document.path_map.steps
    assert (placed[0].x, placed[0].y) == (100, 60)
    assert placed[2].has_position
    assert layout_on_open(document.path_map) is None


def test_stamp_save_times_sets_modified_and_created_once() -> None:
    document = MapDocument(PathMap(id="m"))
    StampSaveTimes("2026-11-22T10:00:00Z").redo(document)
    assert document.path_map.created == "2026-11-22T10:00:00Z"
    StampSaveTimes("2026-11-22T12:00:00Z").redo(document)
    assert document.path_map.created == "2026-11-22T10:00:00Z"
    assert document.path_map.modified == "2026-11-22T12:00:00Z"
