"""The what-if's results on the map: beside each step with capacity, its simulated wait with
the stated one and how busy its servers are; a step whose queue grows without end is ringed in
red and says so in words. Drawn as an overlay layer (`ui.insight.overlay_items`) under the step's
footprint (its box and badges), so the step's own text stays clear; redrawn when the canvas moves
its items, removed by `clear`.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGraphicsItem

from pathmapper.export.simulation_figures import days_text, percent_text
from pathmapper.layout.primitives import MapGeometry, Rect
from pathmapper.layout.style import BLUE, INK
from pathmapper.model import PathMap
from pathmapper.simulation import SimulationResult
from pathmapper.ui.canvas import MapScene
from pathmapper.ui.insight.overlay_items import Badge, OverlayLayer, StepMark, overlay_pen

LAYER_NAME = "whatif"
UNSTABLE_RED = "#B3261E"  # the report's error red: darker than vermillion, clear on white
CARD_FONT_SIZE = 15.0
CARD_GAP = 10.0  # between the step's footprint and the first line
LINE_PITCH = 30.0  # one line of results under the next
REDRAW_DELAY_MS = 60


def result_lines(result: SimulationResult, step_id: str) -> list[tuple[str, bool]]:
    """The lines drawn beside a step: (text, is a warning)."""
    item = result.step(step_id)
    if item is None:
        return []
    stated = item.stated_wait_days
    wait = f"sim {days_text(item.mean_wait_days.mean)}"
    if stated is not None:
        wait += f" (stated {days_text(stated)})"
    lines = [(wait, False), (f"busy {percent_text(item.utilisation)}", False)]
    if step_id in result.unstable:
        lines.append(("⚠ queue grows", True))
    return lines


def draw_results(
    layer: OverlayLayer, result: SimulationResult, path_map: PathMap, geometry: MapGeometry
) -> None:
    """Each step's lines in a column under its footprint, moved further down past any sticky
    note or other step they would cover."""
    for item in result.steps:
        box = geometry.steps.get(item.id)
        if box is None or path_map.step(item.id) is None:
            continue
        unstable = item.id in result.unstable
        if unstable:
            StepMark(item.id, box.rect, overlay_pen(UNSTABLE_RED, 6.0), layer, reach=9.0)
        x = box.rect.centre[0]
        y = box.footprint.bottom + CARD_GAP + LINE_PITCH / 2
        badges = []
        for text, warning in result_lines(result, item.id):
            if warning:
                fill, ink, outline = UNSTABLE_RED, "#FFFFFF", UNSTABLE_RED
            else:
                fill, ink, outline = "#FFFFFF", INK, UNSTABLE_RED if unstable else BLUE
            badges.append(
                Badge(
                    text,
                    (x, y),
                    fill,
                    ink,
                    layer,
                    outline=outline,
                    font_size=CARD_FONT_SIZE,
                    tooltip="What-if: the simulated mean wait, the wait the map states, and "
                    "how much of the time the step's servers are busy",
                )
            )
            y += LINE_PITCH
        if badges:
            drop = clear_drop(_column(badges), _obstacles(geometry, item.id))
            for badge in badges:
                badge.moveBy(0.0, drop)


def _column(badges: list[Badge]) -> Rect:
    area = badges[0].rect
    for badge in badges[1:]:
        area = area.united(badge.rect)
    return Rect(area.x(), area.y(), area.width(), area.height())


def _obstacles(geometry: MapGeometry, step_id: str) -> list[Rect]:
    """What a step's results must not cover: the other steps (with their badges) and the
    sticky notes."""
    steps = [box.footprint for other, box in geometry.steps.items() if other != step_id]
    return steps + [note.rect for note in geometry.notes.values()]


def clear_drop(column: Rect, obstacles: list[Rect], tries: int = 12) -> float:
    """How far down the column must move to cover none of the obstacles (0 when it covers
    none); after `tries` moves it stays where it got to, on top of what is left."""
    drop = 0.0
    for _ in range(tries):
        moved = Rect(column.x, column.y + drop, column.width, column.height)
        hit = [rect for rect in obstacles if moved.intersects(rect)]
        if not hit:
            break
        drop = max(rect.bottom for rect in hit) + CARD_GAP - column.y
    return drop


class MapResults(QObject):
    """The what-if layer of one scene."""

    def __init__(self, scene: MapScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.result: SimulationResult | None = None
        self.layer: OverlayLayer | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        scene.geometryChanged.connect(self._timer.start)

    def show_result(self, result: SimulationResult) -> None:
        self.result = result
        self.redraw()

    def clear(self) -> None:
        self.result = None
        self._remove()

    def items(self) -> list[QGraphicsItem]:
        """What the layer shows now (none when cleared)."""
        if self.layer is None or self.layer.scene() is not self.scene:
            return []
        return list(self.layer.childItems())

    def redraw(self) -> None:
        self._timer.stop()
        self._remove()
        if self.result is None:
            return
        layer = OverlayLayer(LAYER_NAME)
        draw_results(layer, self.result, self.scene.path_map, self.scene.geometry)
        self.scene.addItem(layer)
        self.layer = layer

    def _remove(self) -> None:
        if self.layer is not None and self.layer.scene() is self.scene:
            self.scene.removeItem(self.layer)
        self.layer = None

    def detach(self) -> None:
        self._remove()
        self._timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the scene
            self.scene.geometryChanged.disconnect(self._timer.start)
