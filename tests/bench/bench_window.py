"""The Qt half of the bench, run as its own process so every start is a cold one.

    python tests/bench/bench_window.py bare             a bare PySide6 QMainWindow (the floor)
    python tests/bench/bench_window.py start MAP        the real editor, `pathmapper MAP`
    python tests/bench/bench_window.py session MAP      open MAP in the editor, then measure

`bare` and `start` print `BENCH {"painted_at": EPOCH_SECONDS, ...}` at the first paint (of the
window; of the canvas with the map in it for the editor) and exit at once; the parent takes the
time from before it started the process. `session` prints one `BENCH {...}` line of figures
(seconds, MB): open + first paint, full repaints at fit zoom and at 100%, zoom steps, the frames
of a drag of 50 selected steps and the drop, and the peak memory. The process ends itself
after LIMIT_S.

Self-contained on purpose (only PySide6 and pathmapper): it is started by path, not as part of
the `tests` package, so its start-up is the program's, not the bench's.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

LIMIT_S = 150.0
REPEATS = 5
DRAG_FRAMES = 30
DRAG_STEPS = 50
DRAG_STEP_PX = 10  # one grid step at 100%: smaller moves snap to the same place, no new frame


def _end_after(seconds: float) -> None:
    """Never hang: end this process (status 3) whatever it is doing, after `seconds`."""
    timer = threading.Timer(seconds, lambda: os._exit(3))
    timer.daemon = True
    timer.start()


def _report(figures: dict[str, Any]) -> None:
    sys.stdout.write("BENCH " + json.dumps(figures) + "\n")
    sys.stdout.flush()


def _peak_rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def _first_paint_filter(is_target: Callable[[Any], bool]) -> Any:
    """An application-wide event filter that reports the first paint of a target widget (on
    the next turn of the event loop, once that paint is done) and ends the process."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen and is_target(watched):
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            _report({"painted_at": time.time(), "peak_rss_mb": _peak_rss_mb()})
            os._exit(0)

    return FirstPaint()


def run_bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    application = QApplication(sys.argv[:1])
    window = QMainWindow()
    first_paint = _first_paint_filter(lambda watched: watched is window)
    application.installEventFilter(first_paint)
    window.resize(1400, 860)
    window.show()
    return int(application.exec())


def _is_painted_map(watched: Any) -> bool:
    """The canvas, painted with the map in it (not the empty window before the map is open)."""
    view = watched.parent()
    return type(view).__name__ == "MapView" and bool(view.scene().path_map.steps)


def run_start(path: str) -> int:
    """The editor exactly as `pathmapper MAP` starts it; only the application object is made
    first, so the first-paint filter can be installed (the editor then reuses it)."""
    from pathmapper.cli.program import prepare_process

    prepare_process()
    from pathmapper.ui.app import create_application

    application = create_application()
    first_paint = _first_paint_filter(_is_painted_map)
    application.installEventFilter(first_paint)
    from pathmapper.cli.main import main

    return main([path])


class _PaintCounter:
    """Counts paints of one widget, so a measurement can wait until the screen has caught up."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    counter.paints += 1
                return False

        self.paints = 0
        self._filter = Filter()
        widget.installEventFilter(self._filter)

    def settle(self, since: int, limit_s: float = 5.0) -> bool:
        """Run the event loop until a paint after `since` is done; False if none came."""
        from PySide6.QtWidgets import QApplication

        deadline = time.perf_counter() + limit_s
        while self.paints <= since:
            QApplication.processEvents()
            if time.perf_counter() > deadline:
                return False
        QApplication.processEvents()  # the rest of this frame's queued work
        return True


def _timed_frame(action: Callable[[], None], counter: _PaintCounter) -> tuple[float, float]:
    """(wall, CPU) seconds of `action` and the repaint it causes."""
    before = counter.paints
    cpu_started, started = time.process_time(), time.perf_counter()
    action()
    if not counter.settle(before):
        raise RuntimeError("the canvas was not repainted")
    return time.perf_counter() - started, time.process_time() - cpu_started


def _wait_for_background_work(window: Any, limit_s: float = 30.0) -> None:
    """Let the window finish what opening a map starts in the background (the analysis of the
    map, re-run a moment after each change on a worker thread) before timing anything else:
    a worker shares the interpreter lock, so frames drawn while it runs are slower, and those
    belong to the analysis, not to painting. Objects offering `is_busy` are waited for."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    workers = [child for child in window.findChildren(QObject) if hasattr(type(child), "is_busy")]

    def busy(worker: Any) -> bool:
        state = worker.is_busy  # a property of the analysis runner (a method would do too)
        return bool(state() if callable(state) else state)

    quiet_from = time.perf_counter() + 0.5  # the analysis starts after a short pause
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        if any(busy(worker) for worker in workers):
            quiet_from = time.perf_counter() + 0.2
        elif time.perf_counter() >= quiet_from:
            return
        time.sleep(0.005)


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _repaint_times(view: Any) -> list[float]:
    viewport = view.viewport()
    viewport.repaint()  # the first after a zoom change may build caches: not counted
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        viewport.repaint()
        times.append(time.perf_counter() - started)
    return times


def _steps_to_drag(window: Any) -> tuple[list[str], str]:
    """The DRAG_STEPS steps nearest the middle of the view, and the one to grab."""
    view, scene = window.view, window.scene
    centre = view.visible_scene_rect().center()
    boxes = scene.geometry.steps

    def distance(step_id: str) -> float:
        cx, cy = boxes[step_id].rect.centre
        return float((cx - centre.x()) ** 2 + (cy - centre.y()) ** 2)

    nearest = sorted(boxes, key=distance)[:DRAG_STEPS]
    return nearest, nearest[0]


def _drag_frames(
    window: Any, counter: _PaintCounter
) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Press on a selected step, move in small steps (each a timed frame: the move handled and
    the canvas repainted), release (the drop: one command, timed the same way)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    view, scene = window.view, window.scene
    chosen, grabbed = _steps_to_drag(window)
    scene.select_ids(chosen)
    QApplication.processEvents()
    viewport = view.viewport()
    start = view.mapFromScene(QPointF(*scene.geometry.steps[grabbed].rect.centre))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QMouseEvent.Type, at: QPoint, button: Qt.MouseButton, held: Any) -> None:
        event = QMouseEvent(
            kind,
            QPointF(at),
            QPointF(viewport.mapToGlobal(at)),
            button,
            held,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)

    send(QMouseEvent.Type.MouseMove, start, none, none)
    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    QApplication.processEvents()
    if sorted(scene.selected_ids()) != sorted(chosen):
        raise RuntimeError("pressing on a selected step changed the selection")
    frames = []
    for index in range(1, DRAG_FRAMES + 1):
        at = QPoint(start.x() + DRAG_STEP_PX * index, start.y())
        frames.append(
            _timed_frame(partial(send, QMouseEvent.Type.MouseMove, at, none, left), counter)
        )
    end = QPoint(start.x() + DRAG_STEP_PX * DRAG_FRAMES, start.y())
    drop = _timed_frame(lambda: send(QMouseEvent.Type.MouseButtonRelease, end, left, none), counter)
    return frames, drop


def run_session(path: str) -> int:
    from pathmapper.cli.program import prepare_process

    prepare_process()  # as the program runs
    from PySide6.QtWidgets import QApplication

    from pathmapper.ui.app import create_application, load_fonts, open_main_window

    create_application()
    load_fonts()
    window = open_main_window(None)
    view = window.view
    counter = _PaintCounter(view.viewport())
    counter.settle(0)  # the empty window is on screen, as before File > Open
    figures: dict[str, Any] = {}

    figures["open_s"], figures["open_cpu_s"] = _timed_frame(
        lambda: _open_or_fail(window, path), counter
    )
    figures["rss_open_mb"] = _peak_rss_mb()
    figures["items"] = len(window.scene.items())
    _wait_for_background_work(window)

    view.zoom_to_fit()
    QApplication.processEvents()
    figures["zoom_fit"] = view.zoom()
    figures["repaint_fit_s"] = _median(_repaint_times(view))
    zooms = []
    for index in range(REPEATS + 1):
        zooms.append(_timed_frame(view.zoom_in if index % 2 == 0 else view.zoom_out, counter))
    figures["zoom_step_s"] = _median([wall for wall, _ in zooms])

    view.zoom_to_100()
    view.centerOn(window.scene.map_rect().center())
    _wait_for_background_work(window)
    figures["repaint_100_s"] = _median(_repaint_times(view))

    frames, drop = _drag_frames(window, counter)
    figures["drag_frame_s"] = _median([wall for wall, _ in frames])
    figures["drag_frame_cpu_s"] = _median([cpu for _, cpu in frames])
    figures["drag_frame_worst_s"] = max(wall for wall, _ in frames)
    figures["drop_s"] = drop[0]
    _wait_for_background_work(window)  # the dropped map's analysis counts in the memory peak
    figures["peak_rss_mb"] = _peak_rss_mb()
    _report(figures)
    sys.stdout.flush()
    os._exit(0)


def _open_or_fail(window: Any, path: str) -> None:
    if not window.open_path(path):
        raise RuntimeError(f"the editor could not open {path}")


def main(argv: list[str]) -> int:
    _end_after(LIMIT_S)
    if argv[:1] == ["bare"]:
        return run_bare()
    if len(argv) == 2 and argv[0] == "start":
        return run_start(argv[1])
    if len(argv) == 2 and argv[0] == "session":
        return run_session(argv[1])
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
