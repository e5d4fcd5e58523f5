"""File > Programme standards...: the map remembers its standards file, the Findings dock
lists what is not met as its own group, and the figures strip says how many are met."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pathmapper.analysis import Finding
from pathmapper.io import load_map
from tests.ui.window_harness import open_placed_map

RULES = """format = "pathmapper-standards"
version = 1
title = "Cardiology programme"

[[standard]]
id = "triage"
title = "Every referral is triaged"
severity = "error"
rule = "every_route_passes"
through = { tag = "triage" }

[[standard]]
id = "short"
title = "At most ten steps"
rule = "route_max"
measure = "steps"
max = 10
"""


def _sections(window: Any) -> list[str]:
    model = window.analysis_panel.findings.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _standards_findings(window: Any) -> list[Finding]:
    shown = window.analysis_panel.findings.shown_findings()
    return [finding for finding in shown if finding.code.startswith("standard.")]


def _wait_for_analysis(qtbot: Any, window: Any) -> None:
    runner = window.analysis_panel.runner
    runner.analyse_now()
    qtbot.waitUntil(lambda: runner.latest_revision == window.document.revision, timeout=10_000)


def test_choosing_standards_lists_what_is_not_met(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    rules = tmp_path / "standards" / "cardiology.standards.toml"
    rules.parent.mkdir()
    rules.write_text(RULES, encoding="utf-8")
    window.standards.choose_file = lambda _parent, folder: str(rules)
    assert window.standards.action.text() == "Programme &standards..."
    assert window.standards.action in window.menus.file.actions()
    window.standards.action.trigger()
    assert window.document.path_map.standards == "standards/cardiology.standards.toml"
    _wait_for_analysis(qtbot, window)
    assert "Standards (1)" in _sections(window)
    (breach,) = _standards_findings(window)
    assert breach.severity == "error"
    assert breach.message.startswith("Not met: Every referral is triaged. 1 of 1 routes")
    tile = window.analysis_panel.figures.tiles["standards"]
    assert not tile.isHidden()
    assert (tile.number.text(), tile.detail.text()) == ("1", "of 2 standards")
    window.analysis_panel.show_finding(breach)
    assert set(window.scene.selected_ids()) == {"s1", "s2", "s3"}
    # Saved with the map, and undone as one edit.
    window.files.save()
    assert load_map(tmp_path / "map.pathmap.json").standards == (
        "standards/cardiology.standards.toml"
    )
    window.actions_.undo.trigger()
    assert window.document.path_map.standards is None
    _wait_for_analysis(qtbot, window)
    assert _standards_findings(window) == [] and "Standards (1)" not in _sections(window)
    assert tile.isHidden()


def test_a_bad_standards_file_is_refused_with_its_problems(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    rules = tmp_path / "bad.standards.toml"
    rules.write_text(RULES.replace("max = 10", 'max = "P3M"'), encoding="utf-8")
    shown: list[list[str]] = []
    window.standards.choose_file = lambda _parent, folder: str(rules)
    window.standards.show_problems = lambda _parent, problems: shown.append(problems)
    window.standards.action.trigger()
    assert shown == [["standard 'short': max: for steps give a whole number, not a duration"]]
    assert window.document.path_map.standards is None
