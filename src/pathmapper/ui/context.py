"""What a feature of the editor may use: the one `EditorContext` the main window builds and
hands to each feature (analysis, workshop, round trip, export, preferences).

A feature takes what it needs from here, by name and type, and nothing else of the window:
reading this class tells what any feature may touch. The docks are optional slots (a feature
works without them); the analysis is filled in by whoever runs it and read only when used, so
the order features are installed in changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow

from pathmapper.commands import MapDocument
from pathmapper.ui.actions import EditorActions, EditorMenus, EditorToolbars
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.docks.comment_list import CommentsDock
from pathmapper.ui.docks.overview import OverviewDock
from pathmapper.ui.docks.properties import PropertiesDock
from pathmapper.ui.files import FileController
from pathmapper.ui.keys import KeyRouter
from pathmapper.ui.settings import EditorSettings

if TYPE_CHECKING:
    from pathmapper.analysis import Analysis


class AnalysisSource(Protocol):
    """The live analysis of the open map (`ui.insight`'s runner)."""

    @property
    def latest(self) -> Analysis | None: ...

    @property
    def latest_revision(self) -> int: ...


@dataclass
class EditorContext:
    window: QMainWindow
    document: MapDocument
    undo_stack: QUndoStack
    scene: MapScene
    view: MapView
    say: Callable[[str], None]  # a line in the status bar
    menus: EditorMenus
    actions: EditorActions
    toolbars: EditorToolbars
    files: FileController
    settings: EditorSettings
    open_new_window: Callable[[], EditorContext]  # a new, empty window: its context
    show_start_of_map: Callable[[], None]  # frame a map just opened, as File > Open does
    properties: PropertiesDock | None = None
    comments: CommentsDock | None = None
    overview: OverviewDock | None = None
    analysis: AnalysisSource | None = None

    @property
    def keys(self) -> KeyRouter:
        """The canvas's key tables, one per mode."""
        return self.view.keys

    def current_analysis(self) -> Analysis | None:
        """The analysis of the map as it is now; None when there is none that recent."""
        source = self.analysis
        if source is None or source.latest_revision != self.document.revision:
            return None
        return source.latest
