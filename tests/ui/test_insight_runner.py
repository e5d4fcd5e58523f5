"""The analysis runner: re-analyses after edits, off the UI thread, and drops stale results."""

from __future__ import annotations

import threading
from typing import Any

from pathmapper.analysis import Analysis, analyse
from pathmapper.commands import MapDocument, SetFields
from pathmapper.model import PathMap
from pathmapper.ui.insight.runner import AnalysisRunner
from tests.ui.test_insight_support import INSIGHT_MAP


def _document() -> MapDocument:
    return MapDocument(PathMap.model_validate(INSIGHT_MAP))


def _retitle(document: MapDocument, title: str) -> None:
    SetFields(document.path_map.id, {"title": title}).redo(document)


def test_edits_are_analysed_once_typing_pauses(qtbot: Any) -> None:
    document = _document()
    runner = AnalysisRunner(document, delay_ms=20)
    seen: list[str] = []
    runner.analysed.connect(lambda analysis: seen.append(analysis.title))
    for letters in ("E", "Ec", "Ech", "Echo"):
        _retitle(document, letters)
    qtbot.waitUntil(lambda: runner.latest_revision == document.revision, timeout=10_000)
    assert seen[-1] == "Echo"
    assert runner.latest is not None and runner.latest.title == "Echo"
    assert not runner.is_busy
    runner.stop()


def test_a_result_overtaken_by_a_newer_edit_is_dropped(qtbot: Any) -> None:
    document = _document()
    started: list[str] = []
    gate = threading.Event()

    def held_first(path_map: PathMap) -> Analysis:
        started.append(path_map.title)
        if len(started) == 1:
            gate.wait(10)
        return analyse(path_map)

    runner = AnalysisRunner(document, delay_ms=60_000, analyse_function=held_first)
    shown: list[str] = []
    runner.analysed.connect(lambda analysis: shown.append(analysis.title))
    runner.analyse_now()
    qtbot.waitUntil(lambda: started == ["Breathlessness: echo and back"], timeout=10_000)
    _retitle(document, "After the workshop")  # the map changes while the first one runs
    runner.analyse_now()
    gate.set()
    qtbot.waitUntil(lambda: runner.latest is not None, timeout=10_000)
    assert shown == ["After the workshop"]
    assert runner.dropped_results == 1
    assert started == ["Breathlessness: echo and back", "After the workshop"]
    runner.stop()


def test_the_snapshot_is_the_map_when_asked_not_later(qtbot: Any) -> None:
    document = _document()
    gate = threading.Event()

    def held(path_map: PathMap) -> Analysis:
        gate.wait(10)
        return analyse(path_map)

    runner = AnalysisRunner(document, delay_ms=60_000, analyse_function=held)
    runner.analyse_now()
    _retitle(document, "Changed after the snapshot")  # on the UI thread, while it runs
    gate.set()
    qtbot.waitUntil(lambda: runner.latest is not None, timeout=10_000)
    assert runner.latest is not None
    assert runner.latest.title == "Breathlessness: echo and back"
    assert runner.latest_revision < document.revision  # the timer will analyse the change
    runner.stop()


def test_an_analysis_that_fails_keeps_the_last_findings(qtbot: Any) -> None:
    document = _document()
    calls: list[int] = []

    def fails_second_time(path_map: PathMap) -> Analysis:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("cannot read this map")
        return analyse(path_map)

    runner = AnalysisRunner(document, delay_ms=60_000, analyse_function=fails_second_time)
    runner.analyse_now()
    qtbot.waitUntil(lambda: runner.latest is not None, timeout=10_000)
    first = runner.latest
    _retitle(document, "Broken for a moment")
    runner.analyse_now()
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=10_000)
    assert runner.latest is first
    runner.stop()
