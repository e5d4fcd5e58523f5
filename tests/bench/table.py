"""The bench's one table, as aligned text for the terminal or as Markdown for the docs."""

from __future__ import annotations

from collections.abc import Sequence

from tests.bench.measure import Row

HEADINGS = ("Measurement", "Figure", "Target", "Result", "Runs", "Note")


def _cells(row: Row) -> tuple[str, ...]:
    target = row.target.text if row.target is not None else "none set"
    return (row.what, row.shown_figure(), target, row.verdict, str(row.runs), row.note)


def text_table(rows: Sequence[Row]) -> str:
    lines = [HEADINGS, *(_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADINGS))]
    rendered = []
    for index, line in enumerate(lines):
        rendered.append(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        if index == 0:
            rendered.append("  ".join("-" * width for width in widths))
    return "\n".join(rendered)


def markdown_table(rows: Sequence[Row]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"

    lines = [line(HEADINGS), line(["---"] * len(HEADINGS))]
    lines.extend(line(_cells(row)) for row in rows)
    return "\n".join(lines)
