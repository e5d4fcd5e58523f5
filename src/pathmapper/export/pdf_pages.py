"""Paper, page bands and the cutting of a map into pages: one page to fit, or tiles to print big.

A page, top to bottom: the title block, the map area, the legend, the footer. Fitting scales the
whole map (headers included) into the map area. Tiling keeps a readable scale and cuts the lane
bodies into a grid of windows that overlap by OVERLAP_POINTS on paper; every tile repeats the
lane headers at its left and the phase headers at its top, so no page loses its names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A1, A2, A3, A4, LETTER

from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, MapGeometry, Rect

PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (float(A4[0]), float(A4[1])),
    "A3": (float(A3[0]), float(A3[1])),
    "A2": (float(A2[0]), float(A2[1])),
    "A1": (float(A1[0]), float(A1[1])),
    "Letter": (float(LETTER[0]), float(LETTER[1])),
}
Orientation = Literal["landscape", "portrait"]
ORIENTATIONS: tuple[Orientation, ...] = ("landscape", "portrait")

MM = 72 / 25.4
MARGIN = 10 * MM
TITLE_BLOCK_HEIGHT = 36.0
FOOTER_HEIGHT = 12.0
BAND_GAP = 8.0
MARK_SPACE = 16.0  # around a tile's map area: crop marks and "row r, column c" markers
OVERLAP_POINTS = 12 * MM  # on paper, between neighbouring tiles
MAX_FIT_SCALE = 1.5
MIN_SCALE = 0.1
MAX_SCALE = 4.0


class PageSetupError(ValueError):
    """A paper, orientation or scale that pathmapper cannot print."""


def paper_name(name: str) -> str:
    """The canonical spelling of a paper name (case-insensitive), or PageSetupError."""
    for known in PAPER_SIZES:
        if known.lower() == name.strip().lower():
            return known
    choices = ", ".join(PAPER_SIZES)
    raise PageSetupError(f"unknown paper '{name}': choose one of {choices}")


@dataclass(frozen=True)
class PageSetup:
    """How to print: paper, orientation, fit to one page or tile, and the tiling scale."""

    paper: str = "A3"
    orientation: Orientation = "landscape"
    tile: bool = False
    scale: float = 1.0  # of the tiles; fitting chooses its own

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper", paper_name(self.paper))
        if self.orientation not in ORIENTATIONS:
            raise PageSetupError(f"unknown orientation '{self.orientation}': landscape or portrait")
        if not (MIN_SCALE <= self.scale <= MAX_SCALE) or math.isnan(self.scale):
            raise PageSetupError(
                f"scale {self.scale:g} is out of range: between {MIN_SCALE:g} and {MAX_SCALE:g}"
            )

    @property
    def page_size(self) -> tuple[float, float]:
        short, long = sorted(PAPER_SIZES[self.paper])
        return (long, short) if self.orientation == "landscape" else (short, long)


@dataclass(frozen=True)
class PageBands:
    """Where each band of a page lies, in page points (PDF y up)."""

    width: float
    height: float
    title: Rect  # x, y = bottom-left
    content: Rect  # the map area, or the report's text frame
    legend: Rect
    footer: Rect


def page_bands(setup: PageSetup, legend_height: float) -> PageBands:
    width, height = setup.page_size
    inner = width - 2 * MARGIN
    footer = Rect(MARGIN, MARGIN, inner, FOOTER_HEIGHT)
    legend = Rect(MARGIN, footer.y + FOOTER_HEIGHT + BAND_GAP, inner, legend_height)
    title = Rect(MARGIN, height - MARGIN - TITLE_BLOCK_HEIGHT, inner, TITLE_BLOCK_HEIGHT)
    content_bottom = legend.y + legend_height + BAND_GAP
    content = Rect(MARGIN, content_bottom, inner, title.y - BAND_GAP - content_bottom)
    return PageBands(width, height, title, content, legend, footer)


@dataclass(frozen=True)
class Tile:
    """One page of the map: the window of the lane bodies it shows (layout coordinates), the
    scale, and where the window's top-left corner lands on the page."""

    row: int  # from 1
    column: int  # from 1
    rows: int
    columns: int
    window: Rect
    scale: float
    body_left: float  # page x of the window's left edge (right of the lane headers)
    body_top: float  # page y of the window's top edge (below the phase headers)

    @property
    def tiled(self) -> bool:
        return self.rows * self.columns > 1

    @property
    def headers_left(self) -> float:
        return self.body_left - LANE_HEADER_WIDTH * self.scale

    def page_rect(self) -> Rect:
        """The window on the page: x, y = bottom-left, in page points."""
        width, height = self.window.width * self.scale, self.window.height * self.scale
        return Rect(self.body_left, self.body_top - height, width, height)


def _phase_height(geometry: MapGeometry) -> float:
    return PHASE_HEADER_HEIGHT if geometry.phases else 0.0


def fit_tile(geometry: MapGeometry, area: Rect) -> Tile:
    """The whole map on one page, as large as fits (never more than MAX_FIT_SCALE)."""
    body = geometry.body
    total_width = body.width + LANE_HEADER_WIDTH
    total_height = body.height + _phase_height(geometry)
    scale = min(area.width / total_width, area.height / max(total_height, 1.0), MAX_FIT_SCALE)
    left = area.x + (area.width - total_width * scale) / 2
    top = area.y + area.height - _phase_height(geometry) * scale
    return Tile(1, 1, 1, 1, body, scale, left + LANE_HEADER_WIDTH * scale, top)


def tile_grid(geometry: MapGeometry, area: Rect, scale: float) -> list[Tile]:
    """The map cut into pages at `scale`, row by row, each repeating the headers."""
    inner = Rect(
        area.x + MARK_SPACE,
        area.y + MARK_SPACE,
        area.width - 2 * MARK_SPACE,
        area.height - 2 * MARK_SPACE,
    )
    headers_width = LANE_HEADER_WIDTH * scale
    phase_height = _phase_height(geometry) * scale
    window_width = (inner.width - headers_width) / scale
    window_height = (inner.height - phase_height) / scale
    if window_width < 50 or window_height < 50:
        raise PageSetupError(
            f"at {scale:.0%} the paper leaves no room for the map beside the lane headers: "
            "use a smaller scale or larger paper"
        )
    overlap = OVERLAP_POINTS / scale
    body = geometry.body
    columns = _count(body.width, window_width, overlap)
    rows = _count(body.height, window_height, overlap)
    tiles: list[Tile] = []
    body_left = inner.x + headers_width
    body_top = inner.y + inner.height - phase_height
    for row in range(rows):
        for column in range(columns):
            window = Rect(
                body.left + column * (window_width - overlap),
                body.top + row * (window_height - overlap),
                window_width,
                window_height,
            )
            tiles.append(
                Tile(row + 1, column + 1, rows, columns, window, scale, body_left, body_top)
            )
    return tiles


def _count(length: float, window: float, overlap: float) -> int:
    if length <= window:
        return 1
    return math.ceil((length - overlap) / (window - overlap))


def plan_tiles(geometry: MapGeometry, setup: PageSetup, area: Rect) -> list[Tile]:
    if setup.tile:
        return tile_grid(geometry, area, setup.scale)
    return [fit_tile(geometry, area)]
