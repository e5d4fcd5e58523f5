"""What frames every page: the title block, the footer "page 3 of 7", and on tiles the crop
marks, overlap ticks and "row r, column c" markers that help to assemble a wall print."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas as ReportlabCanvas

from pathmapper.export.pdf_pages import MARGIN, MARK_SPACE, OVERLAP_POINTS, Tile
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
            f"row {tile.row}, column {tile.column}  "
            f"(of {tile.rows} × {tile.columns})  ·  scale {tile.scale:.0%}"
        )
    return f"whole map  ·  scale {tile.scale:.0%}"


def draw_tile_marks(canvas: Canvas, tile: Tile, has_phases: bool) -> None:
    """Crop marks at the printed area's corners, ticks where the overlap with each neighbour
    begins, and the neighbours' row and column beside each edge."""
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
    canvas.setFont(font(), 6.5)
    if tile.column > 1:
        _tick(canvas, body.x + OVERLAP_POINTS, top, bottom, "overlap")
    if tile.column < tile.columns:
        _tick(canvas, right - OVERLAP_POINTS, top, bottom, "overlap")
    middle = (top + bottom) / 2
    if tile.column < tile.columns:
        _side_label(canvas, right + MARK_SPACE * 0.6, middle, -90, f"column {tile.column + 1} →")
    if tile.column > 1:
        _side_label(canvas, left - MARK_SPACE * 0.6, middle, 90, f"← column {tile.column - 1}")
    if tile.row < tile.rows:
        canvas.drawCentredString(
            (left + right) / 2, bottom - MARK_SPACE * 0.7, f"row {tile.row + 1} ↓"
        )
    if tile.row > 1:
        canvas.drawCentredString(
            (left + right) / 2, top + MARK_SPACE * 0.35, f"row {tile.row - 1} ↑"
        )
    canvas.restoreState()


def _tick(canvas: Canvas, x: float, top: float, bottom: float, text: str) -> None:
    for y, direction in ((top, 1), (bottom, -1)):
        path = canvas.beginPath()
        path.moveTo(x, y + direction * 2)
        path.lineTo(x - 3, y + direction * 8)
        path.lineTo(x + 3, y + direction * 8)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.drawString(x + 5, top + 3, text)


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
