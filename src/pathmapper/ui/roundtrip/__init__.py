"""The email round trip in the editor: File > Compare with…,
Save a copy to send…, Merge returned copy… and Import….

    roundtrip = install_roundtrip(context)   # the window's EditorContext

Compare reuses the context's analysis of the open map when it is up to date. The actions go in
the File menu after Save as.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence

from pathmapper.ui.context import EditorContext
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


def install_roundtrip(context: EditorContext) -> RoundTripActions:
    window = context.window
    controller = RoundTrip(context)
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
    menu = context.menus.file
    actions = menu.actions()
    save_as = context.actions.save_as
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
