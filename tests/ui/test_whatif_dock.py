"""The What-if dock driven as a person would: open it with its key, press Run, watch the
results arrive on the map, cancel a long run, edit the map and see the results go stale. The
engine is a stand-in (`tests.whatif_results`) so these test the editor, not the simulation."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt

from pathmapper.commands import SetFields
from pathmapper.layout.primitives import Rect
from pathmapper.model import PathMap
from pathmapper.simulation import SimulationCancelled, SimulationResult, SimulationSettings
from pathmapper.ui.insight.overlay_items import Badge, StepMark
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.undo import push
from pathmapper.ui.whatif.map_results import clear_drop
from tests.ui.window_harness import make_window, write_map
from tests.whatif_results import (
    can_simulate_if_demand,
    fake_engine,
    made_result,
    map_with_parameters,
)

WAIT_SECONDS = 10_000  # milliseconds qtbot may wait for the worker


def _window(qtbot: Any, tmp_path: Path, engine: Callable[..., SimulationResult]) -> MainWindow:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(write_map(tmp_path, map_with_parameters()))
    window.whatif.runner.simulate_map = engine
    window.whatif.dock.can_simulate_map = can_simulate_if_demand
    return window


def _badge_texts(window: MainWindow) -> list[str]:
    return [item.text for item in window.whatif.map_results.items() if isinstance(item, Badge)]


def _open_with_key(qtbot: Any, window: MainWindow) -> None:
    assert not window.whatif.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    qtbot.waitUntil(window.whatif.dock.isVisible)


def test_run_puts_the_results_beside_each_step(qtbot: Any, tmp_path: Path) -> None:
    asked: list[SimulationSettings] = []
    window = _window(qtbot, tmp_path, fake_engine(asked=asked))
    _open_with_key(qtbot, window)
    dock = window.whatif.dock
    assert (dock.weeks.value(), dock.runs.value()) == (52, 20)
    dock.weeks.setValue(26)
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=WAIT_SECONDS)
    assert asked == [SimulationSettings(weeks=26, runs=20)]
    assert dock.progress.value() == dock.progress.maximum() == 20
    assert _badge_texts(window) == ["sim 1w 5d (stated 6w)", "busy 75%"]
    echo = window.scene.geometry.steps["s2"]
    geometry = window.scene.geometry
    covered = [box.footprint for step_id, box in geometry.steps.items() if step_id != "s2"]
    covered += [note.rect for note in geometry.notes.values()]
    assert geometry.notes, "the map has a sticky note on the echo step, for the results to avoid"
    for item in window.whatif.map_results.items():  # off the step's box and its badges
        drawn = item.sceneBoundingRect().adjusted(2, 2, -2, -2)  # the pill, not its margin
        assert drawn.top() > echo.footprint.bottom
        for rect in covered:
            assert not drawn.intersects(QRectF(rect.x, rect.y, rect.width, rect.height))
    assert dock.table.rowCount() == 1
    assert dock.table.item(0, 0).text() == "Echo"
    assert dock.table.item(0, 1).text() == "1w 5d\n(stated 6w)"
    assert "149 a week" in dock.headline.text() or "149.1" in dock.headline.text()
    assert dock.chart.lines and len(dock.chart.lines[0].lengths) == 26
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()


def test_a_queue_that_grows_is_marked_in_red_and_words(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine(unstable=True))
    window.whatif.open()
    dock = window.whatif.dock
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=WAIT_SECONDS)
    assert "⚠ queue grows" in _badge_texts(window)
    rings = [item for item in window.whatif.map_results.items() if isinstance(item, StepMark)]
    assert [ring.step_id for ring in rings] == ["s2"]
    assert "queue grows" in dock.table.item(0, 1).text()
    assert "marked in red" in dock.message.text()


def test_editing_the_map_makes_the_results_stale(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine())
    window.whatif.open()
    dock = window.whatif.dock
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=WAIT_SECONDS)
    assert window.whatif.map_results.items()
    push(window.undo_stack, window.document, SetFields("s2", {"label": "Echo clinic"}))
    assert dock.stale and not window.whatif.map_results.items()
    assert "out of date" in dock.message.text()
    assert not dock.table.isEnabled()


def test_a_map_without_demand_says_what_to_add(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine())
    push(window.undo_stack, window.document, SetFields("s1", {"arrivals": None}))
    window.whatif.open()
    dock = window.whatif.dock
    assert not dock.run_button.isEnabled()
    assert "no start step states its arrivals" in dock.message.text()
    assert "150 a week" in dock.message.text()


def test_cancel_stops_a_long_run_and_the_window_answers_meanwhile(
    qtbot: Any, tmp_path: Path
) -> None:
    started = threading.Event()

    def endless(
        path_map: PathMap,
        settings: SimulationSettings,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SimulationResult:
        started.set()
        assert should_stop is not None and progress is not None
        progress(1, settings.runs)
        while not should_stop():
            threading.Event().wait(0.01)
        raise SimulationCancelled

    window = _window(qtbot, tmp_path, endless)
    window.whatif.open()
    dock = window.whatif.dock
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    assert started.wait(5)
    qtbot.waitUntil(lambda: dock.progress.value() == 1, timeout=WAIT_SECONDS)
    assert dock.cancel_button.isEnabled() and not dock.run_button.isEnabled()
    # The window still takes edits while the simulation runs.
    push(window.undo_stack, window.document, SetFields("s3", {"label": "Letter"}))
    assert window.document.path_map.step("s3").label == "Letter"
    qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.whatif.runner.is_running, timeout=WAIT_SECONDS)
    assert dock.message.text().startswith("Cancelled")
    assert dock.result is None and not window.whatif.map_results.items()
    assert dock.run_button.isEnabled()


def test_the_key_is_listed_in_the_shortcuts(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine())
    lines = window.shortcut_list()
    assert any("What-if dock" in line and "F12" in line for line in lines)
    view_texts = [action.text() for action in window.menus.view.actions()]
    assert "&What-if dock" in view_texts


def test_results_follow_a_moved_step(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine())
    dock = window.whatif.dock
    dock.show_result(made_result(window.document.path_map))
    before = window.whatif.map_results.items()[0].sceneBoundingRect()
    push(window.undo_stack, window.document, SetFields("s2", {"x": 400.0}, action="moved"))
    qtbot.waitUntil(
        lambda: (
            bool(window.whatif.map_results.items())
            and window.whatif.map_results.items()[0].sceneBoundingRect().left() != before.left()
        )
    )
    assert not dock.stale


def test_opening_another_map_clears_the_results(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, fake_engine())
    window.whatif.open()
    dock = window.whatif.dock
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=WAIT_SECONDS)
    assert window.open_path(write_map(tmp_path, map_with_parameters(), "other.pathmap.json"))
    assert dock.result is None and dock.table.rowCount() == 0
    assert not window.whatif.map_results.items() and not dock.chart.lines


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-200, 200), st.integers(-200, 400), st.integers(1, 150), st.integers(1, 80)
        ),
        max_size=8,
    )
)
def test_results_move_down_clear_of_what_they_would_cover(
    boxes: list[tuple[int, int, int, int]],
) -> None:
    column = Rect(0.0, 0.0, 120.0, 60.0)
    obstacles = [Rect(float(x), float(y), float(w), float(h)) for x, y, w, h in boxes]
    drop = clear_drop(column, obstacles, tries=len(obstacles) + 1)
    assert drop >= 0
    moved = Rect(column.x, column.y + drop, column.width, column.height)
    assert not any(moved.intersects(rect) for rect in obstacles)


def test_the_real_engine_answers_in_the_dock(qtbot: Any, tmp_path: Path) -> None:
    """The dock as shipped: the real simulation (in this process for a small job), no stand-in."""
    window, _answers = make_window(qtbot, tmp_path)
    document = map_with_parameters()
    document["steps"][1]["duration"] = "PT2H"  # the real engine needs the service time
    assert window.open_path(write_map(tmp_path, document))
    _open_with_key(qtbot, window)
    dock = window.whatif.dock
    dock.weeks.setValue(4)
    dock.runs.setValue(1)
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None, timeout=60_000)
    assert dock.result is not None and [step.id for step in dock.result.steps] == ["s2"]
    texts = _badge_texts(window)
    assert any(text.startswith("sim ") for text in texts)
    assert any(text.startswith("busy ") for text in texts)
