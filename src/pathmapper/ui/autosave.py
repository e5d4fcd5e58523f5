"""Autosave: a recovery snapshot of the open map a few seconds after every change, written on a
worker thread so typing never waits for the disk.

Timing: a snapshot is written `within_ms` (2 s) after the first change it does not yet hold,
however the edits go on: a burst of edits and a crash a second later, or an hour of steady typing,
loses at most those 2 s (waiting for a pause instead would lose the whole burst). The map is
serialised on
the UI thread (`dumps_map`, a few milliseconds even for a large map, and the model is never read
from two threads); the text is handed to one worker thread, which writes it atomically through
`RecoveryStore`. Writes and clears run on that one thread in the order asked, so a clear never
races a write. When the map is clean again (saved, or undone back to the saved point) the
snapshot is removed.

Wiring for an editor window (one call; see `Autosaver.for_window`):

    self.autosaver = Autosaver.for_window(document, undo_stack, lambda: files.path, self)
    # in closeEvent, once the person agreed to close (saved or discarded):
    self.autosaver.close()

The recovery folder is `$PATHMAPPER_RECOVERY_DIR` when set (tests, kiosk machines), else
`QStandardPaths.AppDataLocation/recovery`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pathmapper.commands import Change, MapDocument
from pathmapper.io import MapSaveError, dumps_map
from pathmapper.io.recovery import RecoveryStore, Snapshot
from pathmapper.model import new_id

RECOVERY_DIR_VARIABLE = "PATHMAPPER_RECOVERY_DIR"
WITHIN_MS = 2_000


def recovery_folder() -> Path:
    """Where recovery snapshots live: `$PATHMAPPER_RECOVERY_DIR`, or the app's data folder."""
    override = os.environ.get(RECOVERY_DIR_VARIABLE, "").strip()
    if override:
        return Path(override)
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location)) / "recovery"


def default_store() -> RecoveryStore:
    return RecoveryStore(recovery_folder())


class Autosaver(QObject):
    """Keeps a recovery snapshot of one document's unsaved work.

    `original_path()` gives the file the map came from (None when untitled); `is_clean()`
    whether the map equals its saved file (default: the document's own saved point).
    """

    snapshotWritten = Signal(str)  # the snapshot file, after each write
    writeFailed = Signal(str)  # why the snapshot could not be written, for the status bar
    cleared = Signal()  # the snapshot was removed (clean save, discard)

    def __init__(
        self,
        document: MapDocument,
        store: RecoveryStore,
        original_path: Callable[[], Path | None] = lambda: None,
        is_clean: Callable[[], bool] | None = None,
        parent: QObject | None = None,
        within_ms: int = WITHIN_MS,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.store = store
        self.session = new_id()
        self.original_path = original_path
        self.is_clean: Callable[[], bool] = is_clean or (lambda: not document.is_modified)
        self._written_revision: int | None = None
        self._snapshot_exists = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._last_job: Future[None] | None = None
        self._newest_write = 0  # a write job older than this one is skipped (coalescing)
        self._lock = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(within_ms)
        self._timer.timeout.connect(self._write_or_clear)
        self._unsubscribe: Callable[[], None] | None = document.subscribe(self._on_change)
        self._closed = False

    @classmethod
    def for_window(
        cls,
        document: MapDocument,
        undo_stack: QUndoStack,
        original_path: Callable[[], Path | None],
        parent: QObject | None = None,
        store: RecoveryStore | None = None,
        within_ms: int = WITHIN_MS,
    ) -> Autosaver:
        """An autosaver for an editor window: clean means the undo stack is at its saved point,
        and reaching it (a save, an undo back to it) removes the snapshot at once."""
        autosaver = cls(
            document,
            store or default_store(),
            original_path=original_path,
            is_clean=undo_stack.isClean,
            parent=parent,
            within_ms=within_ms,
        )
        undo_stack.cleanChanged.connect(autosaver.on_clean_changed)
        return autosaver

    # ------------------------------------------------------------------------------ state

    @property
    def snapshot_file(self) -> Path:
        """Where this session's snapshot is (or will be) written."""
        return self.store.file_for(self.session)

    @property
    def has_snapshot(self) -> bool:
        """Whether this session's last finished job left a snapshot on disk."""
        return self._snapshot_exists

    @property
    def is_pending(self) -> bool:
        """Whether a change is waiting for its snapshot (a timer is running)."""
        return self._timer.isActive()

    # ---------------------------------------------------------------------------- reacting

    def set_interval(self, within_ms: int) -> None:
        """Write at most `within_ms` after the first change not yet written (default 2 s)."""
        self._timer.setInterval(within_ms)

    def _on_change(self, change: Change) -> None:
        # Started by the first change only: later ones join the snapshot it is waiting for.
        if not self._closed and not self._timer.isActive():
            self._timer.start()

    def on_clean_changed(self, clean: bool) -> None:
        """Connect to `QUndoStack.cleanChanged`: a clean map needs no snapshot."""
        if clean:
            self.discard_snapshot()

    def _write_or_clear(self) -> None:
        if self._closed:
            return
        if self.is_clean():
            self.discard_snapshot()
            return
        revision = self.document.revision
        if revision == self._written_revision:
            return
        path_map = self.document.path_map
        map_text = dumps_map(path_map)  # on the UI thread: the model is never shared
        original = self.original_path()
        self._written_revision = revision
        with self._lock:
            self._newest_write += 1
            number = self._newest_write
        self._submit(
            lambda: self._write(number, map_text, path_map.title, len(path_map.steps), original)
        )

    # ------------------------------------------------------------------------------ acting

    def write_now(self) -> Path | None:
        """Write the snapshot of unsaved work now and wait for it (before a risky moment, or
        when an error is shown). Returns the snapshot file, or None when the map is clean or
        the write failed."""
        self._timer.stop()
        self._write_or_clear()
        self.wait()
        return self.snapshot_file if self._snapshot_exists else None

    def discard_snapshot(self) -> None:
        """Remove this session's snapshot (clean save, discard) and forget pending changes."""
        self._timer.stop()
        self._written_revision = None
        with self._lock:
            self._newest_write += 1  # writes already queued are now stale
        self._submit(self._clear)

    def adopt(self, snapshot: Snapshot) -> None:
        """Take over a restored snapshot as this session's: it stays on disk until this session
        writes its own or the map is saved."""
        self.wait()
        self.store.adopt(snapshot, self.session)
        self._snapshot_exists = True

    def wait(self) -> None:
        """Block until every queued write or clear has finished."""
        job = self._last_job
        if job is not None:
            job.result()

    def close(self, keep_snapshot: bool = False) -> None:
        """Stop watching. Unless `keep_snapshot`, the snapshot is removed: call it when the
        window closes after the person saved or chose to discard their changes."""
        if self._closed:
            return
        if not keep_snapshot:
            self.discard_snapshot()
        self._closed = True
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._executor.shutdown(wait=True)

    # -------------------------------------------------------------------- worker thread side

    def _submit(self, job: Callable[[], None]) -> None:
        if self._closed:
            return
        self._last_job = self._executor.submit(job)

    def _write(
        self, number: int, map_text: str, title: str, steps: int, original: Path | None
    ) -> None:
        with self._lock:
            if number != self._newest_write:
                return  # a newer write, or a clear, is queued behind this one
        try:
            file = self.store.write(self.session, map_text, title, steps, original)
        except MapSaveError as error:
            self.writeFailed.emit(f"Recovery copy not written: {error}")
            return
        self._snapshot_exists = True
        self.snapshotWritten.emit(str(file))

    def _clear(self) -> None:
        try:
            self.store.clear(self.session)
        except OSError as error:
            self.writeFailed.emit(f"Recovery copy not removed: {error.strerror or error}")
            return
        self._snapshot_exists = False
        self.cleared.emit()
