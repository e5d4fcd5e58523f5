"""`pathmapper compare A B`: two maps' figures side by side, and what changed from A to B."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pathmapper.analysis.compare import Figure, MapComparison, compare_maps
from pathmapper.analysis.compare_text import (
    SECTIONS,
    VERDICT_WORDS,
    describe_element_change,
    figure_amount,
    verdict,
)
from pathmapper.cli.common import load_or_fail


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare two maps (as is against to be)",
        description=(
            "Show the figures of two maps side by side with the change (steps, handoffs, loops, "
            "gaps, patient contacts, lead time, waiting and value-adding time, organisations "
            "met), and which steps and lanes were added, removed, moved or relabelled. Steps "
            "and lanes are matched by id, then by label. Exit 0, or 2 when a file is not a map."
        ),
    )
    parser.add_argument("first", metavar="A", help="the first map, usually the as-is map")
    parser.add_argument("second", metavar="B", help="the second map, usually the to-be map")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report form")
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    comparison = compare_maps(load_or_fail(options.first), load_or_fail(options.second))
    if options.format == "json":
        document = comparison.to_json()
        document["first"]["file"] = options.first
        document["second"]["file"] = options.second
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(report_text(comparison, options.first, options.second))
    return 0


def _amount(figure: Figure, value: float | None, lower_bound: bool) -> str:
    return "-" if value is None else figure_amount(figure, value, lower_bound)


def _change(figure: Figure) -> str:
    """`-3`, `+2d worse`, `same`: the change's size as `figure_amount` writes it, its sign, and
    `compare_text`'s verdict word."""
    change = figure.change
    if change is None:
        return ""
    if change == 0:
        return "same"
    sign = "+" if change > 0 else "-"
    words = VERDICT_WORDS[verdict(figure)]
    return f"{sign}{figure_amount(figure, abs(change))}" + (f" {words}" if words else "")


def report_text(comparison: MapComparison, first_file: str, second_file: str) -> str:
    lines = [
        f"A: {comparison.first_title or first_file} ({first_file})",
        f"B: {comparison.second_title or second_file} ({second_file})",
        "",
    ]
    rows = [("", "A", "B", "change")]
    for figure in comparison.figures:
        rows.append(
            (
                figure.name,
                _amount(figure, figure.first, figure.first_is_lower_bound),
                _amount(figure, figure.second, figure.second_is_lower_bound),
                _change(figure),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    if not comparison.changes:
        lines.append("No steps or lanes were added, removed, moved or relabelled.")
    for kind, action, title in SECTIONS:
        found = comparison.changes_of(kind, action)
        if found:
            lines.append(f"{title} ({len(found)}):")
            lines += [f"  {describe_element_change(change)}" for change in found]
    return "\n".join(lines)
