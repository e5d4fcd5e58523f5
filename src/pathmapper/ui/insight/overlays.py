"""OverlayController: the analysis drawn over the canvas, each overlay toggled by an action.

The overlays (handoffs, loops, gaps, waits) and the highlighted route and walking step are
layers of their own items above the canvas; the canvas's items are never touched. A layer is
drawn afresh when the analysis arrives and when the canvas has moved its items
(`geometryChanged`, once per burst), and removed whole when its overlay is switched off. The
scene may throw every item away on a reset (a map opened); the layers are then drawn again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGraphicsItem

from pathmapper.analysis import Analysis, Route
from pathmapper.layout.primitives import MapGeometry
from pathmapper.model import PathMap
from pathmapper.ui.canvas import MapScene
from pathmapper.ui.insight.overlay_items import OverlayLayer
from pathmapper.ui.insight.overlay_layers import (
    draw_gaps,
    draw_handoffs,
    draw_loops,
    draw_route,
    draw_waits,
    draw_walk_step,
)

Drawer = Callable[[OverlayLayer, Analysis, PathMap, MapGeometry], None]
OVERLAYS: dict[str, tuple[str, str, str, Drawer]] = {
    # name: (menu text, shortcut, tooltip, drawer)
    "handoffs": (
        "&Handoffs",
        "Shift+F5",  # F5 is the workshop's Present to the room
        "Arrows between lanes thick and blue; between organisations vermillion and dashed",
        draw_handoffs,
    ),
    "loops": ("&Loops", "F6", "Each loop in its own colour and dash, numbered", draw_loops),
    "gaps": (
        "&Gaps",
        "F7",
        "Dead ends, steps no patient reaches and traps, marked on the step",
        draw_gaps,
    ),
    "waits": ("&Waits", "F8", "A halo round each step the patient waits for", draw_waits),
}
ROUTE_LAYER = "route"
REDRAW_DELAY_MS = 60
WALK_LAYER = "walk"


class OverlayController(QObject):
    """The overlays of one scene. `actions[name]` toggles an overlay (checkable QAction)."""

    def __init__(self, scene: MapScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.analysis: Analysis | None = None
        self.route: Route | None = None
        self.walk_step: tuple[str, int] | None = None
        self.layers: dict[str, OverlayLayer] = {}
        self._drawn_on: dict[str, int] = {}  # the geometry's shape each layer was drawn on
        self._shape_of: tuple[object, int] = (None, 0)  # (a geometry, its shape), the last asked
        self.actions: dict[str, QAction] = {}
        for name, (text, key, tooltip, _drawer) in OVERLAYS.items():
            action = QAction(text, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{tooltip} ({key})")
            action.setStatusTip(tooltip)
            action.toggled.connect(lambda _on, n=name: self.redraw(n))
            self.actions[name] = action
        # The canvas reports a moved geometry several times for one edit (the command, the
        # undo stack's index, its own timer): redraw once, when the burst is over.
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_DELAY_MS)
        self._redraw_timer.timeout.connect(self.redraw_all)
        scene.geometryChanged.connect(self._redraw_timer.start)

    # ---------------------------------------------------------------------------- input

    def set_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        for name in OVERLAYS:
            self.redraw(name)

    def show_route(self, route: Route | None) -> None:
        self.route = route
        self.redraw(ROUTE_LAYER)

    def mark_walk_step(self, step_id: str | None, number: int = 0) -> None:
        self.walk_step = None if step_id is None else (step_id, number)
        self.redraw(WALK_LAYER)

    def is_on(self, name: str) -> bool:
        return self.actions[name].isChecked()

    def items_of(self, name: str) -> list[QGraphicsItem]:
        """The items an overlay shows now (none when it is off)."""
        layer = self.layers.get(name)
        if layer is None or layer.scene() is not self.scene:
            return []
        return list(layer.childItems())

    # -------------------------------------------------------------------------- drawing

    @property
    def redraw_pending(self) -> bool:
        """The canvas has moved and the overlays will follow on the next turn of the loop."""
        return self._redraw_timer.isActive()

    def redraw_all(self) -> None:
        """Follow the canvas: redraw the layers, unless no step, arrow or lane has moved since
        they were drawn (a renamed step that keeps its box costs nothing on a big map)."""
        self._redraw_timer.stop()
        shape = self._shape(self.scene.geometry)
        for name in (*OVERLAYS, ROUTE_LAYER, WALK_LAYER):
            layer = self.layers.get(name)
            drawn_on = self._drawn_on.get(name)
            if layer is not None and layer.scene() is self.scene and drawn_on == shape:
                continue
            self.redraw(name)

    def redraw(self, name: str) -> None:
        self._remove(name)
        geometry, path_map = self.scene.geometry, self.scene.path_map
        layer = OverlayLayer(name)
        if name in OVERLAYS:
            if not self.is_on(name) or self.analysis is None:
                return
            OVERLAYS[name][3](layer, self.analysis, path_map, geometry)
        elif name == ROUTE_LAYER:
            if self.route is None:
                return
            draw_route(layer, self.route, path_map, geometry)
        elif name == WALK_LAYER:
            if self.walk_step is None:
                return
            draw_walk_step(layer, self.walk_step[0], self.walk_step[1], geometry)
            layer.setZValue(layer.zValue() + 1)  # the walker above the route
        self.scene.addItem(layer)
        self.layers[name] = layer
        self._drawn_on[name] = self._shape(geometry)

    def _shape(self, geometry: object) -> int:
        """`_geometry_shape`, worked out once per geometry (the scene replaces its geometry
        when anything moves): about 7 ms on 5,000 steps, asked for by every layer drawn."""
        if self._shape_of[0] is not geometry:
            self._shape_of = (geometry, _geometry_shape(geometry))
        return self._shape_of[1]

    def _remove(self, name: str) -> None:
        layer = self.layers.pop(name, None)
        if layer is not None and layer.scene() is self.scene:
            self.scene.removeItem(layer)

    def detach(self) -> None:
        for name in list(self.layers):
            self._remove(name)
        with contextlib.suppress(RuntimeError, TypeError):  # already gone
            self.scene.geometryChanged.disconnect(self._redraw_timer.start)
        self._redraw_timer.stop()


def _geometry_shape(geometry: object) -> int:
    """A fingerprint of where lanes, steps and arrows are (not of their text)."""
    if not isinstance(geometry, MapGeometry):
        return 0
    return hash(
        (
            tuple((band.lane_id, band.rect) for band in geometry.lanes),
            tuple((step_id, box.rect) for step_id, box in geometry.steps.items()),
            tuple((flow_id, route.points) for flow_id, route in geometry.flows.items()),
        )
    )
