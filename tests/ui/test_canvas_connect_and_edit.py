"""Drawing and reconnecting arrows, typing labels in place, and rearranging lanes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt

from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.canvas.items_steps import StepItem
from tests.ui.conftest import Canvas


def handle_of(canvas: Canvas, step_id: str) -> QPoint:
    item = canvas.scene.items_by_id[step_id]
    assert isinstance(item, StepItem)
    return canvas.view.mapFromScene(item.mapToScene(item.handle_centre()))


def test_dragging_from_the_handle_to_another_step_draws_an_arrow(canvas: Canvas) -> None:
    canvas.drag(handle_of(canvas, "s4"), canvas.step_centre("s3"))
    new = [f for f in canvas.path_map.flows if f.id not in {"f1", "f2"}]
    assert [(f.source, f.target) for f in new] == [("s4", "s3")]
    assert isinstance(canvas.scene.items_by_id[new[0].id], FlowItem)
    assert canvas.path_map.step("s4").x == 150.0  # type: ignore[union-attr]  # not moved
    canvas.stack.undo()
    assert len(canvas.path_map.flows) == 2
    assert new[0].id not in canvas.scene.items_by_id


def test_dropping_a_new_arrow_on_empty_space_draws_nothing(canvas: Canvas) -> None:
    canvas.drag(handle_of(canvas, "s4"), canvas.point(900, 400))
    assert len(canvas.path_map.flows) == 2
    assert canvas.stack.count() == 0


def test_the_connect_tool_draws_from_anywhere_on_a_step(canvas: Canvas) -> None:
    from pathmapper.ui.canvas import Tool

    canvas.scene.set_tool(Tool.CONNECT)
    canvas.drag(canvas.step_centre("s1"), canvas.step_centre("s4"))
    assert [(f.source, f.target) for f in canvas.path_map.flows[2:]] == [("s1", "s4")]


def test_dragging_a_selected_arrows_end_reconnects_it(canvas: Canvas) -> None:
    canvas.scene.select_ids(["f2"])
    flow_item = canvas.scene.items_by_id["f2"]
    assert isinstance(flow_item, FlowItem)
    ends = flow_item.end_points()
    assert ends is not None
    canvas.drag(canvas.view.mapFromScene(ends[1]), canvas.step_centre("s4"))
    assert canvas.path_map.flow("f2").target == "s4"  # type: ignore[union-attr]
    canvas.scene.select_ids(["f2"])
    ends = flow_item.end_points()
    assert ends is not None
    canvas.drag(canvas.view.mapFromScene(ends[0]), canvas.step_centre("s1"))
    assert canvas.path_map.flow("f2").source == "s1"  # type: ignore[union-attr]
    canvas.stack.undo()
    canvas.stack.undo()
    flow = canvas.path_map.flow("f2")
    assert flow is not None and (flow.source, flow.target) == ("s2", "s3")


def test_label_edited_in_place_enter_commits_shift_enter_breaks_escape_cancels(
    canvas: Canvas, qtbot: Any
) -> None:
    qtbot.mouseDClick(
        canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=canvas.step_centre("s2")
    )
    assert canvas.scene.interaction.editor is not None
    qtbot.keyClicks(canvas.view, "Echo")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(canvas.view, "at hospital")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    assert canvas.path_map.step("s2").label == "Echo\nat hospital"  # type: ignore[union-attr]
    assert canvas.scene.interaction.editor is None
    assert canvas.scene.geometry.steps["s2"].lines[:2] == ("Echo", "at hospital")

    canvas.scene.select_ids(["s2"])
    qtbot.keyClick(canvas.view, Qt.Key.Key_F2)
    qtbot.keyClicks(canvas.view, "Something else")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.path_map.step("s2").label == "Echo\nat hospital"  # type: ignore[union-attr]
    canvas.stack.undo()
    assert canvas.path_map.step("s2").label == "Echo"  # type: ignore[union-attr]


def test_double_clicking_a_lane_header_renames_the_lane(canvas: Canvas, qtbot: Any) -> None:
    header = canvas.scene.items_by_id["echo"]
    qtbot.mouseDClick(
        canvas.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=canvas.view.mapFromScene(header.sceneBoundingRect().center()),
    )
    assert canvas.scene.interaction.editor is not None
    qtbot.keyClicks(canvas.view, "Cardiac imaging")
    qtbot.keyClick(canvas.view, Qt.Key.Key_Return)
    assert canvas.path_map.lane("echo").name == "Cardiac imaging"  # type: ignore[union-attr]


def test_dragging_a_lane_header_down_reorders_the_lanes(canvas: Canvas) -> None:
    header = canvas.scene.items_by_id["gp"]
    start = canvas.view.mapFromScene(header.sceneBoundingRect().center())
    bottom_band = canvas.scene.geometry.lane_band("pt")
    assert bottom_band is not None
    canvas.drag(start, canvas.point(-80, bottom_band.rect.top + 60))
    assert [lane.id for lane in canvas.path_map.lanes] == ["echo", "pt", "gp"]
    s1 = canvas.scene.items_by_id["s1"]
    assert s1.sceneBoundingRect().center().y() > bottom_band.rect.top
    assert canvas.scene.items_by_id["gp"].y() == canvas.scene.geometry.lane_band("gp").header.y  # type: ignore[union-attr]
    canvas.stack.undo()
    assert [lane.id for lane in canvas.path_map.lanes] == ["gp", "echo", "pt"]


def test_dragging_a_lanes_bottom_edge_resizes_it(canvas: Canvas) -> None:
    band = canvas.scene.geometry.lane_band("echo")
    assert band is not None
    taller = band.rect.height + 60
    start = canvas.view.mapFromScene(QPointF(-60, band.rect.bottom - 1))
    canvas.drag(start, canvas.point(-60, band.rect.bottom + 61))
    height = canvas.path_map.lane("echo").height  # type: ignore[union-attr]
    assert height is not None and abs(height - taller) <= 5.0  # snapped to the 10 pt grid
    band = canvas.scene.geometry.lane_band("echo")
    assert band is not None and band.rect.height == height
    canvas.stack.undo()
    assert canvas.path_map.lane("echo").height == 150.0  # type: ignore[union-attr]
