"""The editor's actions (menu entries, shortcuts, toolbar buttons) and the menus that hold them.

Actions are made here with their text and keys only; the main window connects each to the part
that does the work (files, editing, view). Standard keys come from QKeySequence.StandardKey so
every platform gets its own (Ctrl+S, Cmd+S); the rest are fixed: Ctrl+0 fit, Ctrl+1 100%,
Ctrl+D duplicate, and the Insert menu's keys for the step kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from pathmapper.commands.window_edits import ALIGN_EDGES, ALIGN_NAMES, AlignEdge
from pathmapper.model import KIND_NAMES, STEP_KINDS

Key = QKeySequence.StandardKey

# Insert a step of a kind: Ctrl+Shift and the kind's first letter, except start: B for begin
# (Ctrl+Shift+S is Save As on Linux and Windows).
INSERT_KEYS = {
    "start": "Ctrl+Shift+B",
    "end": "Ctrl+Shift+E",
    "activity": "Ctrl+Shift+A",
    "decision": "Ctrl+Shift+D",
    "wait": "Ctrl+Shift+W",
    "information": "Ctrl+Shift+I",
}
ALIGN_KEYS: dict[AlignEdge, str] = {
    "left": "Ctrl+Alt+Left",
    "right": "Ctrl+Alt+Right",
    "top": "Ctrl+Alt+Up",
    "bottom": "Ctrl+Alt+Down",
    "centre": "Ctrl+Alt+C",
    "middle": "Ctrl+Alt+M",
}


@dataclass(frozen=True)
class EditorMenus:
    """The menu bar's menus, by name, in the order they are shown."""

    file: QMenu
    edit: QMenu
    view: QMenu
    insert: QMenu
    arrange: QMenu
    help: QMenu

    def by_name(self) -> dict[str, QMenu]:
        return dict(vars(self))


class EditorActions(QObject):
    """Every action of one window, by name."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self.window = window

        # File
        self.new_blank = self._make("&Blank map", Key.New)
        self.new_standard = self._make("Map with &standard lanes")
        self.new_window = self._make("New &window", "Ctrl+Shift+N")
        self.open = self._make("&Open…", Key.Open)
        self.save = self._make("&Save", Key.Save)
        self.save_as = self._make("Save &as…", Key.SaveAs)
        self.close = self._make("&Close", Key.Close)
        self.quit = self._make("&Quit", Key.Quit, fallback="Ctrl+Q")

        # Edit: undo and redo name the edit ("Undo Move 3 steps").
        self.undo = undo_stack.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
        self.redo = undo_stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(QKeySequence.keyBindings(Key.Redo))
        window.addAction(self.undo)
        window.addAction(self.redo)
        self.cut = self._make("Cu&t", Key.Cut)
        self.copy = self._make("&Copy", Key.Copy)
        self.paste = self._make("&Paste", Key.Paste)
        self.duplicate = self._make("D&uplicate", "Ctrl+D")
        self.delete = self._make("&Delete", Key.Delete)
        self.select_all = self._make("Select &all", Key.SelectAll)
        self.edit_properties = self._make("Edit &properties", "F4")

        # View
        self.zoom_in = self._make("Zoom &in", Key.ZoomIn)
        self.zoom_in.setShortcuts([*QKeySequence.keyBindings(Key.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out = self._make("Zoom &out", Key.ZoomOut)
        self.zoom_fit = self._make("&Fit map to window", "Ctrl+0")
        self.zoom_100 = self._make("&Actual size (100%)", "Ctrl+1")

        # Insert and tools
        self.select_tool = self._make("&Select and move", "Ctrl+Shift+M")
        self.connect_tool = self._make("&Connect steps (draw an arrow)", "Ctrl+Shift+L")
        self.insert_step = {
            kind: self._make(f"{KIND_NAMES[kind]} step", INSERT_KEYS[kind]) for kind in STEP_KINDS
        }
        self.add_lane = self._make("Add &lane", "Ctrl+Shift+Return")
        self.add_phase = self._make("Add &phase", "Ctrl+Shift+P")

        # Arrange
        self.align = {edge: self._make(ALIGN_NAMES[edge], ALIGN_KEYS[edge]) for edge in ALIGN_EDGES}
        self.distribute_horizontal = self._make("Distribute &horizontally", "Ctrl+Alt+H")
        self.distribute_vertical = self._make("Distribute &vertically", "Ctrl+Alt+V")
        self.lane_up = self._make("Move lane &up", "Ctrl+Shift+Up")
        self.lane_down = self._make("Move lane &down", "Ctrl+Shift+Down")
        self.delete_lane = self._make("Delete lane with its ste&ps")

        # Help
        self.shortcuts_help = self._make("&Keyboard shortcuts", Key.HelpContents)

    def _make(self, text: str, key: Key | str | None = None, fallback: str = "") -> QAction:
        """An action on the window; `fallback` is the key where the platform has no standard
        one (Quit has none on some desktops)."""
        action = QAction(text, self.window)
        if isinstance(key, Key):
            bindings = QKeySequence.keyBindings(key)
            action.setShortcuts(bindings or ([QKeySequence(fallback)] if fallback else []))
        elif key:
            action.setShortcut(QKeySequence(key))
        self.window.addAction(action)  # shortcuts work even when a menu is hidden
        return action

    def all(self) -> list[QAction]:
        found: list[QAction] = []
        for value in vars(self).values():
            if isinstance(value, QAction):
                found.append(value)
            elif isinstance(value, dict):
                found += [item for item in value.values() if isinstance(item, QAction)]
        return found


def build_menus(window: QMainWindow, actions: EditorActions, recent_menu: QMenu) -> EditorMenus:
    """File / Edit / View / Insert / Arrange / Help, in the usual order; the menus by name."""
    bar = window.menuBar()
    a = actions

    file_menu = bar.addMenu("&File")
    new_menu = file_menu.addMenu("&New")
    new_menu.addActions([a.new_blank, a.new_standard])
    file_menu.addActions([a.new_window, a.open])
    file_menu.addMenu(recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.close, a.quit])

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit_menu.addSeparator()
    edit_menu.addActions([a.select_all, a.edit_properties])

    view_menu = bar.addMenu("&View")
    view_menu.addActions([a.zoom_in, a.zoom_out, a.zoom_fit, a.zoom_100])
    view_menu.addSeparator()  # the window adds its docks' toggles after this

    insert_menu = bar.addMenu("&Insert")
    insert_menu.addActions([a.select_tool, a.connect_tool])
    insert_menu.addSeparator()
    insert_menu.addActions(list(a.insert_step.values()))
    insert_menu.addSeparator()
    insert_menu.addActions([a.add_lane, a.add_phase])

    arrange_menu = bar.addMenu("&Arrange")
    arrange_menu.addActions([a.align[edge] for edge in ("left", "centre", "right")])
    arrange_menu.addActions([a.align[edge] for edge in ("top", "middle", "bottom")])
    arrange_menu.addSeparator()
    arrange_menu.addActions([a.distribute_horizontal, a.distribute_vertical])
    arrange_menu.addSeparator()
    arrange_menu.addActions([a.lane_up, a.lane_down, a.add_lane, a.add_phase, a.delete_lane])

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.shortcuts_help)
    return EditorMenus(file_menu, edit_menu, view_menu, insert_menu, arrange_menu, help_menu)


@dataclass(frozen=True)
class EditorToolbars:
    """The window's tool bars: its own, and the places the analysis and workshop parts fill
    when they are installed (after the map's first paint, for `pathmapper MAP`)."""

    main: QToolBar
    analysis: QToolBar  # beside the main one
    workshop: QToolBar  # a second row


def build_toolbars(window: QMainWindow, actions: EditorActions) -> EditorToolbars:
    """The tool bars, all in place from the start: when the parts that fill two of them arrive
    a moment after the map is painted, the canvas below does not move down a row."""
    main = window.addToolBar("Main")
    main.setObjectName("main-toolbar")
    a = actions
    main.addActions([a.new_blank, a.open, a.save])
    main.addSeparator()
    main.addActions([a.undo, a.redo])
    main.addSeparator()
    main.addActions([a.zoom_out, a.zoom_in, a.zoom_fit])
    main.addSeparator()
    main.addActions([a.add_lane, a.add_phase])
    analysis = QToolBar("Analysis", window)
    analysis.setObjectName("analysis-toolbar")
    window.addToolBar(analysis)
    window.addToolBarBreak()
    workshop = QToolBar("Workshop", window)
    workshop.setObjectName("workshop-toolbar")
    workshop.setFixedHeight(main.sizeHint().height())  # the same row height, empty or filled
    window.addToolBar(workshop)
    return EditorToolbars(main, analysis, workshop)


NAMED_KEYS = frozenset(
    [
        "Home",
        "End",
        "PgUp",
        "PgDown",
        "Return",
        "Enter",
        "Space",
        "Tab",
        "Backspace",
        "Del",
        "Delete",
        "Esc",
        "Ins",
        "Left",
        "Right",
        "Up",
        "Down",
    ]
)


def _on_a_keyboard(keys: str) -> bool:
    """Whether a key sequence is on an ordinary keyboard: not a media key such as "Save",
    "Shift+Save" or "Zoom In" that the platform's standard bindings also list."""
    last = keys.rsplit("+", 1)[-1] if not keys.endswith("++") else "+"
    return len(last) <= 3 or last in NAMED_KEYS or not last.replace(" ", "").isalpha()


def shortcut_lines(actions: Iterable[QAction]) -> list[str]:
    """ "Save: Ctrl+S" lines for the Help > Keyboard shortcuts list, one per action (the same
    text and keys only once), in the order given."""
    lines: list[str] = []
    for action in actions:
        keys = ", ".join(
            text
            for key in action.shortcuts()
            if not key.isEmpty()
            and _on_a_keyboard(text := key.toString(QKeySequence.SequenceFormat.NativeText))
        )
        text = action.text().replace("&", "").rstrip("…").rstrip(".").strip()
        line = f"{text}: {keys}"
        if keys and text and line not in lines:
            lines.append(line)
    return lines
