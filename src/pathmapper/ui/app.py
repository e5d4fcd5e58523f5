"""Starting the editor application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from pathmapper import __version__
from pathmapper.io import MapFileError, load_map
from pathmapper.model import PathMap


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    application = QApplication(argv if argv is not None else sys.argv[:1])
    application.setApplicationName("pathmapper")
    application.setOrganizationName("pathmapper")
    application.setApplicationVersion(__version__)
    return application


class MainWindow(QMainWindow):
    """Placeholder until the swimlane editor lands: shows which map is open."""

    def __init__(self, path_map: PathMap | None = None, path: str | None = None) -> None:
        super().__init__()
        self.path_map = path_map or PathMap()
        self.path = path
        title = self.path_map.title or "Untitled map"
        self.setWindowTitle(f"{title} - pathmapper")
        self.setCentralWidget(QLabel(f"{title}: {len(self.path_map.steps)} steps"))
        self.resize(1280, 800)


def run_editor(path: str | None) -> int:
    application = create_application()
    path_map: PathMap | None = None
    if path is not None:
        try:
            path_map = load_map(path)
        except MapFileError as error:
            QMessageBox.critical(None, "Cannot open map", error.describe())
            path_map = None
            path = None
    window = MainWindow(path_map, path)
    window.show()
    return int(application.exec())
