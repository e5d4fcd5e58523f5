"""The PDF of a map: map pages (fit or tiles), then on request the workshop report and the
compare page (this map against another, `PdfOptions.comparison`).

    write_map_pdf(path_map, "out.pdf", PdfOptions(PageSetup("A3", "landscape", tile=True)))

Built with reportlab's platypus: one page template for the map (title block, map area, legend)
and one for the report (title block, text frame); every page gets "page N of M" once the total is
known. The file is written atomically: complete, or not at all.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from pathmapper.analysis import Analysis, analyse
from pathmapper.analysis.compare import MapComparison
from pathmapper.export.pdf_frame import (
    TitleBlock,
    draw_tile_marks,
    draw_title_block,
    footer_text,
    numbered_canvas_class,
    tile_note,
)
from pathmapper.export.pdf_headers import draw_corner, draw_lane_headers, draw_phase_headers
from pathmapper.export.pdf_legend import draw_legend, legend_height
from pathmapper.export.pdf_map import MapPicture, draw_body
from pathmapper.export.pdf_pages import MARGIN, PageBands, PageSetup, Tile, page_bands, plan_tiles
from pathmapper.export.pdf_shapes import colour
from pathmapper.io import MapSaveError, write_bytes_atomically
from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, Rect
from pathmapper.layout.style import GRID_LINE
from pathmapper.model import PathMap

REPORT_NOTE = "Workshop report"
COMPARE_NOTE = "Compared with the other map"


class PdfExportError(Exception):
    """The PDF could not be written (a folder that cannot be written, a full disk)."""


@dataclass(frozen=True)
class PdfOptions:
    setup: PageSetup = field(default_factory=PageSetup)
    report: bool = False
    file_name: str = ""  # the map's file name, for the title block and footer
    comparison: MapComparison | None = None  # adds the compare page (this map is B)
    compare_file_name: str = ""  # the file of map A, named on the compare page


class MapTileFlowable(Flowable):  # type: ignore[misc]
    """One map page. It fills the map area and draws at fixed page positions."""

    def __init__(self, picture: MapPicture, tile: Tile, bands: PageBands, block: TitleBlock):
        super().__init__()
        self.picture = picture
        self.tile = tile
        self.bands = bands
        self.block = block

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Fixed, just under the map area: one tile fills a page, and the next starts a new one.
        return (self.bands.content.width, self.bands.content.height - 1)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        draw_title_block(canvas, self.bands.title, self.block, tile_note(self.tile))
        draw_tile(canvas, self.picture, self.tile)
        if self.tile.tiled:
            draw_tile_marks(canvas, self.tile, bool(self.picture.geometry.phases))


def _clip(canvas: Any, rect: Rect) -> None:
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
    _clip(canvas, body)
    canvas.translate(tile.body_left - window.left * scale, tile.body_top + window.top * scale)
    canvas.scale(scale, scale)
    draw_body(canvas, picture, window)
    canvas.restoreState()

    canvas.saveState()
    _clip(canvas, headers)
    canvas.translate(tile.body_left, tile.body_top + window.top * scale)
    canvas.scale(scale, scale)
    draw_lane_headers(canvas, picture, window)
    canvas.restoreState()

    if phase_height:
        canvas.saveState()
        _clip(canvas, Rect(body.x, tile.body_top, body.width, phase_height))
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


def map_pdf_bytes(
    path_map: PathMap, options: PdfOptions | None = None, analysis: Analysis | None = None
) -> bytes:
    """The whole PDF as bytes."""
    options = options or PdfOptions()
    setup = options.setup
    file_name = options.file_name or "(not saved)"
    block = TitleBlock.of(path_map, Path(file_name).name)
    width = setup.page_size[0] - 2 * MARGIN
    bands = page_bands(setup, legend_height(width))
    report_bands = page_bands(setup, 0.0)
    picture = MapPicture.of(path_map)
    tiles = plan_tiles(picture.geometry, setup, bands.content)

    def on_map_page(canvas: Any, _document: Any) -> None:
        draw_legend(canvas, bands.legend)

    def on_report_page(canvas: Any, _document: Any) -> None:
        draw_title_block(canvas, report_bands.title, block, REPORT_NOTE)

    def on_compare_page(canvas: Any, _document: Any) -> None:
        draw_title_block(canvas, report_bands.title, block, COMPARE_NOTE)

    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=setup.page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=block.title,
        subject=f"Pathway map ({block.state})",
        creator="pathmapper",
        author="pathmapper",
    )
    map_frame = _frame("map", bands.content)
    report_frame = _frame("report", report_bands.content)
    document.addPageTemplates(
        [
            PageTemplate(id="map", frames=[map_frame], onPage=on_map_page),
            PageTemplate(id="report", frames=[report_frame], onPage=on_report_page),
            PageTemplate(
                id="compare",
                frames=[_frame("compare", report_bands.content)],
                onPage=on_compare_page,
            ),
        ]
    )
    story: list[Any] = [MapTileFlowable(picture, tile, bands, block) for tile in tiles]
    if options.report:
        from pathmapper.export.pdf_report import report_story

        story += [NextPageTemplate("report"), PageBreak()]
        story += report_story(path_map, analysis or analyse(path_map), report_bands.content.width)
    if options.comparison is not None:
        from pathmapper.export.pdf_compare import compare_story

        story += [NextPageTemplate("compare"), PageBreak()]
        story += compare_story(
            options.comparison, report_bands.content.width, options.compare_file_name, file_name
        )
    document.build(story, canvasmaker=numbered_canvas_class(footer_text(file_name)))
    return buffer.getvalue()


def _frame(name: str, area: Rect) -> Any:
    return Frame(
        area.x,
        area.y,
        area.width,
        area.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
        showBoundary=0,
    )


def write_map_pdf(
    path_map: PathMap,
    target: str | os.PathLike[str],
    options: PdfOptions | None = None,
    analysis: Analysis | None = None,
) -> None:
    """Write the PDF to `target` atomically: a temporary file in the same folder, then replace."""
    path = Path(target)
    data = map_pdf_bytes(path_map, options, analysis)
    try:
        write_bytes_atomically(
            path, data, lambda error: f"{path}: cannot write the PDF ({error.strerror or error})"
        )
    except MapSaveError as error:
        raise PdfExportError(str(error)) from None
