"""The workshop report after the map: summary figures, the route chart, the handoff matrix,
every finding with its suggestion, and every comment grouped by kind, top-voted first.

Platypus flowables in the shipped DejaVu Sans; every piece of map text goes through
`safe_text.markup`, so a label like `<b>` or `&` prints literally.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from pathmapper.analysis import CATEGORY_ORDER, Analysis, Finding
from pathmapper.export.csv_tables import describe_element
from pathmapper.export.pdf_chart import longest_routes, route_chart
from pathmapper.export.pdf_shapes import colour, font
from pathmapper.export.safe_text import markup
from pathmapper.layout.style import COMMENT_STYLES, GRID_LINE, HEADER_FILL, INK, MUTED_INK
from pathmapper.model import COMMENT_KINDS, PathMap, describe_minutes

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
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_row:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colour(HEADER_FILL)))
    if header_column:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colour(HEADER_FILL)))
    return TableStyle(commands)


def report_story(path_map: PathMap, analysis: Analysis, width: float) -> list[Any]:
    """The report's flowables, for a frame `width` points wide."""
    story: list[Any] = [paragraph("Workshop report", "title"), Spacer(1, 4)]
    if path_map.description.strip():
        story.append(paragraph(markup(path_map.description)))
    story += summary_section(path_map, analysis, width)
    story += route_section(path_map, analysis, width)
    story += handoff_section(analysis, width)
    story += findings_section(analysis)
    story += comments_section(path_map)
    return story


def _minutes(value: Any, lower_bound: bool = False) -> str:
    if value is None:
        return "no route from a start to an end"
    return ("at least " if lower_bound else "") + describe_minutes(float(value))


def summary_figures(analysis: Analysis) -> list[tuple[str, str]]:
    """The summary as (what, figure) pairs, in words."""
    summary = analysis.summary
    bound = bool(summary["lead_time_is_lower_bound"])
    routes = f"{summary['routes']}" + (" (more not counted)" if summary["routes_truncated"] else "")
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
        ("Waiting time, all steps", describe_minutes(analysis.waiting_minutes_total)),
        ("Value-adding time, all steps", describe_minutes(analysis.value_adding_minutes_total)),
        (
            "Findings",
            f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['infos']} notes",
        ),
    ]


def summary_section(path_map: PathMap, analysis: Analysis, width: float) -> list[Any]:
    figures = summary_figures(analysis)
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
    table = Table(rows, colWidths=[column * 0.62, column * 0.38] * 2)
    table.setStyle(table_style(header_row=False))
    story: list[Any] = [paragraph("Summary", "heading"), table]
    steps = path_map.steps_by_id()
    if analysis.bottlenecks:
        names = [
            markup(describe_element(path_map, step_id))
            for step_id in analysis.bottlenecks
            if step_id in steps
        ]
        story += [
            Spacer(1, 5),
            paragraph("<b>Every route passes through:</b> " + "; ".join(names)),
        ]
    return story


def route_section(path_map: PathMap, analysis: Analysis, width: float) -> list[Any]:
    story: list[Any] = [paragraph("Waiting and value-adding time per route", "heading")]
    if not analysis.routes:
        return [*story, paragraph("There is no route from a start step to an end step to chart.")]
    bars = longest_routes(path_map, analysis.routes)
    total = f"{len(analysis.routes)}" + (" or more" if analysis.routes_truncated else "")
    if len(analysis.routes) > len(bars) or analysis.routes_truncated:
        note = f"The {len(bars)} routes with the longest lead time, of {total} routes in all."
    else:
        note = f"All {total} routes, longest lead time first."
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


def _finding_paragraph(finding: Finding) -> Paragraph:
    """One paragraph per finding (fast for maps with thousands): severity, message, and the
    suggestion on its own line in smaller type."""
    severity = SEVERITY_NAMES.get(finding.severity, finding.severity)
    tint = SEVERITY_COLOURS.get(finding.severity, INK)
    text = f'<font color="{tint}"><b>{severity}</b></font>  {markup(finding.message)}'
    if finding.suggestion:
        suggestion = markup(finding.suggestion)
        text += f'<br/><font size="8" color="{MUTED_INK}">What to do: {suggestion}</font>'
    return paragraph(text, "item")


def findings_section(analysis: Analysis) -> list[Any]:
    story: list[Any] = [paragraph("Findings", "heading")]
    if not analysis.findings:
        return [*story, paragraph("The analysis found nothing to raise.")]
    categories = list(CATEGORY_ORDER) + sorted(
        {finding.category for finding in analysis.findings} - set(CATEGORY_ORDER)
    )
    for category in categories:
        findings = [finding for finding in analysis.findings if finding.category == category]
        if not findings:
            continue
        story.append(paragraph(f"{markup(category)} ({len(findings)})", "subheading"))
        for finding in findings:
            story.append(_finding_paragraph(finding))
    return story


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
            votes = f"{comment.votes} vote{'s' if comment.votes != 1 else ''}"
            where = markup(describe_element(path_map, comment.target))
            source = f" · from {markup(comment.organisation)}" if comment.organisation else ""
            details = f'<font size="8" color="{MUTED_INK}">On {where} · {votes}{source}</font>'
            story.append(paragraph(f"{markup(comment.text) or '(no text)'}<br/>{details}", "item"))
    return story
