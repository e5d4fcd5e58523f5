"""File > Import: a draw.io diagram or a CSV list of steps opens as a new unsaved map with a
summary of what was imported and what was not; a multi-page diagram asks which page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pathmapper.io.csv_steps import read_steps_csv
from pathmapper.io.drawio_read import drawio_page_names, read_drawio_file
from pathmapper.io.import_result import ImportResult
from pathmapper.ui.main_window import OPEN_WINDOWS
from tests.conftest import PROJECT_ROOT
from tests.ui.roundtrip_harness import roundtrip_window

DRAWIO = PROJECT_ROOT / "tests" / "fixtures" / "drawio"
STEPS_CSV = PROJECT_ROOT / "sample_maps" / "steps-example.csv"


def same_content(window: Any, expected: ImportResult) -> None:
    shown = window.document.path_map
    assert [step.label for step in shown.steps] == [s.label for s in expected.path_map.steps]
    assert [lane.name for lane in shown.lanes] == [lane.name for lane in expected.path_map.lanes]
    assert len(shown.flows) == len(expected.path_map.flows)


def test_import_drawio_opens_an_untitled_unsaved_map_with_a_summary(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    asked.import_path = str(DRAWIO / "pool-rows.drawio")
    target = controller.import_file()
    assert target is window  # nothing unsaved here: the import opens in this window
    expected = read_drawio_file(DRAWIO / "pool-rows.drawio")
    same_content(window, expected)
    assert window.files.path is None and window.files.display_name == "Untitled map"
    assert window.files.is_unsaved and window.isWindowModified()
    assert asked.summaries == [("Imported pool-rows.drawio", expected.summary_lines())]
    assert asked.pages_offered == []  # one page: nothing to ask
    window.scene.sync()
    assert {step.id for step in window.document.path_map.steps} <= set(window.scene.items_by_id)
    assert window.document.path_map.problems() == []


def test_import_the_example_csv(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    controller.import_file(str(STEPS_CSV))
    expected = read_steps_csv(STEPS_CSV)
    same_content(window, expected)
    assert all(step.has_position for step in window.document.path_map.steps)  # laid out
    assert asked.summaries[0][0] == "Imported steps-example.csv"
    assert asked.summaries[0][1][0] == expected.headline()


def test_a_multi_page_diagram_asks_which_page(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    source = DRAWIO / "two-pages.drawio"
    names = drawio_page_names(source)
    assert len(names) == 2
    asked.page = lambda offered: offered[1]
    controller.import_file(str(source))
    assert asked.pages_offered == [names]
    same_content(window, read_drawio_file(source, names[1]))


def test_asking_to_lay_the_diagram_out_again(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    source = DRAWIO / "pool-rows.drawio"
    asked.relayout = True
    controller.import_file(str(source))
    assert asked.relayouts_asked == 1
    expected = read_drawio_file(source, relayout=True)
    same_content(window, expected)
    assert (
        "  the steps were laid out again as asked, keeping their lanes and the diagram's "
        "left-to-right order"
    ) in asked.summaries[0][1]
    kept = read_drawio_file(source).path_map
    laid_out = {step.id: (step.x, step.y) for step in window.document.path_map.steps}
    assert laid_out == {step.id: (step.x, step.y) for step in expected.path_map.steps}
    assert laid_out != {step.id: (step.x, step.y) for step in kept.steps}


def test_cancelling_the_layout_question_imports_nothing(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    asked.relayout = None
    before = window.document.path_map.to_document()
    assert controller.import_file(str(DRAWIO / "pool-rows.drawio")) is None
    assert window.document.path_map.to_document() == before
    assert asked.summaries == []


def test_cancelling_the_page_question_imports_nothing(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    asked.page = lambda offered: None
    before = window.document.path_map.to_document()
    assert controller.import_file(str(DRAWIO / "two-pages.drawio")) is None
    assert window.document.path_map.to_document() == before
    assert asked.summaries == []


def test_with_unsaved_changes_the_import_opens_in_a_new_window(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, _asked = roundtrip_window(qtbot, tmp_path)
    window.files.new_map("standard_lanes")
    window.editing.add_lane()
    assert window.files.is_unsaved
    mine = window.document.path_map.to_document()
    target = controller.import_file(str(STEPS_CSV))
    try:
        assert target is not None and target is not window
        assert target in OPEN_WINDOWS
        assert window.document.path_map.to_document() == mine  # nothing lost here
        same_content(target, read_steps_csv(STEPS_CSV))
    finally:
        if target is not None and target is not window:
            target.files.ask_unsaved_changes = lambda _name: "discard"
            target.close()


def test_a_hostile_file_is_refused_with_a_clear_message(qtbot: Any, tmp_path: Path) -> None:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    before = window.document.path_map.to_document()
    assert controller.import_file(str(DRAWIO / "billion-laughs.drawio")) is None
    assert asked.problems and asked.problems[0][0] == "Cannot import billion-laughs.drawio"
    assert window.document.path_map.to_document() == before
