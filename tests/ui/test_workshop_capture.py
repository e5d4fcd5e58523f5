"""Quick capture from the keyboard: Enter, Ctrl+Down / Ctrl+Up and Tab on the canvas, each one
undo step, and a 20-step pathway typed without the mouse then tidied up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pathmapper.commands.tidy import tidy_up
from pathmapper.layout import compute_geometry
from pathmapper.ui.main_window import MainWindow
from tests.ui.window_harness import make_window
from tests.ui.workshop_maps import open_phased_map

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _window(qtbot: Any, tmp_path: Path) -> MainWindow:
    window, _answers = make_window(qtbot, tmp_path)
    open_phased_map(window, tmp_path)
    window.view.setFocus()
    return window


def _type_label(qtbot: Any, window: MainWindow, text: str) -> None:
    assert window.scene.interaction.editor is not None, "the new step's label should be open"
    qtbot.keyClicks(window.view, text)
    qtbot.keyClick(window.view, Key.Key_Return)
    QApplication.processEvents()
    assert window.scene.interaction.editor is None


def _flow_between(window: MainWindow, source: str, target: str) -> bool:
    return any(f.source == source and f.target == target for f in window.document.path_map.flows)


def test_enter_adds_the_next_step_to_the_right_connected_and_in_text_edit(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s2"])
    before = len(window.document.path_map.steps)
    qtbot.keyClick(window.view, Key.Key_Return)
    path_map = window.document.path_map
    assert len(path_map.steps) == before + 1
    new = path_map.steps[-1]
    source = path_map.step("s2")
    assert source is not None and new.lane == "gp" and new.x is not None and source.x is not None
    assert new.x > source.x
    assert _flow_between(window, "s2", new.id)
    assert window.scene.selected_ids() == [new.id]
    _type_label(qtbot, window, "Blood test")
    assert window.document.path_map.step(new.id).label == "Blood test"  # type: ignore[union-attr]
    window.undo_stack.undo()  # the label
    assert window.document.path_map.step(new.id).label == ""  # type: ignore[union-attr]
    window.undo_stack.undo()  # the step and its arrow, together
    assert window.document.path_map.step(new.id) is None
    assert not _flow_between(window, "s2", new.id)


def test_ctrl_down_and_up_hand_off_to_the_lane_below_and_above(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s2"])  # GP practice
    qtbot.keyClick(window.view, Key.Key_Down, CTRL)
    below = window.document.path_map.steps[-1]
    assert below.lane == "echo" and _flow_between(window, "s2", below.id)
    _type_label(qtbot, window, "Echo booked")
    qtbot.keyClick(window.view, Key.Key_Up, CTRL)
    above = window.document.path_map.steps[-1]
    assert above.lane == "gp" and _flow_between(window, below.id, above.id)
    _type_label(qtbot, window, "Results read")
    count = window.undo_stack.count()
    for _ in range(count - window.undo_stack.index() + 4):
        if window.undo_stack.canUndo():
            window.undo_stack.undo()
    assert window.document.path_map.step(below.id) is None
    assert window.document.path_map.step(above.id) is None


def test_ctrl_up_from_the_top_lane_adds_nothing_and_says_why(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s1"])  # the Patient lane, at the top
    said: list[str] = []
    window.workshop.capture.report = said.append
    before = window.document.path_map.to_document()
    qtbot.keyClick(window.view, Key.Key_Up, CTRL)
    assert window.document.path_map.to_document() == before
    assert said and "no lane above 'Patient'" in said[-1]


def test_tab_adds_branches_from_a_decision_one_row_below_another(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s3"])  # "Echo needed?", which has a "yes" branch in another lane
    qtbot.keyClick(window.view, Key.Key_Tab)
    first = window.document.path_map.steps[-1]
    _type_label(qtbot, window, "Watch and wait")
    window.scene.select_ids(["s3"])
    qtbot.keyClick(window.view, Key.Key_Tab)
    second = window.document.path_map.steps[-1]
    assert first.lane == second.lane == "gp"
    assert first.x == second.x and second.y is not None and first.y is not None
    assert second.y > first.y  # the row below the existing branch
    assert _flow_between(window, "s3", first.id) and _flow_between(window, "s3", second.id)
    qtbot.keyClicks(window.view, "Refer privately")
    qtbot.keyClick(window.view, Key.Key_Tab)  # the step's label is done: now the branch's
    QApplication.processEvents()
    assert window.document.path_map.step(second.id).label == "Refer privately"  # type: ignore[union-attr]
    assert window.scene.interaction.editor is not None
    qtbot.keyClicks(window.view, "no")
    qtbot.keyClick(window.view, Key.Key_Return)
    branch = next(f for f in window.document.path_map.flows if f.target == second.id)
    assert branch.label == "no"
    window.undo_stack.undo()
    assert next(f for f in window.document.path_map.flows if f.target == second.id).label == ""


def test_tab_on_a_step_that_is_not_a_decision_adds_nothing(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s2"])
    before = window.document.path_map.to_document()
    qtbot.keyClick(window.view, Key.Key_Tab)
    assert window.document.path_map.to_document() == before


def test_enter_in_an_open_label_commits_it_and_adds_no_step(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s2"])
    qtbot.keyClick(window.view, Key.Key_F2)
    steps = len(window.document.path_map.steps)
    qtbot.keyClicks(window.view, "GP review")
    qtbot.keyClick(window.view, Key.Key_Return)
    assert len(window.document.path_map.steps) == steps
    assert window.document.path_map.step("s2").label == "GP review"  # type: ignore[union-attr]


def _boxes_overlap(window: MainWindow) -> list[tuple[str, str]]:
    boxes = list(compute_geometry(window.document.path_map).steps.values())
    return [
        (a.step_id, b.step_id)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a.rect.intersects(b.rect)
    ]


def test_a_20_step_pathway_typed_without_the_mouse_then_tidied_is_clean(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window._after_open(window.files.new_map("standard_lanes"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Key.Key_Return)  # an empty map: the Start step
    _type_label(qtbot, window, "Patient feels unwell")
    moves = [Key.Key_Return] * 3 + [Key.Key_Down] + [Key.Key_Return] * 2 + [Key.Key_Down]
    moves += [Key.Key_Return] * 3 + [Key.Key_Up, Key.Key_Return, Key.Key_Down, Key.Key_Down]
    moves += [Key.Key_Return] * 3 + [Key.Key_Up, Key.Key_Up]
    for number, key in enumerate(moves, start=2):
        modifier = CTRL if key in (Key.Key_Down, Key.Key_Up) else Qt.KeyboardModifier.NoModifier
        qtbot.keyClick(window.view, key, modifier)
        _type_label(qtbot, window, f"Step {number}")
    path_map = window.document.path_map
    assert len(path_map.steps) == 20 and len(path_map.flows) == 19
    assert len({step.lane for step in path_map.steps}) == 4
    needs_tidying = tidy_up(path_map) is not None
    qtbot.keyClick(window, Key.Key_L, CTRL | ALT)  # Tidy up
    if needs_tidying:
        assert window.undo_stack.undoText() == "Tidy up"
    assert _boxes_overlap(window) == []
    geometry = compute_geometry(window.document.path_map)
    for flow in window.document.path_map.flows:
        source, target = geometry.steps[flow.source].rect, geometry.steps[flow.target].rect
        # Left to right; a handoff to another lane may go straight down or up the column.
        assert source.right < target.left or (
            source.centre[0] == target.centre[0] and source.top != target.top
        )


def test_tidy_up_key_lays_out_a_hand_placed_map_as_one_undo_step(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    before = window.document.path_map.to_document()
    qtbot.keyClick(window, Key.Key_L, CTRL | ALT)
    assert window.undo_stack.undoText() == "Tidy up"
    assert window.document.path_map.to_document() != before
    assert _boxes_overlap(window) == []
    window.undo_stack.undo()
    assert window.document.path_map.to_document() == before


def test_esc_in_a_new_steps_label_takes_the_step_and_its_arrow_back(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    before = window.document.path_map.to_document()
    window.scene.select_ids(["s2"])
    qtbot.keyClick(window.view, Key.Key_Return)  # quick capture
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert window.document.path_map.to_document() == before
    window.scene.select_ids(["s2"])
    qtbot.keyClick(window, Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Insert step
    assert window.scene.interaction.editor is not None
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert window.document.path_map.to_document() == before


def test_alt_and_the_arrow_keys_move_the_selection_along_the_arrows(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    window.scene.select_ids(["s1"])
    qtbot.keyClick(window.view, Key.Key_Right, ALT)
    assert window.scene.selected_ids() == ["s2"]
    qtbot.keyClick(window.view, Key.Key_Right, ALT)
    qtbot.keyClick(window.view, Key.Key_Right, ALT)
    assert window.scene.selected_ids() == ["s4"]
    qtbot.keyClick(window.view, Key.Key_Left, ALT)
    assert window.scene.selected_ids() == ["s3"]
    qtbot.keyClick(window.view, Key.Key_Return)  # s3 now has two arrows out: two branches
    _type_label(qtbot, window, "Refer privately")
    branch = window.scene.selected_ids()
    qtbot.keyClick(window.view, Key.Key_Down, ALT)
    assert window.scene.selected_ids() == ["s4"]
    qtbot.keyClick(window.view, Key.Key_Down, ALT)
    assert window.scene.selected_ids() == branch
    positions = {s.id: (s.x, s.y) for s in window.document.path_map.steps}
    qtbot.keyClick(window.view, Key.Key_Up, ALT)  # moving the selection never moves a step
    assert {s.id: (s.x, s.y) for s in window.document.path_map.steps} == positions


def test_ctrl_down_from_the_bottom_lane_adds_a_lane_for_the_handoff(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    lanes = [lane.id for lane in window.document.path_map.lanes]
    window.scene.select_ids(["s4"])  # in the bottom lane
    assert window.document.path_map.step("s4").lane == lanes[-1]  # type: ignore[union-attr]
    qtbot.keyClick(window.view, Key.Key_Down, CTRL)
    path_map = window.document.path_map
    assert len(path_map.lanes) == len(lanes) + 1
    new_lane = path_map.lanes[-1]
    assert new_lane.name == f"Lane {len(lanes) + 1}"
    new_step = path_map.steps[-1]
    assert new_step.lane == new_lane.id and _flow_between(window, "s4", new_step.id)
    _type_label(qtbot, window, "Social worker visits")
    window.scene.select_ids([new_lane.id])
    qtbot.keyClick(window.view, Key.Key_F2)  # F2 renames the selected lane
    qtbot.keyClicks(window.view, "Social care")
    qtbot.keyClick(window.view, Key.Key_Return)
    assert window.document.path_map.lanes[-1].name == "Social care"
    window.undo_stack.undo()  # the name
    window.undo_stack.undo()  # the step's label
    window.undo_stack.undo()  # the lane and the step, together
    assert [lane.id for lane in window.document.path_map.lanes] == lanes
