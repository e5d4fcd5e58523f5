"""Unexpected errors: raised inside a slot, they show the message and where the recovery copy
is, and the editor keeps running."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, Signal, qWarning
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pathmapper.commands import History, MapDocument, SetFields
from pathmapper.io.recovery import RecoveryStore
from pathmapper.model import PathMap
from pathmapper.ui.autosave import Autosaver
from pathmapper.ui.error_dialog import ErrorReporter, error_message, install_error_reporter


class Emitter(QObject):
    poked = Signal()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def shown() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def reporter(window: QWidget, shown: list[tuple[str, str]]) -> Iterator[ErrorReporter]:
    errors = install_error_reporter(window, lambda: Path("/data/recovery/abc.json"))
    errors.show_error = lambda message, details: shown.append((message, details))
    yield errors
    errors.uninstall()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_shows_a_dialog_and_the_app_keeps_running(
    qtbot: QtBot, reporter: ErrorReporter, shown: list[tuple[str, str]]
) -> None:
    emitter = Emitter()
    handled: list[str] = []

    def broken_slot() -> None:
        raise RuntimeError("the lane list is in a muddle")

    emitter.poked.connect(broken_slot)
    QTimer.singleShot(0, emitter.poked.emit)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)
    message, details = shown[0]
    assert "the lane list is in a muddle" in message
    assert "/data/recovery/abc.json" in message
    assert "Your map is still open" in message
    assert "Traceback" in details and "broken_slot" in details
    # The event loop carries on: later events are handled, and a second error shows too.
    QTimer.singleShot(0, lambda: handled.append("next event"))
    qtbot.waitUntil(lambda: handled == ["next event"], timeout=3000)
    QTimer.singleShot(0, emitter.poked.emit)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)


@pytest.mark.qt_no_exception_capture
def test_the_recovery_copy_is_written_before_the_dialog(
    qtbot: QtBot, window: QWidget, tmp_path: Path, small_document: dict[str, Any]
) -> None:
    document = MapDocument(PathMap.model_validate(small_document))
    store = RecoveryStore(tmp_path / "recovery")
    autosaver = Autosaver(document, store)  # the 2 s pause has not passed when the error comes
    History(document).push(SetFields("s2", {"label": "Echo clinic"}))
    shown: list[str] = []
    errors = install_error_reporter(window, autosaver.write_now)
    errors.show_error = lambda message, details: shown.append(message)
    try:
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)
    finally:
        errors.uninstall()
        autosaver.close(keep_snapshot=True)
    assert str(autosaver.snapshot_file) in shown[0]
    [snapshot] = store.list()
    assert store.load(snapshot).step("s2").label == "Echo clinic"  # type: ignore[union-attr]


def test_a_failing_recovery_copy_does_not_break_the_handler(
    window: QWidget, shown: list[tuple[str, str]]
) -> None:
    def broken_recovery() -> Path | None:
        raise OSError("disk gone")

    errors = ErrorReporter(window, broken_recovery)
    errors.show_error = lambda message, details: shown.append((message, details))
    try:
        raise ValueError("boom")
    except ValueError as error:
        errors.handle(ValueError, error, error.__traceback__)
    assert "boom" in shown[0][0]
    assert "no recovery copy could be made" in shown[0][0]


def test_install_and_uninstall_restore_the_previous_hook(window: QWidget) -> None:
    before = sys.excepthook
    errors = install_error_reporter(window)
    assert sys.excepthook == errors.handle
    errors.uninstall()
    assert sys.excepthook is before


def test_qt_warnings_go_to_the_log(
    window: QWidget, caplog: pytest.LogCaptureFixture, reporter: ErrorReporter
) -> None:
    with caplog.at_level(logging.WARNING, logger="pathmapper.qt"):
        qWarning("a Qt warning for the log")
    assert any("a Qt warning for the log" in record.getMessage() for record in caplog.records)


def test_message_without_text_names_the_kind_of_error() -> None:
    message = error_message(KeyError(), None)
    assert "KeyError" in message
    assert "no recovery copy" in message
