"""File > Compare with…: both maps side by side, read-only; the figure table says what
`compare_maps` says; every added and removed step is marked; a change shows on both maps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from pathmapper.analysis import compare as compare_module
from pathmapper.analysis.compare import compare_maps
from pathmapper.analysis.compare_text import change_text, first_amount, second_amount
from pathmapper.io import load_map
from pathmapper.ui.canvas.items_lanes import LaneHeaderItem
from pathmapper.ui.roundtrip import CompareWindow
from pathmapper.ui.roundtrip.compare_marks import MARK_STYLES
from pathmapper.ui.roundtrip.figure_table import (
    CHANGE_COLUMN,
    FIRST_COLUMN,
    SECOND_COLUMN,
    VERDICT_COLUMN,
)
from tests.conftest import PROJECT_ROOT
from tests.ui.roundtrip_harness import roundtrip_window

SAMPLES = PROJECT_ROOT / "sample_maps"
PAIRS = {
    name: (SAMPLES / f"{name}-as-is.pathmap.json", SAMPLES / f"{name}-to-be.pathmap.json")
    for name in ("msk-single-point-of-access", "multiple-long-term-conditions")
}


def open_compare(qtbot: Any, tmp_path: Path, opened: Path, other: Path) -> CompareWindow:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    assert window.open_path(opened)
    asked.compare_path = str(other)
    compare = controller.compare_with()
    assert compare is not None
    qtbot.addWidget(compare)
    qtbot.waitExposed(compare)
    return compare


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_both_maps_shown_and_figures_equal_compare_maps(
    qtbot: Any, tmp_path: Path, name: str
) -> None:
    as_is, to_be = PAIRS[name]
    compare = open_compare(qtbot, tmp_path, as_is, to_be)
    first, second = load_map(as_is), load_map(to_be)
    for side, path_map in ((compare.first, first), (compare.second, second)):
        assert {step.id for step in path_map.steps} <= set(side.scene.items_by_id)
        assert {lane.id for lane in path_map.lanes} <= set(side.scene.items_by_id)
        assert not side.view.isInteractive()  # read-only
    expected = compare_maps(first, second)
    table = compare.figures
    assert table.rowCount() == len(expected.figures)
    for figure in expected.figures:
        assert table.cell_value(figure.key, FIRST_COLUMN) == figure.first
        assert table.cell_value(figure.key, SECOND_COLUMN) == figure.second
        assert table.cell_value(figure.key, CHANGE_COLUMN) == figure.change
        assert table.cell_text(figure.key, FIRST_COLUMN) == first_amount(figure)
        assert table.cell_text(figure.key, SECOND_COLUMN) == second_amount(figure)
        assert table.cell_text(figure.key, CHANGE_COLUMN) == change_text(figure)
        word = {True: "better", False: "worse", None: ""}[figure.improved]
        assert table.cell_text(figure.key, VERDICT_COLUMN) == word
        if figure.change:
            assert table.cell_text(figure.key, CHANGE_COLUMN)[0] in "▲▼"


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_every_added_and_removed_step_is_marked(qtbot: Any, tmp_path: Path, name: str) -> None:
    as_is, to_be = PAIRS[name]
    compare = open_compare(qtbot, tmp_path, as_is, to_be)
    comparison = compare.comparison
    added = comparison.changes_of("step", "added")
    removed = comparison.changes_of("step", "removed")
    assert added and removed
    for change in added:
        assert change.second_id is not None
        assert compare.kind_marked("second", change.second_id) == "added"
        assert compare.second.marks.badges[change.second_id].text == "+"
        assert compare.kind_marked("first", change.second_id) is None
    for change in removed:
        assert change.first_id is not None
        assert compare.kind_marked("first", change.first_id) == "removed"
        assert compare.first.marks.badges[change.first_id].text == "−"
    for change in comparison.changes_of("step", "relabelled") + comparison.changes_of(
        "step", "moved"
    ):
        assert change.first_id is not None and change.second_id is not None
        assert compare.kind_marked("first", change.first_id) == "changed"
        assert compare.kind_marked("second", change.second_id) == "changed"
        assert compare.second.marks.badges[change.second_id].text == "~"
    # Marks sit in an overlay above the canvas; the canvas's own items are untouched.
    layer = compare.second.marks.layer
    assert layer.scene() is compare.second.scene
    assert layer not in compare.second.scene.items_by_id.values()
    assert layer.zValue() > max(i.zValue() for i in compare.second.scene.items_by_id.values())
    colour = MARK_STYLES["added"][0]
    assert colour.upper() == "#009E73"
    assert compare.second.document.path_map.to_document() == load_map(to_be).to_document()


def test_the_as_is_map_is_a_whichever_map_is_open(qtbot: Any, tmp_path: Path) -> None:
    as_is, to_be = PAIRS["msk-single-point-of-access"]
    compare = open_compare(qtbot, tmp_path, to_be, as_is)
    assert compare.first.document.path_map.state == "as_is"
    assert compare.second.document.path_map.state == "to_be"
    assert "(open now)" in compare.second.name


def visible_centre(view: Any) -> QPointF:
    return view.visible_scene_rect().center()


def test_clicking_a_change_centres_both_views_on_it(qtbot: Any, tmp_path: Path) -> None:
    as_is, to_be = PAIRS["msk-single-point-of-access"]
    compare = open_compare(qtbot, tmp_path, as_is, to_be)
    items = compare.change_items()
    relabelled = next(
        item
        for item in items
        if compare.comparison.changes[int(item.data(256))].action == "relabelled"
    )
    change = compare.comparison.changes[int(relabelled.data(256))]
    compare.changes.setCurrentItem(relabelled)
    for side, element_id in ((compare.first, change.first_id), (compare.second, change.second_id)):
        box = side.scene.geometry.steps[element_id].rect
        visible = side.view.visible_scene_rect()
        assert visible.contains(QPointF(*box.centre)), side.side
        assert side.scene.selected_ids() == [element_id]


def test_linked_views_follow_each_other(qtbot: Any, tmp_path: Path) -> None:
    as_is, to_be = PAIRS["msk-single-point-of-access"]
    compare = open_compare(qtbot, tmp_path, as_is, to_be)
    first, second = compare.first.view, compare.second.view
    compare.link.setChecked(True)
    first.set_zoom(0.8)
    assert second.zoom() == pytest.approx(0.8)
    bar = first.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    difference = visible_centre(first) - visible_centre(second)
    assert abs(difference.x()) < 2
    vertical = second.verticalScrollBar()  # the maps differ in height: B may be at its end
    assert abs(difference.y()) < 2 or vertical.value() in (vertical.minimum(), vertical.maximum())
    compare.link.setChecked(False)
    before = visible_centre(second)
    bar.setValue(bar.minimum())
    assert visible_centre(second) == before


def test_the_open_maps_analysis_is_reused_when_up_to_date(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_is, to_be = PAIRS["msk-single-point-of-access"]
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    assert window.open_path(as_is)
    runner = window.analysis_panel.runner
    runner.analyse_now()
    qtbot.waitUntil(lambda: runner.latest_revision == window.document.revision, timeout=10_000)
    analysed: list[str] = []
    real = compare_module.analyse

    def counting(path_map: Any) -> Any:
        analysed.append(path_map.title)
        return real(path_map)

    monkeypatch.setattr(compare_module, "analyse", counting)
    asked.compare_path = str(to_be)
    compare = controller.compare_with()
    assert compare is not None
    qtbot.addWidget(compare)
    assert analysed == [load_map(to_be).title]  # only the other map: the open one was known
    expected = compare_maps(load_map(as_is), load_map(to_be))
    assert [figure.first for figure in compare.comparison.figures] == [
        figure.first for figure in expected.figures
    ]


@pytest.mark.parametrize("open_first", [True, False])
def test_one_organisation_is_one_colour_on_both_sides_and_the_open_map_keeps_its_own(
    qtbot: Any, tmp_path: Path, open_first: bool
) -> None:
    as_is, to_be = PAIRS["msk-single-point-of-access"]
    opened, other = (as_is, to_be) if open_first else (to_be, as_is)
    compare = open_compare(qtbot, tmp_path, opened, other)
    open_side, other_side = (
        (compare.first, compare.second) if open_first else (compare.second, compare.first)
    )
    assert open_side.scene.colours_beside is None  # as in the editor
    assert other_side.scene.colours_beside is open_side.document.path_map

    def accents(side: Any) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for lane in side.document.path_map.lanes:
            header = side.scene.items_by_id[lane.id]
            assert isinstance(header, LaneHeaderItem)
            accent = header.accent
            found.setdefault(lane.organisation_name, set()).add(accent)
        return found

    ours, theirs = accents(open_side), accents(other_side)
    shared = set(ours) & set(theirs)
    assert shared  # the sample pair shares most organisations
    for organisation in shared:
        assert ours[organisation] == theirs[organisation]
