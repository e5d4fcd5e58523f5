"""Zooming, panning, pinned headers, and dropping a step into another phase column."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CANVAS_MAP, Canvas, show_canvas

WIDE_MAP = {
    **CANVAS_MAP,
    "phases": [
        {"id": "referral", "name": "Referral", "width": 600},
        {"id": "tests", "name": "Tests", "width": 900},
        {"id": "results", "name": "Results", "width": 1500},
    ],
    "lanes": [*CANVAS_MAP["lanes"], *[{"id": f"l{i}", "name": f"Lane {i}"} for i in range(6)]],
    "steps": [
        {**step, "phase": "referral" if step["x"] < 600 else "tests"}
        for step in CANVAS_MAP["steps"]
    ],
}


@pytest.fixture
def wide(qtbot: Any) -> Canvas:
    return show_canvas(qtbot, WIDE_MAP, 800, 500)


def test_zoom_in_out_fit_and_100_change_the_transform_and_report_it(
    canvas: Canvas, qtbot: Any
) -> None:
    reported: list[float] = []
    canvas.view.zoomChanged.connect(reported.append)
    canvas.view.zoom_in()
    assert canvas.view.transform().m11() == pytest.approx(1.25)
    canvas.view.zoom_out()
    canvas.view.zoom_out()
    assert canvas.view.zoom() == pytest.approx(0.8)
    canvas.view.zoom_to_100()
    assert canvas.view.zoom() == pytest.approx(1.0)
    assert reported == pytest.approx([1.25, 1.0, 0.8, 1.0])


def test_zoom_to_fit_shows_the_whole_map(wide: Canvas) -> None:
    wide.view.zoom_to_fit()
    assert wide.view.zoom() < 1.0
    visible = wide.view.visible_scene_rect()
    body = wide.scene.geometry.body
    assert visible.left() <= -170 and visible.right() >= body.right
    assert visible.bottom() >= body.bottom


def test_ctrl_wheel_zooms_and_plain_wheel_scrolls(wide: Canvas) -> None:
    viewport = wide.view.viewport()
    centre = QPointF(viewport.rect().center())

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            centre,
            QPointF(viewport.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert wide.view.zoom() == pytest.approx(1 / 1.15)
    scrolled_from = wide.view.verticalScrollBar().value()
    wheel(Qt.KeyboardModifier.NoModifier)
    assert wide.view.verticalScrollBar().value() > scrolled_from


def test_lane_and_phase_headers_stay_in_sight_when_scrolled(wide: Canvas, qtbot: Any) -> None:
    view = wide.view
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    visible = view.visible_scene_rect()
    assert visible.left() > 0 and visible.top() > 0  # scrolled past both header bands
    for lane in wide.path_map.lanes:
        header = wide.scene.items_by_id[lane.id]
        assert header.sceneBoundingRect().left() == pytest.approx(visible.left())
    for phase in wide.path_map.phases:
        header = wide.scene.items_by_id[phase.id]
        assert header.sceneBoundingRect().top() == pytest.approx(visible.top())
    assert wide.scene.corner.scenePos() == QPointF(visible.left(), visible.top())
    # Drawn on top of the steps scrolled under them, and back home when scrolled back.
    assert wide.scene.items_by_id["gp"].zValue() > wide.scene.items_by_id["s1"].zValue()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    assert wide.scene.items_by_id["gp"].scenePos().x() == pytest.approx(-170)


def test_middle_drag_pans(wide: Canvas) -> None:
    from PySide6.QtGui import QMouseEvent

    before = wide.view.horizontalScrollBar().value()
    middle = Qt.MouseButton.MiddleButton
    for kind, at, button, buttons in (
        (QMouseEvent.Type.MouseButtonPress, QPoint(400, 300), middle, middle),
        (QMouseEvent.Type.MouseMove, QPoint(300, 300), Qt.MouseButton.NoButton, middle),
        (QMouseEvent.Type.MouseButtonRelease, QPoint(300, 300), middle, Qt.MouseButton.NoButton),
    ):
        wide._send(kind, at, button, buttons)
    assert wide.view.horizontalScrollBar().value() == before + 100
    assert wide.path_map.step("s1").x == 150.0  # type: ignore[union-attr]


def test_a_step_dropped_in_another_column_takes_that_phase(wide: Canvas) -> None:
    wide.view.resize(1200, 500)
    wide.view.horizontalScrollBar().setValue(wide.view.horizontalScrollBar().minimum())
    wide.view.verticalScrollBar().setValue(wide.view.verticalScrollBar().minimum())
    start = wide.step_centre("s1")
    wide.drag(start, wide.point(700, 70))
    step = wide.path_map.step("s1")
    assert step is not None and (step.phase, step.x) == ("tests", 700.0)
    wide.stack.undo()
    step = wide.path_map.step("s1")
    assert step is not None and (step.phase, step.x) == ("referral", 150.0)
