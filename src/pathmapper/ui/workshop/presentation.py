"""Presentation mode (F5; Esc or F5 again leaves): the map alone, full screen, for the room.

Entering hides the menus, tool bars, docks and status bar, switches the canvas to the projector
theme and frames the map at a readable zoom; leaving puts back exactly what was there (window
state, docks and tool bars as they were, zoom and scroll position). While presenting, the
presentation key table: 1 to 9 show that phase (on a map without phases, that part), Alt+1 to
Alt+9 that lane, 0 the whole map (its first part when it cannot be read whole), Page Down and
Page Up (or the arrows) the next and previous part of a map shown in parts (`map_parts.py`), Esc
leaves; the overlay keys (F6 to F9, Shift+F5) keep working, since they are the window's actions,
and while the walk runs its own table comes first (Esc ends the walk, not presenting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.canvas.room_captions import RoomCaption
from pathmapper.ui.canvas.theme import EDITOR_THEME, PROJECTOR_THEME
from pathmapper.ui.keys import KeyRouter
from pathmapper.ui.workshop.framing import (
    CAPTION_ROOM_PIXELS,
    follow_the_map,
    frame,
    lane_rect,
    part_rect,
    readable_parts,
    readable_phase_parts,
    readable_whole,
)
from pathmapper.ui.workshop.map_parts import MapPart
from pathmapper.ui.workshop.part_footer import PartFooter

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
        self.footer = PartFooter(view, CAPTION_ROOM_PIXELS)
        self.caption = PartCaption(view)
        self._framed: QRectF | None = None  # what a part's framing showed, while it still does
        view.horizontalScrollBar().valueChanged.connect(self._view_moved)
        view.verticalScrollBar().valueChanged.connect(self._view_moved)
        view.zoomChanged.connect(self._view_moved)
        self._saved: _Saved | None = None
        self._part = 0  # which of `parts()` is shown, when the map is shown in parts
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
            ("PgDown", "Right", "Space"),
            "the next part of a map too big to read whole",
            self._done(lambda: self.step_part(1)),
        )
        keys.bind(
            "presentation",
            ("PgUp", "Left", "Backspace"),
            "the part before",
            self._done(lambda: self.step_part(-1)),
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
    def _done(show: Callable[[], object]) -> Callable[[], bool]:
        """A key handler that uses the key up (a part key never nudges the selection)."""

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
        self._unframe()
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
        follow_the_map(view)
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
            if self.footer.isVisible():
                self.footer.cover()
            self.caption.place()
        return False

    def _leave_key(self) -> bool:
        self.leave()
        return True

    # ----------------------------------------------------------------------------- framing

    def show_whole_map(self) -> None:
        """The whole map when it can be read whole. Else never a map of blobs without words:
        its first part (1–9 the phases of a map with phases, the parts of one without; Page
        Down and Page Up go through every part); the caption says where the room is."""
        rect = self.scene.map_rect()
        if readable_whole(self.view, rect):
            self._opening = False
            self._unframe()
            frame(self.view, rect)
            self.caption.say("The whole map")
        else:
            self._show(0)
            self._opening = True

    def parts(self) -> list[tuple[int | None, MapPart]]:
        """Every readable part, in the order the room goes through them, each with the index
        of its phase (None on a map without phases)."""
        if not self.scene.path_map.phases:
            return [(None, part) for part in readable_parts(self.view, self.scene)]
        return [
            (index, part)
            for index, parts in enumerate(readable_phase_parts(self.view, self.scene))
            for part in parts
        ]

    def show_phase(self, index: int) -> bool:
        """1–9: that phase (its first part); on a map without phases, that part."""
        parts = self.parts()
        if not self.scene.path_map.phases:
            return self._show(index) if 0 <= index < len(parts) else False
        firsts = [number for number, (phase, _part) in enumerate(parts) if phase == index]
        return self._show(firsts[0]) if firsts else False

    def step_part(self, step: int) -> bool:
        """The next (1) or previous (-1) part; the whole map has only one."""
        if readable_whole(self.view, self.scene.map_rect()):
            return False
        return self._show(max(0, min(self._part + step, len(self.parts()) - 1)))

    def show_lane(self, index: int) -> bool:
        names = [lane.name for lane in self.scene.path_map.lanes]
        self._opening = False
        rect = lane_rect(self.scene, index)
        if rect is None or index >= len(names):
            return False
        self._unframe()
        frame(self.view, rect)
        self.caption.say(f"Lane {index + 1} of {len(names)}: {names[index]}")
        return True

    def _show(self, number: int) -> bool:
        """Frame part `number` readably and say which it is."""
        self._opening = False
        parts = self.parts()
        if not 0 <= number < len(parts):
            return False
        self._part = number
        phase, part = parts[number]
        self._unframe()
        frame(self.view, part_rect(part))
        self._framed = self.view.visible_scene_rect()
        self.footer.cover(below=part.shown_bottom)
        self.caption.say(self._describe(parts, number, phase, part))
        return True

    def _unframe(self) -> None:
        self._framed = None
        self.footer.hide()

    def _view_moved(self, *_args: object) -> None:
        """The view left the part's framing (the walk, say, went to a step elsewhere): the
        footer no longer marks where the part ends."""
        framed = self._framed
        if framed is None:
            return
        shown = self.view.visible_scene_rect()
        if (
            max(
                abs(shown.left() - framed.left()),
                abs(shown.top() - framed.top()),
                abs(shown.width() - framed.width()),
            )
            > 0.5
        ):
            self._unframe()

    def _describe(
        self, parts: list[tuple[int | None, MapPart]], number: int, phase: int | None, part: MapPart
    ) -> str:
        path_map = self.scene.path_map
        lanes = [lane.name or lane.organisation_name for lane in path_map.lanes]
        first, last = part.lanes
        held = (
            ""
            if part.bands == 1 or not lanes
            else f"lane {lanes[first]}"
            if first == last
            else f"lanes {lanes[first]} – {lanes[last]}"
        )
        if phase is None:
            across = f"{part.column + 1} of {part.columns} left to right"
            where = f"{held}, {across}" if held else "the map, left to right"
            return f"Part {number + 1} of {len(parts)}: {where}"
        phases = path_map.phases
        title = f"Phase {phase + 1} of {len(phases)}: {phases[phase].name}"
        own = [index for index, (of, _part) in enumerate(parts) if of == phase]
        if len(own) == 1:
            return title
        detail = f": {held}" if held else ", left to right"
        return f"{title} · part {own.index(number) + 1} of {len(own)}{detail}"


class PartCaption(RoomCaption):
    """Which part of the map the room is looking at, in the canvas's bottom right corner
    (elsewhere when the walk's caption or its step is there)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view.viewport(), rank=1)
        font = QFont()
        font.setPixelSize(CAPTION_PIXELS)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(
            "background: rgba(0, 0, 0, 190); color: white; padding: 6px 12px; border-radius: 6px;"
        )

    def say(self, text: str) -> None:
        self.setText(text)
        parent = self.parentWidget()
        if parent is not None:  # a long part name wraps on a narrow screen
            self.setWordWrap(self.fontMetrics().horizontalAdvance(text) + 24 > parent.width() - 32)
            self.setMaximumWidth(max(200, parent.width() - 32))
        self.adjustSize()
        self.show()
        self.raise_()
        self.place()
