"""The report's chart: waiting and value-adding time, two bars per route on one time axis.

Waiting is often weeks and care minutes, so the axis is logarithmic and labelled in words (10m,
1h, 1d, 1w, ...): both bars show, and each says its figure in words beside it. A time no step
on the route records is shown as unknown, never as nothing. Routes are named by the branch
labels they take at decisions; the routes with the longest lead time come first. Waiting is
hatched as well as coloured, so the chart reads in grey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String

from pathmapper.analysis import Route
from pathmapper.analysis.route_titles import RouteTitles
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
BAR_HEIGHT = 7.0
ROW_HEIGHT = 36.0
AXIS_HEIGHT = 18.0
FONT_SIZE = 8.0
FIGURE_ROOM = 118.0  # right of the bars: each bar's figure in words
TICKS: tuple[tuple[float, str], ...] = (
    (1, "1m"),
    (10, "10m"),
    (60, "1h"),
    (8 * 60, "8h"),
    (24 * 60, "1d"),
    (7 * 24 * 60, "1w"),
    (4 * 7 * 24 * 60, "4w"),
    (13 * 7 * 24 * 60, "13w"),
    (52 * 7 * 24 * 60, "52w"),
    (260 * 7 * 24 * 60, "5y"),
)


def time_text(minutes: float, recorded: bool, lower_bound: bool = False) -> str:
    """A time in words: "unknown" when nothing records it, "none" when it is truly nothing."""
    if not recorded:
        return "unknown"
    if minutes <= 0:
        return "none"
    return ("at least " if lower_bound else "") + describe_minutes(minutes)


@dataclass(frozen=True)
class RouteBar:
    name: str
    waiting: float
    value_adding: float
    lead_time: float
    lower_bound: bool
    waits_known: bool
    value_adding_known: bool


def route_name(titles: RouteTitles, steps: tuple[str, ...], number: int) -> str:
    """ "Route 2: urgent → admitted" (`RouteTitles`)."""
    return f"Route {number}: " + printable(titles.of(steps))


def longest_routes(
    path_map: PathMap, routes: list[Route], count: int = TOP_ROUTES
) -> list[RouteBar]:
    ordered = sorted(routes, key=lambda route: route.lead_time_minutes, reverse=True)[:count]
    by_id = path_map.steps_by_id()
    titles = RouteTitles(path_map)
    bars = []
    for number, route in enumerate(ordered, start=1):
        steps = route.steps
        chosen = [by_id[step_id] for step_id in steps if step_id in by_id]
        bars.append(
            RouteBar(
                route_name(titles, steps, number),
                route.waiting_minutes,
                route.value_adding_minutes,
                route.lead_time_minutes,
                route.lead_time_is_lower_bound,
                any(step.wait_minutes is not None for step in chosen),
                any(step.value_added and step.duration_minutes is not None for step in chosen),
            )
        )
    return bars


@dataclass(frozen=True)
class TimeAxis:
    """Minutes to x along a logarithmic axis `length` points long."""

    low: float
    high: float
    length: float

    @classmethod
    def for_bars(cls, bars: list[RouteBar], length: float) -> TimeAxis:
        values = [value for bar in bars for value in (bar.waiting, bar.value_adding) if value > 0]
        smallest, largest = min(values, default=60.0), max(values, default=60.0)
        # A step of the scale below the shortest time, so its bar has length too.
        low = max((tick for tick, _ in TICKS if tick <= smallest / 3), default=TICKS[0][0])
        high = min((tick for tick, _ in TICKS if tick >= largest), default=TICKS[-1][0])
        if high <= low:
            high = next((tick for tick, _ in TICKS if tick > low), low * 10)
        return cls(low, high, length)

    def x(self, minutes: float) -> float:
        if minutes <= self.low:
            return 0.0
        share = math.log(min(minutes, self.high) / self.low) / math.log(self.high / self.low)
        return self.length * share

    def ticks(self) -> list[tuple[float, str]]:
        return [(self.x(tick), name) for tick, name in TICKS if self.low <= tick <= self.high]


def route_chart(bars: list[RouteBar], width: float) -> list[Drawing]:
    """The chart as drawings `width` wide, so it can break across pages between routes: a key
    and the axis, one drawing per route, and the axis again below."""
    regular = font()
    axis = TimeAxis.for_bars(bars, width - FIGURE_ROOM)
    key = _drawing(width, 16)
    x = 0.0
    for name, fill, hatched in (
        ("Waiting", WAIT_BADGE_COLOUR, True),
        ("Adding value (active time of value-adding steps)", DURATION_BADGE_COLOUR, False),
    ):
        _segment(key, x, 3, 14, 9, fill, hatched)
        key.add(String(x + 18, 4, name, fontName=regular, fontSize=FONT_SIZE))
        x += 30 + text_width(name, FONT_SIZE)
    drawings = [key, _axis_drawing(axis, width, above=True)]
    drawings += [_route_drawing(bar, width, axis) for bar in bars]
    drawings.append(_axis_drawing(axis, width, above=False))
    return drawings


def _axis_drawing(axis: TimeAxis, width: float, above: bool) -> Drawing:
    """The time axis: a line with a tick and its time in words at each step of the scale."""
    drawing = _drawing(width, AXIS_HEIGHT)
    line_y = 4.0 if above else AXIS_HEIGHT - 4.0
    ink = colour(MUTED_INK)
    drawing.add(Line(0, line_y, axis.length, line_y, strokeColor=ink, strokeWidth=0.8))
    for x, name in axis.ticks():
        tick_end = line_y + (-3 if above else 3)
        drawing.add(Line(x, line_y, x, tick_end, strokeColor=ink, strokeWidth=0.8))
        text_y = line_y + 4 if above else line_y - 12
        anchor = "start" if x < 1 else "end" if x > axis.length - 1 else "middle"
        drawing.add(
            String(x, text_y, name, fontName=font(), fontSize=7, fillColor=ink, textAnchor=anchor)
        )
    drawing.add(
        String(
            axis.length + 6,
            line_y - 2.5,
            "time (log scale)",
            fontName=font(),
            fontSize=7,
            fillColor=ink,
        )
    )
    return drawing


def _route_drawing(bar: RouteBar, width: float, axis: TimeAxis) -> Drawing:
    drawing = _drawing(width, ROW_HEIGHT)
    regular, bold = font(), font(bold=True)
    top = ROW_HEIGHT
    for x, _name in axis.ticks():
        drawing.add(Line(x, 2, x, top - 12, strokeColor=colour(GRID_LINE), strokeWidth=0.4))
    lead = "lead time " + time_text(bar.lead_time, bar.lead_time > 0, bar.lower_bound)
    room = width - text_width(lead, FONT_SIZE - 0.5) - 12
    name = elide(bar.name, FONT_SIZE, room, bold=True)
    drawing.add(String(0, top - 9, name, fontName=bold, fontSize=FONT_SIZE, fillColor=colour(INK)))
    drawing.add(
        String(
            width,
            top - 9,
            lead,
            fontName=regular,
            fontSize=FONT_SIZE - 0.5,
            fillColor=colour(MUTED_INK),
            textAnchor="end",
        )
    )
    rows = (
        ("waiting", bar.waiting, bar.waits_known, WAIT_BADGE_COLOUR, True),
        ("adding value", bar.value_adding, bar.value_adding_known, DURATION_BADGE_COLOUR, False),
    )
    y = top - 13 - BAR_HEIGHT
    for what, minutes, known, fill, hatched in rows:
        length = axis.x(minutes) if known and minutes > 0 else 0.0
        if known and minutes > 0:
            _segment(drawing, 0, y, max(length, 2.0), BAR_HEIGHT, fill, hatched)
        drawing.add(
            String(
                axis.length + 6,
                y + 1,
                f"{what} {time_text(minutes, known)}",
                fontName=regular,
                fontSize=FONT_SIZE - 0.5,
                fillColor=colour(INK if known else MUTED_INK),
            )
        )
        y -= BAR_HEIGHT + 3
    drawing.add(
        Line(0, y + BAR_HEIGHT + 3, 0, top - 12, strokeColor=colour(MUTED_INK), strokeWidth=0.8)
    )
    return drawing


def _drawing(width: float, height: float) -> Drawing:
    # Its initial font, or reportlab starts every drawing in an unembedded Helvetica.
    return Drawing(width, height, initialFontName=font(), initialFontSize=FONT_SIZE)


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
