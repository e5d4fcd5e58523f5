"""Unexpected errors in the editor: a dialog with the message and where the recovery file is,
and the editor keeps running.

An exception that escapes a slot or an event handler reaches `sys.excepthook` (PySide6 reports
it there and returns to the event loop). `ErrorReporter` replaces the hook: it first makes sure
the unsaved work is on disk (`recovery_file()`, normally `autosaver.write_now`), then shows what
happened. Qt's own warnings go to the `pathmapper.qt` logger instead of being lost.

    self.errors = install_error_reporter(self, self.autosaver.write_now)
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox, QWidget

QT_LOGGER = logging.getLogger("pathmapper.qt")
ERROR_LOGGER = logging.getLogger("pathmapper.errors")
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def error_message(error: BaseException, recovery_file: Path | None) -> str:
    """What the dialog says: what went wrong, that the map is still open, and where the
    recovery copy is."""
    detail = str(error).strip() or type(error).__name__
    lines = [
        "Something went wrong in pathmapper, and that last action may not have finished.",
        f"The problem: {detail}",
        "",
        "Your map is still open. Save it (or Save As under a new name) to be safe.",
    ]
    if recovery_file is not None:
        lines.append(f"A recovery copy of your unsaved work is in {recovery_file}")
    else:
        lines.append("There are no unsaved changes to recover, or no recovery copy could be made.")
    return "\n".join(lines)


class ErrorReporter(QObject):
    """Shows unexpected errors and keeps the editor running. `show_error(message, details)` is
    replaceable (tests answer it without a dialog)."""

    def __init__(
        self,
        parent: QWidget | None,
        recovery_file: Callable[[], Path | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.recovery_file = recovery_file
        self.show_error: Callable[[str, str], None] = self._dialog
        self._previous_hook: ExceptHook | None = None
        self._previous_handler: Any = None
        self._installed = False
        self._showing = False

    def install(self) -> None:
        if self._installed:
            return
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle
        self._previous_handler = qInstallMessageHandler(forward_qt_message)
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed:
            return
        if sys.excepthook == self.handle and self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_handler)
        self._installed = False

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """The excepthook: log the traceback, save the work, say what happened."""
        if issubclass(kind, KeyboardInterrupt | SystemExit) and self._previous_hook is not None:
            self._previous_hook(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        ERROR_LOGGER.error("Unexpected error in the editor\n%s", details)
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            self.show_error(error_message(error, self._safe_recovery_file()), details)
        finally:
            self._showing = False

    def _safe_recovery_file(self) -> Path | None:
        try:
            return self.recovery_file()
        except Exception:  # the error handler itself must never raise
            ERROR_LOGGER.exception("Could not write the recovery copy")
            return None

    def _dialog(self, message: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", message)
        if self.window is not None:
            box.setParent(self.window, box.windowFlags())
        box.setDetailedText(details)
        box.exec()


def forward_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings into Python logging, with their level."""
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)
    QT_LOGGER.log(level, "%s", message)


def install_error_reporter(
    parent: QWidget | None, recovery_file: Callable[[], Path | None] = lambda: None
) -> ErrorReporter:
    """One call: unexpected errors from now on show a dialog instead of being lost."""
    reporter = ErrorReporter(parent, recovery_file)
    reporter.install()
    return reporter
