"""What the room sees is the map: after every command, undo and redo, the canvas holds exactly
the items a scene built afresh from the map would hold, in the same places, drawing the same
pixels. Random edit sequences (those of the undo property test) on the cardiology sample and on
an empty map, with random undo and redo between them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QRegion, QUndoStack
from PySide6.QtWidgets import QGraphicsItem, QWidget

from pathmapper.commands import MapDocument
from pathmapper.model import Lane, PathMap
from pathmapper.ui.canvas import MapScene
from tests.test_commands_helpers import cardiology_map
from tests.test_commands_property import random_command
from tests.ui.window_harness import make_window

SAMPLE = cardiology_map().to_document()
EMPTY = PathMap(id="empty", lanes=[Lane(id="lane-1", name="Lane 1")]).to_document()
SHIFT = Qt.KeyboardModifier.ShiftModifier
Row = tuple[str, str, bool, float, float, float, float, float, float]


def drawn_items(scene: MapScene) -> list[Row]:
    """Every top-level item: its kind, element, whether shown, place and extent."""
    rows: list[Row] = []
    for item in scene.items():
        if item.parentItem() is not None:
            continue
        box = item.boundingRect()
        rows.append(
            (
                type(item).__name__,
                str(getattr(item, "element_id", "")),
                item.isVisible(),
                round(item.pos().x(), 1),
                round(item.pos().y(), 1),
                round(box.x(), 1),
                round(box.y(), 1),
                round(box.width(), 1),
                round(box.height(), 1),
            )
        )
    return sorted(rows)


def picture(scene: MapScene, area: QRectF) -> bytes:
    """The scene drawn at a quarter of its size, pixel for pixel. Drawn afresh, as an export
    draws it: a step's cached picture, moved by a fraction of a pixel, shades its edges a
    little differently, which no one in the room could see."""
    for item in scene.items():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    size = (max(1, int(area.width() / 4)), max(1, int(area.height() / 4)))
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, *size), area)
    painter.end()
    return bytes(image.constBits())


def assert_same_as_fresh(scene: MapScene, what: str) -> None:
    scene.sync()
    fresh = MapScene(MapDocument(scene.path_map.model_copy(deep=True)), QUndoStack())
    try:
        assert drawn_items(scene) == drawn_items(fresh), what
        area = scene.map_rect().united(fresh.map_rect())
        assert picture(scene, area) == picture(fresh, area), what
    finally:
        fresh.detach()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([SAMPLE, EMPTY]))
def test_the_canvas_always_equals_a_scene_drawn_afresh(
    qapp: Any, data: st.DataObject, start: dict[str, Any]
) -> None:
    document = MapDocument(PathMap.model_validate(start))
    stack = QUndoStack()
    scene = MapScene(document, stack)
    try:
        for serial in range(data.draw(st.integers(1, 8), label="number of edits")):
            move = data.draw(st.sampled_from(["edit", "edit", "undo", "redo"]), label="move")
            if move == "undo" and stack.canUndo():
                text = f"undo {stack.undoText()!r}"
                stack.undo()
            elif move == "redo" and stack.canRedo():
                text = f"redo {stack.redoText()!r}"
                stack.redo()
            else:
                command = random_command(data.draw, document, serial)
                if command is None:
                    continue
                text = command.text
                scene.execute(command)
            assert_same_as_fresh(scene, text)
        while stack.canUndo():
            text = f"undo {stack.undoText()!r}"
            stack.undo()
            assert_same_as_fresh(scene, text)
    finally:
        scene.detach()


class PaintedRegions(QObject):
    """Every region a widget repaints (an event filter on it)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.region = self.region.united(event.region())
        return False


def test_an_undone_lane_leaves_no_ghost_on_screen(qtbot: Any, tmp_path: Path) -> None:
    """Add a lane from the keyboard, name it, undo twice: the screen where it was is
    repainted, so no detached "Social care" stays drawn on a map without lanes."""
    window, _answers = make_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | SHIFT)
    qtbot.keyClicks(window.view, "Social care")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    lane = window.document.path_map.lanes[0]
    assert lane.name == "Social care"
    where = window.view.mapFromScene(window.scene.items_by_id[lane.id].sceneBoundingRect())
    qtbot.wait(50)
    painted = PaintedRegions(window.view.viewport())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not painted.region.isEmpty())
    qtbot.wait(50)
    assert window.document.path_map.lanes == []
    assert [type(i).__name__ for i in window.scene.items()] == ["CornerItem"]
    # All of it: QRegion.contains(rect) would only say the two overlap.
    assert QRegion(where.boundingRect()).subtracted(painted.region).isEmpty()
