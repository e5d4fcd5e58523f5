"""The step palette: a tool bar to pick a kind of step and click on the canvas to place it,
or to connect steps. One click places one step, then the select tool is back."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QToolBar, QWidget

from pathmapper.layout.style import STEP_STYLES
from pathmapper.model import KIND_NAMES, STEP_KINDS
from pathmapper.ui.canvas.scene import MapScene, Tool


class StepPalette(QToolBar):
    """Select, Connect, and one action per step kind (`actions_by_kind`)."""

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__("Steps", parent)
        self.setObjectName("step_palette")
        self.scene = scene
        group = QActionGroup(self)
        self.select_action = self._tool_action(group, "Select", "select", Tool.SELECT)
        self.connect_action = self._tool_action(group, "Connect", "connect", Tool.CONNECT)
        self.select_action.setChecked(True)
        self.actions_by_kind: dict[str, QAction] = {}
        for kind in STEP_KINDS:
            glyph = STEP_STYLES[kind].glyph
            text = f"{glyph} {KIND_NAMES[kind]}" if glyph else KIND_NAMES[kind]
            action = self._tool_action(group, text, f"add_{kind}", Tool.ADD_STEP, kind)
            action.setToolTip(f"Add a {KIND_NAMES[kind].lower()} step: then click on a lane")
            self.actions_by_kind[kind] = action
        scene.toolChanged.connect(self._follow_tool)

    def _tool_action(
        self, group: QActionGroup, text: str, name: str, tool: Tool, kind: str = "activity"
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setCheckable(True)
        action.triggered.connect(lambda: self.scene.set_tool(tool, kind))
        group.addAction(action)
        self.addAction(action)
        return action

    def _follow_tool(self, tool: str) -> None:
        if tool == Tool.SELECT.value:
            self.select_action.setChecked(True)
        elif tool == Tool.CONNECT.value:
            self.connect_action.setChecked(True)
