"""File > Export: the map as a PDF (map or workshop report, fit or tiled), a PNG or SVG picture
of the canvas, or CSV tables, with the same options as `pathmapper export` and `render`.

`install_export(window)` adds the menu entry. The dialog is only the way to fill in an
`ExportRequest`; `write_export` does the work, so tests (and anything else) can export without
a dialog by replacing `ExportController.choose`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from pathmapper.export.safe_text import file_stem
from pathmapper.model import PathMap
from pathmapper.ui.context import EditorContext
from pathmapper.ui.files import map_file_stem
from pathmapper.ui.preferences import Preferences

ExportKind = Literal["pdf", "png", "svg", "csv"]
KIND_NAMES: dict[ExportKind, str] = {
    "pdf": "PDF (for printing and the workshop report)",
    "png": "PNG picture (for slides)",
    "svg": "SVG drawing (for editing elsewhere)",
    "csv": "CSV tables (for spreadsheets)",
}
SUFFIXES: dict[ExportKind, str] = {"pdf": ".pdf", "png": ".png", "svg": ".svg", "csv": ""}


@dataclass(frozen=True)
class ExportRequest:
    kind: ExportKind
    target: Path  # a file, or for CSV a folder
    paper: str = "A3"
    orientation: str = "landscape"
    tile: bool = False
    report: bool = False


def write_export(path_map: PathMap, request: ExportRequest, file_name: str = "") -> list[Path]:
    """Write what `request` asks for; the files written. Raises OSError, ValueError (a bad
    setting, including PageSetupError), PdfExportError or CsvExportError, each with a message
    for a person; nothing half-written is left behind."""
    if request.kind == "pdf":
        from pathmapper.export.pdf_document import PdfOptions, write_map_pdf
        from pathmapper.export.pdf_pages import PageSetup

        setup = PageSetup(request.paper, request.orientation, request.tile)  # type: ignore[arg-type]
        write_map_pdf(path_map, request.target, PdfOptions(setup, request.report, file_name))
        return [request.target]
    if request.kind == "csv":
        from pathmapper.export.csv_tables import write_csv_tables

        return write_csv_tables(path_map, request.target)
    from pathmapper.ui.canvas.render import render_png, render_svg

    if request.kind == "png":
        render_png(path_map, request.target)
    else:
        render_svg(path_map, request.target)
    return [request.target]


class ExportDialog(QDialog):
    """The export settings, filled in from the last export (or the preferences)."""

    def __init__(self, initial: ExportRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export map")
        self.kind = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name, kind)
        self.kind.setCurrentIndex(list(KIND_NAMES).index(initial.kind))
        # The exporters (and reportlab) load when the dialog is first used, not at start-up.
        from pathmapper.export.pdf_pages import ORIENTATIONS, PAPER_SIZES

        self.paper = QComboBox()
        self.paper.addItems(list(PAPER_SIZES))
        self.paper.setCurrentText(initial.paper)
        self.orientation = QComboBox()
        self.orientation.addItems(list(ORIENTATIONS))
        self.orientation.setCurrentText(initial.orientation)
        self.tile = QCheckBox("Tile across pages at a readable scale (lane names on every page)")
        self.tile.setChecked(initial.tile)
        self.report = QCheckBox("Workshop report: figures, chart, findings and notes after the map")
        self.report.setChecked(initial.report)
        self.target = QLineEdit(str(initial.target))
        browse = QPushButton("&Browse...")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target)
        where.addWidget(browse)

        form = QFormLayout(self)
        form.addRow("&Format", self.kind)
        form.addRow("&Paper", self.paper)
        form.addRow("&Orientation", self.orientation)
        form.addRow("", self.tile)
        form.addRow("", self.report)
        save_to = QLabel("&Save to")
        save_to.setBuddy(self.target)  # the mnemonic needs a field to go to, or it shows as "&"
        form.addRow(save_to, where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def chosen_kind(self) -> ExportKind:
        kind: ExportKind = self.kind.currentData()
        return kind

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        for widget in (self.paper, self.orientation, self.tile, self.report):
            widget.setEnabled(kind == "pdf")
        target = Path(self.target.text())
        stem = target.name.removesuffix(target.suffix) if target.suffix else target.name
        self.target.setText(str(target.with_name(stem + SUFFIXES[kind])))

    def _browse(self) -> None:
        kind = self.chosen_kind()
        if kind == "csv":
            chosen = QFileDialog.getExistingDirectory(
                self, "Export CSV tables to", self.target.text()
            )
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export map", self.target.text(), f"*{SUFFIXES[kind]}"
            )
        if chosen:
            self.target.setText(chosen)

    def request(self) -> ExportRequest:
        return ExportRequest(
            kind=self.chosen_kind(),
            target=Path(self.target.text()).expanduser(),
            paper=self.paper.currentText(),
            orientation=self.orientation.currentText(),
            tile=self.tile.isChecked(),
            report=self.report.isChecked(),
        )


class ExportController(QObject):
    """File > Export on one window: asks (replaceable: `choose`), exports, reports."""

    def __init__(
        self,
        window: QMainWindow,
        path_map: Callable[[], PathMap],
        map_file: Callable[[], Path | None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path_map = path_map
        self.map_file = map_file
        self.say = say
        self.last: ExportRequest | None = None
        self.choose: Callable[[ExportRequest], ExportRequest | None] = self._dialog
        self.show_failure: Callable[[str], None] = self._dialog_failure
        # Asked when the map would print too small to read on one page: tile it (True) or not.
        self.offer_tiles: Callable[[str], bool] = self._dialog_offer_tiles
        self.action = QAction("&Export...", window)
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setToolTip("Export the map as PDF, a picture or CSV tables")
        self.action.triggered.connect(self.export)

    def initial_request(self) -> ExportRequest:
        if self.last is not None:
            return self.last  # the settings and place of the last export from this window
        map_file = self.map_file()
        if map_file is not None:  # named after the map's file, beside it
            target = map_file.parent / f"{map_file_stem(map_file)}.pdf"
        else:
            target = Path.home() / f"{file_stem(self.path_map().title)}.pdf"
        preferences = Preferences()
        return ExportRequest("pdf", target, preferences.paper_size, preferences.orientation)

    def export(self) -> bool:
        request = self.choose(self.initial_request())
        if request is None:
            return False
        request = self._readable(request)
        if request is None:
            return False
        from pathmapper.export.csv_tables import CsvExportError
        from pathmapper.export.pdf_document import PdfExportError

        map_file = self.map_file()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_export(self.path_map(), request, map_file.name if map_file else "")
        except (OSError, ValueError, PdfExportError, CsvExportError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.show_failure(f"Could not export to {request.target}: {reason}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last = request
        names = ", ".join(path.name for path in written[:4])
        self.say(f"Exported {names}")
        return True

    def _readable(self, request: ExportRequest) -> ExportRequest | None:
        """The request, tiled if one page would be too small to read and the person agrees;
        None if they would rather not export."""
        if request.kind != "pdf" or request.tile:
            return request
        from pathmapper.export.pdf_document import map_page_plan
        from pathmapper.export.pdf_pages import PageSetup, PageSetupError, tiling_message

        try:
            setup = PageSetup(request.paper, request.orientation)  # type: ignore[arg-type]
        except PageSetupError:
            return request  # write_export says what is wrong with it
        message = tiling_message(map_page_plan(self.path_map(), setup))
        if not message:
            return request
        if not self.offer_tiles(message[0].upper() + message[1:] + "."):
            return None
        return replace(request, tile=True)

    def _dialog_offer_tiles(self, message: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Too small to read on one page",
            f"{message}\n\nTile the map across pages, with an overview page first?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _dialog(self, initial: ExportRequest) -> ExportRequest | None:
        dialog = ExportDialog(initial, self.window)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _dialog_failure(self, message: str) -> None:
        QMessageBox.warning(self.window, "Export failed", message)


def install_export(context: EditorContext) -> ExportController:
    """Add File > Export... (Ctrl+E) to an editor window; one call."""
    controller = ExportController(
        context.window,
        path_map=lambda: context.document.path_map,
        map_file=lambda: context.files.path,
        say=context.say,
    )
    file_menu = context.menus.file
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    anchor = separators[-1] if separators else None
    if anchor is not None:
        file_menu.insertAction(anchor, controller.action)
    else:
        file_menu.addAction(controller.action)
    return controller
