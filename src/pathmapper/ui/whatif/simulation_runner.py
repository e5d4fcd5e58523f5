"""SimulationRunner: simulations of one or more maps on a worker thread, so the window never
waits for them. The engine (`pathmapper.simulation.simulate`, or a stand-in a test passes) gets a
copy of each map, reports progress as runs finish and stops when asked (`cancel`).

The worker reports through a relay living on the UI thread, so every signal of the runner is
emitted there, in order: `progressed` while it runs, then exactly one of `finished`, `refused`,
`cancelled` or `failed`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from pathmapper.model import PathMap
from pathmapper.simulation import (
    SimulationCancelled,
    SimulationRefused,
    SimulationResult,
    SimulationSettings,
)

STOP_WAIT_SECONDS = 15.0  # at closing: how long a cancelled engine may take to wind down


class SimulateFunction(Protocol):
    """`pathmapper.simulation.simulate`'s shape."""

    def __call__(
        self,
        path_map: PathMap,
        settings: SimulationSettings,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SimulationResult: ...


CanSimulateFunction = Callable[[PathMap], "str | None"]


class _Relay(QObject):
    """Carries the worker's reports to the UI thread (queued: the relay lives there)."""

    progressed = Signal(int, int, int)  # job, runs done, runs in all
    ended = Signal(int, str, object)  # job, how ("done", "refused", ...), results or a message


class SimulationRunner(QObject):
    progressed = Signal(int, int)  # runs done, runs in all (over every map of the job)
    finished = Signal(object)  # tuple[SimulationResult, ...], one for each map, in order
    refused = Signal(str)  # a map cannot be simulated: why, in the user's words
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, simulate_map: SimulateFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.simulate_map = simulate_map
        self._job = 0
        self._running: int | None = None  # the job under way
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._relay = _Relay()
        self._relay.progressed.connect(self._progressed)
        self._relay.ended.connect(self._ended)

    @property
    def is_running(self) -> bool:
        return self._running is not None

    def start(self, maps: Sequence[PathMap], settings: SimulationSettings) -> bool:
        """Simulate copies of the maps one after another; False (and nothing starts) while a
        simulation is still running."""
        if self.is_running:
            return False
        self._job += 1
        self._running = self._job
        self._stop = threading.Event()
        copies = [path_map.model_copy(deep=True) for path_map in maps]
        self._thread = threading.Thread(
            target=self._work,
            args=(self._job, copies, settings, self._stop),
            name="pathmapper-simulation",
            daemon=True,
        )
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Ask the engine to stop; `cancelled` follows when it has."""
        self._stop.set()

    def stop(self) -> None:
        """Cancel and wait (bounded) for the worker: before the window goes."""
        self._stop.set()
        self._job += 1  # whatever it still reports is for no one
        self._running = None
        thread = self._thread
        if thread is not None:
            thread.join(STOP_WAIT_SECONDS)

    # ------------------------------------------------------------------------- worker

    def _work(
        self,
        job: int,
        maps: list[PathMap],
        settings: SimulationSettings,
        stop: threading.Event,
    ) -> None:
        results: list[SimulationResult] = []
        total = settings.runs * len(maps)
        how: str = "done"
        outcome: tuple[SimulationResult, ...] | str | None = None
        try:
            for number, path_map in enumerate(maps):
                if stop.is_set():
                    raise SimulationCancelled
                before = number * settings.runs

                def progress(done: int, _runs: int, before: int = before) -> None:
                    self._relay.progressed.emit(job, before + done, total)

                results.append(
                    self.simulate_map(
                        path_map, settings, progress=progress, should_stop=stop.is_set
                    )
                )
            if stop.is_set():  # an engine that finished as it was asked to stop
                raise SimulationCancelled
            outcome = tuple(results)
        except SimulationCancelled:
            how = "cancelled"
        except SimulationRefused as refusal:
            how, outcome = "refused", str(refusal)
        except Exception as error:  # the window must go on; the message says what happened
            how, outcome = "failed", f"{type(error).__name__}: {error}"
        with contextlib.suppress(RuntimeError):  # the window closed while this ran
            self._relay.ended.emit(job, how, outcome)

    # ----------------------------------------------------------------- on the UI thread

    def _progressed(self, job: int, done: int, total: int) -> None:
        if job == self._job:
            self.progressed.emit(done, total)

    def _ended(self, job: int, how: str, outcome: object) -> None:
        if job != self._job:
            return
        self._running = None
        if how == "done":
            self.finished.emit(outcome)
        elif how == "refused":
            self.refused.emit(str(outcome))
        elif how == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(outcome))
