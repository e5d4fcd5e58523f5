"""What the room sees on the projector: the walk's caption never covers the step it describes,
Esc takes the whole walk off the map, a lane's key frames its steps, and a finding clicked on a
whole-map view is shown close enough to read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDockWidget, QToolBar

from pathmapper.analysis import Finding
from pathmapper.io import load_map
from pathmapper.ui.app import open_main_window
from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.map_framing import LEGIBLE_LABEL_PIXELS, MIN_LABEL_PIXELS, label_pixels
from pathmapper.ui.settings import EditorSettings
from tests.conftest import PROJECT_ROOT
from tests.ui.window_harness import make_window, open_placed_map

CARDIOLOGY = PROJECT_ROOT / "sample_maps" / "community-cardiology-as-is.pathmap.json"
MSK_AS_IS = PROJECT_ROOT / "sample_maps" / "msk-single-point-of-access-as-is.pathmap.json"
MULTIPLE_CONDITIONS_TO_BE = (
    PROJECT_ROOT / "sample_maps" / "multiple-long-term-conditions-to-be.pathmap.json"
)
Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _presenting(qtbot: Any, tmp_path: Path, path: Path) -> MainWindow:
    """The map at `path` presented (F5) on a 1920 x 1080 window, its analysis done."""
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.analysis_panel.runner.latest is not None, timeout=10_000)
    qtbot.keyClick(window, Key.Key_F5)
    return window


def _presenting_cardiology(qtbot: Any, tmp_path: Path) -> MainWindow:
    return _presenting(qtbot, tmp_path, CARDIOLOGY)


def _click_a_finding_on_the_map(window: MainWindow, qtbot: Any) -> Finding:
    """Click, in the Findings dock, the first finding about elements of the map."""
    dock = window.analysis_panel.findings
    dock.show()
    dock.raise_()
    finding = next(f for f in dock.shown_findings() if f.elements)
    index = dock.index_of(finding)
    dock.tree.expandAll()
    dock.tree.scrollTo(index)
    qtbot.mouseClick(
        dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=dock.tree.visualRect(index).center()
    )
    return finding


def test_the_caption_never_covers_the_step_it_describes(qtbot: Any, tmp_path: Path) -> None:
    window = _presenting_cardiology(qtbot, tmp_path)
    qtbot.keyClick(window, Key.Key_F9)
    walk = window.analysis_panel.walk
    assert walk.is_walking
    seen = 0
    while True:
        stop = walk.current
        assert stop is not None
        item = window.scene.items_by_id[stop.step_id]
        step = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert walk.banner.isVisible()
        assert not walk.banner.geometry().intersects(step), f"step {stop.number} is covered"
        assert window.view.viewport().rect().contains(step), f"step {stop.number} is off screen"
        seen += 1
        if stop.number == stop.total:
            break
        qtbot.keyClick(window.view, Key.Key_PageDown)
    assert seen == walk.stops[-1].total


def test_esc_takes_the_route_numbers_and_caption_off_the_map(qtbot: Any, tmp_path: Path) -> None:
    window = _presenting_cardiology(qtbot, tmp_path)
    qtbot.keyClick(window, Key.Key_F9)
    overlays = window.analysis_panel.overlays
    assert overlays.items_of("route") and overlays.items_of("walk")
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert not window.analysis_panel.walk.is_walking
    assert overlays.items_of("route") == [] and overlays.items_of("walk") == []
    assert not window.analysis_panel.walk.banner.isVisible()
    qtbot.keyClick(window.view, Key.Key_Escape)  # and out of presentation: still nothing
    assert not window.workshop.presentation.presenting
    assert overlays.items_of("route") == [] and overlays.items_of("walk") == []


def test_alt_and_a_number_frames_that_lanes_steps(qtbot: Any, tmp_path: Path) -> None:
    window = _presenting_cardiology(qtbot, tmp_path)
    path_map = window.document.path_map
    for number, lane in enumerate(path_map.lanes[:9], start=1):
        steps = [s for s in path_map.steps if s.lane == lane.id]
        qtbot.keyClick(window.view, getattr(Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
        shown = window.view.visible_scene_rect()
        if not steps:
            continue
        first = min(steps, key=lambda s: s.x or 0.0)
        box = window.scene.items_by_id[first.id].sceneBoundingRect()
        assert shown.contains(box), f"Alt+{number}: the first step of {lane.name} is not shown"
        assert box.left() - shown.left() < shown.width() / 2, f"Alt+{number}: opens far left"


def test_a_finding_clicked_on_a_whole_map_view_is_framed_readably(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(CARDIOLOGY)
    panel = window.analysis_panel
    qtbot.waitUntil(lambda: panel.runner.latest is not None, timeout=10_000)
    while label_pixels(window.view) >= LEGIBLE_LABEL_PIXELS / 3:  # far out: words too small
        qtbot.keyClick(window, Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    finding = _click_a_finding_on_the_map(window, qtbot)
    assert window.scene.selected_ids()
    assert label_pixels(window.view) >= LEGIBLE_LABEL_PIXELS - 0.01
    first = window.scene.items_by_id[finding.elements[0]].sceneBoundingRect()
    shown = window.view.visible_scene_rect()
    assert shown.intersects(first)


def test_after_new_the_findings_detail_no_longer_describes_the_old_map(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(CARDIOLOGY)
    panel = window.analysis_panel
    qtbot.waitUntil(lambda: panel.runner.latest is not None, timeout=10_000)
    dock = panel.findings
    _click_a_finding_on_the_map(window, qtbot)
    assert "What to do:" in dock.detail.text()
    qtbot.keyClick(window, Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File > New
    revision = window.document.revision
    qtbot.waitUntil(lambda: panel.runner.latest_revision == revision, timeout=10_000)
    assert window.document.path_map.steps == []
    assert "What to do:" not in dock.detail.text()


def test_the_editor_opens_with_step_text_that_can_be_read(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(CARDIOLOGY)
    assert label_pixels(window.view) >= 12.0
    path_map = window.document.path_map
    first = min(path_map.steps, key=lambda s: s.x or 0.0)
    box = window.scene.items_by_id[first.id].sceneBoundingRect()
    assert window.view.visible_scene_rect().intersects(box)  # the start of the pathway


def test_f11_leaves_the_map_alone_in_the_window_and_f11_brings_all_back(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(CARDIOLOGY)
    qtbot.wait(10)
    shown = {w.objectName() for w in window.findChildren(QDockWidget) if w.isVisible()}
    bars = {w.objectName() for w in window.findChildren(QToolBar) if w.isVisible()}
    width = window.view.width()
    qtbot.keyClick(window, Key.Key_F11)
    qtbot.wait(10)
    assert not [w for w in window.findChildren(QDockWidget) if w.isVisible()]
    assert not [w for w in window.findChildren(QToolBar) if w.isVisible()]
    assert window.menuBar().isVisible()  # the facilitator keeps the menus
    assert window.view.width() > width
    qtbot.keyClick(window, Key.Key_F11)
    qtbot.wait(10)
    assert {w.objectName() for w in window.findChildren(QDockWidget) if w.isVisible()} == shown
    assert {w.objectName() for w in window.findChildren(QToolBar) if w.isVisible()} == bars


def test_f5_on_a_map_too_big_to_read_whole_opens_on_its_first_phase_and_says_so(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _presenting_cardiology(qtbot, tmp_path)
    caption = window.workshop.presentation.caption
    for key in (None, Key.Key_0):  # F5 itself, then 0 ("the whole map")
        if key is not None:
            qtbot.keyClick(window.view, Key.Key_2)
            qtbot.keyClick(window.view, key)
        assert label_pixels(window.view) >= MIN_LABEL_PIXELS - 0.01  # words, not blobs
        assert not window.scene.far
        assert caption.isVisible() and caption.text().startswith("Phase 1 of 5: Referral")
        first = min(window.document.path_map.steps, key=lambda s: s.x or 0.0)
        box = window.scene.items_by_id[first.id].sceneBoundingRect()
        assert window.view.visible_scene_rect().contains(box)
    qtbot.keyClick(window.view, Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert caption.text() == "Lane 3 of 6: Community cardiology service"
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert not caption.isVisible()


def test_fit_map_to_window_keeps_words_readable_and_says_what_it_shows(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(CARDIOLOGY)
    qtbot.keyClick(window, Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert label_pixels(window.view) >= LEGIBLE_LABEL_PIXELS - 0.01
    assert not window.scene.far
    assert "showing phase 1 of 5, Referral" in window.status.currentMessage()
    first = min(window.document.path_map.steps, key=lambda s: s.x or 0.0)
    box = window.scene.items_by_id[first.id].sceneBoundingRect()
    assert window.view.visible_scene_rect().contains(box)


def test_fit_map_to_window_shows_a_small_map_whole(qtbot: Any, tmp_path: Path) -> None:
    window = open_placed_map(qtbot, tmp_path)
    qtbot.keyClick(window, Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    whole = window.scene.map_rect()
    shown = window.view.visible_scene_rect()
    assert shown.width() >= whole.width() - 1 and shown.height() >= whole.height() - 1


def _stripe_colours(window: MainWindow) -> dict[str, str]:
    """The colour drawn down the left edge of each lane's header."""
    colours: dict[str, str] = {}
    for lane in window.document.path_map.lanes:
        header = window.scene.items_by_id[lane.id].sceneBoundingRect()
        image = QImage(1, 1, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        spot = QRectF(header.left() + 2, header.center().y(), 1, 1)
        window.scene.render(painter, QRectF(0, 0, 1, 1), spot)
        painter.end()
        colours[lane.id] = image.pixelColor(0, 0).name()
    return colours


def test_a_lane_keeps_its_colour_when_it_is_moved(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    assert window.open_path(CARDIOLOGY)
    before = _stripe_colours(window)
    top = window.document.path_map.lanes[0]
    window.scene.select_ids([top.id])
    for _ in range(3):
        qtbot.keyClick(window, Key.Key_Down, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert window.document.path_map.lanes[3].id == top.id
    window.scene.select_ids([])  # a selected header is framed in the selection colour
    assert _stripe_colours(window) == before
    organisations = {lane.organisation_name for lane in window.document.path_map.lanes}
    assert len(set(before.values())) == len(organisations)  # one colour per organisation


def test_a_map_without_phases_too_big_to_read_whole_is_shown_in_parts(
    qtbot: Any, tmp_path: Path
) -> None:
    document = load_map(CARDIOLOGY)
    steps = [step.model_copy(update={"phase": None}) for step in document.steps]
    flat = document.model_copy(update={"phases": [], "steps": steps})
    path = tmp_path / "no-phases.pathmap.json"
    path.write_text(flat.model_dump_json(), encoding="utf-8")
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(path)
    qtbot.keyClick(window, Key.Key_F5)
    caption = window.workshop.presentation.caption
    assert caption.text().startswith("Part 1 of ")
    parts = int(caption.text().split(" of ")[1].split(":")[0])
    assert parts > 1
    unseen = {step.id for step in window.document.path_map.steps}
    for number in range(1, parts + 1):
        if number > 1:
            qtbot.keyClick(window.view, Key.Key_PageDown)
        assert caption.text().startswith(f"Part {number} of {parts}")
        assert label_pixels(window.view) >= MIN_LABEL_PIXELS - 0.01
        shown = window.view.visible_scene_rect()
        unseen -= {
            i for i in unseen if shown.contains(window.scene.items_by_id[i].sceneBoundingRect())
        }
    assert unseen == set()  # every step whole in some part
    qtbot.keyClick(window.view, Key.Key_1)
    assert caption.text().startswith(f"Part 1 of {parts}")


def test_on_a_narrow_screen_the_captions_keep_apart_and_off_the_step(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _presenting_cardiology(qtbot, tmp_path)
    window.showNormal()  # a narrow projector: the presentation keeps going in a narrow window
    # Leaving full screen restores the window's earlier size, on a later turn of the event loop
    # when the machine is busy: the narrow size is asked for once that has happened.
    qtbot.waitUntil(lambda: not window.isFullScreen())
    qtbot.wait(50)
    window.resize(760, 900)
    qtbot.waitUntil(lambda: window.view.viewport().width() < 1000)
    qtbot.keyClick(window.view, Key.Key_1)
    qtbot.keyClick(window, Key.Key_F9)
    walk = window.analysis_panel.walk
    part = window.workshop.presentation.caption
    assert walk.is_walking and part.isVisible()
    while True:
        stop = walk.current
        assert stop is not None
        item = window.scene.items_by_id[stop.step_id]
        step = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert not walk.banner.geometry().intersects(part.geometry()), f"step {stop.number}"
        assert not walk.banner.geometry().intersects(step), f"banner over step {stop.number}"
        assert not part.geometry().intersects(step), f"part caption over step {stop.number}"
        if stop.number == stop.total:
            break
        qtbot.keyClick(window.view, Key.Key_PageDown)
    qtbot.keyClick(window.view, Key.Key_Escape)  # the walk ends; the part caption stays
    assert part.isVisible() and not walk.banner.isVisible()


def test_the_canvas_gets_most_of_a_wide_window_and_docks_start_modest(
    qtbot: Any, tmp_path: Path
) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    assert window.open_path(CARDIOLOGY)
    qtbot.wait(50)
    right = [
        dock
        for dock in window.findChildren(QDockWidget)
        if dock.isVisible()
        and not dock.visibleRegion().isEmpty()
        and window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    ]
    assert right
    assert all(dock.width() <= 0.22 * window.width() for dock in right)
    assert window.view.width() >= 0.7 * window.width()


def test_a_dock_the_person_widened_opens_that_wide_next_time(qtbot: Any, tmp_path: Path) -> None:
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1600, 1000)
    qtbot.wait(50)
    findings = window.analysis_panel.findings
    findings.show()
    findings.raise_()
    window.resizeDocks([findings], [520], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(findings.width() - 520) <= 12)
    window.close()
    settings = EditorSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    again = open_main_window(None, settings, open_after_showing=True)  # as `pathmapper` starts
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.findChild(QDockWidget, "findings-dock") is not None)
    qtbot.waitUntil(lambda: abs(again.analysis_panel.findings.width() - 520) <= 12)


def test_every_part_is_shown_from_its_top_left_even_at_the_end_of_the_map(
    qtbot: Any, tmp_path: Path
) -> None:
    """The last phase and the bottom band of lanes reach past the map's end: shown from their
    top left all the same, not moved back to show a nameless strip of the lane above, or of
    the phase before, under the pinned headers."""
    window = _presenting(qtbot, tmp_path, MULTIPLE_CONDITIONS_TO_BE)
    presentation = window.workshop.presentation
    parts = [part for _phase, part in presentation.parts()]
    extent = window.scene.map_rect()
    assert any(part.frame.bottom > extent.bottom() for part in parts)  # the case in question
    for number, part in enumerate(parts):
        if number:
            qtbot.keyClick(window.view, Key.Key_PageDown)
        shown = window.view.visible_scene_rect()
        assert abs(shown.left() - part.frame.x) < 1 and abs(shown.top() - part.frame.y) < 1
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert window.view.sceneRect() == window.scene.sceneRect()  # the editor scrolls the map


def test_a_part_ends_at_its_last_whole_lane_under_a_footer_holding_the_caption(
    qtbot: Any, tmp_path: Path
) -> None:
    window = _presenting(qtbot, tmp_path, MSK_AS_IS)
    presentation = window.workshop.presentation
    footer, caption = presentation.footer, presentation.caption
    parts = presentation.parts()
    banded = next(n for n, (_phase, part) in enumerate(parts) if part.bands > 1)
    for _ in range(banded):
        qtbot.keyClick(window.view, Key.Key_PageDown)
    part = parts[banded][1]
    assert footer.isVisible() and caption.isVisible()
    last = window.document.path_map.lanes[part.lanes[1]]
    lane_foot = window.scene.items_by_id[last.id].sceneBoundingRect().bottom()
    assert abs(part.shown_bottom - lane_foot) < 1  # the part ends at a lane's foot
    foot = window.view.mapFromScene(QPointF(0, part.shown_bottom)).y()
    assert abs(footer.geometry().top() - foot) <= 1
    assert footer.geometry().bottom() >= window.view.viewport().height() - 1
    assert footer.geometry().contains(caption.geometry())
    qtbot.keyClick(window.view, Key.Key_1, Qt.KeyboardModifier.AltModifier)  # a lane: no parts
    assert not footer.isVisible()
    qtbot.keyClick(window.view, Key.Key_PageDown)
    assert footer.isVisible()
    qtbot.keyClick(window, Key.Key_F9)  # the walk takes the view elsewhere
    assert window.analysis_panel.walk.is_walking
    assert not footer.isVisible()
    qtbot.keyClick(window.view, Key.Key_Escape)
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert not presentation.presenting and not footer.isVisible()
