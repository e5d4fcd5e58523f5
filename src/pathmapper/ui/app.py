"""Starting the editor: the application (its name and organisation key QSettings), the shipped
fonts, and the main window on the map given on the command line (`pathmapper MAP`)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from pathmapper import __version__
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.settings import EditorSettings

APPLICATION_NAME = "pathmapper"
ORGANISATION_NAME = "pathmapper"


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    application = QApplication(argv if argv is not None else sys.argv[:1])
    application.setApplicationName(APPLICATION_NAME)
    application.setOrganizationName(ORGANISATION_NAME)
    application.setApplicationDisplayName("pathmapper")
    application.setApplicationVersion(__version__)
    return application


def load_fonts() -> None:
    """Register the shipped DejaVu Sans so the canvas measures text as the layout does."""
    try:
        from pathmapper.ui.fonts import shipped_family
    except ImportError:  # an older build without shipped fonts: Qt's default font serves
        return
    shipped_family()


def open_main_window(path: str | None, settings: EditorSettings | None = None) -> MainWindow:
    """The window, shown, with `path` opened in it (a file that cannot be opened shows its
    problems and leaves an empty map)."""
    window = MainWindow(settings)
    window.show()
    if path is not None:
        window.open_path(path)
    return window


def run_editor(path: str | None) -> int:
    application = create_application()
    load_fonts()
    window = open_main_window(path)
    window.raise_()
    return int(application.exec())
