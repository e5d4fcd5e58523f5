"""What frames every page: the title block, the footer "page 3 of 7", and on tiles the crop
marks and the neighbouring tiles' page numbers that help to assemble a wall print."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from reportlab.pdfgen.canvas import Canvas as ReportlabCanvas

from pathmapper.export.pdf_pages import MARGIN, MARK_SPACE, Tile
from pathmapper.export.pdf_shapes import Canvas, colour, elide, font
from pathmapper.export.safe_text import printable
from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, Rect, text_width
from pathmapper.layout.style import GRID_LINE, INK, MUTED_INK
from pathmapper.model import STATE_NAMES, PathMap

TITLE_FONT_SIZE = 14.0
DETAIL_FONT_SIZE = 8.5
FOOTER_FONT_SIZE = 8.0
MARK_LENGTH = 10.0


@dataclass(frozen=True)
class TitleBlock:
    """The facts every page shows about the map."""

    title: str
    state: str
    version_date: str
    file_name: str

    @classmethod
    def of(cls, path_map: PathMap, file_name: str) -> TitleBlock:
        return cls(
            title=printable(path_map.title).strip() or "Untitled pathway map",
            state=STATE_NAMES.get(path_map.state, path_map.state),
            version_date=version_date(path_map.modified),
            file_name=printable(file_name),
        )

    @property
    def details(self) -> str:
        return f"{self.state}  ·  version of {self.version_date}  ·  {self.file_name}"


def version_date(modified: str | None) -> str:
    """The map's last change as a date people read ("22 November 2026"), or today."""
    day = date.today()
    if modified:
        with contextlib.suppress(ValueError):
            day = datetime.fromisoformat(modified).date()
    return f"{day.day} {day:%B %Y}"


def draw_title_block(canvas: Canvas, band: Rect, block: TitleBlock, note: str = "") -> None:
    """Title and details on the left; `note` (what this page is) on the right."""
    canvas.saveState()
    right = band.x + band.width
    note_width = text_width(note, DETAIL_FONT_SIZE + 1, bold=True) if note else 0.0
    canvas.setFillColor(colour(INK))
    size = TITLE_FONT_SIZE
    title = block.title
    room = band.width - note_width - 24
    while size > 8 and text_width(title, size, bold=True) > room:
        size -= 0.5
    canvas.setFont(font(bold=True), size)
    canvas.drawString(
        band.x, band.y + band.height - TITLE_FONT_SIZE, elide(title, size, room, bold=True)
    )
    canvas.setFillColor(colour(MUTED_INK))
    canvas.setFont(font(), DETAIL_FONT_SIZE)
    canvas.drawString(band.x, band.y + 6, elide(block.details, DETAIL_FONT_SIZE, room))
    if note:
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(bold=True), DETAIL_FONT_SIZE + 1)
        canvas.drawRightString(right, band.y + band.height - TITLE_FONT_SIZE, printable(note))
    canvas.setStrokeColor(colour(GRID_LINE))
    canvas.setLineWidth(0.8)
    canvas.line(band.x, band.y, right, band.y)
    canvas.restoreState()


def tile_note(tile: Tile) -> str:
    if tile.tiled:
        return (
            f"tile {tile.number} of {tile.count}  ·  row {tile.row}, column {tile.column}  "
            f"·  scale {tile.scale:.0%}"
        )
    return f"whole map  ·  scale {tile.scale:.0%}"


Side = Literal["left", "right", "above", "below"]


def neighbours(tiles: list[Tile], tile: Tile) -> dict[Side, Tile]:
    """The printed tiles beside `tile` in the grid (a blank cell has none)."""
    at = {(other.row, other.column): other for other in tiles}
    places: dict[Side, tuple[int, int]] = {
        "left": (tile.row, tile.column - 1),
        "right": (tile.row, tile.column + 1),
        "above": (tile.row - 1, tile.column),
        "below": (tile.row + 1, tile.column),
    }
    return {side: at[place] for side, place in places.items() if place in at}


def draw_tile_marks(
    canvas: Canvas, tile: Tile, has_phases: bool, neighbour_pages: dict[Side, int]
) -> None:
    """Crop marks at the printed area's corners, and beside each edge the page number of the
    tile that continues the map there."""
    body = tile.page_rect()
    top = body.y + body.height + (PHASE_HEADER_HEIGHT * tile.scale if has_phases else 0.0)
    left = tile.body_left - LANE_HEADER_WIDTH * tile.scale
    right = body.x + body.width
    bottom = body.y
    canvas.saveState()
    canvas.setStrokeColor(colour(INK))
    canvas.setLineWidth(0.5)
    gap = 3.0
    for x, dx in ((left, -1), (right, 1)):
        for y, dy in ((bottom, -1), (top, 1)):
            canvas.line(x + dx * gap, y, x + dx * (gap + MARK_LENGTH), y)
            canvas.line(x, y + dy * gap, x, y + dy * (gap + MARK_LENGTH))
    canvas.setFillColor(colour(MUTED_INK))
    canvas.setFont(font(), 7)
    middle = (top + bottom) / 2
    if "right" in neighbour_pages:
        text = f"continues on page {neighbour_pages['right']} →"
        _side_label(canvas, right + MARK_SPACE * 0.6, middle, -90, text)
    if "left" in neighbour_pages:
        text = f"← continues from page {neighbour_pages['left']}"
        _side_label(canvas, left - MARK_SPACE * 0.6, middle, 90, text)
    if "below" in neighbour_pages:
        canvas.drawCentredString(
            (left + right) / 2,
            bottom - MARK_SPACE * 0.7,
            f"continues on page {neighbour_pages['below']} ↓",
        )
    if "above" in neighbour_pages:
        canvas.drawCentredString(
            (left + right) / 2, top + MARK_SPACE * 0.35, f"page {neighbour_pages['above']} ↑"
        )
    canvas.restoreState()


def _side_label(canvas: Canvas, x: float, y: float, angle: float, text: str) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.drawCentredString(0, -2, text)
    canvas.restoreState()


def numbered_canvas_class(footer_text: str) -> type[Any]:
    """A reportlab canvas that writes "page N of M" on every page once the total is known."""

    class NumberedCanvas(ReportlabCanvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's Helvetica, which no PDF should carry unembedded.
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = font()
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                ReportlabCanvas.showPage(self)
            ReportlabCanvas.save(self)

        def _draw_footer(self, total: int) -> None:
            width = float(self._pagesize[0])
            self.saveState()
            self.setFillColor(colour(MUTED_INK))
            self.setFont(font(), FOOTER_FONT_SIZE)
            self.drawString(MARGIN, MARGIN + 2, footer_text)
            self.drawRightString(width - MARGIN, MARGIN + 2, f"page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def footer_text(file_name: str) -> str:
    return f"Made with pathmapper  ·  {printable(Path(file_name).name)}"
