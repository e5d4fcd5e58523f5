"""The what-if inputs in the properties dock, typed as a person says them; every edit one undo
step; a cleared field removes the value; assertions on the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pathmapper.commands import AddFlow, SetFields
from pathmapper.model import Capacity, Flow
from pathmapper.ui.undo import push
from tests.ui.window_harness import open_placed_map


def _type_line(qtbot: Any, window: Any, field: str, text: str) -> None:
    line = window.properties.editor(field).line
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # what was there goes, as when typed over
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _undo(qtbot: Any, window: Any) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_arrivals_typed_on_a_start_step(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s1"])
    dock = window.properties
    assert dock.offers("arrivals") and dock.offers("capacity")
    _type_line(qtbot, window, "arrivals", "150 a week")
    step = window.document.path_map.step("s1")
    assert step.arrivals is not None and step.arrivals.per_week == 150
    assert window.actions_.undo.text().replace("&", "") == "Undo Change step arrivals"
    _type_line(qtbot, window, "arrivals", "30 a day")
    assert step.arrivals.per_week == 210
    assert dock.editor("arrivals").line.text() == "210 a week"
    _type_line(qtbot, window, "arrivals", "lots")
    assert step.arrivals.per_week == 210
    assert "not a number of patients" in dock.error_text("arrivals")
    # Edits of one field one after another are one undo step, as typing is.
    _undo(qtbot, window)
    assert step.arrivals is None
    assert dock.editor("arrivals").line.text() == ""
    window.actions_.redo.trigger()
    assert step.arrivals.per_week == 210
    window.scene.select_ids(["s2"])
    window.scene.select_ids(["s1"])
    _type_line(qtbot, window, "arrivals", "")
    assert step.arrivals is None
    assert window.actions_.undo.text().replace("&", "") == "Undo Change step arrivals"


def test_only_a_start_step_takes_arrivals(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s2"])
    assert not window.properties.offers("arrivals")
    assert window.properties.offers("capacity")


def test_capacity_counts_who_serves_and_keeps_the_rest(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    push(
        window.undo_stack,
        window.document,
        SetFields(
            "s2",
            {"capacity": Capacity(servers=1, queue_at_start=40, service="fixed")},
            merge=False,
        ),
    )
    window.scene.select_ids(["s2"])
    dock = window.properties
    assert dock.editor("capacity").line.text() == "1"
    _type_line(qtbot, window, "capacity", "2 physios")
    step = window.document.path_map.step("s2")
    assert step.capacity == Capacity(servers=2, queue_at_start=40, service="fixed")
    assert dock.editor("capacity").line.text() == "2"
    _type_line(qtbot, window, "capacity", "2.5 physios")
    assert "whole number" in dock.error_text("capacity")
    assert step.capacity.servers == 2
    _type_line(qtbot, window, "capacity", "")
    assert step.capacity is None
    _undo(qtbot, window)
    assert step.capacity == Capacity(servers=1, queue_at_start=40, service="fixed")


def test_share_offered_on_a_branch_only(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["f1"])
    dock = window.properties
    assert not dock.offers("probability")
    push(window.undo_stack, window.document, AddFlow(Flow(id="f9", source="s1", target="s3")))
    assert dock.offers("probability")
    _type_line(qtbot, window, "probability", "30 %")
    flow = window.document.path_map.flow("f1")
    assert flow.probability == 0.3
    assert dock.editor("probability").line.text() == "30%"
    _type_line(qtbot, window, "probability", "30")
    assert "write a percentage with %" in dock.error_text("probability")
    assert flow.probability == 0.3
    _undo(qtbot, window)
    assert flow.probability is None
    assert dock.editor("probability").line.text() == ""
