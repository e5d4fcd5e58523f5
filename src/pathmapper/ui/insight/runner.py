"""AnalysisRunner: the analysis of the open map, re-run as it changes, never on the UI thread.

Every change to the document restarts a short timer (`delay_ms`, 300 ms by default); when it
fires, the map is snapshotted on the UI thread as its plain file dictionary (`MapSnapshots`:
only the elements changed since the last snapshot are serialised again, so this stays a few
milliseconds on 5,000 steps) and analysed on a worker thread, which also rebuilds the model
from the snapshot. One worker, one job waiting at most: a newer request throws away a job that has
not started yet. A result carries the document revision it was computed for; a result older
than the newest request is stale and dropped, so the room never sees findings of a map that
has changed since (except for the moment until the newer result arrives).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from pathmapper.analysis import Analysis, analyse
from pathmapper.commands import Change, MapDocument
from pathmapper.model import PathMap
from pathmapper.ui.insight.snapshot import MapSnapshots

DEFAULT_DELAY_MS = 300
AnalyseFunction = Callable[[PathMap], Analysis]


class _ResultRelay(QObject):
    """Carries a worker's result to the UI thread (queued: the relay lives on the UI thread)."""

    finished = Signal(int, object)  # revision, Analysis or None when the analysis failed


class _AnalysisJob(QRunnable):
    def __init__(
        self,
        revision: int,
        snapshot: dict[str, Any],
        analyse_function: AnalyseFunction,
        relay: _ResultRelay,
    ) -> None:
        super().__init__()
        self.revision = revision
        self.snapshot = snapshot
        self.analyse_function = analyse_function
        self.relay = relay

    def run(self) -> None:
        result: Analysis | None
        try:
            result = self.analyse_function(PathMap.model_validate(self.snapshot))
        except Exception:  # a half-made map the analysis cannot read: keep the last findings
            result = None
        with contextlib.suppress(RuntimeError):  # the window closed while this ran
            self.relay.finished.emit(self.revision, result)


def _import_analysis_libraries() -> None:
    """Import networkx here, on the UI thread, before any worker needs it.

    The analysis imports it lazily (so the editor starts fast). Left to a worker thread, that
    import raced with the UI thread: two windows' workers importing it at once, or a window
    closing (its wait for the pool holds the interpreter) while its worker was mid-import,
    hung the editor. Importing is a no-op after the first time.
    """
    import networkx  # noqa: F401


class AnalysisRunner(QObject):
    """Watches a `MapDocument` and emits `analysed(Analysis)` with the latest analysis."""

    analysed = Signal(object)  # Analysis
    busyChanged = Signal(bool)  # an analysis is under way (the dock may say "Checking…")

    def __init__(
        self,
        document: MapDocument,
        delay_ms: int = DEFAULT_DELAY_MS,
        analyse_function: AnalyseFunction = analyse,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.analyse_function = analyse_function
        self.latest: Analysis | None = None
        self.latest_revision = -1  # the revision `latest` was computed for
        self.dropped_results = 0  # stale results thrown away (the tests read it)
        self._requested_revision = -1
        self._busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _ResultRelay()
        self._relay.finished.connect(self._deliver)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.analyse_now)
        self._snapshots = MapSnapshots(document)
        self._unsubscribe = document.subscribe(self._on_change)

    @property
    def is_busy(self) -> bool:
        """An analysis of the newest snapshot is under way."""
        return self._busy

    def _on_change(self, _change: Change) -> None:
        self._timer.start()  # restarts: analyse once typing pauses

    def analyse_soon(self) -> None:
        """Analyse after the usual pause (as after an edit): at start-up, so the window is
        shown before the analysis libraries are imported."""
        self._timer.start()

    def analyse_now(self) -> None:
        """Snapshot the map and analyse it on the worker now (no waiting for the timer)."""
        self._timer.stop()
        revision = self.document.revision
        if revision == self._requested_revision:
            return
        self._requested_revision = revision
        _import_analysis_libraries()
        snapshot = self._snapshots.snapshot()
        self._pool.clear()  # a job still waiting to start is out of date already
        self._pool.start(_AnalysisJob(revision, snapshot, self.analyse_function, self._relay))
        self._busy = True
        self.busyChanged.emit(True)

    def _deliver(self, revision: int, result: Analysis | None) -> None:
        if revision != self._requested_revision:
            self.dropped_results += 1
            return
        self._busy = False
        self.busyChanged.emit(False)
        if result is None:
            return
        self.latest = result
        self.latest_revision = revision
        self.analysed.emit(result)

    def stop(self) -> None:
        """Stop listening and wait for a running analysis to end (before the window goes)."""
        self._unsubscribe()
        self._snapshots.close()
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone()
