"""New, Open, Save, Save As, Recent and Close for one editor window: a small controller.

One window keeps one `MapDocument` for its whole life; opening or starting a map swaps the map
inside it (`replace_map`, which the canvas and docks redraw from) and clears the undo history.

Choices made here:
- The unsaved marker follows `QUndoStack.cleanChanged`: undoing back to the saved map clears it.
- A map whose steps have no positions is laid out when opened, as an undoable "Lay out N steps"
  command, so the window shows it as unsaved: the map differs from the file until saved, and
  the facilitator can undo the layout.
- On save the map's `modified` time (and `created`, when absent) is set directly on the
  document (`StampSaveTimes`, outside the undo history) before `save_map`; a failed save puts
  the old times back, so nothing but the file write is attempted.
- Every question that would be a modal dialog is a replaceable attribute (`choose_open_path`,
  `choose_save_path`, `ask_unsaved_changes`, `show_problems`, `offer_save_as`), so tests answer
  them without a dialog ever blocking.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pathmapper.commands import MapDocument
from pathmapper.commands.window_edits import (
    StampSaveTimes,
    TemplateName,
    layout_on_open,
    new_map,
)
from pathmapper.export.safe_text import file_stem
from pathmapper.io import MapFileError, MapSaveError, load_map
from pathmapper.io.mapfile import MAP_SUFFIXES, MAX_FILE_BYTES, remove_stale_temporaries
from pathmapper.io.safe_save import (
    FileChangedOnDiskError,
    FileStamp,
    save_with_backup,
    stamp_of,
)
from pathmapper.model import PathMap
from pathmapper.ui.settings import EditorSettings
from pathmapper.ui.undo import push

UnsavedAnswer = Literal["save", "discard", "cancel"]
ChangedOnDiskAnswer = Literal["save_as", "overwrite", "cancel"]
MAP_FILE_FILTER = "Pathway maps (*.pathmap.json *.pathmap);;All files (*)"
UNTITLED = "Untitled map"


def is_map_file(path: str | Path) -> bool:
    return str(path).lower().endswith(MAP_SUFFIXES)


def _readable_as_map(path: Path) -> bool:
    """Whether `load_map` would read the file at all: a regular file of at most 50 MB (so
    that taking its stamp never reads a pipe, a device or gigabytes)."""
    try:
        status = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size <= MAX_FILE_BYTES


def map_file_stem(path: str | Path) -> str:
    """A map file's name without its map suffix: what files made from it are named after."""
    name = Path(path).name
    for suffix in MAP_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


class FileController(QObject):
    """The files of one window. `path` is None for a map never saved."""

    pathChanged = Signal()
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        document: MapDocument,
        undo_stack: QUndoStack,
        settings: EditorSettings,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.document = document
        self.undo_stack = undo_stack
        self.settings = settings
        self.path: Path | None = None
        self.file_stamp: FileStamp | None = None  # the file as it was when opened or saved
        # Questions, replaceable by tests (and by anyone wanting other dialogs).
        self.choose_open_path: Callable[[], str | None] = self._dialog_open_path
        self.choose_save_path: Callable[[str], str | None] = self._dialog_save_path
        self.ask_unsaved_changes: Callable[[str], UnsavedAnswer] = self._dialog_unsaved
        self.show_problems: Callable[[str, list[str]], None] = self._dialog_problems
        self.offer_save_as: Callable[[str], bool] = self._dialog_offer_save_as
        self.ask_changed_on_disk: Callable[[str], ChangedOnDiskAnswer] = (
            self._dialog_changed_on_disk
        )

    # ------------------------------------------------------------------------- naming

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else UNTITLED

    @property
    def is_unsaved(self) -> bool:
        return not self.undo_stack.isClean()

    # -------------------------------------------------------------------- new and open

    def new_map(self, template: TemplateName = "blank") -> bool:
        """Start a fresh map in this window (after asking about unsaved changes)."""
        if not self.confirm_discard():
            return False
        self._replace(new_map(template), None)
        self.message.emit("New map: rename the lanes and add the first step")
        return True

    def open_dialog(self) -> bool:
        if not self.confirm_discard():
            return False
        chosen = self.choose_open_path()
        return self.open_path(chosen, ask=False) if chosen else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open a map file here. A file that cannot be used shows every problem and changes
        nothing; the current map stays as it was."""
        if ask and not self.confirm_discard():
            return False
        stamp = stamp_of(path) if _readable_as_map(Path(path)) else None
        try:
            path_map = load_map(path)
        except MapFileError as error:
            self.show_problems(f"Cannot open {Path(path).name}", error.problems)
            if not Path(path).is_file():
                self.settings.forget_recent_file(path)
            return False
        self._replace(path_map, Path(path))
        self.file_stamp = stamp
        if self.path is not None:  # what a save that was killed half-way left beside it
            remove_stale_temporaries(self.path.parent, self.path.name)
        self.settings.add_recent_file(path)
        layout = layout_on_open(self.document.path_map)
        if layout is not None:
            push(self.undo_stack, self.document, layout, on_refused=self.message.emit)
            self.message.emit(
                f"{layout.text.replace('Lay out', 'Laid out')} that had no place on the map; "
                "save to keep them there"
            )
        else:
            self.message.emit(f"Opened {self.display_name}")
        return True

    def _replace(self, path_map: PathMap, path: Path | None) -> None:
        self.document.replace_map(path_map)
        self.document.mark_saved()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.path = path.resolve() if path is not None else None
        self.file_stamp = None
        self.pathChanged.emit()

    def open_recovered(self, path_map: PathMap, original_path: Path | None) -> None:
        """Show a map restored after a crash: unsaved, remembering the file it came from, which
        is only written when the person saves."""
        original = (
            original_path if original_path is not None and _readable_as_map(original_path) else None
        )
        self._replace(path_map, original)
        self.file_stamp = stamp_of(original) if original is not None else None
        self.undo_stack.resetClean()
        self.pathChanged.emit()
        self.message.emit("Restored the map as it was before pathmapper stopped: save to keep it")

    # --------------------------------------------------------------------------- saving

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        suggested = str(self.path) if self.path else self._suggested_name()
        chosen = self.choose_save_path(suggested)
        if not chosen:
            return False
        target = Path(chosen)
        if not is_map_file(target):
            target = target.with_name(target.name + ".pathmap.json")
        return self._save_to(target)

    def _save_to(self, target: Path) -> bool:
        stamp = StampSaveTimes()
        stamp.redo(self.document)
        same_file = self.path is not None and self.path == target.resolve()
        try:
            try:
                saved = save_with_backup(
                    self.document.path_map, target, self.file_stamp if same_file else None
                )
            except FileChangedOnDiskError as changed:
                answer = self.ask_changed_on_disk(str(changed))
                if answer != "overwrite":
                    stamp.undo(self.document)
                    if answer == "save_as":
                        return self.save_as()
                    self.message.emit("Not saved: the map is still open here, unchanged")
                    return False
                saved = save_with_backup(self.document.path_map, target, None)
        except MapSaveError as error:
            stamp.undo(self.document)
            if self.offer_save_as(str(error)):
                return self.save_as()
            self.message.emit("Not saved: the map is still open here, unchanged")
            return False
        self.file_stamp = saved
        self.document.mark_saved()
        self.undo_stack.setClean()
        self.path = target.resolve()
        self.settings.add_recent_file(target)
        self.pathChanged.emit()
        self.message.emit(f"Saved {target.name}")
        return True

    def _suggested_name(self) -> str:
        return f"{file_stem(self.document.path_map.title)}.pathmap.json"

    # --------------------------------------------------------------------------- closing

    def confirm_discard(self) -> bool:
        """True when the current map may go: saved, or the person chose Save (and it worked)
        or Discard. False on Cancel or a failed save."""
        if not self.is_unsaved:
            return True
        answer = self.ask_unsaved_changes(self.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -------------------------------------------------------------------- real dialogs

    def _dialog_open_path(self) -> str | None:
        folder = str(self.path.parent) if self.path else ""
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open map", folder, MAP_FILE_FILTER)
        return chosen or None

    def _dialog_save_path(self, suggested: str) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save map as", suggested, MAP_FILE_FILTER
        )
        return chosen or None

    def _dialog_unsaved(self, name: str) -> UnsavedAnswer:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"{name} has changes that are not saved. Save them before closing the map?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return "save"
        return "discard" if answer == buttons.Discard else "cancel"

    def _dialog_problems(self, title: str, problems: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, parent=self.window)
        shown = problems[:12]
        text = "\n".join(f"• {problem}" for problem in shown)
        if len(problems) > len(shown):
            text += f"\n…and {len(problems) - len(shown)} more (see Details)"
        box.setInformativeText(text)
        box.setDetailedText("\n".join(problems))
        box.exec()

    def _dialog_changed_on_disk(self, reason: str) -> ChangedOnDiskAnswer:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Changed by someone else", reason, parent=self.window
        )
        box.setInformativeText("The version on disk is kept as a backup if you overwrite it.")
        save_as = box.addButton("Save &As...", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return "save_as"
        return "overwrite" if clicked is overwrite else "cancel"

    def _dialog_offer_save_as(self, reason: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self.window,
            "Map not saved",
            f"{reason}\n\nThe map is still open and nothing is lost. Save it somewhere else?",
            buttons.Save | buttons.Cancel,
            buttons.Save,
        )
        return answer == buttons.Save
