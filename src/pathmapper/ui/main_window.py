"""The editor window. It makes the parts and wires them together; the parts do the work:

- `FileController` (files.py): new, open, save, recent, close, the unsaved marker's state.
- `EditingController` (menu_edits.py): Edit, Insert and Arrange menu commands.
- the canvas (`ui.canvas`: `MapScene`, `MapView`), the palette, the status bar and three docks
  (properties, comments, overview).

The features (analysis, workshop, round trip, export, preferences) each get the window's one
`EditorContext` and touch nothing else of it. One window, one `MapDocument` and one
`QUndoStack` for its whole life.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pathmapper.commands import MapDocument
from pathmapper.ui.actions import EditorActions, build_menus, build_toolbars, shortcut_lines
from pathmapper.ui.autosave import Autosaver
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.context import EditorContext
from pathmapper.ui.docks.comment_list import CommentsDock
from pathmapper.ui.docks.overview import OverviewDock
from pathmapper.ui.docks.properties import PropertiesDock, first_focus
from pathmapper.ui.features import EditorFeatures, install_features
from pathmapper.ui.files import FileController, is_map_file
from pathmapper.ui.help_dialogs import install_help_menu
from pathmapper.ui.map_framing import fit_map, show_start_of_map
from pathmapper.ui.menu_edits import EditingController
from pathmapper.ui.palette import CONNECT_TOOL, SELECT_TOOL, Palette
from pathmapper.ui.settings import EditorSettings
from pathmapper.ui.status import EditorStatusBar

if TYPE_CHECKING:
    from pathmapper.ui.export_dialog import ExportController
    from pathmapper.ui.insight import AnalysisPanel
    from pathmapper.ui.preferences_dialog import PreferencesController
    from pathmapper.ui.roundtrip import RoundTripActions
    from pathmapper.ui.standards_menu import StandardsController
    from pathmapper.ui.whatif import WhatIfPanel
    from pathmapper.ui.workshop import Workshop

CanvasFactory = Callable[[MapDocument, QUndoStack], tuple[MapScene, MapView]]
DOCK_WIDTH = 340  # at most: a dock is a side panel, the canvas is what the room looks at
DOCK_SHARE = 0.2  # and at most this share of the window's width, until the person widens it
WINDOW_SIZE = (1400, 860)  # the first size of the window, on a screen up to LARGE_SCREEN wide
LARGE_SCREEN = 1600
LARGE_SCREEN_SHARE = 0.9  # of a larger screen, the window starts this share of it
OPEN_WINDOWS: list[MainWindow] = []  # keeps windows opened with File > New window alive


def default_size(window: QWidget) -> tuple[int, int]:
    """The window's first size (before any saved geometry): WINDOW_SIZE, or most of a large
    screen, so the canvas has the room (a projector's 1920 pixels, say)."""
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else None
    if available is None or available.width() <= LARGE_SCREEN:
        return WINDOW_SIZE
    return (
        int(available.width() * LARGE_SCREEN_SHARE),
        max(min(WINDOW_SIZE[1], available.height()), int(available.height() * LARGE_SCREEN_SHARE)),
    )


def real_canvas(document: MapDocument, undo_stack: QUndoStack) -> tuple[MapScene, MapView]:
    scene = MapScene(document, undo_stack)
    return scene, MapView(scene)


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: EditorSettings | None = None,
        canvas_factory: CanvasFactory = real_canvas,
        features_later: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.canvas_factory = canvas_factory
        self.settings = settings if settings is not None else EditorSettings()
        self.document = MapDocument()
        self.undo_stack = QUndoStack(self)
        self.scene, self.view = canvas_factory(self.document, self.undo_stack)
        self.scene.setParent(self)  # goes with the window, never outlives its undo stack
        self.setCentralWidget(self.view)

        self.status = EditorStatusBar(self)
        self.setStatusBar(self.status)
        self.files = FileController(self, self.document, self.undo_stack, self.settings)
        # Unsaved work is written to the recovery folder a few seconds after each edit.
        self.autosaver = Autosaver.for_window(
            self.document, self.undo_stack, lambda: self.files.path, self
        )
        self.editing = EditingController(
            self.document, self.undo_stack, self.scene, self.status.say, self
        )
        self.actions_ = EditorActions(self, self.undo_stack)
        self.recent_menu = QMenu("Open &recent", self)
        self.menus = build_menus(self, self.actions_, self.recent_menu)
        self.toolbars = build_toolbars(self, self.actions_)
        self.step_palette = Palette(self)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.step_palette)

        self.properties = PropertiesDock(self.document, self.undo_stack, self.status.say, self)
        self.comments = CommentsDock(
            self.document, self.undo_stack, self.scene.selected_ids, self.status.say, self
        )
        self.overview = OverviewDock(self.scene, self.view, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.properties)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.comments)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.overview)
        self.tabifyDockWidget(self.properties, self.comments)
        self.properties.raise_()
        for dock, text in (
            (self.properties, "&Properties"),
            (self.comments, "&Comments"),
            (self.overview, "O&verview"),
        ):
            toggle = dock.toggleViewAction()
            toggle.setText(text)
            self.menus.view.addAction(toggle)

        self._wire_files()
        self._wire_edits()
        self._wire_canvas()
        self._docks_sized = False
        self.setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)
        self._unsubscribe = self.document.subscribe(lambda _change: self._show_counts())
        self._show_counts()
        self._update_title()
        self.context = EditorContext(
            window=self,
            document=self.document,
            undo_stack=self.undo_stack,
            scene=self.scene,
            view=self.view,
            say=self.status.say,
            menus=self.menus,
            actions=self.actions_,
            toolbars=self.toolbars,
            files=self.files,
            settings=self.settings,
            open_new_window=lambda: self.open_new_window().context,
            show_start_of_map=self.show_start_of_map,
            properties=self.properties,
            comments=self.comments,
            overview=self.overview,
        )
        self.help_entries = install_help_menu(self, self.menuBar(), self.open_path)
        self._features: EditorFeatures | None = None
        if not features_later:
            self.install_features()
        self.resize(*default_size(self))
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    # ---------------------------------------------------------------------------- parts

    def install_features(self) -> EditorFeatures:
        """Analysis, workshop, round trip, export, standards and preferences (`features.py`),
        once: at once, or with `features_later` when `pathmapper MAP` has painted the map, or
        when one of them is first asked for."""
        if self._features is None:
            self._features = install_features(self.context)
            state = self.settings.window_layout()[1]
            if state is not None and self.isVisible():  # their docks and bars as they were left
                self.restoreState(state)
        return self._features

    @property
    def analysis_panel(self) -> AnalysisPanel:
        return self.install_features().analysis

    @property
    def workshop(self) -> Workshop:
        return self.install_features().workshop

    @property
    def roundtrip(self) -> RoundTripActions:
        return self.install_features().roundtrip

    @property
    def exporter(self) -> ExportController:
        return self.install_features().exporter

    @property
    def standards(self) -> StandardsController:
        return self.install_features().standards

    @property
    def preferences(self) -> PreferencesController:
        return self.install_features().preferences

    @property
    def whatif(self) -> WhatIfPanel:
        return self.install_features().whatif

    # ------------------------------------------------------------------------------ wiring

    def _wire_files(self) -> None:
        a, files = self.actions_, self.files
        a.new_blank.triggered.connect(lambda: self._after_open(files.new_map("blank")))
        a.new_standard.triggered.connect(lambda: self._after_open(files.new_map("standard_lanes")))
        a.new_window.triggered.connect(self.open_new_window)
        a.open.triggered.connect(lambda: self._after_open(files.open_dialog()))
        a.save.triggered.connect(files.save)
        a.save_as.triggered.connect(files.save_as)
        a.close.triggered.connect(self.close)
        a.quit.triggered.connect(QApplication.closeAllWindows)
        a.shortcuts_help.triggered.connect(self.show_shortcuts)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        files.pathChanged.connect(self._update_title)
        files.message.connect(self.status.say)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _wire_edits(self) -> None:
        a, editing = self.actions_, self.editing
        a.cut.triggered.connect(editing.cut)
        a.copy.triggered.connect(editing.copy)
        a.paste.triggered.connect(editing.paste)
        a.duplicate.triggered.connect(editing.duplicate)
        a.delete.triggered.connect(editing.delete)
        a.select_all.triggered.connect(editing.select_all)
        for kind, action in a.insert_step.items():
            action.triggered.connect(lambda _checked=False, k=kind: editing.insert_step(k))
        a.add_lane.triggered.connect(editing.add_lane)
        a.add_phase.triggered.connect(editing.add_phase)
        for edge, action in a.align.items():
            action.triggered.connect(lambda _checked=False, e=edge: editing.align(e))
        a.distribute_horizontal.triggered.connect(lambda: editing.distribute("horizontal"))
        a.distribute_vertical.triggered.connect(lambda: editing.distribute("vertical"))
        a.lane_up.triggered.connect(lambda: editing.move_lane(-1))
        a.lane_down.triggered.connect(lambda: editing.move_lane(1))
        a.delete_lane.triggered.connect(editing.delete_lane)
        a.edit_properties.triggered.connect(self.focus_properties)

    def _wire_canvas(self) -> None:
        a = self.actions_
        a.zoom_in.triggered.connect(self.view.zoom_in)
        a.zoom_out.triggered.connect(self.view.zoom_out)
        a.zoom_fit.triggered.connect(self.fit_map)
        a.zoom_100.triggered.connect(self.view.zoom_to_100)
        self.view.zoomChanged.connect(self.status.show_zoom)
        a.select_tool.triggered.connect(lambda: self.choose_tool(SELECT_TOOL))
        a.connect_tool.triggered.connect(lambda: self.choose_tool(CONNECT_TOOL))
        self.step_palette.toolChosen.connect(self.choose_tool)
        self.scene.toolChanged.connect(self._tool_changed)
        self.scene.selectionIdsChanged.connect(self._selection_changed)
        self.scene.commandRefused.connect(self._refused)
        self.comments.targetActivated.connect(self.reveal)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_sized and self.settings.window_layout()[1] is None:
            QTimer.singleShot(
                0, self, lambda: self._size_docks([self.height() * 2 // 3, self.height() // 3])
            )
        self._docks_sized = True

    def _size_docks(self, heights: list[int]) -> None:
        """The canvas is what the room looks at: docks start narrow (DOCK_WIDTH, at most
        DOCK_SHARE of the window) and can be widened; a widened dock is kept in the settings."""
        docks = [self.properties, self.overview]
        width = min(DOCK_WIDTH, int(self.width() * DOCK_SHARE))
        self.resizeDocks(docks, [width, width], Qt.Orientation.Horizontal)
        self.resizeDocks(docks, heights, Qt.Orientation.Vertical)

    # ---------------------------------------------------------------------------- canvas

    def choose_tool(self, tool: str) -> None:
        """ "select", "connect" or a step kind (add that kind at the next click)."""
        tool_type = type(self.scene.tool)
        if tool == SELECT_TOOL:
            self.scene.set_tool(tool_type("select"))
        elif tool == CONNECT_TOOL:
            self.scene.set_tool(tool_type("connect"))
        else:
            self.scene.set_tool(tool_type("add_step"), tool)
            self.status.say("Click the map where the step goes")
        self.step_palette.show_tool(tool)

    def _tool_changed(self, tool: str) -> None:
        self.step_palette.show_tool(self.scene.tool_kind if tool == "add_step" else tool)

    def _selection_changed(self, ids: list[str]) -> None:
        self.status.show_selection(len(ids))
        self.properties.show_selection(list(ids))

    def _refused(self, message: str) -> None:
        self.status.say(f"Not done: {message}")

    def reveal(self, element_id: str) -> None:
        """Select an element on the canvas and bring it into view (from the comments list)."""
        self.scene.select_ids([element_id])
        item = self.scene.items_by_id.get(element_id)
        if item is not None:
            self.view.ensureVisible(item)

    def focus_properties(self) -> None:
        self.properties.show()
        self.properties.raise_()
        self._size_docks([560, 200])
        first_focus(self.properties)

    def _show_counts(self) -> None:
        self.status.show_counts(self.document.path_map)

    # ----------------------------------------------------------------------------- files

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name}[*] — pathmapper")
        self.setWindowModified(self.files.is_unsaved)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _after_open(self, opened: bool) -> None:
        if opened:
            self.scene.sync()
            self.show_start_of_map()
            if self._features is not None:
                # The analysis's pause starts again now, so the map is painted before it runs
                # (laying out a big map takes longer than the pause).
                self._features.analysis.runner.analyse_soon()

    def show_start_of_map(self) -> None:
        """Frame a map just opened (`map_framing.show_start_of_map`)."""
        show_start_of_map(self.view, self.scene)

    def fit_map(self) -> None:
        fit_map(self.view, self.scene, self.status.say)

    def open_path(self, path: str | Path) -> bool:
        opened = self.files.open_path(path)
        self._after_open(opened)
        return opened

    def open_paths(self, paths: list[str]) -> None:
        """Open maps handed over by the command line or a second launch: the first here when
        this window holds nothing unsaved, the others in new windows. No paths: come forward."""
        for path in paths:
            untouched = not self.files.is_unsaved and not self.document.path_map.steps
            target = self if untouched else self.open_new_window()
            target.open_path(path)
        self.raise_()
        self.activateWindow()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("No recent maps").setEnabled(False)

    def open_new_window(self) -> MainWindow:
        window = MainWindow(self.settings, self.canvas_factory)
        OPEN_WINDOWS.append(window)
        window.destroyed.connect(lambda *_: OPEN_WINDOWS.remove(window))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    # -------------------------------------------------------------------------- dropping

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_map(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_map(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    def _dropped_map(self, event: QDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and is_map_file(url.toLocalFile()):
                return url.toLocalFile()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Map files dropped on the canvas open too (the view would otherwise take the drop)."""
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)
            if self._dropped_map(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if self._dropped_map(event) is not None:
                self.dropEvent(event)
                return True
        return super().eventFilter(watched, event)

    # --------------------------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())
        self.autosaver.close()  # saved or discarded: the recovery copy is no longer needed
        # Wait for a running analysis here, from Python: left to the thread pool's destructor,
        # the wait would hold the interpreter while the worker needs it, and never end.
        if self._features is not None:
            self._features.analysis.runner.stop()
        self._unsubscribe()
        self.scene.detach()
        event.accept()

    # ------------------------------------------------------------------------------ help

    def shortcut_list(self) -> list[str]:
        """Every key of this window: the editor's own actions first, then those of the
        analysis, workshop, round-trip, export and preferences parts, then the canvas's key
        tables, mode by mode."""
        self.install_features()
        menu_actions = [
            action for action in self.findChildren(QAction) if action.parent() is not self.view
        ]
        return [
            *shortcut_lines([*self.actions_.all(), *menu_actions]),
            *self.view.keys.help_lines(),
        ]

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        text = QPlainTextEdit("\n".join(self.shortcut_list()), dialog)
        text.setReadOnly(True)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        dialog.resize(520, 640)
        dialog.show()
