"""Autosave: edits through commands leave a recovery snapshot shortly after, written by the
worker thread; a clean save or a discard removes it; a folder that cannot be written is said."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack
from pytestqt.qtbot import QtBot

from pathmapper.commands import Command, History, MapDocument, SetFields
from pathmapper.io import MapSaveError
from pathmapper.io.recovery import RecoveryStore
from pathmapper.model import PathMap
from pathmapper.ui.autosave import RECOVERY_DIR_VARIABLE, Autosaver, recovery_folder

QUICK = {"within_ms": 100}


@pytest.fixture
def document(small_document: dict[str, Any]) -> MapDocument:
    return MapDocument(PathMap.model_validate(small_document))


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


@pytest.fixture
def autosaver(document: MapDocument, store: RecoveryStore) -> Iterator[Autosaver]:
    saver = Autosaver(document, store, original_path=lambda: Path("/maps/care.pathmap.json"))
    yield saver
    saver.close(keep_snapshot=True)


def relabel(history: History, label: str, step_id: str = "s2") -> None:
    history.push(SetFields(step_id, {"label": label}))


def test_edit_leaves_a_snapshot_within_the_debounce(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore, autosaver: Autosaver
) -> None:
    history = History(document)
    relabel(history, "Echo clinic")
    assert store.list() == []  # not at once: after the pause
    qtbot.waitUntil(lambda: len(store.list()) == 1, timeout=4000)
    [snapshot] = store.list()
    assert snapshot.session == autosaver.session
    assert snapshot.original_path == Path("/maps/care.pathmap.json")
    assert snapshot.title == "Breathlessness referral"
    assert snapshot.step_count == 3
    restored = store.load(snapshot)
    assert restored.step("s2") is not None
    assert restored.step("s2").label == "Echo clinic"  # type: ignore[union-attr]
    assert restored == document.path_map


def test_the_worker_thread_writes(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: list[threading.Thread] = []
    real_write = store.write

    def recording_write(*args: Any, **kwargs: Any) -> Path:
        writers.append(threading.current_thread())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(store, "write", recording_write)
    saver = Autosaver(document, store, **QUICK)
    relabel(History(document), "Echo clinic")
    with qtbot.waitSignal(saver.snapshotWritten, timeout=4000) as written:
        pass
    assert written.args == [str(store.file_for(saver.session))]
    assert writers
    assert all(writer is not threading.main_thread() for writer in writers)
    saver.close()


def test_later_edits_replace_the_snapshot(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    saver = Autosaver(document, store, **QUICK)
    history = History(document)
    relabel(history, "First")
    qtbot.waitUntil(lambda: len(store.list()) == 1, timeout=4000)
    relabel(history, "Second", "s3")
    history.push(SetFields(document.path_map.id, {"title": "Renamed in the workshop"}))

    def has_second_edit() -> bool:
        snapshots = store.list()
        return bool(snapshots) and snapshots[0].title == "Renamed in the workshop"

    qtbot.waitUntil(has_second_edit, timeout=4000)
    restored = store.load(store.list()[0])
    assert [step.label for step in restored.steps] == ["Patient presents", "First", "Second"]
    assert len(store.list()) == 1
    saver.close()


def test_a_burst_of_edits_is_written_while_it_goes_on(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    """With the editor's own timing (2 s), edits that never pause are written within 2 s of
    the first one, not once they stop: a crash during a burst loses at most those seconds."""
    saver = Autosaver(document, store)
    history = History(document)
    written: list[str] = []
    saver.snapshotWritten.connect(written.append)
    edits = 0
    while not written and edits < 60:  # 60 edits 100 ms apart: 6 s of steady work
        edits += 1
        relabel(history, f"Echo clinic, version {edits}")
        qtbot.wait(100)
    assert written, "no snapshot while the edits went on"
    assert edits < 60
    restored = store.load(store.list()[0])
    assert restored.step("s2").label.startswith("Echo clinic, version")  # type: ignore[union-attr]
    saver.close()


def test_undo_stack_reaching_clean_removes_the_snapshot(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    undo_stack = QUndoStack()
    saver = Autosaver.for_window(document, undo_stack, lambda: None, store=store, **QUICK)
    push(undo_stack, document, SetFields("s2", {"label": "Echo clinic"}))
    qtbot.waitUntil(lambda: saver.snapshot_file.exists(), timeout=4000)
    with qtbot.waitSignal(saver.cleared, timeout=4000):
        undo_stack.setClean()  # what a successful save does
    assert store.list() == []
    push(undo_stack, document, SetFields("s2", {"label": "Echo hub"}))
    qtbot.waitUntil(lambda: saver.snapshot_file.exists(), timeout=4000)
    with qtbot.waitSignal(saver.cleared, timeout=4000):
        undo_stack.undo()  # back to the saved map: nothing to recover
    assert store.list() == []
    saver.close()


def test_clean_document_writes_no_snapshot(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    saver = Autosaver(document, store, **QUICK)
    history = History(document)
    relabel(history, "Echo clinic")
    history.set_clean()  # saved before the autosave came round
    with qtbot.waitSignal(saver.cleared, timeout=4000):
        pass
    assert store.list() == []
    saver.close()


def test_discard_and_close_remove_the_snapshot(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    saver = Autosaver(document, store, **QUICK)
    relabel(History(document), "Echo clinic")
    assert saver.write_now() == saver.snapshot_file
    assert saver.snapshot_file.exists()
    saver.close()  # the person chose Discard and the window closed
    assert store.list() == []


def test_close_can_keep_the_snapshot(document: MapDocument, store: RecoveryStore) -> None:
    saver = Autosaver(document, store, **QUICK)
    relabel(History(document), "Echo clinic")
    saver.write_now()
    saver.close(keep_snapshot=True)
    assert [snapshot.session for snapshot in store.list()] == [saver.session]


def test_other_sessions_snapshots_are_left_alone(
    qtbot: QtBot, document: MapDocument, store: RecoveryStore
) -> None:
    store.write_map("crashed-earlier", document.path_map, None)
    saver = Autosaver(document, store, **QUICK)
    relabel(History(document), "Echo clinic")
    saver.write_now()
    saver.close()
    assert [snapshot.session for snapshot in store.list()] == ["crashed-earlier"]


def test_unwritable_recovery_folder_is_reported(
    qtbot: QtBot, document: MapDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore(tmp_path / "recovery")

    def disk_full(*args: Any, **kwargs: Any) -> Path:
        raise MapSaveError("Cannot save recovery: the disk is full.")

    monkeypatch.setattr(store, "write", disk_full)
    saver = Autosaver(document, store, **QUICK)
    relabel(History(document), "Echo clinic")
    with qtbot.waitSignal(saver.writeFailed, timeout=4000) as failed:
        pass
    assert "disk is full" in failed.args[0]
    assert saver.write_now() is None
    saver.close()


def test_adopted_snapshot_becomes_this_sessions(
    document: MapDocument, store: RecoveryStore
) -> None:
    store.write_map("crashed-earlier", document.path_map, "/maps/care.pathmap.json")
    [old] = store.list()
    saver = Autosaver(document, store, **QUICK)
    saver.adopt(old)
    assert [snapshot.session for snapshot in store.list()] == [saver.session]
    assert saver.has_snapshot
    saver.close(keep_snapshot=True)


def test_recovery_folder_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RECOVERY_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    assert recovery_folder() == tmp_path / "elsewhere"
    monkeypatch.delenv(RECOVERY_DIR_VARIABLE)
    assert recovery_folder().name == "recovery"
    assert recovery_folder() != tmp_path / "elsewhere"


class _Undoable(QUndoCommand):
    """The smallest QUndoCommand around a done command (the editor has its own in ui/undo)."""

    def __init__(self, document: MapDocument, command: Command) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command
        self.done = True

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        self.command.redo(self.document)

    def undo(self) -> None:
        self.command.undo(self.document)


def push(undo_stack: QUndoStack, document: MapDocument, command: Command) -> None:
    with document.batch():
        command.redo(document)
    undo_stack.push(_Undoable(document, command))
