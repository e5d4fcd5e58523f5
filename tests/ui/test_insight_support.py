"""A small window for the analysis-in-the-editor tests: the real canvas on a map with a
handoff inside one organisation, handoffs between two, a loop, a dead end and waits; and
`install_analysis` on it, with a short re-analysis delay. No tests here: the map and the body
of conftest's `insight` fixture are shared by the test_insight_* modules."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from pathmapper.commands import MapDocument
from pathmapper.model import PathMap
from pathmapper.ui.actions import EditorActions, build_menus, build_toolbars
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.context import EditorContext
from pathmapper.ui.files import FileController
from pathmapper.ui.insight import AnalysisPanel, install_analysis
from pathmapper.ui.settings import EditorSettings


def _step(step_id: str, kind: str, label: str, lane: str, x: float, **more: Any) -> dict[str, Any]:
    return {"id": step_id, "kind": kind, "label": label, "lane": lane, "x": x, "y": 70, **more}


INSIGHT_MAP: dict[str, Any] = {
    "format": "pathmapper-map",
    "schema_version": 1,
    "id": "insight-map",
    "title": "Breathlessness: echo and back",
    "lanes": [
        {"id": "gp", "name": "GP", "organisation": "GP practice", "height": 150},
        {"id": "nurse", "name": "Practice nurse", "organisation": "GP practice", "height": 150},
        {"id": "echo", "name": "Echo department", "organisation": "Acute trust", "height": 150},
    ],
    "steps": [
        _step("s1", "start", "Patient presents", "gp", 150),
        _step(
            "s2",
            "activity",
            "Nurse takes bloods",
            "nurse",
            420,
            wait="P2D",
            duration="PT10M",
            patient_contact=True,
            value_added=True,
        ),
        _step(
            "s3",
            "activity",
            "Echo scan",
            "echo",
            690,
            wait="P6W",
            duration="PT30M",
            patient_contact=True,
            value_added=True,
        ),
        _step("s4", "decision", "Result clear?", "gp", 960, duration="PT5M"),
        _step("s5", "end", "Discharged", "gp", 1230),
        _step("s6", "activity", "Letter filed", "gp", 2600, wait="P1D"),
    ],
    "flows": [
        {"id": "f1", "source": "s1", "target": "s2", "label": "bloods form"},
        {"id": "f2", "source": "s2", "target": "s3", "label": "referral"},
        {"id": "f3", "source": "s3", "target": "s4", "label": "report"},
        {"id": "f4", "source": "s4", "target": "s5", "label": "yes"},
        {"id": "f5", "source": "s4", "target": "s3", "label": "no: repeat"},
        {"id": "f6", "source": "s4", "target": "s6", "label": "unclear"},
        {"id": "f7", "source": "s1", "target": "s4", "label": "already known"},
    ],
}


@dataclass
class InsightWindow:
    window: QMainWindow
    document: MapDocument
    stack: QUndoStack
    scene: MapScene
    view: MapView
    panel: AnalysisPanel

    def wait_for_analysis(self, qtbot: Any) -> None:
        """Until the runner has analysed the document as it is now."""
        qtbot.waitUntil(
            lambda: self.panel.runner.latest_revision == self.document.revision, timeout=10_000
        )


def _no_new_window() -> EditorContext:
    raise AssertionError("the analysis never opens a window")


class _Window(QMainWindow):
    """A window with the canvas and menus only: what the analysis needs, no other feature."""

    def __init__(self, path_map: PathMap) -> None:
        super().__init__()
        self.document = MapDocument(path_map)
        self.undo_stack = QUndoStack(self)
        self.scene = MapScene(self.document, self.undo_stack)
        self.view = MapView(self.scene)
        self.setCentralWidget(self.view)
        ini = Path(tempfile.gettempdir()) / "pathmapper-insight-tests.ini"
        settings = EditorSettings(QSettings(str(ini), QSettings.Format.IniFormat))
        actions = EditorActions(self, self.undo_stack)
        self.context = EditorContext(
            window=self,
            document=self.document,
            undo_stack=self.undo_stack,
            scene=self.scene,
            view=self.view,
            say=self.statusBar().showMessage,
            menus=build_menus(self, actions, QMenu(self)),
            actions=actions,
            toolbars=build_toolbars(self, actions),
            files=FileController(self, self.document, self.undo_stack, settings),
            settings=settings,
            open_new_window=_no_new_window,
            show_start_of_map=lambda: None,
        )


def open_insight(qtbot: Any, path_map: PathMap) -> InsightWindow:
    window = _Window(path_map)
    qtbot.addWidget(window)
    panel = install_analysis(window.context, delay_ms=10)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.view.zoom_to_100()
    opened = InsightWindow(
        window, window.document, window.undo_stack, window.scene, window.view, panel
    )
    opened.wait_for_analysis(qtbot)
    return opened


def insight_window(qtbot: Any) -> Iterator[InsightWindow]:
    """The body of the `insight` fixture (in conftest.py)."""
    opened = open_insight(qtbot, PathMap.model_validate(INSIGHT_MAP))
    yield opened
    opened.panel.detach()
    opened.scene.detach()
