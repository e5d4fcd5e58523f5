"""Helpers for the window tests: a window with its questions answered, never a modal dialog.

The window is built on the real canvas (`pathmapper.ui.canvas`) when it is there; until the
canvas lands, on `StandInScene` / `StandInView`, which offer just what the window uses of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from pathmapper.commands import MapDocument
from pathmapper.ui.main_window import CanvasFactory, MainWindow, real_canvas
from pathmapper.ui.settings import EditorSettings


class StandInTool(Enum):
    SELECT = "select"
    ADD_STEP = "add_step"
    CONNECT = "connect"


class StandInScene(QGraphicsScene):
    selectionIdsChanged = Signal(list)
    commandRefused = Signal(str)
    toolChanged = Signal(str)

    def __init__(self, document: MapDocument, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.document = document
        self.undo_stack = undo_stack
        self.items_by_id: dict[str, Any] = {}
        self.tool = StandInTool.SELECT
        self.tool_kind = "activity"
        self._selected: list[str] = []

    def set_tool(self, tool: StandInTool, kind: str = "activity") -> None:
        self.tool, self.tool_kind = tool, kind
        self.toolChanged.emit(tool.value)

    def selected_ids(self) -> list[str]:
        present = {element.id for element in self.document.path_map.elements()}
        return [element_id for element_id in self._selected if element_id in present]

    def select_ids(self, ids: Iterable[str]) -> None:
        self._selected = list(ids)
        self.selectionIdsChanged.emit(self.selected_ids())

    def select_all(self) -> None:
        path_map = self.document.path_map
        self.select_ids([s.id for s in path_map.steps] + [f.id for f in path_map.flows])

    def sync(self) -> None:
        pass

    def detach(self) -> None:
        pass


class StandInView(QGraphicsView):
    zoomChanged = Signal(float)

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.zoom = 1.0

    def _set(self, zoom: float) -> None:
        self.zoom = zoom
        self.zoomChanged.emit(zoom)

    def zoom_in(self) -> None:
        self._set(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self._set(self.zoom / 1.25)

    def zoom_to_fit(self) -> None:
        self._set(0.5)

    def zoom_to_100(self) -> None:
        self._set(1.0)


def stand_in_canvas(document: MapDocument, undo_stack: QUndoStack) -> tuple[Any, Any]:
    scene = StandInScene(document, undo_stack)
    return scene, StandInView(scene)


def canvas_factory() -> CanvasFactory:
    try:
        from pathmapper.ui.canvas import MapScene, MapView  # noqa: F401
    except ImportError:
        return stand_in_canvas
    return real_canvas


class Answers:
    """The window's questions, answered by the test; what was asked is recorded."""

    def __init__(self) -> None:
        self.unsaved: str = "discard"
        self.open_path: str | None = None
        self.save_path: str | None = None
        self.offer_save_as = False
        self.asked_unsaved: list[str] = []
        self.problems: list[tuple[str, list[str]]] = []
        self.save_failures: list[str] = []

    def attach(self, window: MainWindow) -> None:
        files = window.files

        def unsaved(name: str) -> Any:
            self.asked_unsaved.append(name)
            return self.unsaved

        def failure(reason: str) -> bool:
            self.save_failures.append(reason)
            return self.offer_save_as

        files.ask_unsaved_changes = unsaved
        files.choose_open_path = lambda: self.open_path
        files.choose_save_path = lambda _suggested: self.save_path
        files.show_problems = lambda title, problems: self.problems.append((title, problems))
        files.offer_save_as = failure


def make_window(qtbot: Any, tmp_path: Path) -> tuple[MainWindow, Answers]:
    settings = EditorSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, canvas_factory())
    answers = Answers()
    answers.attach(window)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window, answers
