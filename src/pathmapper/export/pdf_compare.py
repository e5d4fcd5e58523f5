"""The compare page of the PDF (`pathmapper export TO_BE --pdf OUT --compare AS_IS`): the two
maps' figures side by side with the change, an arrow and better/worse, then the steps and lanes
added, removed, moved to another lane and relabelled.

Same fonts and table style as the workshop report; every piece of map text goes through
`safe_text.markup`, so a label like `<b>` or `&` prints literally.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, Table

from pathmapper.analysis.compare import MapComparison
from pathmapper.analysis.compare_text import (
    SECTIONS,
    VERDICT_WORDS,
    change_text,
    describe_element_change,
    first_amount,
    second_amount,
    verdict,
)
from pathmapper.export.pdf_report import paragraph, table_style
from pathmapper.export.safe_text import markup
from pathmapper.layout.style import MUTED_INK, VERDICT_INKS

# Darker shades of the canvas's bluish green and vermillion: readable as text on white.
MAX_LISTED = 60  # per list; a redrawn map may change hundreds of steps


def _name(title: str, file_name: str) -> str:
    if title and file_name:
        return f'{markup(title)} <font color="{MUTED_INK}">({markup(file_name)})</font>'
    return markup(title or file_name or "(untitled)")


def compare_story(
    comparison: MapComparison, width: float, first_file: str = "", second_file: str = ""
) -> list[Any]:
    """The compare page's flowables for a frame `width` points wide. A is the first map of
    the comparison (usually as is), B the second (usually to be: the map this PDF draws)."""
    story: list[Any] = [
        paragraph("Compared with the other map", "title"),
        Spacer(1, 4),
        paragraph(f"<b>A:</b> {_name(comparison.first_title, first_file)}"),
        paragraph(f"<b>B:</b> {_name(comparison.second_title, second_file)}"),
    ]
    story += figures_section(comparison, width)
    story += changes_section(comparison)
    return story


def figures_section(comparison: MapComparison, width: float) -> list[Any]:
    header = [paragraph(text, "cell_bold") for text in ("Figure", "A", "B", "Change", "")]
    rows: list[list[Any]] = [header]
    for figure in comparison.figures:
        judged = verdict(figure)
        word = VERDICT_WORDS[judged]
        ink = VERDICT_INKS.get(judged)
        change = markup(change_text(figure))
        if ink is not None:
            change = f'<font color="{ink}">{change}</font>'
            word = f'<font color="{ink}"><b>{word}</b></font>'
        rows.append(
            [
                paragraph(markup(figure.name), "cell"),
                paragraph(markup(first_amount(figure)), "cell_bold"),
                paragraph(markup(second_amount(figure)), "cell_bold"),
                paragraph(change, "cell_bold"),
                paragraph(word, "cell"),
            ]
        )
    used = min(width, 620.0)
    table = Table(
        rows,
        colWidths=[used * 0.40, used * 0.16, used * 0.16, used * 0.16, used * 0.12],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(table_style(header_row=True))
    note = paragraph(
        "Change is B minus A: ▲ up, ▼ down. Better or worse is judged for each figure "
        "(fewer handoffs, shorter waits are better); value-adding time is neither.",
        "small",
    )
    return [paragraph("Figures", "heading"), table, Spacer(1, 3), note]


def changes_section(comparison: MapComparison) -> list[Any]:
    story: list[Any] = [paragraph("What changed from A to B", "heading")]
    if not comparison.changes:
        return [*story, paragraph("No steps or lanes were added, removed, moved or relabelled.")]
    for kind, action, title in SECTIONS:
        found = comparison.changes_of(kind, action)
        if not found:
            continue
        story.append(paragraph(f"{title} ({len(found)})", "subheading"))
        for change in found[:MAX_LISTED]:
            story.append(paragraph(f"• {markup(describe_element_change(change))}", "item"))
        if len(found) > MAX_LISTED:
            story.append(paragraph(f"…and {len(found) - MAX_LISTED} more.", "small"))
    return story
