"""One window of a map drawn on a page: the part of the lane bodies a tile shows, with its lane
and phase headers, at the tile's scale. The map pages, the overview and the compare pictures all
draw through `draw_tile`."""

from __future__ import annotations

from typing import Any

from pathmapper.export.pdf_headers import draw_corner, draw_lane_headers, draw_phase_headers
from pathmapper.export.pdf_map import MapPicture, draw_body
from pathmapper.export.pdf_pages import Tile
from pathmapper.export.pdf_shapes import colour
from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, Rect
from pathmapper.layout.style import GRID_LINE


def clip(canvas: Any, rect: Rect) -> None:
    path = canvas.beginPath()
    path.rect(rect.x, rect.y, rect.width, rect.height)
    canvas.clipPath(path, stroke=0, fill=0)


def draw_tile(canvas: Any, picture: MapPicture, tile: Tile) -> None:
    """The part of the map a tile shows, with its lane and phase headers, at the tile's scale."""
    scale, window = tile.scale, tile.window
    body = tile.page_rect()
    headers = Rect(tile.headers_left, body.y, LANE_HEADER_WIDTH * scale, body.height)
    phase_height = PHASE_HEADER_HEIGHT * scale if picture.geometry.phases else 0.0

    canvas.saveState()
    clip(canvas, body)
    canvas.translate(tile.body_left - window.left * scale, tile.body_top + window.top * scale)
    canvas.scale(scale, scale)
    draw_body(canvas, picture, window)
    canvas.restoreState()

    canvas.saveState()
    clip(canvas, headers)
    canvas.translate(tile.body_left, tile.body_top + window.top * scale)
    canvas.scale(scale, scale)
    draw_lane_headers(canvas, picture, window)
    canvas.restoreState()

    if phase_height:
        canvas.saveState()
        clip(canvas, Rect(body.x, tile.body_top, body.width, phase_height))
        canvas.translate(tile.body_left - window.left * scale, tile.body_top)
        canvas.scale(scale, scale)
        draw_phase_headers(canvas, picture, window)
        canvas.restoreState()
        canvas.saveState()
        canvas.translate(tile.body_left, tile.body_top)
        canvas.scale(scale, scale)
        draw_corner(canvas, picture)
        canvas.restoreState()

    canvas.saveState()
    canvas.setStrokeColor(colour(GRID_LINE))
    canvas.setLineWidth(0.8)
    canvas.rect(headers.x, body.y, headers.width + body.width, body.height + phase_height, 1, 0)
    canvas.restoreState()
