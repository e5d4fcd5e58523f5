"""Presentation mode (F5; Esc or F5 again leaves): the map alone, full screen, for the room.

Entering hides the menus, tool bars, docks and status bar, switches the canvas to the projector
theme and frames the map at a readable zoom; leaving puts back exactly what was there (window
state, docks and tool bars as they were, zoom and scroll position). While presenting, the
presentation key table: 1 to 9 show that phase, Alt+1 to Alt+9 that lane, 0 the whole map, Esc
leaves; the overlay keys (F6 to F9, Shift+F5) keep working, since they are the window's actions,
and while the walk runs its own table comes first (Esc ends the walk, not presenting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar

from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.canvas.theme import EDITOR_THEME, PROJECTOR_THEME
from pathmapper.ui.keys import KeyRouter
from pathmapper.ui.workshop.framing import (
    frame,
    lane_rect,
    phase_rect,
    readable_parts,
    readable_whole,
)

PRESENT_KEY = "F5"
LEAVE_KEY = "Esc"
CAPTION_PIXELS = 20


@dataclass
class _Saved:
    window_state: Qt.WindowState
    layout: QByteArray
    menu_bar: bool
    status_bar: bool
    zoom: float
    centre: QPointF
    scroll_bars: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]


class PresentationMode(QObject):
    """`toggle_action` (F5) enters and leaves; Esc leaves. `presentingChanged(bool)`."""

    presentingChanged = Signal(bool)

    def __init__(
        self, window: QMainWindow, scene: MapScene, view: MapView, keys: KeyRouter
    ) -> None:
        super().__init__(window)
        self.window = window
        self.scene = scene
        self.view = view
        self.keys = keys
        self.caption = PartCaption(view)
        self._saved: _Saved | None = None
        # Until a key chooses a part, the opening frame follows the screen as the window
        # becomes full screen (which a window manager does after `enter` returns).
        self._opening = False
        view.viewport().installEventFilter(self)
        self.toggle_action = QAction("&Present to the room", window)
        self.toggle_action.setShortcut(QKeySequence(PRESENT_KEY))
        self.toggle_action.setCheckable(True)
        self.toggle_action.setToolTip(
            "Full screen for the projector (F5). 1–9 phases, Alt+1–9 lanes, 0 whole map, Esc leaves"
        )
        self.toggle_action.triggered.connect(self._toggled)
        window.addAction(self.toggle_action)
        self._bind_keys()

    def _bind_keys(self) -> None:
        keys = self.keys
        keys.set_mode_test("presentation", lambda: self.presenting)
        keys.bind(
            "presentation", LEAVE_KEY, "leave presentation", self._leave_key, window_wide=True
        )
        keys.bind(
            "presentation",
            "0",
            "the whole map (its first phase when too big to read whole)",
            self._done(self.show_whole_map),
        )
        for number in range(1, 10):
            keys.bind(
                "presentation",
                str(number),
                "show that phase (1 the first)",
                partial(self.show_phase, number - 1),
                listed_as="1 to 9" if number == 1 else "",
            )
            keys.bind(
                "presentation",
                f"Alt+{number}",
                "show that lane (Alt+1 the top one)",
                partial(self.show_lane, number - 1),
                listed_as="Alt+1 to Alt+9" if number == 1 else "",
            )

    @staticmethod
    def _done(show: Callable[[], None]) -> Callable[[], bool]:
        def handler() -> bool:
            show()
            return True

        return handler

    @property
    def presenting(self) -> bool:
        return self._saved is not None

    # ------------------------------------------------------------------------ enter, leave

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        if self.presenting:
            return
        window, view = self.window, self.view
        self._saved = _Saved(
            window_state=window.windowState(),
            layout=window.saveState(),
            menu_bar=window.menuBar().isVisible(),
            status_bar=window.statusBar().isVisible(),
            zoom=float(view.zoom()),
            centre=view.visible_scene_rect().center(),
            scroll_bars=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
        )
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for bar in window.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            bar.hide()
        for dock in window.findChildren(QDockWidget):
            dock.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        self.scene.set_theme(PROJECTOR_THEME)
        window.showFullScreen()
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_whole_map()
        self._opening = True
        self.toggle_action.setChecked(True)
        self.keys.refresh()
        self.presentingChanged.emit(True)

    def leave(self) -> None:
        saved = self._saved
        if saved is None:
            return
        self._saved = None
        window, view = self.window, self.view
        self.scene.set_theme(EDITOR_THEME)
        self.caption.hide()
        if saved.window_state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        elif not saved.window_state & Qt.WindowState.WindowFullScreen:
            window.showNormal()
        window.setWindowState(saved.window_state)
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        window.restoreState(saved.layout)
        view.setHorizontalScrollBarPolicy(saved.scroll_bars[0])
        view.setVerticalScrollBarPolicy(saved.scroll_bars[1])
        view.set_zoom(saved.zoom)
        view.centerOn(saved.centre)
        view.pin_headers()
        self.toggle_action.setChecked(False)
        self.keys.refresh()
        self.presentingChanged.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            if self.presenting and self._opening:
                self.show_whole_map()
                self._opening = True
            self.caption.place()
        return False

    def _leave_key(self) -> bool:
        self.leave()
        return True

    # ----------------------------------------------------------------------------- framing

    def show_whole_map(self) -> None:
        """The whole map when it can be read whole. Else never a map of blobs without words:
        its first phase (1–9 the others), or, when it has no phases, its first part (the map cut
        left to right into parts the view shows readably); the caption says which part the room
        is looking at."""
        rect = self.scene.map_rect()
        if readable_whole(self.view, rect):
            frame(self.view, rect)
            self.caption.say("The whole map")
        else:
            self.show_phase(0)

    def show_phase(self, index: int) -> bool:
        """1–9: that phase; on a map without phases too big to read whole, that part."""
        if not self.scene.path_map.phases:
            parts = readable_parts(self.view, self.scene.map_rect())
            rect = parts[index] if index < len(parts) else None
            return self._show_part("Part", ["the map, left to right"] * len(parts), index, rect)
        names = [phase.name for phase in self.scene.path_map.phases]
        return self._show_part("Phase", names, index, phase_rect(self.scene, index))

    def show_lane(self, index: int) -> bool:
        names = [lane.name for lane in self.scene.path_map.lanes]
        return self._show_part("Lane", names, index, lane_rect(self.scene, index))

    def _show_part(self, kind: str, names: list[str], index: int, rect: QRectF | None) -> bool:
        """Frame a phase or lane readably and say which it is; False when there is none."""
        self._opening = False
        if rect is None or index >= len(names):
            return False
        frame(self.view, rect)
        self.caption.say(f"{kind} {index + 1} of {len(names)}: {names[index]}")
        return True


class PartCaption(QLabel):
    """Which part of the map the room is looking at, in the canvas's top right corner."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view.viewport())
        font = QFont()
        font.setPixelSize(CAPTION_PIXELS)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(
            "background: rgba(0, 0, 0, 190); color: white; padding: 6px 12px; border-radius: 6px;"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 16)
