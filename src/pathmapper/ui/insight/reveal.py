"""Bring elements of the map into view: select them and centre the view on them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsView

REVEAL_MARGIN = 60.0  # scene units kept around the elements when zooming out to show them
SMALLEST_REVEAL_ZOOM = 0.15


def elements_rect(scene: Any, ids: Iterable[str]) -> QRectF:
    """The union of the scene rectangles of these elements' items (empty when none is drawn)."""
    rect = QRectF()
    items = getattr(scene, "items_by_id", {})
    for element_id in ids:
        item = items.get(element_id)
        if item is not None and item.isVisible():
            box = item.sceneBoundingRect()
            rect = box if rect.isNull() else rect.united(box)
    return rect


def centre_on(view: QGraphicsView, rect: QRectF) -> None:
    """Centre the view on `rect`, zooming out (never in) when it does not fit."""
    if rect.isNull():
        return
    viewport = view.viewport().rect()
    zoom = float(view.transform().m11())
    wanted = rect.adjusted(-REVEAL_MARGIN, -REVEAL_MARGIN, REVEAL_MARGIN, REVEAL_MARGIN)
    if viewport.width() > 0 and viewport.height() > 0 and wanted.width() > 0:
        fits = min(viewport.width() / wanted.width(), viewport.height() / wanted.height())
        if fits < zoom:
            target = max(SMALLEST_REVEAL_ZOOM, fits)
            set_zoom = getattr(view, "set_zoom", None)
            if set_zoom is not None:
                set_zoom(target)
            else:
                view.resetTransform()
                view.scale(target, target)
    view.centerOn(rect.center())


def reveal_elements(scene: Any, view: QGraphicsView, ids: Iterable[str]) -> None:
    """Select exactly these elements on the canvas and centre the view on them."""
    ids = list(ids)
    scene.select_ids(ids)
    centre_on(view, elements_rect(scene, ids))
