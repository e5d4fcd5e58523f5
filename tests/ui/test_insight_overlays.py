"""Overlays: toggled by their actions, drawn above the canvas with the right pens for the right
flows and steps, following edits, gone cleanly when switched off; the canvas items untouched."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from pathmapper.commands import RemoveElements, SetFields
from pathmapper.layout.style import BLUE, REDDISH_PURPLE, VERMILLION
from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.insight.overlay_items import (
    OVERLAY_Z,
    Badge,
    FlowStroke,
    OverlayLayer,
    StepMark,
)
from pathmapper.ui.insight.overlay_layers import CROSS_ORGANISATION_WIDTH, HANDOFF_WIDTH
from tests.ui.test_insight_support import InsightWindow


def _strokes(window: InsightWindow, name: str) -> dict[str, FlowStroke]:
    items = window.panel.overlays.items_of(name)
    return {item.flow_id: item for item in items if isinstance(item, FlowStroke)}


def _badges(window: InsightWindow, name: str) -> list[str]:
    return [item.text for item in window.panel.overlays.items_of(name) if isinstance(item, Badge)]


def _marks(window: InsightWindow, name: str) -> dict[str, StepMark]:
    items = window.panel.overlays.items_of(name)
    return {item.step_id: item for item in items if isinstance(item, StepMark)}


def _layers(window: InsightWindow) -> list[OverlayLayer]:
    return [item for item in window.scene.items() if isinstance(item, OverlayLayer)]


def test_handoffs_overlay_draws_cross_lane_flows_thick_and_cross_organisation_dashed(
    insight: InsightWindow,
) -> None:
    overlays = insight.panel.overlays
    assert overlays.items_of("handoffs") == []
    canvas_items = len(insight.scene.items())
    overlays.actions["handoffs"].trigger()
    strokes = _strokes(insight, "handoffs")
    assert set(strokes) == {"f1", "f2", "f3", "f5"}  # f1 changes lane inside the GP practice
    inside = strokes["f1"].pen()
    assert inside.widthF() == HANDOFF_WIDTH
    assert inside.style() == Qt.PenStyle.SolidLine
    assert inside.color().rgb() == QColor(BLUE).rgb()
    for flow_id in ("f2", "f3", "f5"):
        pen = strokes[flow_id].pen()
        assert pen.widthF() == CROSS_ORGANISATION_WIDTH
        assert pen.style() == Qt.PenStyle.CustomDashLine
        assert pen.color().rgb() == QColor(VERMILLION).rgb()
    # Both lane boundaries are crossed by three arrows.
    assert _badges(insight, "handoffs") == ["↕ 3", "↕ 3"]
    layer = _layers(insight)[0]
    assert layer.zValue() == OVERLAY_Z
    assert all(item.zValue() < OVERLAY_Z for item in insight.scene.items_by_id.values())
    assert all(
        item.acceptedMouseButtons() == Qt.MouseButton.NoButton
        for item in overlays.items_of("handoffs")
    )
    overlays.actions["handoffs"].trigger()
    assert overlays.items_of("handoffs") == []
    assert _layers(insight) == []
    assert len(insight.scene.items()) == canvas_items


def test_the_canvas_items_are_never_restyled(insight: InsightWindow) -> None:
    flow = insight.scene.items_by_id["f2"]
    assert isinstance(flow, FlowItem)
    before = (flow.points, flow.zValue(), flow.isVisible())
    for action in insight.panel.overlays.actions.values():
        action.setChecked(True)
    assert (flow.points, flow.zValue(), flow.isVisible()) == before
    assert set(insight.scene.items_by_id) == {
        "gp", "nurse", "echo", "s1", "s2", "s3", "s4", "s5", "s6",
        "f1", "f2", "f3", "f4", "f5", "f6", "f7",
    }  # fmt: skip


def test_loops_overlay_highlights_each_loop_with_a_numbered_badge(insight: InsightWindow) -> None:
    insight.panel.overlays.actions["loops"].setChecked(True)
    strokes = _strokes(insight, "loops")
    assert set(strokes) == {"f3", "f5"}  # 'Echo scan' -> 'Result clear?' -> back
    assert strokes["f3"].pen().color() == strokes["f5"].pen().color()
    assert _badges(insight, "loops") == ["1"]


def test_gaps_overlay_marks_the_dead_end(insight: InsightWindow) -> None:
    insight.panel.overlays.actions["gaps"].setChecked(True)
    marks = _marks(insight, "gaps")
    assert set(marks) == {"s6"}
    assert marks["s6"].pen().style() == Qt.PenStyle.CustomDashLine
    assert marks["s6"].pen().color().rgb() == QColor(REDDISH_PURPLE).rgb()
    assert _badges(insight, "gaps") == ["⚠ DEAD END"]
    step = insight.scene.items_by_id["s6"].sceneBoundingRect()
    assert marks["s6"].sceneBoundingRect().intersects(step)


def test_waits_overlay_haloes_steps_by_their_wait(insight: InsightWindow) -> None:
    insight.panel.overlays.actions["waits"].setChecked(True)
    marks = _marks(insight, "waits")
    assert set(marks) == {"s2", "s3", "s6"}
    six_weeks, two_days = marks["s3"].boundingRect(), marks["s2"].boundingRect()
    assert six_weeks.width() - 150 > two_days.width() - 150  # the longer wait, the wider halo
    assert "◷ waits 6w" in _badges(insight, "waits")
    assert "◷ waits 2d" in _badges(insight, "waits")


def test_overlays_follow_edits(insight: InsightWindow, qtbot: Any) -> None:
    overlays = insight.panel.overlays
    overlays.actions["handoffs"].setChecked(True)
    overlays.actions["gaps"].setChecked(True)
    before = _strokes(insight, "handoffs")["f2"].path().boundingRect()
    insight.scene.execute(SetFields("s3", {"x": 800.0}))  # 'Echo scan' moves right
    assert overlays.redraw_pending  # once the canvas's burst of updates is over
    qtbot.waitUntil(lambda: not overlays.redraw_pending)
    moved = _strokes(insight, "handoffs")["f2"].path().boundingRect()
    assert moved.right() > before.right()
    insight.scene.execute(RemoveElements(["f2"]))
    insight.wait_for_analysis(qtbot)
    assert "f2" not in _strokes(insight, "handoffs")
    assert set(_marks(insight, "gaps")) >= {"s6"}
    # Nothing leaves 'Nurse takes bloods' now: a dead end, marked.
    assert "s2" in _marks(insight, "gaps")


def test_a_reset_of_the_scene_draws_the_overlays_again(insight: InsightWindow, qtbot: Any) -> None:
    overlays = insight.panel.overlays
    overlays.actions["loops"].setChecked(True)
    insight.scene.rebuild()  # what opening a map does: every item thrown away
    qtbot.waitUntil(lambda: not overlays.redraw_pending)
    assert set(_strokes(insight, "loops")) == {"f3", "f5"}
    assert len(_layers(insight)) == 1


def test_following_the_canvas_redraws_only_when_something_moved(insight: InsightWindow) -> None:
    overlays = insight.panel.overlays
    overlays.actions["handoffs"].setChecked(True)
    layer = overlays.layers["handoffs"]
    overlays.redraw_all()  # the canvas reported a change that moved nothing
    assert overlays.layers["handoffs"] is layer
    insight.scene.execute(SetFields("s2", {"x": 500.0}))
    overlays.redraw_all()
    assert overlays.layers["handoffs"] is not layer
    assert layer.scene() is None
