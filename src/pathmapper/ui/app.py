"""Starting the editor: the application (its name and organisation key QSettings), the shipped
fonts, and the main window on the map given on the command line (`pathmapper MAP`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pathmapper import __version__
from pathmapper.ui.app_theme import apply_theme
from pathmapper.ui.autosave import default_store
from pathmapper.ui.error_dialog import install_error_reporter
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.preferences import Preferences
from pathmapper.ui.recovery_dialog import offer_recovery
from pathmapper.ui.settings import EditorSettings
from pathmapper.ui.single_instance import SingleInstance

APPLICATION_NAME = "pathmapper"
ORGANISATION_NAME = "pathmapper"
FIRST_PAINT_WAIT_MS = 300


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


def open_main_window(
    path: str | None, settings: EditorSettings | None = None, open_after_showing: bool = False
) -> MainWindow:
    """The window, shown, with `path` opened in it (a file that cannot be opened shows its
    problems and leaves an empty map). With `open_after_showing` the map is opened once the
    empty window has been drawn, so the person starting the editor sees it at once, and the
    window's other parts (analysis, workshop, round trip...) are installed once the map has been
    drawn; this returns before either then."""
    window = MainWindow(settings, features_later=open_after_showing)
    window.show()
    if open_after_showing:
        viewport = window.view.viewport()

        def open_then_the_rest() -> None:
            if path is not None:
                window.open_path(path)
            # The parts that can wait (analysis, workshop, round trip...) once the map is drawn.
            _after_first_paint(viewport, window.install_features)

        _after_first_paint(viewport, open_then_the_rest)
    elif path is not None:
        window.open_path(path)
    return window


def _after_first_paint(widget: QWidget, action: Callable[[], object]) -> None:
    """Do `action` on the turn of the event loop after `widget` is first painted (or after
    FIRST_PAINT_WAIT_MS, if the window system never asks for a paint: minimised, offscreen)."""
    done = False

    def run() -> None:
        nonlocal done
        if not done and shiboken6.isValid(widget):  # (not when the window closed already)
            done = True
            widget.removeEventFilter(watcher)
            action()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is widget and event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, run)
            return False

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, run)


def run_editor(path: str | None) -> int:
    """The editor as a person starts it: one running copy per user (a second launch hands its
    file over and exits), unexpected errors shown rather than lost, and an offer to restore
    work that a crash or power cut interrupted."""
    application = create_application()
    instance = SingleInstance(APPLICATION_NAME)
    if instance.send_to_running([path] if path else []):
        return 0
    load_fonts()
    window = open_main_window(path, open_after_showing=True)
    instance.listen(window.open_paths)
    reporter = install_error_reporter(window, window.autosaver.write_now)
    restore_interrupted_work(window, opened_path=path)
    window.raise_()
    status = int(application.exec())
    reporter.uninstall()
    instance.close()
    return status


def restore_interrupted_work(window: MainWindow, opened_path: str | None) -> bool:
    """Offer the recovery copies other sessions left behind; open the chosen one, unsaved: in
    this window, unless it shows another file the person asked for (then in a new one). The
    restored work of the file asked for replaces it here: two windows on one file would let
    the saved version overwrite the restored one."""
    restored = offer_recovery(default_store(), window, exclude_session=window.autosaver.session)
    if restored is None:
        return False
    same_file = opened_path is not None and restored.original_path == Path(opened_path).resolve()
    target = window.open_new_window() if opened_path is not None and not same_file else window
    target.files.open_recovered(restored.path_map, restored.original_path)
    target.autosaver.adopt(restored.snapshot)
    return True
