"""The portfolio as a short PDF: the table of pathways against standards, then a page for each
pathway that does not meet them all, with what breaks each standard.

Each cell has a colour and a symbol with a word, so the table reads printed in black and white.
Text from maps and standards files goes through `safe_text.markup`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from pathmapper.export.pdf_report import paragraph
from pathmapper.export.pdf_shapes import colour, font
from pathmapper.export.safe_text import markup
from pathmapper.io import write_bytes_atomically
from pathmapper.layout.style import GRID_LINE, HEADER_FILL
from pathmapper.standards.measure import STATUS_NAMES, STATUS_SYMBOLS, Status
from pathmapper.standards.report import PathwayStandards, ordered_pathways, status_cell
from pathmapper.standards.spec import StandardsFile

# Light fills: the symbol and word carry the status, the colour helps on screen.
STATUS_FILLS: dict[Status, str] = {
    "met": "#DCEFD9",
    "not_met": "#F6D5D1",
    "unknown": "#FBEBC5",
    "not_applicable": "#ECECEC",
}
MARGIN = 14 * mm


def _table(standards: StandardsFile, pathways: list[PathwayStandards]) -> Table:
    heading = [paragraph("<b>Pathway</b>", "cell")]
    heading += [
        paragraph(f"<b>{markup(standard.id)}</b>", "cell") for standard in standards.standard
    ]
    heading.append(paragraph("<b>Not met</b>", "cell"))
    rows: list[list[Any]] = [heading]
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colour(GRID_LINE)),
        ("BACKGROUND", (0, 0), (-1, 0), colour(HEADER_FILL)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font()),
    ]
    for row, pathway in enumerate(pathways, start=1):
        cells: list[Any] = [paragraph(markup(pathway.title or Path(pathway.file).name), "cell")]
        for column, result in enumerate(pathway.results, start=1):
            cells.append(paragraph(markup(status_cell(result)), "cell"))
            fill = colour(STATUS_FILLS[result.status])
            style.append(("BACKGROUND", (column, row), (column, row), fill))
        cells.append(paragraph(str(pathway.failures), "cell_bold"))
        rows.append(cells)
    room = landscape(A4)[0] - 2 * MARGIN
    pathway_width = min(70 * mm, room * 0.3)
    count_width = 16 * mm
    each = (room - pathway_width - count_width) / max(1, len(standards.standard))
    widths = [pathway_width, *[each] * len(standards.standard), count_width]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _key(standards: StandardsFile) -> list[Any]:
    story: list[Any] = [paragraph("Standards", "heading")]
    for standard in standards.standard:
        story.append(
            paragraph(
                f"<b>{markup(standard.id)}</b> ({standard.severity}): "
                f"{markup(standard.title.strip() or standard.rule)}",
                "item",
            )
        )
    legend = ", ".join(
        f"{STATUS_SYMBOLS[status]} {STATUS_NAMES[status]}" for status in STATUS_SYMBOLS
    )
    story.append(paragraph(f"Cells: {legend}.", "small"))
    return story


def _pathway_page(pathway: PathwayStandards) -> list[Any]:
    story: list[Any] = [
        paragraph(markup(pathway.title or Path(pathway.file).name), "heading"),
        paragraph(markup(pathway.file), "small"),
        Spacer(1, 4 * mm),
    ]
    for result in pathway.results:
        if result.status not in ("not_met", "unknown"):
            continue
        name = result.standard.title.strip() or result.standard.id
        story.append(
            paragraph(
                f"<b>{markup(status_cell(result))}: {markup(name)}</b> "
                f"({result.standard.severity})",
                "subheading",
            )
        )
        story.append(paragraph(markup(result.message), "item"))
    return story


def portfolio_pdf_bytes(standards: StandardsFile, pathways: list[PathwayStandards]) -> bytes:
    ordered = ordered_pathways(pathways)
    title = standards.title.strip() or "Programme standards"
    story: list[Any] = [
        paragraph(markup(title), "title"),
        paragraph(
            f"{len(ordered)} pathways against {len(standards.standard)} standards; the pathways "
            "with the most standards not met first.",
            "body",
        ),
        Spacer(1, 5 * mm),
        _table(standards, ordered),
        *_key(standards),
    ]
    for pathway in ordered:
        if pathway.failures:
            story += [PageBreak(), *_pathway_page(pathway)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="pathmapper",
    )
    document.build(story)
    return buffer.getvalue()


def write_portfolio_pdf(
    path: str | os.PathLike[str], standards: StandardsFile, pathways: list[PathwayStandards]
) -> None:
    """The portfolio PDF, replacing `path` in one step. Raises MapSaveError."""
    target = Path(path)

    def failure(error: OSError) -> str:
        return f"{target}: cannot write the PDF ({error.strerror or error})"

    write_bytes_atomically(target, portfolio_pdf_bytes(standards, pathways), failure)
