"""What keeps drags and drops cheap on big maps, checked for what it draws: arrows inside a
dragged group keep their shape and move with it, arrows whose route did not change are not
rebuilt, and the scene's geometry after a drop is the full layout's."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from pathmapper.layout import compute_geometry
from pathmapper.ui.canvas.items_flows import FlowItem
from tests.ui.conftest import Canvas


def flow_item(canvas: Canvas, flow_id: str) -> FlowItem:
    item = canvas.scene.items_by_id[flow_id]
    assert isinstance(item, FlowItem)
    return item


def test_an_arrow_inside_a_dragged_group_moves_with_it_unchanged_until_the_drop(
    canvas: Canvas,
) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    canvas.scene.select_ids(["s1", "s2"])
    f1, f2 = flow_item(canvas, "f1"), flow_item(canvas, "f2")
    shape_before, f2_before = list(f1.points), list(f2.points)
    start = canvas.step_centre("s1")
    canvas._send(QMouseEvent.Type.MouseMove, start, none, none)
    canvas._send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    canvas._send(QMouseEvent.Type.MouseMove, start + QPoint(50, 0), none, left)
    canvas._send(QMouseEvent.Type.MouseMove, start + QPoint(100, 0), none, left)
    # f1 joins two dragged steps: the same shape, shifted by the drag; f2 leaves the group.
    assert f1.points == shape_before
    assert f1.pos() == QPointF(100, 0)
    assert f2.points != f2_before and f2.pos() == QPointF()
    canvas._send(QMouseEvent.Type.MouseButtonRelease, start + QPoint(100, 0), left, none)
    assert canvas.path_map.step("s1").x == 250.0  # type: ignore[union-attr]
    routes = compute_geometry(canvas.path_map).flows
    for flow_id in ("f1", "f2"):
        item = flow_item(canvas, flow_id)
        assert item.pos() == QPointF()  # back in scene coordinates, on the new route
        assert item.points == list(routes[flow_id].points)
    assert canvas.scene.geometry == compute_geometry(canvas.path_map)


def test_a_drag_brought_back_where_it_began_puts_shifted_arrows_back(canvas: Canvas) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    canvas.scene.select_ids(["s1", "s2"])
    f1 = flow_item(canvas, "f1")
    before = list(f1.points)
    start = canvas.step_centre("s1")
    canvas._send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    canvas._send(QMouseEvent.Type.MouseMove, start + QPoint(80, 0), none, left)
    assert f1.pos() != QPointF()
    canvas._send(QMouseEvent.Type.MouseMove, start, none, left)
    canvas._send(QMouseEvent.Type.MouseButtonRelease, start, left, none)
    assert canvas.stack.count() == 0
    assert f1.pos() == QPointF() and f1.points == before


def test_applying_the_same_route_again_keeps_the_arrow_as_it_is(canvas: Canvas) -> None:
    f1 = flow_item(canvas, "f1")
    route = canvas.scene.geometry.flows["f1"]
    drawing_before, bounds_before = f1.drawing(), f1.boundingRect()
    f1.apply(route.points, route.label, f1._style)
    assert f1.drawing() is drawing_before  # not rebuilt
    assert f1.boundingRect() == bounds_before
    moved = tuple((x + 10.0, y) for x, y in route.points)
    f1.apply(moved, route.label, f1._style)
    assert f1.points == list(moved)
    assert f1.boundingRect() != bounds_before


def test_steps_in_the_lanes_below_a_grown_lane_move_down_with_it(canvas: Canvas) -> None:
    from pathmapper.commands import ResizeLane

    s2 = canvas.scene.items_by_id["s2"]  # in the echo lane, below the GP lane
    outline_before = s2.outline  # type: ignore[attr-defined]
    top_before = s2.pos().y()
    assert canvas.scene.execute(ResizeLane("gp", 250.0))
    box = canvas.scene.geometry.steps["s2"].rect
    assert s2.pos() == QPointF(box.x, box.y)
    assert s2.pos().y() == top_before + 100.0
    assert s2.outline is outline_before  # type: ignore[attr-defined]  # moved, not redrawn
    assert canvas.scene.geometry == compute_geometry(canvas.path_map)
