"""File > Programme standards...: check the open map against a programme's standards file.

The choice is one undoable edit of the map's `standards` field (a path relative to the map
file's folder when the map is saved), so it is saved with the map and travels with it; the live
analysis then lists every standard not met in the Findings dock and the figures strip shows how
many are met. A file that is not a valid standards file is refused with its problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from pathmapper.commands import MapDocument, SetFields
from pathmapper.standards import StandardsFileError, read_standards
from pathmapper.ui.context import EditorContext
from pathmapper.ui.undo import push

FILE_FILTER = "Programme standards (*.standards.toml *.toml);;All files (*)"


def _choose_file(parent: QWidget, folder: str) -> str | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Check this map against programme standards", folder, FILE_FILTER
    )
    return chosen or None


def _show_problems(parent: QWidget, problems: list[str]) -> None:
    QMessageBox.warning(
        parent,
        "Not a programme standards file",
        "These standards cannot be used:\n\n" + "\n".join(problems[:12]),
    )


def reference_to(standards: Path, map_file: Path | None) -> str:
    """How the map names its standards file: from the map file's folder when it can."""
    if map_file is None:
        return str(standards.resolve())
    try:
        return Path(os.path.relpath(standards.resolve(), map_file.resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return str(standards.resolve())


class StandardsController:
    """The File menu's Programme standards... action and what it does."""

    def __init__(
        self,
        window: QMainWindow,
        document: MapDocument,
        undo_stack: QUndoStack,
        map_file: Callable[[], Path | None],
        say: Callable[[str], None],
    ) -> None:
        self.window = window
        self.document = document
        self.undo_stack = undo_stack
        self.map_file = map_file
        self.say = say
        # Replaceable, so tests can answer without a native dialog.
        self.choose_file: Callable[[QWidget, str], str | None] = _choose_file
        self.show_problems: Callable[[QWidget, list[str]], None] = _show_problems
        self.action = QAction("Programme &standards...", window)
        self.action.setToolTip(
            "Check this map against a programme's standards file (*.standards.toml)"
        )
        self.action.triggered.connect(self.choose)

    def choose(self) -> None:
        saved = self.map_file()
        folder = str(saved.parent) if saved is not None else ""
        chosen = self.choose_file(self.window, folder)
        if chosen is None:
            return
        self.attach(Path(chosen))

    def attach(self, standards_file: Path) -> bool:
        """Check the map against `standards_file` from now on, if it is a valid one."""
        try:
            standards = read_standards(standards_file)
        except StandardsFileError as error:
            self.show_problems(self.window, error.problems)
            return False
        reference = reference_to(standards_file, self.map_file())
        path_map = self.document.path_map
        if path_map.standards != reference:
            push(self.undo_stack, self.document, SetFields(path_map.id, {"standards": reference}))
        title = standards.title.strip() or standards_file.name
        self.say(f"Checking the map against {title}: {len(standards.standard)} standards")
        return True


def install_standards(context: EditorContext, before: QAction) -> StandardsController:
    """Add File > Programme standards... to an editor window, in the File menu just before
    `before` (File > Export...: both act on the map as it is); one call."""
    controller = StandardsController(
        context.window,
        context.document,
        context.undo_stack,
        lambda: context.files.path,
        context.say,
    )
    context.menus.file.insertAction(before, controller.action)
    return controller
