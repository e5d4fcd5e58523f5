"""Canvas test helpers: an offscreen Qt platform, a small map on a shown MapView, and mouse
gestures sent to the view's viewport at scene points, as a person would make them."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from pathmapper.commands import MapDocument
from pathmapper.model import PathMap
from pathmapper.ui.canvas import MapScene, MapView

CANVAS_MAP: dict[str, Any] = {
    "format": "pathmapper-map",
    "schema_version": 1,
    "id": "map-1",
    "title": "Breathlessness referral",
    "lanes": [
        {"id": "gp", "name": "GP practice", "organisation": "GP practice", "height": 150},
        {"id": "echo", "name": "Echo department", "organisation": "Acute trust", "height": 150},
        {"id": "pt", "name": "Patient", "height": 150},
    ],
    "steps": [
        {"id": "s1", "kind": "start", "label": "Patient presents", "lane": "gp", "x": 150, "y": 70},
        {
            "id": "s2",
            "kind": "activity",
            "label": "Echo",
            "lane": "echo",
            "x": 450,
            "y": 70,
            "wait": "P6W",
            "duration": "PT30M",
            "patient_contact": True,
        },
        {"id": "s3", "kind": "end", "label": "Results to GP", "lane": "gp", "x": 750, "y": 70},
        {"id": "s4", "kind": "decision", "label": "Urgent?", "lane": "pt", "x": 150, "y": 70},
    ],
    "flows": [
        {"id": "f1", "source": "s1", "target": "s2", "label": "referral"},
        {"id": "f2", "source": "s2", "target": "s3"},
    ],
    "comments": [{"id": "c1", "target": "s2", "kind": "pain_point", "text": "Six week wait"}],
}


@dataclass
class Canvas:
    document: MapDocument
    stack: QUndoStack
    scene: MapScene
    view: MapView

    @property
    def path_map(self) -> PathMap:
        return self.document.path_map

    def point(self, x: float, y: float) -> QPoint:
        """The viewport pixel showing scene point (x, y)."""
        return self.view.mapFromScene(QPointF(x, y))

    def centre_of(self, element_id: str) -> QPoint:
        item = self.scene.items_by_id[element_id]
        return self.view.mapFromScene(item.sceneBoundingRect().center())

    def step_centre(self, step_id: str) -> QPoint:
        box = self.scene.geometry.steps[step_id].rect
        return self.point(*box.centre)

    def _send(
        self,
        kind: QMouseEvent.Type,
        at: QPoint,
        button: Qt.MouseButton,
        buttons: Qt.MouseButton,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        viewport = self.view.viewport()
        event = QMouseEvent(
            kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), button, buttons, modifiers
        )
        QApplication.sendEvent(viewport, event)

    def drag(self, start: QPoint, end: QPoint, steps: int = 6) -> None:
        """Press the left button at `start`, move in steps to `end`, release there."""
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        self._send(QMouseEvent.Type.MouseMove, start, none, none)
        self._send(QMouseEvent.Type.MouseButtonPress, start, left, left)
        for index in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * index // steps
            y = start.y() + (end.y() - start.y()) * index // steps
            self._send(QMouseEvent.Type.MouseMove, QPoint(x, y), none, left)
        self._send(QMouseEvent.Type.MouseButtonRelease, end, left, none)


def show_canvas(qtbot: Any, map_document: dict[str, Any], width: int, height: int) -> Canvas:
    """A map on a MapView of this size, shown and exposed, at 100%."""
    document = MapDocument(PathMap.model_validate(map_document))
    stack = QUndoStack()
    scene = MapScene(document, stack)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_100()
    return Canvas(document, stack, scene, view)


# A view or window a test made without a parent is kept alive by Python only. Once the test
# function returns, only its own reference cycles (a view and its key router) hold it, and
# pytest-qt then runs the event loop: a garbage collection in the middle of that (in a paint,
# say) deletes the widget inside its own paint event and crashes the run. So the collector is
# off from the end of the test to the end of its teardown (pytest-qt closes the widgets), and
# the cycles are collected then, outside any event. The editor's own widgets have parents:
# Qt owns them, whatever Python collects.


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[object]:
    try:
        return (yield)
    finally:
        gc.disable()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[object]:
    try:
        return (yield)
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture
def canvas(qtbot: Any) -> Iterator[Canvas]:
    shown = show_canvas(qtbot, CANVAS_MAP, 1100, 700)
    view = shown.view
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    view.setFocus()
    yield shown
    shown.scene.detach()


@pytest.fixture
def insight(qtbot: Any) -> Iterator[Any]:
    """A window with the live analysis installed on the insight map (`InsightWindow`)."""
    from tests.ui.test_insight_support import insight_window  # Qt analysis: only when asked

    yield from insight_window(qtbot)
