"""The keyboard of the canvas: what each key means, one table per mode, and the one router
that delivers a key to the first mode that has it.

The modes, most particular first (a key goes to the first active mode whose table has it):

- walk: the patient's walk is running (F9);
- presentation: the map is on the projector (F5);
- capture: quick capture, typing a pathway as people talk;
- editing: the canvas itself (select, nudge, delete, rename).

A binding works while the canvas has the keyboard focus; one marked `window_wide` works
wherever the focus is in the window (the walk's keys, Esc leaving presentation), through one
window shortcut per key that asks the router, so two modes never fight over a key. While a label
is being typed on the canvas the keys are the label's, except bindings marked `while_typing`.
Help > Keyboard shortcuts lists these tables (`help_lines`) after the menus' keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

Mode = Literal["walk", "presentation", "capture", "editing"]
MODE_ORDER: tuple[Mode, ...] = ("walk", "presentation", "capture", "editing")
MODE_TITLES: dict[Mode, str] = {
    "editing": "On the canvas",
    "capture": "Quick capture (one step selected)",
    "walk": "Walking the pathway",
    "presentation": "Presenting to the room",
}
Handler = Callable[[], bool]  # True when the key did something (it is then used up)


@dataclass(frozen=True)
class KeyBinding:
    mode: Mode
    keys: tuple[str, ...]  # as people read them: "Ctrl+Down", "PgDown"
    meaning: str
    handler: Handler
    window_wide: bool = False
    while_typing: bool = False
    listed_as: str | None = None  # how Help shows the keys ("1 to 9"); "" leaves it out

    def matches(self, pressed: QKeySequence) -> bool:
        return any(QKeySequence(key) == pressed for key in self.keys)


def pressed_key(event: QKeyEvent) -> QKeySequence:
    """The key and its modifiers, the keypad's own flag left out (Enter is Enter)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))


class KeyRouter(QObject):
    """The canvas's keys (an event filter on `canvas`), table by table."""

    def __init__(self, canvas: QWidget, typing: Callable[[], bool]) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.typing = typing
        self.bindings: list[KeyBinding] = []
        self._active: dict[Mode, Callable[[], bool]] = {"editing": lambda: True}
        self._window_actions: dict[str, QAction] = {}
        canvas.installEventFilter(self)

    # ------------------------------------------------------------------------- tables

    def set_mode_test(self, mode: Mode, active: Callable[[], bool]) -> None:
        """How the router knows `mode` is on (editing always is)."""
        self._active[mode] = active
        self.refresh()

    def bind(
        self,
        mode: Mode,
        keys: str | Iterable[str],
        meaning: str,
        handler: Handler,
        *,
        window_wide: bool = False,
        while_typing: bool = False,
        listed_as: str | None = None,
    ) -> KeyBinding:
        binding = KeyBinding(
            mode,
            (keys,) if isinstance(keys, str) else tuple(keys),
            meaning,
            handler,
            window_wide,
            while_typing,
            listed_as,
        )
        self.bindings.append(binding)
        if window_wide:
            for key in binding.keys:
                if key not in self._window_actions:
                    self._window_actions[key] = self._window_action(key)
        self.refresh()
        return binding

    def table(self, mode: Mode) -> list[KeyBinding]:
        return [binding for binding in self.bindings if binding.mode == mode]

    def is_active(self, mode: Mode) -> bool:
        test = self._active.get(mode)
        return test is not None and test()

    # ----------------------------------------------------------------------- delivery

    def binding_for(self, pressed: QKeySequence) -> list[KeyBinding]:
        """The bindings a key would go to now, in the order they are asked."""
        typing = self.typing()
        return [
            binding
            for mode in MODE_ORDER
            if self.is_active(mode)
            for binding in self.table(mode)
            if binding.matches(pressed) and (binding.while_typing or not typing)
        ]

    def deliver(self, pressed: QKeySequence) -> bool:
        """Ask each binding of the key in turn until one does something; True when one did."""
        return any(binding.handler() for binding in self.binding_for(pressed))

    def refresh(self) -> None:
        """Turn each window-wide key on exactly while an active mode binds it (call after a
        mode starts or ends): otherwise Page Down scrolls and Esc cancels as usual."""
        for key, action in self._window_actions.items():
            action.setEnabled(
                any(
                    b.window_wide and key in b.keys and self.is_active(b.mode)
                    for b in self.bindings
                )
            )

    def _window_action(self, key: str) -> QAction:
        # On the canvas, with a window context: it follows the canvas into whatever window
        # holds it.
        action = QAction(key, self.canvas)
        action.setObjectName(f"key-{key}")
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: self.deliver(QKeySequence(key)))
        self.canvas.addAction(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.canvas:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            pressed = pressed_key(event)
            # The canvas has the focus: its tables come before the window's shortcuts, and
            # a label being typed keeps its own keys (Esc cancels the typing).
            if self.binding_for(pressed) or (
                self.typing() and any(b.matches(pressed) for b in self.bindings)
            ):
                event.accept()
            return False
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self.deliver(pressed_key(event))
        return False

    # --------------------------------------------------------------------------- help

    def help_lines(self) -> list[str]:
        """The tables as Help > Keyboard shortcuts shows them: a heading per mode, then
        "Ctrl+Down: add the next step in the lane below" lines."""
        lines: list[str] = []
        for mode in ("editing", "capture", "presentation", "walk"):
            table = self.table(mode)
            if not table:
                continue
            lines.append(f"{MODE_TITLES[mode]}:")
            shown: list[str] = []
            for binding in table:
                if binding.listed_as == "":
                    continue
                keys = binding.listed_as or ", ".join(
                    QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
                    for key in binding.keys
                )
                line = f"  {keys}: {binding.meaning}"
                if line not in shown:
                    shown.append(line)
            lines += shown
        return lines
