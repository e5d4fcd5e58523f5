"""Marks laid over the map's pages: the report's finding numbers beside the steps they concern,
and on the compare pictures the steps added, removed and moved, each ringed with its word.

A mark is placed in layout coordinates and drawn at a fixed size on paper, so it reads the same
on a full-size tile and on the small overview.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.export.pdf_pages import Tile
from pathmapper.export.pdf_shapes import Canvas, colour, font
from pathmapper.layout import MapGeometry, Rect, text_width

MARK_FONT_SIZE = 7.0
MARK_HEIGHT = 11.0


@dataclass(frozen=True)
class Mark:
    text: str
    ink: str
    at: tuple[float, float]  # layout coordinates of the tag's centre
    ring: Rect | None = None  # a box to outline, in layout coordinates


def element_place(
    geometry: MapGeometry, element_id: str
) -> tuple[tuple[float, float], Rect | None]:
    """Where a mark about an element goes: a step's top-right corner, a flow's middle, a lane's
    top-left corner; with the step's box to ring. None for what the map does not draw."""
    box = geometry.steps.get(element_id)
    if box is not None:
        return (box.rect.right, box.rect.top), box.rect
    route = geometry.flows.get(element_id)
    if route is not None and route.points:
        return route.points[len(route.points) // 2], None
    band = geometry.lane_band(element_id)
    if band is not None:
        return (band.rect.left + MARK_HEIGHT, band.rect.top + MARK_HEIGHT), None
    raise KeyError(element_id)


def mark_for(
    geometry: MapGeometry, element_ids: tuple[str, ...], text: str, ink: str
) -> Mark | None:
    """A mark on the first of `element_ids` the map draws, or None."""
    for element_id in element_ids:
        try:
            at, ring = element_place(geometry, element_id)
        except KeyError:
            continue
        return Mark(text, ink, at, ring)
    return None


def draw_marks(canvas: Canvas, tile: Tile, marks: list[Mark]) -> None:
    """The marks whose tag lies in the tile's window, in page points."""
    window, scale = tile.window, tile.scale

    def page(x: float, y: float) -> tuple[float, float]:
        return tile.body_left + (x - window.left) * scale, tile.body_top - (y - window.top) * scale

    canvas.saveState()
    canvas.setDash()
    for mark in marks:
        if not window.contains(*mark.at):
            continue
        canvas.setStrokeColor(colour(mark.ink))
        canvas.setFillColor(colour(mark.ink))
        if mark.ring is not None:
            left, top = page(mark.ring.left, mark.ring.top)
            canvas.setLineWidth(1.6)
            width, height = mark.ring.width * scale, mark.ring.height * scale
            canvas.roundRect(left - 2, top - height - 2, width + 4, height + 4, 3, 1, 0)
        x, y = page(*mark.at)
        width = max(MARK_HEIGHT, text_width(mark.text, MARK_FONT_SIZE, bold=True) + 6)
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(colour("#FFFFFF"))
        canvas.roundRect(
            x - width / 2, y - MARK_HEIGHT / 2, width, MARK_HEIGHT, MARK_HEIGHT / 2, 1, 1
        )
        canvas.setFillColor(colour("#FFFFFF"))
        canvas.setFont(font(bold=True), MARK_FONT_SIZE)
        canvas.drawCentredString(x, y - MARK_FONT_SIZE * 0.35, mark.text)
    canvas.restoreState()
