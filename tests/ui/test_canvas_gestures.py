"""Adding, moving, selecting and deleting on the canvas, as a facilitator would, checked on
the model after each gesture and after undo and redo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from pathmapper.ui.canvas import Tool
from tests.ui.conftest import Canvas


def lane_of(canvas: Canvas, step_id: str) -> str:
    step = canvas.path_map.step(step_id)
    assert step is not None
    return step.lane


def test_palette_then_click_adds_a_step_of_that_kind_in_that_lane(
    canvas: Canvas, qtbot: Any
) -> None:
    # The window's palette (tested with the window) chooses the tool like this.
    canvas.scene.set_tool(Tool.ADD_STEP, kind="decision")
    assert canvas.scene.tool is Tool.ADD_STEP
    band = canvas.scene.geometry.lane_band("pt")
    assert band is not None
    qtbot.mouseClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.point(600, band.rect.top + 75)
    )
    added = [s for s in canvas.path_map.steps if s.id not in {"s1", "s2", "s3", "s4"}]
    assert len(added) == 1
    assert (added[0].kind, added[0].lane, added[0].x) == ("decision", "pt", 600.0)
    assert canvas.scene.tool is Tool.SELECT
    assert canvas.scene.selected_ids() == [added[0].id]
    canvas.stack.undo()
    assert len(canvas.path_map.steps) == 4
    assert added[0].id not in canvas.scene.items_by_id


def test_double_click_on_empty_lane_space_adds_an_activity_there(
    canvas: Canvas, qtbot: Any
) -> None:
    band = canvas.scene.geometry.lane_band("echo")
    assert band is not None
    qtbot.mouseDClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.point(800, band.rect.top + 80)
    )
    added = [s for s in canvas.path_map.steps if s.id not in {"s1", "s2", "s3", "s4"}]
    assert len(added) == 1
    assert (added[0].kind, added[0].lane) == ("activity", "echo")
    assert added[0].x == pytest.approx(800, abs=5) and added[0].y == pytest.approx(80, abs=5)
    # The label editor opens on the new step: typing names it.
    assert canvas.scene.interaction.editor is not None
    qtbot.keyClicks(canvas.view, "Book echo")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    assert canvas.path_map.step(added[0].id).label == "Book echo"  # type: ignore[union-attr]


def test_dragging_a_step_into_another_lane_moves_it_there_in_one_undo_step(
    canvas: Canvas,
) -> None:
    band = canvas.scene.geometry.lane_band("pt")
    assert band is not None
    canvas.drag(canvas.step_centre("s3"), canvas.point(760, band.rect.top + 80))
    step = canvas.path_map.step("s3")
    assert step is not None
    assert (step.lane, step.x, step.y) == ("pt", 760.0, 80.0)
    assert canvas.stack.count() == 1
    item = canvas.scene.items_by_id["s3"]
    assert item.sceneBoundingRect().center().y() == pytest.approx(band.rect.top + 80, abs=20)
    canvas.stack.undo()
    step = canvas.path_map.step("s3")
    assert step is not None
    assert (step.lane, step.x, step.y) == ("gp", 750.0, 70.0)


def test_dragging_several_selected_steps_moves_them_together(canvas: Canvas) -> None:
    canvas.scene.select_ids(["s1", "s3"])
    start = canvas.step_centre("s1")
    canvas.drag(start, start + QPoint(100, 0))
    assert canvas.path_map.step("s1").x == 250.0  # type: ignore[union-attr]
    assert canvas.path_map.step("s3").x == 850.0  # type: ignore[union-attr]
    assert canvas.stack.count() == 1


def test_a_drag_that_goes_nowhere_changes_nothing(canvas: Canvas) -> None:
    start = canvas.step_centre("s2")
    canvas.drag(start, start + QPoint(2, 1))
    assert canvas.stack.count() == 0
    assert canvas.path_map.step("s2").x == 450.0  # type: ignore[union-attr]


def test_arrow_keys_nudge_on_the_grid_and_merge_into_one_undo_step(
    canvas: Canvas, qtbot: Any
) -> None:
    canvas.scene.select_ids(["s2"])
    for _ in range(3):
        qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    qtbot.keyClick(canvas.view, Qt.Key.Key_Down)
    step = canvas.path_map.step("s2")
    assert step is not None
    assert (step.x, step.y) == (480.0, 80.0)
    assert canvas.stack.count() <= 2
    qtbot.keyClick(canvas.view, Qt.Key.Key_Left)
    while canvas.stack.canUndo():
        canvas.stack.undo()
    step = canvas.path_map.step("s2")
    assert step is not None
    assert (step.x, step.y) == (450.0, 70.0)


def test_rubber_band_selects_the_steps_it_touches(canvas: Canvas) -> None:
    band = canvas.scene.geometry.lane_band("gp")
    assert band is not None
    canvas.drag(canvas.point(30, band.rect.top + 5), canvas.point(300, band.rect.top + 140))
    steps = {s.id for s in canvas.path_map.steps}
    assert [i for i in canvas.scene.selected_ids() if i in steps] == ["s1"]


def test_ctrl_a_selects_every_step_arrow_and_note(canvas: Canvas, qtbot: Any) -> None:
    seen: list[list[str]] = []
    canvas.scene.selectionIdsChanged.connect(seen.append)
    qtbot.keyClick(canvas.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert set(canvas.scene.selected_ids()) == {"s1", "s2", "s3", "s4", "f1", "f2", "c1"}
    assert seen and set(seen[-1]) == set(canvas.scene.selected_ids())


def test_delete_removes_the_selection_with_its_arrows_and_notes_and_undo_restores(
    canvas: Canvas, qtbot: Any
) -> None:
    qtbot.mouseClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.step_centre("s2")
    )
    assert canvas.scene.selected_ids() == ["s2"]
    qtbot.keyClick(canvas.view, Qt.Key.Key_Delete)
    path_map = canvas.path_map
    assert path_map.step("s2") is None and path_map.flow("f1") is None
    assert path_map.flow("f2") is None and path_map.comment("c1") is None
    assert "s2" not in canvas.scene.items_by_id and "c1" not in canvas.scene.items_by_id
    canvas.stack.undo()
    assert canvas.path_map.step("s2") is not None and canvas.path_map.comment("c1") is not None
    assert {"s2", "f1", "f2", "c1"} <= set(canvas.scene.items_by_id)
    canvas.stack.redo()
    assert canvas.path_map.step("s2") is None


def test_arrows_follow_a_dragged_step_before_the_drop_and_the_model_waits(
    canvas: Canvas,
) -> None:
    from PySide6.QtGui import QMouseEvent

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    start = canvas.step_centre("s2")
    f1 = canvas.scene.items_by_id["f1"]
    before = list(f1.points)  # type: ignore[attr-defined]
    canvas._send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    canvas._send(QMouseEvent.Type.MouseMove, start + QPoint(60, 30), none, left)
    canvas._send(QMouseEvent.Type.MouseMove, start + QPoint(120, 40), none, left)
    assert f1.points != before  # type: ignore[attr-defined]
    assert f1.points[-1][0] == pytest.approx(  # type: ignore[attr-defined]
        canvas.scene.items_by_id["s2"].scenePos().x()
    )
    assert canvas.path_map.step("s2").x == 450.0  # type: ignore[union-attr]
    canvas._send(QMouseEvent.Type.MouseButtonRelease, start + QPoint(120, 40), left, none)
    assert canvas.path_map.step("s2").x == 570.0  # type: ignore[union-attr]


def test_esc_in_the_label_of_a_double_clicked_step_takes_the_step_back(
    canvas: Canvas, qtbot: Any
) -> None:
    band = canvas.scene.geometry.lane_band("echo")
    assert band is not None
    before = canvas.path_map.to_document()
    qtbot.mouseDClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.point(800, band.rect.top + 80)
    )
    assert len(canvas.path_map.steps) == 5 and canvas.scene.interaction.editor is not None
    qtbot.keyClicks(canvas.view, "Half a na")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.path_map.to_document() == before  # no unlabelled step left behind
    assert canvas.scene.interaction.editor is None
    assert not canvas.stack.canUndo()


def test_palette_placement_opens_the_label_so_typing_names_the_step(
    canvas: Canvas, qtbot: Any
) -> None:
    canvas.scene.set_tool(Tool.ADD_STEP, kind="wait")
    band = canvas.scene.geometry.lane_band("pt")
    assert band is not None
    qtbot.mouseClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.point(600, band.rect.top + 75)
    )
    assert canvas.scene.interaction.editor is not None
    qtbot.keyClicks(canvas.view, "Waits for echo")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    added = [s for s in canvas.path_map.steps if s.id not in {"s1", "s2", "s3", "s4"}]
    assert [(s.kind, s.label) for s in added] == [("wait", "Waits for echo")]
