"""The report's simulation page (`simulation.md`): when the map states demand (arrivals at a
start step), what a simulation of it finds: the settings it used, the headline figures, a table
of every step with capacity, the steps whose queue grows, and the busiest queue over the weeks.

The simulation is made at export with the default settings and seed, so the same map always
prints the same page; a result made already (the editor's, the tests') can be handed in instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.platypus import PageBreak, Spacer, Table

from pathmapper.export.pdf_report import paragraph, table_style
from pathmapper.export.pdf_shapes import colour, elide, font
from pathmapper.export.safe_text import markup, printable
from pathmapper.export.simulation_figures import (
    busiest_step,
    has_demand,
    headline_figures,
    settings_text,
    step_figures,
    step_name,
)
from pathmapper.layout.style import BLUE, GRID_LINE, INK, MUTED_INK
from pathmapper.model import PathMap
from pathmapper.simulation import (
    SimulationRefused,
    SimulationResult,
    SimulationSettings,
    simulate,
)

REPORT_SETTINGS = SimulationSettings()  # 52 weeks after a 4-week warm-up, 20 runs, seed 1
UNSTABLE_RED = "#B3261E"
CHART_HEIGHT = 190.0
CHART_LEFT = 44.0  # room for the y axis's figures
CHART_BOTTOM = 30.0  # room for the x axis's weeks and its name
CHART_FONT = 8.0
MAX_STEP_ROWS = 200  # a table row cannot break across pages; no report needs more

Simulated = SimulationResult | str  # the result, or why the map cannot be simulated
SimulateMap = Callable[[PathMap, SimulationSettings], SimulationResult]


def _simulate_with_defaults(path_map: PathMap, settings: SimulationSettings) -> SimulationResult:
    """`simulate`, remembered for the last few maps: the same map and settings give the same
    result (the seed is fixed), and a map exported as a PDF and then as a report is simulated
    once."""
    text = json.dumps(path_map.to_document(), sort_keys=True, ensure_ascii=False)
    return _remembered(text, settings)


@lru_cache(maxsize=4)
def _remembered(document_text: str, settings: SimulationSettings) -> SimulationResult:
    return simulate(PathMap.model_validate_json(document_text), settings)


def report_simulation(
    path_map: PathMap, simulate_map: SimulateMap = _simulate_with_defaults
) -> Simulated | None:
    """The simulation the report prints: None when the map states no demand (no page)."""
    if not has_demand(path_map):
        return None
    try:
        return simulate_map(path_map, REPORT_SETTINGS)
    except SimulationRefused as refusal:
        return str(refusal)


def simulation_story(path_map: PathMap, simulated: Simulated, width: float) -> list[Any]:
    """The page's flowables, starting on a page of its own."""
    story: list[Any] = [PageBreak(), paragraph("What if: demand and capacity", "heading")]
    if isinstance(simulated, str):
        return [
            *story,
            paragraph(
                "The map states demand, but it cannot be simulated: " + markup(simulated) + "."
            ),
        ]
    result = simulated
    story.append(
        paragraph(
            f"Simulated: {settings_text(result.settings)}. Patients arrive at random at the "
            "stated rate; a step with capacity serves that many at once and the rest queue. "
            "Figures are means over the runs with their 95% range; a different seed gives "
            "slightly different figures.",
            "small",
        )
    )
    story.append(Spacer(1, 5))
    headline = Table(
        [
            [paragraph(markup(what), "cell"), paragraph(markup(figure), "cell_bold")]
            for what, figure in headline_figures(result)
        ],
        colWidths=[width * 0.32, width * 0.68],
    )
    headline.setStyle(table_style(header_row=False))
    story += [headline, Spacer(1, 8)]
    story += _step_table(path_map, result, width)
    if result.unstable:
        names = "; ".join(markup(step_name(path_map, step_id)) for step_id in result.unstable)
        story.append(Spacer(1, 5))
        story.append(
            paragraph(
                f'<font color="{UNSTABLE_RED}"><b>⚠ The queue grows without end at:</b></font> '
                f"{names}. More patients arrive there than its servers can see; its figures are "
                "those of the simulated weeks only.",
            )
        )
    busiest = busiest_step(result)
    if busiest is not None and busiest.queue_by_week:
        name = printable(step_name(path_map, busiest.id))
        story += [
            paragraph(f"The busiest queue: {markup(name)}", "subheading"),
            queue_chart(busiest.queue_by_week, width, name),
        ]
    return story


def _step_table(path_map: PathMap, result: SimulationResult, width: float) -> list[Any]:
    rows = step_figures(path_map, result)
    if not rows:
        return [paragraph("No step states a capacity, so no patient queues.")]
    header = [
        paragraph(text, "cell_bold")
        for text in (
            "Step",
            "Servers",
            "Arriving",
            "Busy",
            "Mean wait (95% range)",
            "Stated wait",
            "9 in 10 wait under",
            "Queue at end",
        )
    ]
    body = []
    for row in rows[:MAX_STEP_ROWS]:
        name = markup(row.name)
        if row.unstable:
            name = f'<font color="{UNSTABLE_RED}"><b>⚠ {name}</b><br/>queue grows</font>'
        body.append(
            [
                paragraph(name, "cell"),
                paragraph(row.servers, "cell"),
                paragraph(row.arrivals, "cell"),
                paragraph(row.utilisation, "cell"),
                paragraph(f"<b>{row.wait}</b><br/>{row.wait_range}", "cell"),
                paragraph(row.stated_wait, "cell"),
                paragraph(row.p90_wait, "cell"),
                paragraph(row.queue_at_end, "cell"),
            ]
        )
    shares = (0.22, 0.1, 0.11, 0.07, 0.17, 0.11, 0.11, 0.11)
    table = Table([header, *body], colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(table_style(header_row=True))
    story: list[Any] = [table]
    if len(rows) > MAX_STEP_ROWS:
        story.append(
            paragraph(
                f"…and {len(rows) - MAX_STEP_ROWS:,} more steps: pathmapper simulate lists "
                "them all.",
                "small",
            )
        )
    return story


def _nice_step(largest: float) -> float:
    """The step between the y axis's ticks: 1, 2 or 5 times a power of ten, 3 to 6 ticks."""
    if largest <= 0:
        return 1.0
    step = 1e-3
    while largest / step > 6:
        for factor in (2.0, 2.5, 2.0):  # 1, 2, 5, 10, 20, 50 ...
            step *= factor
            if largest / step <= 6:
                break
    return step


def queue_chart(lengths: tuple[float, ...], width: float, name: str) -> Drawing:
    """Patients waiting at the end of each week (mean over runs), week 1 to the last."""
    ink, muted = colour(INK), colour(MUTED_INK)
    drawing = Drawing(width, CHART_HEIGHT, initialFontName=font(), initialFontSize=CHART_FONT)
    plot_width = width - CHART_LEFT - 10
    plot_height = CHART_HEIGHT - CHART_BOTTOM - 14
    weeks = len(lengths)
    step = _nice_step(max(lengths))
    top = step * max(1, -(-max(lengths) // step))

    def x_at(week: float) -> float:
        return CHART_LEFT + plot_width * (week - 1) / max(weeks - 1, 1)

    def y_at(length: float) -> float:
        return CHART_BOTTOM + plot_height * length / top

    ticks = round(top / step)
    for index in range(ticks + 1):
        value = step * index
        y = y_at(value)
        drawing.add(Line(CHART_LEFT, y, CHART_LEFT + plot_width, y, strokeColor=colour(GRID_LINE)))
        label = f"{value:,.0f}" if step >= 1 else f"{value:,.2g}"
        drawing.add(
            String(CHART_LEFT - 4, y - 3, label, fontName=font(), fontSize=CHART_FONT,
                   fillColor=muted, textAnchor="end")
        )  # fmt: skip
    drawing.add(Line(CHART_LEFT, CHART_BOTTOM, CHART_LEFT, CHART_BOTTOM + plot_height,
                     strokeColor=ink, strokeWidth=1))  # fmt: skip
    drawing.add(Line(CHART_LEFT, CHART_BOTTOM, CHART_LEFT + plot_width, CHART_BOTTOM,
                     strokeColor=ink, strokeWidth=1))  # fmt: skip
    every = next(n for n in (1, 2, 4, 13, 26, 52, 104, 260, 520) if weeks / n <= 13)
    for week in [1, *range(every, weeks + 1, every)]:
        x = x_at(week)
        drawing.add(Line(x, CHART_BOTTOM, x, CHART_BOTTOM - 3, strokeColor=ink))
        drawing.add(
            String(x, CHART_BOTTOM - 12, str(week), fontName=font(), fontSize=CHART_FONT,
                   fillColor=muted, textAnchor="middle")
        )  # fmt: skip
    drawing.add(
        String(CHART_LEFT + plot_width / 2, 2, "week", fontName=font(), fontSize=CHART_FONT,
               fillColor=ink, textAnchor="middle")
    )  # fmt: skip
    caption = elide(f"patients waiting at {name}, at the end of each week", CHART_FONT, width)
    drawing.add(
        String(CHART_LEFT, CHART_HEIGHT - 9, caption, fontName=font(), fontSize=CHART_FONT,
               fillColor=ink)
    )  # fmt: skip
    points: list[float] = []
    for week, length in enumerate(lengths, start=1):
        points += [x_at(week), y_at(length)]
    drawing.add(PolyLine(points, strokeColor=colour(BLUE), strokeWidth=2.2))
    return drawing
