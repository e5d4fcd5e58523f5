"""The properties dock, typed into as a person would; every assertion is on the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from pathmapper.ui.docks.property_fields import ColourEditor
from tests.ui.window_harness import open_placed_map


def _type_line(qtbot: Any, window: Any, field: str, text: str) -> None:
    line = window.properties.editor(field).line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _undo_text(window: Any) -> str:
    return str(window.actions_.undo.text().replace("&", ""))


def test_nothing_selected_edits_the_map(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    path_map = window.document.path_map
    assert window.properties.heading.text() == "Map: Breathlessness referral"
    _type_line(qtbot, window, "title", "Cardiology as is")
    assert window.document.path_map.title == "Cardiology as is"
    assert _undo_text(window) == "Undo Rename map"
    state = window.properties.editor("state").combo
    state.setFocus()
    qtbot.keyClick(state, Qt.Key.Key_Down)
    assert path_map.state == "to_be"
    window.actions_.undo.trigger()
    assert path_map.state == "as_is"
    window.actions_.undo.trigger()
    assert path_map.title == "Breathlessness referral"
    assert window.properties.editor("title").line.text() == "Breathlessness referral"
    window.actions_.redo.trigger()
    assert path_map.title == "Cardiology as is"


def test_durations_are_typed_as_people_say_them(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s2"])
    assert window.properties.heading.text() == "Step: Echo"
    step = window.document.path_map.step("s2")
    assert window.properties.editor("wait").line.text() == "6w"
    _type_line(qtbot, window, "duration", "2d 4h")
    assert step.duration == "P2DT4H"
    _type_line(qtbot, window, "wait", "3 months")
    assert step.wait == "P6W"
    assert "months" in window.properties.error_text("wait")
    _type_line(qtbot, window, "wait", "30m")
    assert step.wait == "PT30M"
    assert window.properties.error_text("wait") == ""
    window.actions_.undo.trigger()
    assert step.wait == "P6W"
    window.actions_.undo.trigger()
    assert step.duration is None


def test_step_fields_each_one_undo_step(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s3"])
    step = window.document.path_map.step("s3")
    dock = window.properties
    label = dock.editor("label").text
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Letter to GP")
    assert step.label == "Letter to GP"
    assert _undo_text(window) == "Undo Rename step"
    _type_line(qtbot, window, "owner", "Cardiologist")
    _type_line(qtbot, window, "tags", "letters,  admin , ")
    assert step.owner == "Cardiologist"
    assert step.tags == ["letters", "admin"]
    qtbot.mouseClick(dock.editor("value_added").check, Qt.MouseButton.LeftButton)
    assert step.value_added is True
    lane = dock.editor("lane").combo
    lane.setFocus()
    qtbot.keyClick(lane, Qt.Key.Key_Down)
    assert step.lane == "echo"
    kind = dock.editor("kind").combo
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Up)
    assert step.kind == "start"
    for _ in range(6):
        window.actions_.undo.trigger()
    assert (step.label, step.owner, step.tags, step.lane) == ("Results to GP", "", [], "gp")
    assert (step.kind, step.value_added) == ("end", False)


def test_lane_name_and_colour(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["echo"])
    lane = window.document.path_map.lane("echo")
    _type_line(qtbot, window, "name", "Echocardiography")
    colour = window.properties.editor("colour")
    assert isinstance(colour, ColourEditor)
    colour.choose_colour = lambda _initial: QColor("#0072b2")
    qtbot.mouseClick(colour.button, Qt.MouseButton.LeftButton)
    assert (lane.name, lane.colour) == ("Echocardiography", "#0072B2")
    _type_line(qtbot, window, "height", "-5")
    assert lane.height is None
    assert "above 0" in window.properties.error_text("height")
    _type_line(qtbot, window, "height", "220")
    assert lane.height == 220
    qtbot.mouseClick(colour.clear, Qt.MouseButton.LeftButton)
    assert lane.colour is None


def test_the_patients_lane_box_shows_the_name_and_writes_the_field(
    qtbot: Any, tmp_path: Path
) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["echo"])
    lane = window.document.path_map.lane("echo")
    box = window.properties.editor("patient").check
    assert box.text() == "This is the patient's lane"
    assert not box.isChecked() and lane.patient is None
    _type_line(qtbot, window, "name", "Patient and carer")
    assert box.isChecked() and lane.patient is None  # the name decides while the field is absent
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert lane.patient is False and not lane.is_patient and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert lane.patient is True and box.isChecked()
    window.actions_.undo.trigger()  # the two clicks on one field are one edit
    assert lane.patient is None and box.isChecked()
    window.actions_.undo.trigger()
    assert lane.name == "Echo department" and not box.isChecked()


def test_flow_label_and_expected_loop(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["f2"])
    flow = window.document.path_map.flow("f2")
    assert window.properties.heading.text() == "Arrow"
    _type_line(qtbot, window, "label", "report")
    qtbot.mouseClick(window.properties.editor("expected_loop").check, Qt.MouseButton.LeftButton)
    assert (flow.label, flow.expected_loop) == ("report", True)
    window.actions_.undo.trigger()
    assert flow.expected_loop is False


def test_several_selected_asks_for_one(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s1", "s2"])
    assert window.properties.heading.text() == "2 items selected"
    assert window.properties.editors == {}


def test_the_dock_follows_the_model_when_undo_changes_it(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["s1"])
    _type_line(qtbot, window, "owner", "Practice nurse")
    window.actions_.undo.trigger()
    assert window.properties.editor("owner").line.text() == "GP"


def test_comment_and_phase_fields(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    window.scene.select_ids(["c1"])
    comment = window.document.path_map.comment("c1")
    kind = window.properties.editor("kind").combo
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert comment.kind == "working_well"
    _type_line(qtbot, window, "author", "Practice manager")
    assert comment.author == "Practice manager"
    window.scene.select_ids(["referral"])
    assert window.properties.heading.text() == "Phase: Referral"
    _type_line(qtbot, window, "width", "300")
    assert window.document.path_map.phase("referral").width == 300
    window.actions_.undo.trigger()
    assert window.document.path_map.phase("referral").width is None
