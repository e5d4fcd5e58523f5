"""The email round trip in the editor (issues #8 and #9, editor parts): File > Compare with…,
Save a copy to send…, Merge returned copy… and Import….

    roundtrip = install_roundtrip(window)   # one call, after the window has its File menu

The window needs `document`, `undo_stack`, `files` (a FileController), `settings`
(EditorSettings), `scene`, `status` (with `say`), `open_new_window()`, `show_start_of_map()`
and `menus["file"]`; Compare reuses `analysis_panel`'s analysis of the open map when it is up
to date. The actions go in the File menu after Save as.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from pathmapper.ui.roundtrip.compare_window import CompareWindow
from pathmapper.ui.roundtrip.controller import USE_OPEN_MAP, RoundTrip
from pathmapper.ui.roundtrip.merge_dialog import MergeDialog, MergePlan

__all__ = [
    "USE_OPEN_MAP",
    "CompareWindow",
    "MergeDialog",
    "MergePlan",
    "RoundTrip",
    "RoundTripActions",
    "install_roundtrip",
]


@dataclass
class RoundTripActions:
    controller: RoundTrip
    import_file: QAction
    compare: QAction
    save_copy: QAction
    merge: QAction


def _file_menu(window: QMainWindow) -> QMenu | None:
    menus = getattr(window, "menus", None)
    if isinstance(menus, dict) and isinstance(menus.get("file"), QMenu):
        menu: QMenu = menus["file"]
        return menu
    return None


def install_roundtrip(window: QMainWindow) -> RoundTripActions:
    controller = RoundTrip(window)
    made = RoundTripActions(
        controller,
        import_file=QAction("&Import draw.io or CSV…", window),
        compare=QAction("Co&mpare with…", window),
        save_copy=QAction("Save a cop&y to send…", window),
        merge=QAction("Mer&ge returned copy…", window),
    )
    made.import_file.setShortcut(QKeySequence("Ctrl+I"))
    made.import_file.triggered.connect(lambda: controller.import_file())
    made.compare.triggered.connect(lambda: controller.compare_with())
    made.save_copy.triggered.connect(lambda: controller.save_copy_to_send())
    made.merge.triggered.connect(lambda: controller.merge_returned_copies())
    made.import_file.setStatusTip("Make a new map from a draw.io diagram or a CSV list of steps")
    made.compare.setStatusTip("Show this map and another side by side, with what changed")
    made.save_copy.setStatusTip("Write a copy to email; copies that come back merge against it")
    made.merge.setStatusTip("Take in the changes and comments from copies sent back")
    menu = _file_menu(window)
    if menu is not None:
        actions = menu.actions()
        save_as = getattr(getattr(window, "actions_", None), "save_as", None)
        position = actions.index(save_as) + 1 if save_as in actions else len(actions)
        ours = [made.save_copy, made.merge, made.compare, made.import_file]
        if position < len(actions):
            before = actions[position]
            menu.insertActions(before, ours)
            menu.insertSeparator(before)
        else:
            menu.addActions(ours)
    for action in (made.import_file, made.compare, made.save_copy, made.merge):
        window.addAction(action)
    return made
