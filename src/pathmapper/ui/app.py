"""Starting the editor: the application (its name and organisation key QSettings), the shipped
fonts, and the main window on the map given on the command line (`pathmapper MAP`)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from pathmapper import __version__
from pathmapper.ui.autosave import default_store
from pathmapper.ui.error_dialog import install_error_reporter
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.preferences import Preferences
from pathmapper.ui.recovery_dialog import offer_recovery
from pathmapper.ui.settings import EditorSettings
from pathmapper.ui.single_instance import SingleInstance
from pathmapper.ui.theme import apply_theme

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
    apply_theme(application, Preferences().theme)  # after the names: they key QSettings
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
    """The editor as a person starts it: one running copy per user (a second launch hands its
    file over and exits), unexpected errors shown rather than lost, and an offer to restore
    work that a crash or power cut interrupted."""
    application = create_application()
    instance = SingleInstance(APPLICATION_NAME)
    if instance.send_to_running([path] if path else []):
        return 0
    load_fonts()
    window = open_main_window(path)
    instance.listen(window.open_paths)
    reporter = install_error_reporter(window, window.autosaver.write_now)
    restore_interrupted_work(window, opened_a_file=path is not None)
    window.raise_()
    status = int(application.exec())
    reporter.uninstall()
    instance.close()
    return status


def restore_interrupted_work(window: MainWindow, opened_a_file: bool) -> bool:
    """Offer the recovery copies other sessions left behind; open the chosen one, unsaved (in
    a new window when the window already shows a file the person asked for)."""
    restored = offer_recovery(default_store(), window, exclude_session=window.autosaver.session)
    if restored is None:
        return False
    target = window.open_new_window() if opened_a_file else window
    target.files.open_recovered(restored.path_map, restored.original_path)
    target.autosaver.adopt(restored.snapshot)
    return True
