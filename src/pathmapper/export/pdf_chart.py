"""The report's chart: waiting against value-adding time, one stacked bar per route.

Each bar is a route's lead time split into time waiting, time adding value, and other active
time; the routes with the longest lead time come first. Segments differ by colour and by
pattern (waiting is hatched), and each bar says its figures in words, so the chart reads in grey.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String

from pathmapper.analysis import Route
from pathmapper.export.pdf_shapes import colour, elide, font
from pathmapper.export.safe_text import printable
from pathmapper.layout import text_width
from pathmapper.layout.style import (
    DURATION_BADGE_COLOUR,
    GRID_LINE,
    INK,
    MUTED_INK,
    WAIT_BADGE_COLOUR,
)
from pathmapper.model import PathMap, describe_minutes

TOP_ROUTES = 12
BAR_HEIGHT = 13.0
ROW_HEIGHT = 34.0
FONT_SIZE = 8.0
OTHER_COLOUR = "#B8C4D0"


@dataclass(frozen=True)
class RouteBar:
    name: str
    waiting: float
    value_adding: float
    other: float
    lower_bound: bool

    @property
    def lead_time(self) -> float:
        return self.waiting + self.value_adding + self.other


def route_name(path_map: PathMap, route: Route, number: int) -> str:
    """ "Route 2: Breathless → … → Discharged (14 steps)", naming the ends by label."""
    steps = path_map.steps_by_id()
    first = steps.get(route.steps[0])
    last = steps.get(route.steps[-1])
    start = printable(first.label) if first is not None else "?"
    end = printable(last.label) if last is not None else "?"
    return f"Route {number}: {start} → {end} ({len(route.steps)} steps)"


def longest_routes(
    path_map: PathMap, routes: list[Route], count: int = TOP_ROUTES
) -> list[RouteBar]:
    ordered = sorted(routes, key=lambda route: route.lead_time_minutes, reverse=True)[:count]
    bars = []
    for number, route in enumerate(ordered, start=1):
        other = max(route.lead_time_minutes - route.waiting_minutes - route.value_adding_minutes, 0)
        bars.append(
            RouteBar(
                route_name(path_map, route, number),
                route.waiting_minutes,
                route.value_adding_minutes,
                other,
                route.lead_time_is_lower_bound,
            )
        )
    return bars


def route_chart(bars: list[RouteBar], width: float) -> list[Drawing]:
    """The chart as drawings `width` wide, so it can break across pages between routes: a key,
    then one per route with its name, its bar and its figures in words."""
    regular = font()
    key = Drawing(width, 16)
    x = 0.0
    for name, fill, hatched in (
        ("Waiting", WAIT_BADGE_COLOUR, True),
        ("Adding value", DURATION_BADGE_COLOUR, False),
        ("Other active time", OTHER_COLOUR, False),
    ):
        _segment(key, x, 3, 14, 9, fill, hatched)
        key.add(String(x + 18, 4, name, fontName=regular, fontSize=FONT_SIZE))
        x += 30 + text_width(name, FONT_SIZE)
    longest = max((bar.lead_time for bar in bars), default=0.0) or 1.0
    return [key] + [_route_drawing(bar, width, longest) for bar in bars]


def _route_drawing(bar: RouteBar, width: float, longest: float) -> Drawing:
    drawing = Drawing(width, ROW_HEIGHT)
    regular, bold = font(), font(bold=True)
    top = ROW_HEIGHT
    name = elide(bar.name, FONT_SIZE, width)
    drawing.add(String(0, top - 9, name, fontName=bold, fontSize=FONT_SIZE, fillColor=colour(INK)))
    bar_width = width - 4
    left = 0.0
    for minutes, fill, hatched in (
        (bar.waiting, WAIT_BADGE_COLOUR, True),
        (bar.value_adding, DURATION_BADGE_COLOUR, False),
        (bar.other, OTHER_COLOUR, False),
    ):
        length = bar_width * minutes / longest
        if length > 0:
            _segment(drawing, left, top - 12 - BAR_HEIGHT, length, BAR_HEIGHT, fill, hatched)
            left += length
    drawing.add(
        Line(0, top - 12 - BAR_HEIGHT, 0, top - 12, strokeColor=colour(GRID_LINE), strokeWidth=0.8)
    )
    prefix = "at least " if bar.lower_bound else ""
    figures = (
        f"lead time {prefix}{describe_minutes(bar.lead_time)}: "
        f"waiting {describe_minutes(bar.waiting)}, "
        f"adding value {describe_minutes(bar.value_adding)}, "
        f"other {describe_minutes(bar.other)}"
    )
    drawing.add(
        String(
            0,
            top - 12 - BAR_HEIGHT - 9,
            figures,
            fontName=regular,
            fontSize=FONT_SIZE - 0.5,
            fillColor=colour(MUTED_INK),
        )
    )
    return drawing


def _segment(
    drawing: Drawing, x: float, y: float, width: float, height: float, fill: str, hatched: bool
) -> None:
    drawing.add(
        Rect(
            x,
            y,
            width,
            height,
            fillColor=colour(fill),
            strokeColor=colour("#FFFFFF"),
            strokeWidth=0.5,
        )
    )
    if not hatched:
        return
    step = 5.0
    offset = 0.0
    while offset < width:
        end = min(offset + height, width)
        drawing.add(
            Line(
                x + offset,
                y,
                x + end,
                y + (end - offset),
                strokeColor=colour("#FFFFFF"),
                strokeWidth=0.7,
            )
        )
        offset += step
