"""The PDF of a map: map pages (one fitted page, or an overview and tiles), and on request the
workshop report and the compare pictures (this map against another, `PdfOptions.comparison`).

    write_map_pdf(path_map, "out.pdf", PdfOptions(PageSetup("A3", "landscape", tile=True)))

With the report, the document opens with the report's first page (title, figures, the top
findings numbered), then the map pages with the same numbers marked, then the rest of the report;
report pages are portrait on `PdfOptions.report_paper`. Built with reportlab's platypus: page
templates for the map, the report and the compare pictures; every page gets "page N of M" once
the total is known. The file is written atomically: complete, or not at all.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
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
    neighbours,
    numbered_canvas_class,
    tile_note,
)
from pathmapper.export.pdf_legend import legend_height, place_legend
from pathmapper.export.pdf_map import MapPicture
from pathmapper.export.pdf_marks import Mark, draw_marks
from pathmapper.export.pdf_pages import (
    MARGIN,
    PageBands,
    PagePlan,
    PageSetup,
    Tile,
    page_bands,
    plan_pages,
)
from pathmapper.export.pdf_shapes import colour, font
from pathmapper.export.pdf_window import draw_tile
from pathmapper.io import MapSaveError, write_bytes_atomically
from pathmapper.layout import Rect, text_width
from pathmapper.layout.style import INK
from pathmapper.model import PathMap

if TYPE_CHECKING:  # the engine is imported only when a report has a simulation page
    from pathmapper.simulation import SimulationResult

REPORT_NOTE = "Workshop report"
COMPARE_NOTE = "Compared with the other map"
GRID_INK = "#1F5FA8"


class PdfExportError(Exception):
    """The PDF could not be written (a folder that cannot be written, a full disk)."""


@dataclass(frozen=True)
class PdfOptions:
    setup: PageSetup = field(default_factory=PageSetup)
    report: bool = False
    file_name: str = ""  # the map's file name, for the title block and footer
    comparison: MapComparison | None = None  # adds the compare pages (this map is B)
    compare_file_name: str = ""  # the file of map A, named on the compare pages
    report_paper: str = "A4"  # report pages are portrait on this paper
    compare_map: PathMap | None = None  # map A, drawn on the compare pictures
    # The report's simulation page: a result made already (the editor's); None: made at export
    # with the default settings when the map states demand.
    simulation: SimulationResult | None = None


class MapTileFlowable(Flowable):  # type: ignore[misc]
    """One map page. It fills the map area and draws at fixed page positions."""

    def __init__(
        self,
        picture: MapPicture,
        tile: Tile,
        plan: PagePlan,
        bands: PageBands,
        block: TitleBlock,
        marks: list[Mark],
    ):
        super().__init__()
        self.picture = picture
        self.tile = tile
        self.plan = plan
        self.bands = bands
        self.block = block
        self.marks = marks

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Fixed, just under the map area: one tile fills a page, and the next starts a new one.
        return (self.bands.content.width, self.bands.content.height - 1)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        draw_title_block(canvas, self.bands.title, self.block, tile_note(self.tile))
        draw_tile(canvas, self.picture, self.tile)
        draw_marks(canvas, self.tile, self.marks)
        if self.tile.tiled:
            page = canvas.getPageNumber()
            pages = {
                side: page + other.number - self.tile.number
                for side, other in neighbours(self.plan.tiles, self.tile).items()
            }
            draw_tile_marks(canvas, self.tile, bool(self.picture.geometry.phases), pages)


class OverviewFlowable(MapTileFlowable):
    """The page before the tiles: the whole map small, each tile's window outlined on it with
    the page that prints it."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        tile = self.tile
        count = len(self.plan.tiles)
        draw_title_block(canvas, self.bands.title, self.block, f"overview of {count} tiles")
        draw_tile(canvas, self.picture, tile)
        draw_marks(canvas, tile, self.marks)
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setDash(4, 3)
        canvas.setLineWidth(1.2)
        for other in self.plan.tiles:
            window = other.window
            left = tile.body_left + (window.left - tile.window.left) * tile.scale
            top = tile.body_top - (window.top - tile.window.top) * tile.scale
            width, height = window.width * tile.scale, window.height * tile.scale
            canvas.setStrokeColor(colour(GRID_INK))
            canvas.rect(left, top - height, width, height, 1, 0)
            text = f"page {page + other.number}"
            size = 9.0
            label = text_width(text, size, bold=True) + 8
            canvas.setFillColor(colour(GRID_INK))
            canvas.roundRect(left + 3, top - 17, label, 14, 3, 0, 1)
            canvas.setFillColor(colour("#FFFFFF"))
            canvas.setFont(font(bold=True), size)
            canvas.drawString(left + 7, top - 13, text)
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(), 9)
        canvas.drawString(
            self.bands.content.x,
            self.bands.content.y + 2,
            f"The map continues on {count} tiles at {self.plan.tiles[0].scale:.0%}, "
            "each with the lane names at its left: the outlines show which page prints which part.",
        )
        canvas.restoreState()


def map_pages(
    picture: MapPicture, plan: PagePlan, bands: PageBands, block: TitleBlock, marks: list[Mark]
) -> list[Flowable]:
    story: list[Flowable] = []
    if plan.overview is not None:
        story.append(OverviewFlowable(picture, plan.overview, plan, bands, block, marks))
    story += [MapTileFlowable(picture, tile, plan, bands, block, marks) for tile in plan.tiles]
    return story


def map_bands(setup: PageSetup) -> PageBands:
    return page_bands(setup, legend_height(setup.page_size[0] - 2 * MARGIN))


def map_page_plan(path_map: PathMap, setup: PageSetup) -> PagePlan:
    """The map's pages for `setup`: what the dialog and the command line ask before writing."""
    picture = MapPicture.of(path_map)
    return plan_pages(picture.geometry, setup, map_bands(setup).content)


def map_pdf_bytes(
    path_map: PathMap, options: PdfOptions | None = None, analysis: Analysis | None = None
) -> bytes:
    """The whole PDF as bytes."""
    return build_pdf(path_map, options, analysis)[0]


def build_pdf(
    path_map: PathMap, options: PdfOptions | None = None, analysis: Analysis | None = None
) -> tuple[bytes, PagePlan]:
    """The whole PDF as bytes, and how the map was cut into pages."""
    options = options or PdfOptions()
    setup = options.setup
    file_name = options.file_name or "(not saved)"
    block = TitleBlock.of(path_map, Path(file_name).name)
    bands = map_bands(setup)
    report_setup = PageSetup(options.report_paper, "portrait")
    report_bands = page_bands(report_setup, 0.0)
    compare_bands = page_bands(setup, 0.0)
    picture = MapPicture.of(path_map)
    plan = plan_pages(picture.geometry, setup, bands.content)

    def on_map_page(canvas: Any, _document: Any) -> None:
        place_legend(canvas, bands.legend)

    def on_report_page(canvas: Any, _document: Any) -> None:
        draw_title_block(canvas, report_bands.title, block, REPORT_NOTE)

    def on_compare_page(canvas: Any, _document: Any) -> None:
        draw_title_block(canvas, report_bands.title, block, COMPARE_NOTE)

    buffer = io.BytesIO()
    first_size = report_setup.page_size if options.report else setup.page_size
    document = BaseDocTemplate(
        buffer,
        pagesize=first_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=block.title,
        subject=f"Pathway map ({block.state})",
        creator="pathmapper",
        author="pathmapper",
    )
    templates = [
        PageTemplate(
            id="map",
            frames=[_frame("map", bands.content)],
            onPage=on_map_page,
            pagesize=setup.page_size,
        ),
        PageTemplate(
            id="report",
            frames=[_frame("report", report_bands.content)],
            onPage=on_report_page,
            pagesize=report_setup.page_size,
        ),
        PageTemplate(
            id="compare",
            frames=[_frame("compare", report_bands.content)],
            onPage=on_compare_page,
            pagesize=report_setup.page_size,
        ),
        PageTemplate(
            id="compare-pictures",
            frames=[_frame("compare-pictures", compare_bands.content)],
            pagesize=setup.page_size,
        ),
    ]
    if options.report:
        templates.insert(0, templates.pop(1))
    document.addPageTemplates(templates)
    story: list[Any] = []
    if options.report:
        from pathmapper.export import pdf_report

        analysis = analysis or analyse(path_map)
        ranked = pdf_report.ranked_findings(path_map, analysis)
        width, height = report_bands.content.width, report_bands.content.height
        first_page, shown = pdf_report.first_page_story(path_map, analysis, ranked, width, height)
        story += [*first_page, NextPageTemplate("map"), PageBreak()]
        marks = pdf_report.finding_marks(picture.geometry, ranked[:shown])
        story += map_pages(picture, plan, bands, block, marks)
        story += [NextPageTemplate("report"), PageBreak()]
        details = pdf_report.details_story(path_map, analysis, ranked, width)
        details += simulation_page(path_map, options.simulation, width)
        story += keep_tail_together(details, width, height)
    else:
        story += map_pages(picture, plan, bands, block, [])
    if options.comparison is not None:
        from pathmapper.export.pdf_compare import compare_pictures, compare_story

        if options.compare_map is not None:
            story += [NextPageTemplate("compare-pictures"), PageBreak()]
            story.append(
                compare_pictures(
                    options.compare_map, path_map, options.comparison, compare_bands, block
                )
            )
        story += [NextPageTemplate("compare"), PageBreak()]
        width, height = report_bands.content.width, report_bands.content.height
        compared = compare_story(options.comparison, width, options.compare_file_name, file_name)
        story += keep_tail_together(compared, width, height)
    document.build(story, canvasmaker=numbered_canvas_class(footer_text(file_name)))
    return buffer.getvalue(), plan


def simulation_page(path_map: PathMap, made: SimulationResult | None, width: float) -> list[Any]:
    """The report's what-if page, when the map states demand (`pdf_simulation`)."""
    from pathmapper.export import pdf_simulation

    simulated = made if made is not None else pdf_simulation.report_simulation(path_map)
    if simulated is None:
        return []
    return pdf_simulation.simulation_story(path_map, simulated, width)


LAST_PAGE_SHARE = 0.2  # the least of a page the last page of a part holds


def keep_tail_together(story: list[Any], width: float, height: float) -> list[Any]:
    """The story with its last flowables (at least LAST_PAGE_SHARE of a page of them) kept
    together, so a part never ends on a page with a line or two: if they do not fit after
    the rest, they move on together."""
    tail: list[Any] = []
    used = 0.0
    while story and used < LAST_PAGE_SHARE * height:
        flowable = story[-1]
        _width, needed = flowable.wrap(width, height)
        used += needed + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used > height * 0.9:  # a tail this tall could not move on whole
            break
        tail.insert(0, story.pop())
    return [*story, KeepTogether(tail)] if tail else story


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
) -> PagePlan:
    """Write the PDF to `target` atomically: a temporary file in the same folder, then replace.
    Returns how the map was cut into pages (`tiling_message` says if it had to be tiled)."""
    path = Path(target)
    data, plan = build_pdf(path_map, options, analysis)
    try:
        write_bytes_atomically(
            path, data, lambda error: f"{path}: cannot write the PDF ({error.strerror or error})"
        )
    except MapSaveError as error:
        raise PdfExportError(str(error)) from None
    return plan
