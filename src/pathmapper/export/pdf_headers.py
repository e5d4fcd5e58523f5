"""Lane and phase headers of the PDF map, drawn on every page so a tile never loses its names.

Lane headers: the lane's colour as a stripe, its name in bold, its organisation below, and any
notes on the lane. Phase headers: the phase name centred over its column. Both in page-up map
coordinates (lane headers at negative x, phase headers above y = 0), like the body.
"""

from __future__ import annotations

from pathmapper.export.pdf_map import MapPicture
from pathmapper.export.pdf_pages import phase_name_fits
from pathmapper.export.pdf_shapes import Canvas, colour, font, up
from pathmapper.export.safe_text import printable
from pathmapper.layout import HEADER_FONT_SIZE, LANE_HEADER_WIDTH, Rect, wrap_text
from pathmapper.layout.style import GRID_LINE, HEADER_FILL, INK, MUTED_INK, lane_accent

STRIPE_WIDTH = 7.0
ORGANISATION_FONT_SIZE = 9.5
PHASE_FONT_SIZE = 12.0


def draw_lane_headers(canvas: Canvas, picture: MapPicture, window: Rect) -> None:
    """The header of every lane that meets the window's rows."""
    lanes = picture.lanes
    for band in picture.geometry.lanes:
        if band.rect.bottom < window.top or band.rect.top > window.bottom:
            continue
        lane = lanes[band.lane_id]
        header = band.header
        _header_box(canvas, header)
        canvas.setFillColor(colour(lane_accent(picture.accent_index[lane.id], lane.colour)))
        canvas.rect(header.left, up(header.bottom), STRIPE_WIDTH, header.height, 0, 1)
        text_left = header.left + STRIPE_WIDTH + 8
        text_width = header.right - text_left - 8
        # Keep the name in sight on a tile that shows only the lower part of a tall lane.
        top = max(header.top, window.top) + 6
        baseline = up(top) - HEADER_FONT_SIZE
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(bold=True), HEADER_FONT_SIZE)
        for line in wrap_text(lane.name or "(unnamed lane)", HEADER_FONT_SIZE, text_width, True, 3):
            canvas.drawString(text_left, baseline, printable(line))
            baseline -= HEADER_FONT_SIZE * 1.2
        if lane.organisation_name != lane.name:
            canvas.setFillColor(colour(MUTED_INK))
            canvas.setFont(font(), ORGANISATION_FONT_SIZE)
            for line in wrap_text(
                lane.organisation_name, ORGANISATION_FONT_SIZE, text_width, False, 2
            ):
                canvas.drawString(text_left, baseline, printable(line))
                baseline -= ORGANISATION_FONT_SIZE * 1.2


def draw_phase_headers(canvas: Canvas, picture: MapPicture, window: Rect) -> None:
    """The header of every phase that meets the window's columns."""
    phases = {phase.id: phase for phase in picture.path_map.phases}
    for column in picture.geometry.phases:
        if column.rect.right < window.left or column.rect.left > window.right:
            continue
        header = column.header
        _header_box(canvas, header)
        name = phases[column.phase_id].name or "(unnamed phase)"
        # Centre the name on the visible part of the column, so each tile shows it.
        left = max(header.left, window.left)
        right = min(header.right, window.right)
        if not phase_name_fits(name, PHASE_FONT_SIZE, right - left):
            continue  # a sliver of the column: its name prints whole on the neighbouring tile
        lines = wrap_text(name, PHASE_FONT_SIZE, max(40.0, right - left - 16), True, 2)
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(bold=True), PHASE_FONT_SIZE)
        middle = up(header.centre[1])
        first = middle + (len(lines) - 1) * PHASE_FONT_SIZE * 0.6 - PHASE_FONT_SIZE * 0.35
        for index, line in enumerate(lines):
            canvas.drawCentredString(
                (left + right) / 2, first - index * PHASE_FONT_SIZE * 1.2, printable(line)
            )


def draw_corner(canvas: Canvas, picture: MapPicture) -> None:
    """The box above the lane headers and left of the phase headers."""
    if not picture.geometry.phases:
        return
    top = picture.geometry.phases[0].header.top
    _header_box(canvas, Rect(-LANE_HEADER_WIDTH, top, LANE_HEADER_WIDTH, -top), "#FFFFFF")


def _header_box(canvas: Canvas, rect: Rect, fill: str = HEADER_FILL) -> None:
    """A header's box (layout coordinates): filled, with a grid-line outline."""
    canvas.setDash()
    canvas.setLineWidth(1)
    canvas.setStrokeColor(colour(GRID_LINE))
    canvas.setFillColor(colour(fill))
    canvas.rect(rect.left, up(rect.bottom), rect.width, rect.height, 1, 1)
