"""The email round trip for one editor window: compare with another map, save a copy to send,
merge the copies that come back, and import draw.io diagrams and CSV lists of steps.

Every question that would be a modal dialog is a replaceable attribute (as in `FileController`),
so tests answer them and no dialog ever blocks:

- `choose_compare_path()`, `choose_copy_paths()`, `choose_send_path(suggested)`,
  `choose_import_path()`: a file (or files), None / [] when the person cancels;
- `choose_base(title)`: the copy that was sent (a path), `USE_OPEN_MAP`, or None to cancel;
- `choose_page(names)`: which page of a multi-page draw.io diagram, None to cancel;
- `choose_relayout()`: for a draw.io diagram, True to lay every step out again, False to keep
  the diagram's places (laid out again only where steps would overlap), None to cancel;
- `run_merge_dialog(dialog)`: True when the person pressed Apply;
- `show_summary(title, lines)`, `show_problems(title, problems)`: information, no answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow, QMessageBox

from pathmapper.analysis import Analysis
from pathmapper.commands.replace_map import ReplaceMap
from pathmapper.commands.window_edits import layout_on_open
from pathmapper.export.safe_text import file_stem
from pathmapper.io import MapFileError, MapSaveError, load_map
from pathmapper.io.csv_steps import CsvImportError, read_steps_csv
from pathmapper.io.drawio_decode import DrawioError, select_page
from pathmapper.io.drawio_read import DRAWIO_SUFFIXES, import_page, read_drawio_pages
from pathmapper.io.import_result import ImportResult
from pathmapper.io.sendcopy import save_copy_to_send
from pathmapper.merge.three_way import MergeCopy, MergeError
from pathmapper.model import PathMap, now_timestamp
from pathmapper.ui.context import EditorContext
from pathmapper.ui.files import MAP_FILE_FILTER, is_map_file, map_file_stem
from pathmapper.ui.roundtrip.compare_window import CompareWindow, order_for_comparison
from pathmapper.ui.roundtrip.merge_dialog import MergeDialog, MergePlan
from pathmapper.ui.roundtrip.sent_copies import SentCopies
from pathmapper.ui.undo import push

UseOpenMap = Literal["open map"]
USE_OPEN_MAP: UseOpenMap = "open map"
MINE_LABEL = "this map (open now)"
IMPORT_FILTER = (
    "Diagrams and step lists (*.drawio *.xml *.drawio.png *.drawio.svg *.png *.svg *.csv);;"
    "draw.io diagrams (*.drawio *.xml *.drawio.png *.drawio.svg);;CSV step lists (*.csv);;"
    "All files (*)"
)


def copy_labels(paths: list[Path]) -> list[str]:
    """Each returned copy by its file name; the whole path where two share a name."""
    names = [path.name for path in paths]
    return [
        name if names.count(name) == 1 else str(path)
        for name, path in zip(names, paths, strict=True)
    ]


class RoundTrip(QObject):
    """The round-trip actions of one editor window, on its context."""

    def __init__(self, context: EditorContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.window = context.window  # the parent of every dialog
        self.sent_copies = SentCopies(context.settings.settings)
        self.compare_windows: list[CompareWindow] = []
        # Questions, replaceable by tests.
        self.choose_compare_path: Callable[[], str | None] = self._dialog_compare_path
        self.choose_copy_paths: Callable[[], list[str]] = self._dialog_copy_paths
        self.choose_base: Callable[[str], str | UseOpenMap | None] = self._dialog_base
        self.choose_send_path: Callable[[str], str | None] = self._dialog_send_path
        self.choose_import_path: Callable[[], str | None] = self._dialog_import_path
        self.choose_page: Callable[[list[str]], str | None] = self._dialog_page
        self.choose_relayout: Callable[[], bool | None] = self._dialog_relayout
        self.run_merge_dialog: Callable[[MergeDialog], bool] = self._dialog_run_merge
        self.show_summary: Callable[[str, list[str]], None] = self._dialog_summary
        self.show_problems: Callable[[str, list[str]], None] = self._dialog_problems

    # ------------------------------------------------------------------------------ helpers

    @property
    def path_map(self) -> PathMap:
        return self.context.document.path_map

    def say(self, message: str) -> None:
        self.context.say(message)

    def _load(self, path: str | Path) -> PathMap | None:
        try:
            return load_map(path)
        except MapFileError as error:
            self.show_problems(f"Cannot open {Path(path).name}", error.problems)
            return None

    def _open_name(self) -> str:
        return self.context.files.display_name

    # ------------------------------------------------------------------------------ compare

    def compare_with(self, path: str | None = None) -> CompareWindow | None:
        """Open the compare window: the open map (as it is now) and another map file."""
        chosen = path if path is not None else self.choose_compare_path()
        if not chosen:
            return None
        other = self._load(chosen)
        if other is None:
            return None
        open_map = self.path_map
        (first, first_name), (second, second_name) = order_for_comparison(
            open_map, f"{self._open_name()} (open now)", other, Path(chosen).name
        )
        known = self._open_map_analysis()
        window = CompareWindow(
            first,
            second,
            first_name,
            second_name,
            first_analysis=known if first is open_map else None,
            second_analysis=known if second is open_map else None,
            colours_from="first" if first is open_map else "second",
        )
        self.compare_windows.append(window)
        window.destroyed.connect(lambda *_: self._forget_compare_window(window))
        window.show()
        self.say(f"Comparing with {Path(chosen).name}: A is {first_name}, B is {second_name}")
        return window

    def _open_map_analysis(self) -> Analysis | None:
        """The findings' analysis of the open map when it is of the map as it is now."""
        return self.context.current_analysis()

    def _forget_compare_window(self, window: CompareWindow) -> None:
        if window in self.compare_windows:
            self.compare_windows.remove(window)

    # ------------------------------------------------------------------------ send a copy

    def save_copy_to_send(self) -> Path | None:
        """Write a copy to email (same ids) and remember it as the base for merging."""
        path = self.context.files.path
        # Named like the map's file; an unsaved map as Save as would name it.
        stem = file_stem(self.path_map.title) if path is None else map_file_stem(path)
        suggested = f"{stem} - sent {now_timestamp()[:10]}.pathmap.json"
        if path is not None:
            suggested = str(Path(path).with_name(suggested))
        chosen = self.choose_send_path(suggested)
        if not chosen:
            return None
        target = Path(chosen)
        if not is_map_file(target):
            target = target.with_name(target.name + ".pathmap.json")
        try:
            written = save_copy_to_send(self.path_map, target)
        except MapSaveError as error:
            self.show_problems("The copy to send was not saved", [str(error)])
            return None
        self.sent_copies.remember(self.path_map.id, written)
        self.say(
            f"Saved {written.name} to send. When copies come back, use File > Merge returned "
            "copy: they will be merged against this one"
        )
        return written

    # -------------------------------------------------------------------------------- merge

    def _merge_base(self) -> tuple[PathMap, str] | None:
        """The map the copies were made from, and how the dialog names it; None to cancel."""
        remembered = self.sent_copies.base_for(self.path_map.id)
        if remembered is not None:
            base = self._load(remembered)
            if base is not None:
                return base, f"the copy you sent, {remembered.name} ({remembered.parent})"
        choice = self.choose_base(self.path_map.title or self._open_name())
        if choice is None:
            return None
        if choice == USE_OPEN_MAP:
            description = "the open map as it is now (no copy sent from it is remembered)"
            return self.path_map.model_copy(deep=True), description
        base = self._load(choice)
        if base is None:
            return None
        return base, f"{Path(choice).name}, which you chose as the copy that was sent"

    def merge_returned_copies(self, paths: list[str] | None = None) -> bool:
        """Choose the returned copies, show every change and conflict, and apply what was
        accepted as one undo step. False when cancelled or nothing could be merged."""
        chosen = paths if paths is not None else self.choose_copy_paths()
        if not chosen:
            return False
        returned = [self._load(path) for path in chosen]
        if any(copy is None for copy in returned):
            return False
        found = self._merge_base()
        if found is None:
            return False
        base, description = found
        labels = copy_labels([Path(path) for path in chosen])
        copies = [
            MergeCopy(label, copy)
            for label, copy in zip(labels, returned, strict=True)
            if copy is not None
        ]
        mine: str | None = None
        if self.path_map.to_document() != base.to_document():
            mine = MINE_LABEL  # the open map was edited since it was sent: its edits count too
            copies.insert(0, MergeCopy(MINE_LABEL, self.path_map.model_copy(deep=True)))
        try:
            dialog = MergeDialog(MergePlan(base, description, copies, mine), self.window)
        except MergeError as error:
            self.show_problems("Cannot merge these copies", [str(error)])
            return False
        try:
            if not self.run_merge_dialog(dialog):
                self.say("Merge cancelled: the map is unchanged")
                return False
            result = dialog.final_result()
        finally:
            dialog.deleteLater()
        text = f"Merge {len(returned)} returned {'copy' if len(returned) == 1 else 'copies'}"
        command = ReplaceMap(result.merged, text)
        if not push(self.context.undo_stack, self.context.document, command, self.say):
            return False
        self.context.scene.sync()
        applied = sum(1 for change in result.changes if change.accepted)
        self.say(
            f"Merged: {applied} changes taken, {len(result.conflicts)} conflicts settled. "
            "Edit > Undo takes the whole merge back"
        )
        return True

    # ------------------------------------------------------------------------------- import

    def import_file(self, path: str | None = None) -> QMainWindow | None:
        """Import a draw.io diagram or a CSV list of steps as a new, unsaved map: in this
        window when it holds nothing unsaved, else in a new window. Shows what was imported
        and what was not. Returns the window that holds it."""
        chosen = path if path is not None else self.choose_import_path()
        if not chosen:
            return None
        source = Path(chosen)
        result = self._read_import(source)
        if result is None:
            return None
        target = self.context
        if target.files.is_unsaved:
            target = target.open_new_window()
        target.files.new_map("blank")  # a clean window: nothing to ask
        imported = result.path_map
        command = ReplaceMap(imported, f"Import {source.name}", keep_id=False)
        if not push(target.undo_stack, target.document, command, target.say):
            return None
        layout = layout_on_open(target.document.path_map)
        if layout is not None:
            push(target.undo_stack, target.document, layout, target.say)
        target.scene.sync()
        target.show_start_of_map()
        target.say(f"Imported {source.name}: save it to keep it as a map")
        self.show_summary(f"Imported {source.name}", result.summary_lines())
        return target.window

    def _read_import(self, source: Path) -> ImportResult | None:
        name = source.name.lower()
        try:
            if name.endswith(".csv"):
                return read_steps_csv(source)
            if name.endswith(DRAWIO_SUFFIXES):
                pages = read_drawio_pages(source)  # read and decoded once for both uses
                page: str | None = None
                if len(pages) > 1:
                    page = self.choose_page([each.name for each in pages])
                    if page is None:
                        return None
                relayout = self.choose_relayout()
                if relayout is None:
                    return None
                chosen = select_page(pages, page, source.name)
                return import_page(chosen, source.name, relayout)
        except CsvImportError as error:
            self.show_problems(f"Cannot import {source.name}", error.problems)
            return None
        except (DrawioError, OSError) as error:
            self.show_problems(f"Cannot import {source.name}", [str(error)])
            return None
        self.show_problems(
            f"Cannot import {source.name}",
            [
                "pathmapper imports draw.io diagrams (.drawio, .xml, .drawio.png, .drawio.svg) "
                "and CSV lists of steps (.csv); open map files with File > Open"
            ],
        )
        return None

    # -------------------------------------------------------------------------- real dialogs

    def _folder(self) -> str:
        path = self.context.files.path
        return str(Path(path).parent) if path is not None else ""

    def _dialog_compare_path(self) -> str | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Compare with which map?", self._folder(), MAP_FILE_FILTER
        )
        return chosen or None

    def _dialog_copy_paths(self) -> list[str]:
        chosen, _ = QFileDialog.getOpenFileNames(
            self.window, "Choose the returned copies to merge", self._folder(), MAP_FILE_FILTER
        )
        return list(chosen)

    def _dialog_base(self, title: str) -> str | UseOpenMap | None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Which copy was sent?")
        box.setText(f"No copy sent from '{title}' is remembered.")
        box.setInformativeText(
            "Choose the copy that was sent out (changes are found against it), or merge against "
            "the map as it is open now."
        )
        choose = box.addButton("Choose the sent copy…", QMessageBox.ButtonRole.AcceptRole)
        use_open = box.addButton("Use the open map", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is use_open:
            return USE_OPEN_MAP
        if box.clickedButton() is choose:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "The copy that was sent", self._folder(), MAP_FILE_FILTER
            )
            return chosen or None
        return None

    def _dialog_send_path(self, suggested: str) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save a copy to send", suggested, MAP_FILE_FILTER
        )
        return chosen or None

    def _dialog_import_path(self) -> str | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Import a diagram or a list of steps", self._folder(), IMPORT_FILTER
        )
        return chosen or None

    def _dialog_page(self, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(
            self.window, "Which page?", "The diagram has several pages. Import:", names, 0, False
        )
        return name if ok and name else None

    def _dialog_relayout(self) -> bool | None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Place the steps",
            "Where should the imported steps go?",
            parent=self.window,
        )
        box.setInformativeText(
            "Keep the diagram's places: steps stay where they were drawn, and are laid out "
            "again only if pathmapper's larger shapes would overlap.\n"
            "Lay out again: every step is placed by the automatic layout, in its lane and in "
            "the diagram's order."
        )
        keep = box.addButton("Keep the diagram's places", QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton("Lay out again", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            return False
        if box.clickedButton() is again:
            return True
        return None

    def _dialog_run_merge(self, dialog: MergeDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _dialog_summary(self, title: str, lines: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, lines[0], parent=self.window)
        if len(lines) > 1:
            box.setInformativeText("\n".join(lines[1:13]))
            if len(lines) > 13:
                box.setDetailedText("\n".join(lines))
        box.exec()

    def _dialog_problems(self, title: str, problems: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, parent=self.window)
        box.setInformativeText("\n".join(f"• {problem}" for problem in problems[:12]))
        if len(problems) > 12:
            box.setDetailedText("\n".join(problems))
        box.exec()
