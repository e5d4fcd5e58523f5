"""The scene follows the document: commands (and their undo) add, move and remove items."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from pathmapper.commands import (
    AddStep,
    MapDocument,
    MoveLane,
    MoveSteps,
    RemoveElements,
    SetFields,
)
from pathmapper.model import PathMap, Step
from pathmapper.ui.canvas.items_comments import CommentItem
from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.canvas.items_lanes import LaneHeaderItem
from pathmapper.ui.canvas.items_steps import StepItem
from pathmapper.ui.undo import UndoableCommand, push
from tests.ui.conftest import CANVAS_MAP, Canvas


def test_every_element_has_its_item(canvas: Canvas) -> None:
    items = canvas.scene.items_by_id
    assert {s.id for s in canvas.path_map.steps} <= set(items)
    assert isinstance(items["s1"], StepItem)
    assert isinstance(items["f1"], FlowItem)
    assert isinstance(items["c1"], CommentItem)
    assert isinstance(items["gp"], LaneHeaderItem)
    box = canvas.scene.geometry.steps["s2"].rect
    assert items["s2"].scenePos().x() == pytest.approx(box.x)
    assert items["s2"].scenePos().y() == pytest.approx(box.y)


def test_a_step_added_by_command_appears_with_its_box_and_goes_on_undo(canvas: Canvas) -> None:
    step = Step(id="new", kind="wait", label="Waiting list", lane="echo", x=700.0, y=80.0)
    assert canvas.scene.execute(AddStep(step))
    item = canvas.scene.items_by_id["new"]
    assert isinstance(item, StepItem)
    band = canvas.scene.geometry.lane_band("echo")
    assert band is not None
    assert item.centre().x() == pytest.approx(700.0)
    assert item.centre().y() == pytest.approx(band.rect.top + 80.0)
    canvas.stack.undo()
    assert "new" not in canvas.scene.items_by_id
    assert item.scene() is None
    canvas.stack.redo()
    assert isinstance(canvas.scene.items_by_id["new"], StepItem)


def test_moving_a_step_by_command_moves_its_item_and_reroutes_its_arrows(canvas: Canvas) -> None:
    before = list(canvas.scene.items_by_id["f1"].points)  # type: ignore[attr-defined]
    canvas.scene.execute(MoveSteps({"s2": (600.0, 90.0, None)}))
    item = canvas.scene.items_by_id["s2"]
    assert isinstance(item, StepItem)
    assert item.centre().x() == pytest.approx(600.0)
    assert canvas.scene.items_by_id["f1"].points != before  # type: ignore[attr-defined]
    assert canvas.scene.items_by_id["f1"].points[-1][0] == pytest.approx(600.0 - item.width / 2)  # type: ignore[attr-defined]


def test_renaming_redraws_the_label_and_deleting_a_lane_removes_its_items(canvas: Canvas) -> None:
    canvas.scene.execute(SetFields("s2", {"label": "Echocardiogram at the hospital"}))
    assert canvas.scene.geometry.steps["s2"].lines[0].startswith("Echocardiogram")
    canvas.scene.execute(RemoveElements(["echo"]))
    for gone in ("echo", "s2", "f1", "f2", "c1"):
        assert gone not in canvas.scene.items_by_id
    assert "echo" not in canvas.scene.lane_bands
    canvas.stack.undo()
    for back in ("echo", "s2", "f1", "f2", "c1"):
        assert back in canvas.scene.items_by_id


def test_reordering_lanes_moves_their_steps(canvas: Canvas) -> None:
    canvas.scene.execute(MoveLane("pt", 0))
    s4 = canvas.scene.items_by_id["s4"]
    assert isinstance(s4, StepItem)
    assert s4.centre().y() == pytest.approx(70.0)
    assert canvas.scene.items_by_id["pt"].y() == pytest.approx(0.0)


def test_a_refused_command_is_reported_and_not_pushed(canvas: Canvas) -> None:
    messages: list[str] = []
    canvas.scene.commandRefused.connect(messages.append)
    done = canvas.scene.execute(SetFields("s1", {"lane": "nowhere"}))
    assert not done
    assert messages and "nowhere" in messages[0]
    assert canvas.stack.count() == 0
    assert canvas.path_map.step("s1").lane == "gp"  # type: ignore[union-attr]


def test_changes_made_outside_the_stack_arrive_on_the_next_event_loop_turn(
    canvas: Canvas, qtbot: object
) -> None:
    canvas.document.replace_map(PathMap.model_validate({**CANVAS_MAP, "steps": [], "flows": []}))
    qtbot.waitUntil(lambda: "s1" not in canvas.scene.items_by_id)  # type: ignore[attr-defined]
    assert "gp" in canvas.scene.items_by_id


def test_selection_signal_carries_model_ids(canvas: Canvas) -> None:
    seen: list[list[str]] = []
    canvas.scene.selectionIdsChanged.connect(seen.append)
    canvas.scene.select_ids(["s3", "f1"])
    assert canvas.scene.selected_ids() == ["s3", "f1"]
    assert seen[-1] == ["s3", "f1"]


def test_push_refuses_without_pushing_and_merges_nudges(qtbot: object) -> None:
    document = MapDocument(PathMap.model_validate(CANVAS_MAP))
    stack = QUndoStack()
    with pytest.raises(ValueError, match="nowhere"):
        push(stack, document, SetFields("s1", {"lane": "nowhere"}))
    refusals: list[str] = []
    assert not push(stack, document, SetFields("s1", {"lane": "x"}), refusals.append)
    assert stack.count() == 0 and len(refusals) == 1
    assert push(stack, document, MoveSteps({"s1": (160.0, 70.0, None)}, nudge=True))
    assert push(stack, document, MoveSteps({"s1": (170.0, 70.0, None)}, nudge=True))
    assert stack.count() == 1
    command = stack.command(0)
    assert isinstance(command, UndoableCommand)
    stack.undo()
    assert document.path_map.step("s1").x == 150.0  # type: ignore[union-attr]
    stack.redo()
    assert document.path_map.step("s1").x == 170.0  # type: ignore[union-attr]


def test_arrows_between_organisations_are_dashed_also_while_their_steps_are_dragged(
    canvas: Canvas,
) -> None:
    from PySide6.QtCore import QPointF

    from pathmapper.commands import AddFlow
    from pathmapper.model import Flow
    from pathmapper.ui.canvas.drag_routes import DraggedFlows

    assert canvas.scene.execute(AddFlow(Flow(id="f3", source="s1", target="s3")))
    items = canvas.scene.items_by_id
    across, within = items["f1"], items["f3"]
    assert isinstance(across, FlowItem) and isinstance(within, FlowItem)
    assert across.style.dash and not within.style.dash  # GP practice to Acute trust; GP only
    s1 = items["s1"]
    dragged = DraggedFlows.of_drag(canvas.path_map, {"s1": s1.pos()})
    s1.setPos(s1.pos() + QPointF(0, 40))
    dragged.follow(canvas.scene, {"s1"})
    assert across.style.dash and not within.style.dash
    assert dragged.reshaped == {"f1", "f3"}
