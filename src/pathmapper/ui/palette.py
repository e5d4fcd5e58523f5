"""The palette: the canvas tools as a toolbar at the left edge (select, connect, a step kind).

Click a kind, then click the canvas to put a step there. The palette only says which tool is
chosen (`toolChosen`: "select", "connect" or a step kind); the window hands that to the canvas.
Each kind's button shows a small swatch in the kind's canvas colours, so the palette and the
map speak the same visual language.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

from pathmapper.layout.style import STEP_STYLES
from pathmapper.model import KIND_NAMES, STEP_KINDS

SELECT_TOOL = "select"
CONNECT_TOOL = "connect"
ICON_SIZE = 28


def kind_icon(kind: str) -> QIcon:
    """A swatch of a step kind: its fill and outline, in its shape's silhouette."""
    style = STEP_STYLES.get(kind, STEP_STYLES["activity"])
    pixmap = QPixmap(ICON_SIZE * 2, ICON_SIZE * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(style.outline), 4))
    painter.setBrush(QColor(style.fill))
    box = QRectF(6, 14, ICON_SIZE * 2 - 12, ICON_SIZE * 2 - 28)
    if kind in ("start", "end"):
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
    elif kind == "decision":
        centre = box.center()
        painter.drawPolygon(
            [
                centre + type(centre)(0, -box.height() / 2 - 6),
                centre + type(centre)(box.width() / 2, 0),
                centre + type(centre)(0, box.height() / 2 + 6),
                centre + type(centre)(-box.width() / 2, 0),
            ]
        )
    else:
        painter.drawRoundedRect(box, 6, 6)
    painter.end()
    return QIcon(pixmap)


class Palette(QToolBar):
    """Tool buttons, one checked at a time."""

    toolChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Palette", parent)
        self.setObjectName("palette")
        self.setOrientation(Qt.Orientation.Vertical)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.tool_actions: dict[str, QAction] = {}
        self._add(SELECT_TOOL, "Select", "Select and move steps (click, or drag a box)", None)
        self._add(CONNECT_TOOL, "Connect", "Draw an arrow: drag from one step to another", None)
        self.addSeparator()
        for kind in STEP_KINDS:
            self._add(
                kind,
                KIND_NAMES[kind],
                f"Add a {KIND_NAMES[kind].lower()} step: "
                "click this, then click the map where it goes",
                kind_icon(kind),
            )
        self.tool_actions[SELECT_TOOL].setChecked(True)

    def _add(self, tool: str, text: str, tip: str, icon: QIcon | None) -> None:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(icon)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(True)
        action.setData(tool)
        action.triggered.connect(lambda _checked=False, chosen=tool: self.toolChosen.emit(chosen))
        self.group.addAction(action)
        self.addAction(action)
        self.tool_actions[tool] = action

    @property
    def current_tool(self) -> str:
        checked = self.group.checkedAction()
        return str(checked.data()) if checked is not None else SELECT_TOOL

    def show_tool(self, tool: str) -> None:
        """Check the button of a tool chosen elsewhere (a shortcut, or the canvas going back to
        select after placing a step), without announcing it again."""
        action = self.tool_actions.get(tool)
        if action is not None:
            action.setChecked(True)
