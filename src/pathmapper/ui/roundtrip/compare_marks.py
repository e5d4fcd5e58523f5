"""The differences of a comparison drawn on the two read-only canvases, as overlay items above
the canvas items (never changing them): on B, steps and lanes added in bluish green with a "+"
badge; on A, those removed in vermillion with a "−" badge; on both, steps moved to another lane
or relabelled (and lanes renamed) in orange with a "~" badge. Colour is never the only cue: the
badge says which."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from pathmapper.analysis.compare import ElementChange, MapComparison
from pathmapper.layout.primitives import MapGeometry, Rect
from pathmapper.layout.style import BLUISH_GREEN, ORANGE, VERMILLION
from pathmapper.ui.insight.overlay_items import Badge, OverlayLayer, StepMark, overlay_pen

Side = Literal["first", "second"]
MarkKind = Literal["added", "removed", "changed"]

MARK_STYLES: dict[MarkKind, tuple[str, str, str]] = {
    # colour, badge text, badge ink
    "added": (BLUISH_GREEN, "+", "#FFFFFF"),
    "removed": (VERMILLION, "−", "#FFFFFF"),
    "changed": (ORANGE, "~", "#000000"),
}
MARK_NAMES: dict[MarkKind, str] = {
    "added": "added in B",
    "removed": "removed in B",
    "changed": "moved or relabelled",
}


def mark_kind(change: ElementChange) -> MarkKind:
    if change.action == "added":
        return "added"
    if change.action == "removed":
        return "removed"
    return "changed"


def element_on(change: ElementChange, side: Side) -> str | None:
    """The id of the changed element on one side's map (None when it is not on that side)."""
    return change.first_id if side == "first" else change.second_id


@dataclass
class CompareMarks:
    """The overlay of one side: its layer and, per element id, the kind of mark drawn."""

    side: Side
    layer: OverlayLayer
    marked: dict[str, MarkKind] = field(default_factory=dict)
    badges: dict[str, Badge] = field(default_factory=dict)


def _element_rect(geometry: MapGeometry, change: ElementChange, element_id: str) -> Rect | None:
    if change.kind == "step":
        box = geometry.steps.get(element_id)
        return box.rect if box is not None else None
    band = geometry.lane_band(element_id)
    return band.header if band is not None else None


def draw_compare_marks(
    scene: QGraphicsScene, geometry: MapGeometry, comparison: MapComparison, side: Side
) -> CompareMarks:
    """Add one side's marks to `scene` (a MapScene) above its items; returns them."""
    layer = OverlayLayer(f"compare-{side}")
    marks = CompareMarks(side, layer)
    for change in comparison.changes:
        element_id = element_on(change, side)
        kind = mark_kind(change)
        if element_id is None or element_id in marks.marked:
            continue  # a step both moved and relabelled is marked once
        if (kind == "added" and side == "first") or (kind == "removed" and side == "second"):
            continue
        rect = _element_rect(geometry, change, element_id)
        if rect is None:
            continue
        colour, text, ink = MARK_STYLES[kind]
        fill = QColor(colour)
        fill.setAlpha(40)
        StepMark(element_id, rect, overlay_pen(colour, 4.0), layer, reach=7.0, fill=fill)
        tooltip = f"{change.kind.capitalize()} {MARK_NAMES[kind]}"
        badge = Badge(text, (rect.right + 4, rect.top - 4), colour, ink, layer, tooltip=tooltip)
        marks.marked[element_id] = kind
        marks.badges[element_id] = badge
    scene.addItem(layer)
    return marks
