"""Standards results for people: a section of the text report, and the portfolio table of many
pathways against one standards file (pathways down, standards across)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pathmapper.analysis import SEVERITIES
from pathmapper.export.csv_tables import table_text
from pathmapper.export.safe_text import spreadsheet_cell
from pathmapper.io import write_bytes_atomically
from pathmapper.standards.measure import STATUS_NAMES, STATUS_SYMBOLS, StandardResult
from pathmapper.standards.spec import StandardsFile


def status_cell(result: StandardResult) -> str:
    """ "✗ not met": a symbol as well as a word, so it reads in black and white."""
    return f"{STATUS_SYMBOLS[result.status]} {STATUS_NAMES[result.status]}"


def standards_lines(standards: StandardsFile, results: list[StandardResult]) -> list[str]:
    """The Standards section of `pathmapper check`'s text report."""
    met = sum(result.status == "met" for result in results)
    heading = f"Standards ({standards.title})" if standards.title.strip() else "Standards"
    lines = [f"{heading}: {met} of {len(results)} met"]
    for result in results:
        name = result.standard.title.strip() or result.standard.id
        lines.append(
            f"  {status_cell(result)} [{result.standard.severity}] {name} "
            f"({result.standard.id}): {result.message}"
        )
    return lines


@dataclass
class PathwayStandards:
    """One map of a portfolio and its results."""

    file: str
    title: str
    results: list[StandardResult]

    @property
    def failures(self) -> int:
        return sum(result.status == "not_met" for result in self.results)

    def worst_case(self) -> str:
        """The most severe standard not met, with what breaks it; empty when none is."""
        broken = [result for result in self.results if result.status == "not_met"]
        if not broken:
            return ""
        worst = min(broken, key=lambda result: SEVERITIES.index(result.standard.severity))
        return f"{worst.standard.title.strip() or worst.standard.id}: {worst.message}"


def ordered_pathways(pathways: list[PathwayStandards]) -> list[PathwayStandards]:
    """The pathways with the most standards not met first, then by title and file."""
    return sorted(pathways, key=lambda pathway: (-pathway.failures, pathway.title, pathway.file))


def portfolio_rows(standards: StandardsFile, pathways: list[PathwayStandards]) -> list[list[str]]:
    """The table, heading row first: the pathways with the most standards not met first."""
    heading = ["pathway", "file"]
    heading += [standard.title.strip() or standard.id for standard in standards.standard]
    heading += ["standards not met", "worst case"]
    rows = [heading]
    for pathway in ordered_pathways(pathways):
        rows.append(
            [
                pathway.title,
                pathway.file,
                *(status_cell(result) for result in pathway.results),
                str(pathway.failures),
                pathway.worst_case(),
            ]
        )
    return rows


def write_portfolio_csv(path: str | os.PathLike[str], rows: list[list[str]]) -> None:
    """The portfolio table as a CSV file for a spreadsheet (UTF-8 with a byte order mark, every
    cell safe from formulas), replacing `path` in one step. Raises MapSaveError."""
    target = Path(path)

    def failure(error: OSError) -> str:
        return f"{target}: cannot write the table ({error.strerror or error})"

    safe = [[spreadsheet_cell(cell) for cell in row] for row in rows]
    write_bytes_atomically(target, table_text(safe).encode("utf-8-sig"), failure)
