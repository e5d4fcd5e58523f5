"""Routes and the patient's walk: the list matches the analysis, a chosen route is highlighted,
and the walk moves step by step with the right running figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pathmapper.analysis import analyse
from pathmapper.model import PathMap
from pathmapper.ui.insight.overlay_items import Badge, FlowStroke, StepMark
from pathmapper.ui.insight.walk import stop_caption, walk_stops
from tests.ui.test_insight_support import INSIGHT_MAP, InsightWindow

WEEK, DAY = 7 * 24 * 60, 24 * 60


def test_routes_list_matches_the_analysis_longest_first(insight: InsightWindow) -> None:
    expected = analyse(PathMap.model_validate(INSIGHT_MAP)).routes
    model = insight.panel.routes.model
    assert model.rowCount() == len(expected) == 2
    assert [route.steps for route in model.routes] == [
        ("s1", "s2", "s3", "s4", "s5"),
        ("s1", "s4", "s5"),
    ]
    assert {route.steps for route in model.routes} == {route.steps for route in expected}
    row = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert row == [
        "bloods form → yes",  # the ways it takes where the pathway forks
        "6w 2d",  # two units: minutes do not matter beside weeks
        "6w 2d",
        "2",
        "3 (2 between organisations)",
        "5",
    ]


def test_choosing_a_route_highlights_it(insight: InsightWindow) -> None:
    insight.panel.routes.select_row(0)
    items = insight.panel.overlays.items_of("route")
    flows = {item.flow_id for item in items if isinstance(item, FlowStroke)}
    assert flows == {"f1", "f2", "f3", "f4"}
    assert sorted(item.text for item in items if isinstance(item, Badge)) == list("12345")
    insight.panel.routes.select_row(1)
    items = insight.panel.overlays.items_of("route")
    assert {item.flow_id for item in items if isinstance(item, FlowStroke)} == {"f7", "f4"}


def test_walk_stops_carry_the_running_figures() -> None:
    path_map = PathMap.model_validate(INSIGHT_MAP)
    route = analyse(path_map).routes[0]
    stops = walk_stops(route, path_map)
    assert [stop.step_id for stop in stops] == ["s1", "s2", "s3", "s4", "s5"]
    assert [stop.waited_minutes for stop in stops] == [0, 2 * DAY, 2 * DAY + 6 * WEEK] + [
        2 * DAY + 6 * WEEK
    ] * 2
    assert [stop.contacts_so_far for stop in stops] == [0, 1, 2, 2, 2]
    assert [stop.handoffs_so_far for stop in stops] == [0, 1, 2, 3, 3]
    assert stops[-1].time_so_far_minutes == route.lead_time_minutes
    assert stop_caption(stops[2]).splitlines() == [
        "Step 3 of 5 · 'Echo scan' in Echo department",
        "waited 6w 2d · time so far 6w 2d · 2 contacts so far · 2 handoffs",
    ]


def test_walking_the_pathway_with_the_keyboard(insight: InsightWindow, qtbot: Any) -> None:
    panel, window = insight.panel, insight.window
    walk = panel.walk
    assert not insight.view.keys.is_active("walk")  # Page Down scrolls as usual when not walking
    panel.walk_action.trigger()  # nothing chosen: the longest route
    assert walk.current is not None and walk.current.step_id == "s1"
    assert walk.banner.isVisible()
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    stop = walk.current
    assert stop is not None and stop.step_id == "s3" and stop.number == 3
    assert "Step 3 of 5" in walk.banner.text()
    assert "waited 6w 2d" in walk.banner.text()
    assert "2 contacts so far" in walk.banner.text()
    marks = [i for i in panel.overlays.items_of("walk") if isinstance(i, StepMark)]
    assert [mark.step_id for mark in marks] == ["s3"]
    step = insight.scene.items_by_id["s3"].sceneBoundingRect()
    assert insight.view.visible_scene_rect().contains(step)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert walk.current is not None and walk.current.step_id == "s2"
    for _ in range(6):  # past the end stays at the end
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert walk.current is not None and walk.current.number == 5
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert walk.current is None
    assert not walk.banner.isVisible()
    assert panel.overlays.items_of("walk") == []
    assert not insight.view.keys.is_active("walk")


def test_walking_the_chosen_route(insight: InsightWindow) -> None:
    insight.panel.routes.select_row(1)
    insight.panel.routes.walk_button.click()
    walk = insight.panel.walk
    assert [stop.step_id for stop in walk.stops] == ["s1", "s4", "s5"]
    walk.next()
    assert walk.current is not None and walk.current.waited_minutes == 0
