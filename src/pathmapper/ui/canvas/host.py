"""What the canvas's parts ask of the scene that holds them.

The scene makes the items, the gestures and the far view, so they must not import it: each
knows the scene only by one of these protocols, and the canvas package has no import circle
(import-linter checks it). `MapScene` is all of them; mypy checks that where the scene hands
itself over.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGraphicsItem

from pathmapper.commands import Command
from pathmapper.layout.primitives import MapGeometry
from pathmapper.model import PathMap


class Tool(Enum):
    SELECT = "select"
    ADD_STEP = "add_step"
    CONNECT = "connect"


class SceneItems(Protocol):
    """The items of the map's elements, by model id, the map they draw, and where the layout
    drew it."""

    items_by_id: dict[str, QGraphicsItem]
    geometry: MapGeometry

    @property
    def path_map(self) -> PathMap: ...

    def selectedItems(self) -> list[QGraphicsItem]: ...

    def sceneRect(self) -> QRectF: ...


class StepDragHost(Protocol):
    """What a step item asks of its scene while the person drags it."""

    dragging: bool

    def snapped_top_left(self, item: QGraphicsItem, proposed: QPointF) -> QPointF: ...

    def step_dragged(self, item: QGraphicsItem) -> None: ...


class GestureHost(SceneItems, StepDragHost, Protocol):
    """What the gestures (`interaction.CanvasInteraction`) use of their scene."""

    geometry: MapGeometry
    undo_stack: QUndoStack
    tool: Tool
    tool_kind: str
    commandRefused: SignalInstance

    def execute(self, command: Command) -> bool: ...

    def set_tool(self, tool: Tool, kind: str = "activity") -> None: ...

    def refresh(self, ids: Iterable[str] = ()) -> None: ...

    def select_ids(self, ids: list[str]) -> None: ...

    def selected_ids(self) -> list[str]: ...

    def clearSelection(self) -> None: ...

    def addItem(self, item: QGraphicsItem) -> None: ...

    def removeItem(self, item: QGraphicsItem) -> None: ...

    def items(self, pos: QPointF) -> list[QGraphicsItem]: ...
