"""The workshop report: page 1 with the summary figures and the top findings ranked and
numbered (the numbers are marked on the map pages that follow it); after the map, the route
chart, the handoff matrix, every finding grouped by the advice it shares, and every comment
grouped by kind, top-voted first.

Platypus flowables in the shipped DejaVu Sans; every piece of map text goes through
`safe_text.markup`, so a label like `<b>` or `&` prints literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from pathmapper.analysis import CATEGORY_ORDER, Analysis, Finding
from pathmapper.export.csv_tables import describe_element
from pathmapper.export.pdf_chart import longest_routes, route_chart, time_text
from pathmapper.export.pdf_marks import Mark, mark_for
from pathmapper.export.pdf_shapes import colour, font
from pathmapper.export.safe_text import markup
from pathmapper.layout import MapGeometry
from pathmapper.layout.style import COMMENT_STYLES, GRID_LINE, HEADER_FILL, INK, MUTED_INK
from pathmapper.model import COMMENT_KINDS, PathMap

MATRIX_NAME_CHARS = 120  # a few lines in the narrowest column; a row must fit a page

SEVERITY_NAMES = {"error": "Error", "warning": "Warning", "info": "Note"}
SEVERITY_COLOURS = {"error": "#B3261E", "warning": "#9A6B00", "info": "#2A5F9E"}


@cache
def styles() -> dict[str, ParagraphStyle]:
    regular, bold = font(), font(bold=True)
    registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    ink = colour(INK)
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, textColor=ink),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5,
            keepWithNext=1, textColor=ink,
        ),
        "subheading": ParagraphStyle(
            "subheading", fontName=bold, fontSize=10.5, leading=13, spaceBefore=7, spaceAfter=3,
            keepWithNext=1, textColor=ink,
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9, leading=12, textColor=ink),
        "item": ParagraphStyle(
            "item", fontName=regular, fontSize=9, leading=12, spaceAfter=5, textColor=ink
        ),
        "small": ParagraphStyle(
            "small", fontName=regular, fontSize=8, leading=10, textColor=colour(MUTED_INK)
        ),
        "listed": ParagraphStyle(
            "listed", fontName=regular, fontSize=9, leading=12, spaceAfter=2, textColor=ink
        ),
        "listed_kept": ParagraphStyle(
            "listed_kept", fontName=regular, fontSize=9, leading=12, spaceAfter=2,
            keepWithNext=1, textColor=ink,
        ),
        "advice": ParagraphStyle(
            "advice", fontName=regular, fontSize=8, leading=10, spaceBefore=1, spaceAfter=7,
            leftIndent=12, textColor=ink,
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5, textColor=ink),
        "cell_bold": ParagraphStyle(
            "cell_bold", fontName=bold, fontSize=8.5, leading=10.5, textColor=ink
        ),
    }  # fmt: skip


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup (map text inside it must already be escaped)."""
    return Paragraph(text, styles()[style])


def table_style(header_row: bool = True, header_column: bool = False) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colour(GRID_LINE)),
        # Empty cells too, or reportlab sets its unembedded Helvetica for them.
        ("FONTNAME", (0, 0), (-1, -1), font()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_row:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colour(HEADER_FILL)))
    if header_column:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colour(HEADER_FILL)))
    return TableStyle(commands)


TOP_FINDINGS = 10  # numbered on page 1 and marked on the map pages
BOTTLENECKS_ON_PAGE_ONE = 8  # named on page 1; a longer list follows the map
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
MARK_INKS = {"error": "#B3261E", "warning": "#8A5A00", "info": "#2A5F9E"}


def plural(count: int, word: str, many: str = "") -> str:
    """ "1 error", "3 errors", "0 notes"."""
    return f"{count} {word if count == 1 else many or word + 's'}"


@dataclass(frozen=True)
class RankedFinding:
    number: int  # from 1, in rank order
    finding: Finding
    routes: int  # how many routes pass through a step it concerns


def ranked_findings(path_map: PathMap, analysis: Analysis) -> list[RankedFinding]:
    """Every finding, errors first, then warnings, then notes; within each, those touching the
    most routes first (the analysis's order breaks ties)."""
    flows = {flow.id: flow for flow in path_map.flows}
    # Each step's routes as the bits of one integer, so a finding's count is one OR away.
    routes_through: dict[str, int] = {}
    for index, route in enumerate(analysis.routes):
        for step_id in set(route.steps):
            routes_through[step_id] = routes_through.get(step_id, 0) | (1 << index)
    counted: list[tuple[Finding, int]] = []
    for finding in analysis.findings:
        touched = 0
        for element in finding.elements:
            flow = flows.get(element)
            for step_id in (flow.source, flow.target) if flow is not None else (element,):
                touched |= routes_through.get(step_id, 0)
        counted.append((finding, touched.bit_count()))
    order = sorted(
        range(len(counted)),
        key=lambda index: (
            SEVERITY_RANK.get(counted[index][0].severity, 3),
            -counted[index][1],
            index,
        ),
    )
    return [RankedFinding(number, *counted[index]) for number, index in enumerate(order, start=1)]


def finding_marks(geometry: MapGeometry, ranked: list[RankedFinding]) -> list[Mark]:
    """The top findings' numbers, on the first step (or flow, or lane) each concerns."""
    marks = []
    for item in ranked[:TOP_FINDINGS]:
        ink = MARK_INKS.get(item.finding.severity, INK)
        mark = mark_for(geometry, item.finding.elements, str(item.number), ink)
        if mark is not None:
            marks.append(mark)
    return marks


def first_page_story(
    path_map: PathMap,
    analysis: Analysis,
    ranked: list[RankedFinding],
    width: float,
    height: float,
) -> tuple[list[Any], int]:
    """Page 1, for a frame `width` by `height`: what the map is, its figures, and as many of
    the top findings (up to TOP_FINDINGS) as the page holds, ranked and numbered. Returns the
    flowables and how many findings they show."""
    story: list[Any] = [paragraph("Workshop report", "title"), Spacer(1, 4)]
    if path_map.description.strip():
        story.append(paragraph(markup(path_map.description)))
    story += summary_section(path_map, analysis, width)
    story.append(paragraph("Top findings", "heading"))
    if not ranked:
        return [*story, paragraph("The analysis found nothing to raise.")], 0
    used = sum(_height(flowable, width, height) for flowable in story)
    note = paragraph(
        "Errors first, then the findings that touch the most routes. The numbers are marked "
        "on the map pages; every finding is listed after the map.",
        "small",
    )
    used += _height(note, width, height) + 3
    story += [note, Spacer(1, 3)]
    shown = 0
    for item in ranked[:TOP_FINDINGS]:
        text = (
            f"<b>{item.number}.</b>  {_severity_tag(item.finding)}  "
            f"{markup(item.finding.message)}  {_touches(item.routes)}"
        )
        line = paragraph(text, "item")
        needed = _height(line, width, height)
        if shown and used + needed > height - 2:
            break
        story.append(line)
        used += needed
        shown += 1
    return story, shown


def _height(flowable: Any, width: float, height: float) -> float:
    """The height a flowable takes in a frame, its spacing included."""
    _width, needed = flowable.wrap(width, height)
    return float(needed + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def details_story(
    path_map: PathMap, analysis: Analysis, ranked: list[RankedFinding], width: float
) -> list[Any]:
    """After the map pages: the routes, the handoffs, every finding and every comment."""
    story: list[Any] = []
    story += route_section(path_map, analysis, width)
    story += bottleneck_section(path_map, analysis)
    story += handoff_section(analysis, width)
    story += findings_section(ranked)
    story += comments_section(path_map)
    return story


def recorded_time(path_map: PathMap, step_ids: Iterable[str]) -> tuple[bool, bool]:
    """Whether any of the steps records a wait, and whether any value-adding one records how
    long it takes: without either, the time is unknown, not none."""
    steps = path_map.steps_by_id()
    chosen = [steps[step_id] for step_id in step_ids if step_id in steps]
    waits = any(step.wait_minutes is not None for step in chosen)
    active = any(step.value_added and step.duration_minutes is not None for step in chosen)
    return waits, active


def _minutes(value: Any, lower_bound: bool = False) -> str:
    if value is None:
        return "no route from a start to an end"
    minutes = float(value)
    # Nothing known on the route is an unknown time, not a time of nothing.
    return time_text(minutes, minutes > 0 or not lower_bound, lower_bound)


def summary_figures(path_map: PathMap, analysis: Analysis) -> list[tuple[str, str]]:
    """The summary as (what, figure) pairs, in words."""
    summary = analysis.summary
    bound = bool(summary["lead_time_is_lower_bound"])
    routes = f"{summary['routes']}" + (" (more not counted)" if summary["routes_truncated"] else "")
    waits, active = recorded_time(path_map, (step.id for step in path_map.steps))
    findings = ", ".join(
        (
            plural(int(summary["errors"]), "error"),
            plural(int(summary["warnings"]), "warning"),
            plural(int(summary["infos"]), "note"),
        )
    )
    return [
        ("Steps", str(summary["steps"])),
        ("Flows", str(summary["flows"])),
        ("Lanes", str(summary["lanes"])),
        ("Organisations", str(summary["organisations"])),
        ("Decisions", str(summary["decisions"])),
        ("Handoffs between lanes", str(summary["handoffs"])),
        ("Handoffs between organisations", str(summary["cross_org_handoffs"])),
        ("Loops (unexpected)", str(summary["loops"])),
        ("Loops marked as expected", str(summary["expected_loops"])),
        ("Routes from a start to an end", routes),
        ("Longest lead time", _minutes(summary["lead_time_max_minutes"], bound)),
        ("Shortest lead time", _minutes(summary["lead_time_min_minutes"], bound)),
        ("Most patient contacts on a route", str(summary["patient_contacts_max"])),
        ("Most handoffs on a route", str(summary["handoffs_max_per_route"])),
        ("Waiting time, all steps", time_text(analysis.waiting_minutes_total, waits)),
        (
            "Value-adding time, all steps",
            time_text(analysis.value_adding_minutes_total, active),
        ),
        ("Findings", findings),
    ]


def summary_section(path_map: PathMap, analysis: Analysis, width: float) -> list[Any]:
    figures = summary_figures(path_map, analysis)
    half = (len(figures) + 1) // 2
    rows = []
    for index in range(half):
        row = [
            paragraph(markup(figures[index][0]), "cell"),
            paragraph(markup(figures[index][1]), "cell_bold"),
        ]
        if index + half < len(figures):
            what, figure = figures[index + half]
            row += [paragraph(markup(what), "cell"), paragraph(markup(figure), "cell_bold")]
        else:
            row += ["", ""]
        rows.append(row)
    column = width / 2
    table = Table(rows, colWidths=[column * 0.56, column * 0.44] * 2)
    table.setStyle(table_style(header_row=False))
    story: list[Any] = [paragraph("Summary", "heading"), table]
    names = bottleneck_names(path_map, analysis)
    if names:
        shown = "; ".join(names[:BOTTLENECKS_ON_PAGE_ONE])
        if len(names) > BOTTLENECKS_ON_PAGE_ONE:
            more = len(names) - BOTTLENECKS_ON_PAGE_ONE
            shown += f"; and {more} more, listed after the map"
        story += [Spacer(1, 5), paragraph("<b>Every route passes through:</b> " + shown)]
    return story


def bottleneck_names(path_map: PathMap, analysis: Analysis) -> list[str]:
    """The steps every route passes through, named (markup)."""
    steps = path_map.steps_by_id()
    return [
        markup(describe_element(path_map, step_id))
        for step_id in analysis.bottlenecks
        if step_id in steps
    ]


def bottleneck_section(path_map: PathMap, analysis: Analysis) -> list[Any]:
    """All the steps every route passes through, when page 1 had room for only some."""
    names = bottleneck_names(path_map, analysis)
    if len(names) <= BOTTLENECKS_ON_PAGE_ONE:
        return []
    return [
        paragraph(f"Steps every route passes through ({len(names)})", "heading"),
        paragraph("; ".join(names)),
    ]


def _severity_tag(finding: Finding) -> str:
    severity = SEVERITY_NAMES.get(finding.severity, finding.severity)
    tint = SEVERITY_COLOURS.get(finding.severity, INK)
    return f'<font color="{tint}"><b>{severity}</b></font>'


def _touches(routes: int) -> str:
    """ "on 3 routes"; nothing for a finding off every route (or a map with none)."""
    if not routes:
        return ""
    return f'<font size="8" color="{MUTED_INK}">on {plural(routes, "route")}</font>'


def route_section(path_map: PathMap, analysis: Analysis, width: float) -> list[Any]:
    story: list[Any] = [paragraph("Waiting and value-adding time per route", "heading")]
    if not analysis.routes:
        return [*story, paragraph("There is no route from a start step to an end step to chart.")]
    bars = longest_routes(path_map, analysis.routes)
    total = f"{len(analysis.routes)}" + (" or more" if analysis.routes_truncated else "")
    if len(analysis.routes) > len(bars) or analysis.routes_truncated:
        note = f"The {len(bars)} routes with the longest lead time, of {total} routes in all."
    else:
        note = (
            "The only route." if total == "1" else f"All {total} routes, longest lead time first."
        )
    note += (
        " Routes are named by the way they take wherever the pathway forks. The time axis is "
        "logarithmic, so minutes of care and weeks of waiting both show."
    )
    story.append(paragraph(note, "small"))
    story.append(Spacer(1, 4))
    story += route_chart(bars, width)
    return story


def _matrix_name(name: str) -> str:
    """An organisation's name as a cell of the handoff table shows it: a table row cannot
    break across pages, so a name pasted in at great length is cut short."""
    short = name if len(name) <= MATRIX_NAME_CHARS else name[: MATRIX_NAME_CHARS - 1] + "…"
    return markup(short)


def handoff_section(analysis: Analysis, width: float) -> list[Any]:
    story: list[Any] = [paragraph("Handoffs between organisations", "heading")]
    matrix = analysis.handoff_matrix
    if not matrix:
        return [*story, paragraph("No flow crosses from one organisation to another.")]
    sources = sorted({source for source, _ in matrix})
    targets = sorted({target for _, target in matrix})
    header = [paragraph("from \\ to", "cell_bold")] + [
        paragraph(_matrix_name(name), "cell_bold") for name in targets
    ]
    rows: list[list[Any]] = [header]
    for source in sources:
        row: list[Any] = [paragraph(_matrix_name(source), "cell_bold")]
        for target in targets:
            count = matrix.get((source, target), 0)
            row.append(paragraph(str(count) if count else "·", "cell"))
        rows.append(row)
    first = min(width * 0.28, 150.0)
    others = (width - first) / max(len(targets), 1)
    table = Table(rows, colWidths=[first] + [others] * len(targets), repeatRows=1)
    table.setStyle(table_style(header_row=True, header_column=True))
    note = paragraph(
        "Each figure counts the flows that hand a patient from the organisation on the left to "
        "the organisation at the top.",
        "small",
    )
    return [*story, note, Spacer(1, 4), table]


# Per category. A tangle of arrows can raise findings by the ten thousand (a complete graph of
# 25 steps in 25 lanes: 13,500 handoffs), and typesetting each one takes a report minutes; no
# workshop reads past the first few hundred.
MAX_FINDINGS_LISTED = 300


def findings_section(ranked: list[RankedFinding]) -> list[Any]:
    """Every finding by category, and within it by kind: the advice for a kind is said once,
    after its findings."""
    story: list[Any] = [paragraph("All findings", "heading")]
    if not ranked:
        return [*story, paragraph("The analysis found nothing to raise.")]
    categories = list(CATEGORY_ORDER) + sorted(
        {item.finding.category for item in ranked} - set(CATEGORY_ORDER)
    )
    for category in categories:
        items = [item for item in ranked if item.finding.category == category]
        if not items:
            continue
        story.append(paragraph(f"{markup(category)} ({len(items)})", "subheading"))
        by_kind: dict[str, list[RankedFinding]] = {}
        for item in items[:MAX_FINDINGS_LISTED]:
            by_kind.setdefault(item.finding.code, []).append(item)
        for group in by_kind.values():
            # A short group is kept with its advice; a long one may break between findings.
            style = "listed_kept" if len(group) <= 6 else "listed"
            story += [
                paragraph(
                    f"<b>{item.number}.</b>  {_severity_tag(item.finding)}  "
                    f"{markup(item.finding.message)}",
                    style,
                )
                for item in group
            ]
            advice = kind_advice(group)
            if advice:
                story.append(paragraph(f'<font color="{MUTED_INK}">{advice}</font>', "advice"))
        if len(items) > MAX_FINDINGS_LISTED:
            left = len(items) - MAX_FINDINGS_LISTED
            more = f"…and {left:,} more: pathmapper check lists them all."
            story.append(paragraph(more, "small"))
    return story


def kind_advice(group: list[RankedFinding]) -> str:
    """What to do about findings of one kind, said once (markup): the advice they share, or,
    where each names its own steps, the first one's as the example."""
    suggestions = [item.finding.suggestion for item in group if item.finding.suggestion]
    if not suggestions:
        return ""
    first = markup(suggestions[0])
    if len(group) == 1:
        return f"What to do: {first}"
    if len(set(suggestions)) == 1:
        return f"What to do, for these {len(group)}: {first}"
    return f"What to do, for each of these {len(group)} (as for no. {group[0].number}): {first}"


def comments_section(path_map: PathMap) -> list[Any]:
    story: list[Any] = [paragraph("Comments from the workshop", "heading")]
    if not path_map.comments:
        return [*story, paragraph("No comments were added to this map.")]
    for kind in COMMENT_KINDS:
        comments = [comment for comment in path_map.comments if comment.kind == kind]
        if not comments:
            continue
        comments.sort(key=lambda comment: comment.votes, reverse=True)
        style = COMMENT_STYLES[kind]
        story.append(paragraph(f"{style.glyph} {style.name} ({len(comments)})", "subheading"))
        for comment in comments:
            votes = plural(comment.votes, "vote")
            where = markup(describe_element(path_map, comment.target))
            source = f" · from {markup(comment.organisation)}" if comment.organisation else ""
            details = f'<font size="8" color="{MUTED_INK}">On {where} · {votes}{source}</font>'
            story.append(paragraph(f"{markup(comment.text) or '(no text)'}<br/>{details}", "item"))
    return story
