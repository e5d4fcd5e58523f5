"""The findings dock: grouped with counts, filtered, one click from the map, live."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtTest import QAbstractItemModelTester

from pathmapper.analysis import Finding
from pathmapper.commands import AddFlow
from pathmapper.model import Flow
from pathmapper.ui.insight.findings_model import FindingsModel
from tests.ui.test_insight_support import InsightWindow


def _headers(model: FindingsModel) -> list[str]:
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _finding(window: InsightWindow, code: str) -> Finding:
    return next(f for f in window.panel.findings.shown_findings() if f.code == code)


def _click(window: InsightWindow, qtbot: Any, finding: Finding) -> None:
    dock = window.panel.findings
    dock.show()
    dock.raise_()
    index = dock.index_of(finding)
    assert index.isValid()
    dock.tree.scrollTo(index)
    centre = dock.tree.visualRect(index).center()
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_findings_are_grouped_by_section_with_counts(insight: InsightWindow) -> None:
    model = insight.panel.findings.model
    # The echo and back to the GP is a referral and its reply: no bounce.
    assert _headers(model) == ["Gaps (1)", "Loops (1)", "Handoffs (3)", "Duplication (0)"]
    buttons = insight.panel.findings.severity_buttons
    assert buttons["warning"].text() == "Warnings 2"
    assert buttons["info"].text() == "Notes 3"
    assert not buttons["error"].icon().isNull()


def test_many_findings_of_one_kind_go_under_a_sub_header() -> None:
    findings = [Finding("handoff.ping_pong", "warning", f"ping pong {n}") for n in range(7)]
    findings.append(Finding("handoff.unlabelled", "info", "nothing said"))
    model = FindingsModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_findings(findings)
    model.set_filter("pong", ["warning", "info"])
    assert model.data(model.section_index("Handoffs")) == "Handoffs (7 of 8)"
    model.set_filter("", ["warning", "info", "error"])
    handoffs = model.section_index("Handoffs")
    assert model.data(handoffs) == "Handoffs (8)"
    group = model.index(0, 0, handoffs)
    assert model.data(group) == "Bounced between organisations (7)"
    assert model.rowCount(group) == 7
    assert model.parent(model.index(3, 0, group)) == group
    assert model.data(model.index(1, 0, handoffs)) == "nothing said"  # alone: no sub-header
    assert model.rowCount(model.index(3, 0, group)) == 0  # a finding has no children
    del tester


def test_clicking_a_finding_selects_its_steps_and_centres_the_view(
    insight: InsightWindow, qtbot: Any
) -> None:
    view = insight.view
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    before = view.mapToScene(view.viewport().rect().center())
    dead_end = _finding(insight, "gap.dead_end")
    _click(insight, qtbot, dead_end)
    assert insight.scene.selected_ids() == ["s6"]
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x() + 500  # "Letter filed" is far to the right
    step = insight.scene.items_by_id["s6"].sceneBoundingRect()
    assert view.visible_scene_rect().contains(step)
    assert "What to do:" in insight.panel.findings.detail.text()


def test_clicking_a_loop_finding_selects_its_steps(insight: InsightWindow, qtbot: Any) -> None:
    loop = _finding(insight, "loop.cycle")
    assert loop.elements == ("s3", "s4")
    _click(insight, qtbot, loop)
    assert set(insight.scene.selected_ids()) == set(loop.elements)
    centre = insight.view.mapToScene(insight.view.viewport().rect().center())
    both = insight.scene.items_by_id[loop.elements[0]].sceneBoundingRect()
    both = both.united(insight.scene.items_by_id[loop.elements[1]].sceneBoundingRect())
    assert both.contains(QPointF(centre)) or (centre - both.center()).manhattanLength() < 2


def test_the_filter_hides_findings(insight: InsightWindow) -> None:
    dock = insight.panel.findings
    dock.set_filter_text("care passes FROM acute")  # any case
    assert [f.elements for f in dock.shown_findings()] == [("f3",)]
    assert _headers(dock.model)[2] == "Handoffs (1 of 3)"
    dock.set_filter_text("")
    dock.severity_buttons["warning"].setChecked(False)
    assert {f.severity for f in dock.shown_findings()} == {"info"}
    assert len(dock.shown_findings()) == 3
    dock.severity_buttons["warning"].setChecked(True)
    assert len(dock.shown_findings()) == 5


def test_an_edit_updates_the_findings(insight: InsightWindow, qtbot: Any) -> None:
    assert any(f.code == "gap.dead_end" for f in insight.panel.findings.shown_findings())
    insight.scene.execute(AddFlow(Flow(id="f8", source="s6", target="s5")))
    insight.wait_for_analysis(qtbot)
    assert not any(f.code == "gap.dead_end" for f in insight.panel.findings.shown_findings())
    assert _headers(insight.panel.findings.model)[0] == "Gaps (0)"
    insight.stack.undo()
    insight.wait_for_analysis(qtbot)
    assert _headers(insight.panel.findings.model)[0] == "Gaps (1)"


def test_the_current_finding_stays_chosen_across_a_re_analysis(
    insight: InsightWindow, qtbot: Any
) -> None:
    dock = insight.panel.findings
    loop = _finding(insight, "loop.cycle")
    _click(insight, qtbot, loop)
    insight.scene.execute(AddFlow(Flow(id="f8", source="s6", target="s5")))
    insight.wait_for_analysis(qtbot)
    current = dock.model.finding_at(dock.tree.currentIndex())
    assert current is not None and current.message == loop.message
    assert dock.model.finding_at(QModelIndex()) is None


def test_a_finding_is_found_again_by_what_it_is_not_only_its_words(qtbot: Any) -> None:
    """Two findings can read alike (two steps of one name in one lane): after a re-analysis
    the one chosen is chosen again, not the first that reads the same."""
    model = FindingsModel()
    words = "No one owns 'Triage call' in Community team"
    first = Finding("gaps.no_owner", "warning", words, ("s1",))
    second = Finding("gaps.no_owner", "warning", words, ("s2",))
    model.set_findings([first, second])
    assert model.finding_at(model.index_of(second)) == second
    assert model.finding_at(model.index_of(first)) == first
    assert not model.index_of(Finding("gaps.no_owner", "warning", words, ("s3",))).isValid()
