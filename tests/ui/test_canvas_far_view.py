"""Far out, the steps and arrows are drawn as one picture: the same look as the items' own
low-detail drawing, the selection still drawing itself, and the picture following edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QApplication, QGraphicsItem

from pathmapper.analysis.generate import generate_map
from pathmapper.commands import MapDocument
from pathmapper.commands.canvas_edits import place_steps
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.canvas.far_view import FAR_ZOOM
from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.canvas.items_steps import StepItem

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def far_view(qtbot: Any, steps: int = 120) -> tuple[MapScene, MapView]:
    scene = MapScene(MapDocument(generate_map(steps, seed=2)), QUndoStack())
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(FAR_ZOOM / 2)
    return scene, view


def painted_by_itself(scene: MapScene, element_id: str) -> bool:
    return not scene.items_by_id[element_id].flags() & NO_CONTENTS


def snapshot(view: MapView) -> QImage:
    QApplication.processEvents()
    return view.viewport().grab().toImage()


def share_of_pixels_differing(first: QImage, second: QImage) -> float:
    assert first.size() == second.size()
    differing = sum(
        first.pixel(x, y) != second.pixel(x, y)
        for x in range(0, first.width(), 2)
        for y in range(0, first.height(), 2)
    )
    return differing / ((first.width() // 2) * (first.height() // 2))


def test_far_out_items_stop_painting_and_close_in_they_paint_again(qtbot: Any) -> None:
    scene, view = far_view(qtbot)
    items = [i for i in scene.items_by_id.values() if isinstance(i, StepItem | FlowItem)]
    assert scene.far and all(item.flags() & NO_CONTENTS for item in items)
    view.zoom_to_100()
    assert not scene.far and not any(item.flags() & NO_CONTENTS for item in items)


def test_the_far_picture_looks_like_the_items_drawing_themselves(qtbot: Any) -> None:
    scene, view = far_view(qtbot)
    as_picture = snapshot(view)
    scene.show_far(False)  # the items' own low-detail drawing, at the same zoom
    by_items = snapshot(view)
    assert as_picture != QImage()  # something was drawn
    assert share_of_pixels_differing(as_picture, by_items) < 0.01


def test_the_selection_and_its_arrows_paint_themselves_far_out(qtbot: Any) -> None:
    scene, _view = far_view(qtbot)
    step = scene.path_map.steps[3]
    attached = [f.id for f in scene.path_map.flows if step.id in (f.source, f.target)]
    assert attached
    scene.select_ids([step.id])
    assert painted_by_itself(scene, step.id)
    assert all(painted_by_itself(scene, flow_id) for flow_id in attached)
    assert not painted_by_itself(scene, scene.path_map.steps[20].id)
    scene.select_ids([])
    assert not painted_by_itself(scene, step.id)


def test_the_far_picture_follows_a_move(qtbot: Any) -> None:
    scene, view = far_view(qtbot)
    step = scene.path_map.steps[5]
    assert step.x is not None and step.y is not None
    scene.execute(
        place_steps(scene.path_map, {step.id: (step.x, step.y + 40.0, step.lane, step.phase)})
    )
    assert scene.far and not painted_by_itself(scene, step.id)
    as_picture = snapshot(view)
    scene.show_far(False)
    assert share_of_pixels_differing(as_picture, snapshot(view)) < 0.01
