"""Bring elements of the map into view: select them and centre the view on them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF

from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.map_framing import LEGIBLE_LABEL_PIXELS, readable_zoom

REVEAL_MARGIN = 60.0  # scene units kept around the elements when zooming out to show them
SMALLEST_REVEAL_ZOOM = 0.15


def elements_rect(scene: MapScene, ids: Iterable[str]) -> QRectF:
    """The union of the scene rectangles of these elements' items (empty when none is drawn)."""
    rect = QRectF()
    for element_id in ids:
        item = scene.items_by_id.get(element_id)
        if item is not None and item.isVisible():
            box = item.sceneBoundingRect()
            rect = box if rect.isNull() else rect.united(box)
    return rect


def centre_on(view: MapView, rect: QRectF, at_least: float = 0.0) -> None:
    """Centre the view on `rect`, zooming out when it does not fit, but not below `at_least`;
    zooming in to `at_least` when the view is further out than that."""
    if rect.isNull():
        return
    viewport = view.viewport().rect()
    zoom = float(view.transform().m11())
    wanted = rect.adjusted(-REVEAL_MARGIN, -REVEAL_MARGIN, REVEAL_MARGIN, REVEAL_MARGIN)
    if viewport.width() > 0 and viewport.height() > 0 and wanted.width() > 0:
        fits = min(viewport.width() / wanted.width(), viewport.height() / wanted.height())
        if fits < zoom:
            view.set_zoom(max(SMALLEST_REVEAL_ZOOM, fits, at_least))
    if view.zoom() < at_least:
        view.set_zoom(at_least)
    view.centerOn(rect.center())


def reveal_elements(scene: MapScene, view: MapView, ids: Iterable[str]) -> None:
    """Select exactly these elements on the canvas and centre the view on them, close enough
    that their labels and selection outline can be read, however far out the view was."""
    ids = list(ids)
    scene.select_ids(ids)
    whole = elements_rect(scene, ids)
    centre_on(view, whole, readable_zoom(LEGIBLE_LABEL_PIXELS))
    if not whole.isNull() and not view.visible_scene_rect().contains(whole):
        # Too spread out to read at once: start where the finding starts (its first element).
        view.centerOn(elements_rect(scene, ids[:1]).center())
