"""Paper, page bands and the cutting of a map into pages: one page to fit, or tiles to print big.

A page, top to bottom: the title block, the map area, the legend, the footer. Nothing is printed
too small to read: step labels and lane names are at least MIN_TEXT_POINTS high on paper, so a
map that does not fit one page legibly is tiled instead (`PagePlan.tiled_because` says why).

Tiling chooses the scale so every lane fits the page height where it can, then cuts the map
between columns of steps (and between lanes, if rows are needed): never through anything
`keep_whole` names. Tiles that would show nothing are left out, and an overview page comes first,
the whole map small with the tile grid and each tile's page number on it. Every tile repeats
the lane headers at its left and the phase headers at its top, so no page loses its names.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A1, A2, A3, A4, LETTER

from pathmapper.layout import (
    HEADER_FONT_SIZE,
    LABEL_FONT_SIZE,
    LANE_HEADER_WIDTH,
    PHASE_HEADER_HEIGHT,
    MapGeometry,
    Rect,
    text_width,
)

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
MARK_SPACE = 16.0  # around a tile's map area: crop marks and the neighbours' page numbers
MIN_TEXT_POINTS = 6.0  # the smallest step label or lane name printed, in points on paper
# The smallest scale at which step labels and lane names stay MIN_TEXT_POINTS high.
MIN_SCALE = MIN_TEXT_POINTS / min(LABEL_FONT_SIZE, HEADER_FONT_SIZE)
MAX_SCALE = 4.0
MAX_FIT_SCALE = 1.5
MAX_AUTO_TILE_SCALE = 1.0  # tiling never enlarges beyond the canvas's own size by itself
CUT_CLEARANCE = 8.0  # layout points kept between a page break and what it must not cut
PREFERRED_CUT_SHARE = 0.7  # a phase or lane boundary is preferred past this share of a page
PHASE_NAME_ROOM = 16.0  # the phase header's padding either side of its name
# The middle of a phase header that a page break keeps clear of: where its name is printed
# (the geometry holds the phase's column, not its name, so this is the usual name's width).
PHASE_NAME_KEPT_WIDTH = 192.0


class PageSetupError(ValueError):
    """A paper, orientation or scale that pathmapper cannot print."""


def paper_name(name: str) -> str:
    """The canonical spelling of a paper name (case-insensitive), or PageSetupError."""
    for known in PAPER_SIZES:
        if known.lower() == name.strip().lower():
            return known
    choices = ", ".join(PAPER_SIZES)
    raise PageSetupError(f"unknown paper '{name}': choose one of {choices}")


def printed_size(scale: float) -> float:
    """How high a step label prints at `scale`, in points."""
    return LABEL_FONT_SIZE * scale


@dataclass(frozen=True)
class PageSetup:
    """How to print: paper, orientation, fit to one page or tile, and the tiling scale
    (None: the largest that fits every lane on the page height, up to full size)."""

    paper: str = "A3"
    orientation: Orientation = "landscape"
    tile: bool = False
    scale: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper", paper_name(self.paper))
        if self.orientation not in ORIENTATIONS:
            raise PageSetupError(f"unknown orientation '{self.orientation}': landscape or portrait")
        scale = self.scale
        if scale is None:
            return
        if math.isnan(scale) or scale > MAX_SCALE or scale <= 0:
            raise PageSetupError(
                f"scale {scale:.0%} is out of range: between {MIN_SCALE:.0%} and {MAX_SCALE:.0%}"
            )
        if scale < MIN_SCALE - 1e-9:
            raise PageSetupError(
                f"at scale {scale:.0%} step labels would print {printed_size(scale):.1f} pt "
                f"high, too small to read: use {MIN_SCALE:.0%} or more"
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
    scale, and where the window's top-left corner lands on the page. `number` counts the tiles
    printed (from 1); `row` and `column` place it in the grid, blank cells included."""

    row: int  # from 1
    column: int  # from 1
    rows: int
    columns: int
    window: Rect
    scale: float
    body_left: float  # page x of the window's left edge (right of the lane headers)
    body_top: float  # page y of the window's top edge (below the phase headers)
    number: int = 1
    count: int = 1

    @property
    def tiled(self) -> bool:
        return self.count > 1

    @property
    def headers_left(self) -> float:
        return self.body_left - LANE_HEADER_WIDTH * self.scale

    def page_rect(self) -> Rect:
        """The window on the page: x, y = bottom-left, in page points."""
        width, height = self.window.width * self.scale, self.window.height * self.scale
        return Rect(self.body_left, self.body_top - height, width, height)


@dataclass(frozen=True)
class PagePlan:
    """The map's pages: one fitted page, or an overview (the whole map small) and the tiles."""

    tiles: list[Tile]
    overview: Tile | None = None
    tiled_because: str = ""  # set when a fit was asked for but would not be readable

    @property
    def page_count(self) -> int:
        return len(self.tiles) + (1 if self.overview is not None else 0)


def _phase_height(geometry: MapGeometry) -> float:
    return PHASE_HEADER_HEIGHT if geometry.phases else 0.0


def keep_whole(geometry: MapGeometry) -> list[Rect]:
    """Everything a page break must not cut through, in layout coordinates: every step box with
    its badges, every note, and the name of every phase header (as wide as it is drawn, centred
    on its column). Flow labels are left out: one sits in most gaps between columns, so keeping
    them whole would leave no gap to cut in."""
    rects = [box.footprint for box in geometry.steps.values()]
    rects += [note.rect for note in geometry.notes.values()]
    for column in geometry.phases:
        header = column.header
        width = min(header.width, PHASE_NAME_KEPT_WIDTH)
        rects.append(Rect(header.centre[0] - width / 2, header.y, width, header.height))
    return rects


def fit_tile(geometry: MapGeometry, area: Rect, centred: bool = True) -> Tile:
    """The whole map on one page, as large as fits (never more than MAX_FIT_SCALE), centred
    across the area and down it (or at its top, when not `centred`)."""
    body = geometry.body
    total_width = body.width + LANE_HEADER_WIDTH
    total_height = body.height + _phase_height(geometry)
    scale = min(area.width / total_width, area.height / max(total_height, 1.0), MAX_FIT_SCALE)
    left = area.x + (area.width - total_width * scale) / 2
    spare = area.height - total_height * scale
    top = area.y + area.height - (spare / 2 if centred else 0) - _phase_height(geometry) * scale
    return Tile(1, 1, 1, 1, body, scale, left + LANE_HEADER_WIDTH * scale, top)


def _inner(area: Rect) -> Rect:
    return Rect(
        area.x + MARK_SPACE,
        area.y + MARK_SPACE,
        area.width - 2 * MARK_SPACE,
        area.height - 2 * MARK_SPACE,
    )


def automatic_tile_scale(geometry: MapGeometry, area: Rect) -> float:
    """The largest scale, up to full size, at which every lane fits the page height; never
    below the smallest readable scale."""
    needed = geometry.body.height + _phase_height(geometry)
    fits = _inner(area).height / max(needed, 1.0)
    return max(MIN_SCALE, min(fits, MAX_AUTO_TILE_SCALE))


def _blocked(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping spans merged, in order."""
    merged: list[tuple[float, float]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _free(position: float, blocked: list[tuple[float, float]]) -> bool:
    return not any(low < position < high for low, high in blocked)


def page_breaks(
    start: float,
    end: float,
    window: float,
    blocked: list[tuple[float, float]],
    preferred: list[float],
) -> list[float]:
    """Where to cut [start, end] into pieces no longer than `window`: the edges, start to end.
    Each cut lies outside every blocked span; a preferred position (a phase or lane boundary)
    wins when it leaves the page at least PREFERRED_CUT_SHARE full; only a span longer than a
    page is cut through."""
    cuts = [start]
    while end - cuts[-1] > window:
        last = cuts[-1]
        limit = last + window
        free = [limit] if _free(limit, blocked) else []
        free += [low for low, _high in blocked if last < low <= limit]
        free = [position for position in free if position > last + 1]
        liked = [
            position
            for position in preferred
            if last + PREFERRED_CUT_SHARE * window <= position <= limit and _free(position, blocked)
        ]
        cuts.append(max(liked) if liked else max(free) if free else limit)
    cuts.append(end)
    return cuts


def tile_grid(geometry: MapGeometry, area: Rect, scale: float) -> list[Tile]:
    """The map cut into pages at `scale`, row by row, each repeating the headers; cells that
    would show nothing are left out."""
    inner = _inner(area)
    headers_width = LANE_HEADER_WIDTH * scale
    phase_height = _phase_height(geometry) * scale
    window_width = (inner.width - headers_width) / scale
    window_height = (inner.height - phase_height) / scale
    if window_width < 50 or window_height < 50:
        raise PageSetupError(
            f"at {scale:.0%} the paper leaves no room for the map beside the lane headers: "
            "use a smaller scale or larger paper"
        )
    body = geometry.body
    whole = keep_whole(geometry)
    columns = page_breaks(
        body.left,
        body.right,
        window_width,
        _blocked([(r.left - CUT_CLEARANCE, r.right + CUT_CLEARANCE) for r in whole]),
        [column.rect.right for column in geometry.phases],
    )
    in_body = [rect for rect in whole if rect.bottom > body.top]
    rows = page_breaks(
        body.top,
        body.bottom,
        window_height,
        _blocked([(r.top - CUT_CLEARANCE, r.bottom + CUT_CLEARANCE) for r in in_body]),
        [band.rect.bottom for band in geometry.lanes],
    )
    body_left = inner.x + headers_width
    body_top = inner.y + inner.height - phase_height
    cells: list[tuple[int, int, Rect]] = []
    for row, (top, bottom) in enumerate(itertools.pairwise(rows)):
        for column, (left, right) in enumerate(itertools.pairwise(columns)):
            window = Rect(left, top, right - left, bottom - top)
            if not in_body or any(rect.intersects(window) for rect in in_body):
                cells.append((row + 1, column + 1, window))
    if not cells:  # an empty map still prints one framed page
        cells = [(1, 1, Rect(body.left, body.top, window_width, window_height))]
    count = len(cells)
    return [
        Tile(
            row,
            column,
            len(rows) - 1,
            len(columns) - 1,
            window,
            scale,
            body_left,
            body_top,
            number,
            count,
        )
        for number, (row, column, window) in enumerate(cells, start=1)
    ]


def plan_pages(geometry: MapGeometry, setup: PageSetup, area: Rect) -> PagePlan:
    """One page to fit when that is readable; otherwise (or on request) an overview and tiles."""
    fit = fit_tile(geometry, area)
    because = ""
    if not setup.tile:
        if fit.scale >= MIN_SCALE or not geometry.steps:
            return PagePlan([fit])
        because = (
            f"the whole map on one {setup.paper} page would print at {fit.scale:.0%}, "
            f"step labels {printed_size(fit.scale):.1f} pt high: too small to read"
        )
    scale = setup.scale if setup.scale is not None else automatic_tile_scale(geometry, area)
    tiles = tile_grid(geometry, area, scale)
    if len(tiles) == 1:
        return PagePlan(tiles, None, because)
    return PagePlan(tiles, fit, because)


def tiling_message(plan: PagePlan) -> str:
    """The line the export says when it tiles a map that was asked to fit one page."""
    if not plan.tiled_because:
        return ""
    scale = plan.tiles[0].scale
    return (
        f"{plan.tiled_because}; printing it on {plan.page_count} pages instead "
        f"(an overview and {len(plan.tiles)} tiles at {scale:.0%})"
    )


def phase_name_fits(name: str, size: float, visible_width: float) -> bool:
    """Whether a phase name's longest word fits the visible part of its header."""
    words = name.split() or [name]
    widest = max(text_width(word, size, bold=True) for word in words)
    return widest + 2 * PHASE_NAME_ROOM <= visible_width
