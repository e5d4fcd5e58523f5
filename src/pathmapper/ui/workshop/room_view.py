"""Room view (F11): the map alone in the window, for the room to read on the projector while
the facilitator keeps the menus: every dock and tool bar hidden, and put back as they were by
F11 again. Presentation (F5) goes further: full screen, projector theme, no menus."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

ROOM_VIEW_KEY = "F11"


class RoomView(QObject):
    """`action` (checkable, F11) hides and restores the window's docks and tool bars."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._saved: QByteArray | None = None
        self.action = QAction("&Room view (the map alone)", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(ROOM_VIEW_KEY))
        self.action.setToolTip(f"Hide the docks and tool bars; {ROOM_VIEW_KEY} again brings them")
        self.action.toggled.connect(self._toggled)
        window.addAction(self.action)

    @property
    def on(self) -> bool:
        return self._saved is not None

    def _toggled(self, checked: bool) -> None:
        window = self.window
        if checked and self._saved is None:
            self._saved = window.saveState()
            for bar in window.findChildren(
                QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                bar.hide()
            for dock in window.findChildren(QDockWidget):
                dock.hide()
        elif not checked and self._saved is not None:
            window.restoreState(self._saved)
            self._saved = None
