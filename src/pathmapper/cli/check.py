"""`pathmapper check MAP|FOLDER... [--format text|json] [--standards FILE [--csv|--pdf OUT]]`:
gaps, loops, handoffs and routes of maps, and the programme standards they meet.

Every map given is checked, even when one of them cannot be read: its reasons go to stderr and
the others are still reported. A folder stands for the `*.pathmap.json` files in it. Exit 0 when
no finding is an error (nor any `error` standard is not met), 1 when one is, 2 when a file
cannot be read or is not a valid map, or the standards file cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathmapper.cli.common import CommandError, report_problems
from pathmapper.io import MapFileError, MapSaveError, load_map

if TYPE_CHECKING:
    from pathmapper.analysis import Analysis
    from pathmapper.standards import StandardResult, StandardsFile
    from pathmapper.standards.report import PathwayStandards

EXIT_CLEAN = 0
EXIT_ERROR_FINDINGS = 1
EXIT_BAD_FILE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="find gaps, loops, handoffs and duplication in maps",
        description=(
            "Analyse each map: a report grouped as Summary, Gaps, Loops, Handoffs, Duplication "
            "and Routes (or JSON with --format json). Exit 0 when no finding is an error, 1 "
            "when any is, 2 when a file cannot be read or is not a valid map (the reasons on "
            "stderr, one line each); the other maps are still checked."
        ),
    )
    parser.add_argument(
        "maps",
        nargs="+",
        metavar="MAP",
        help="a .pathmap.json file, or a folder: every .pathmap.json file in it",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for other tools",
    )
    parser.add_argument(
        "--standards",
        metavar="FILE",
        help="a programme's *.standards.toml: also say which of its standards each map meets",
    )
    parser.add_argument(
        "--csv",
        metavar="OUT",
        help="with --standards: write the portfolio table (maps down, standards across) to OUT",
    )
    parser.add_argument(
        "--pdf",
        metavar="OUT",
        help="with --standards: write the portfolio table and a page per failing map to OUT",
    )
    parser.set_defaults(handler=run)


def expand_folders(paths: list[str]) -> list[str]:
    """The maps to check: each folder given stands for its `*.pathmap.json` files, by name."""
    maps: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found = sorted(str(file) for file in Path(path).glob("*.pathmap.json"))
            if not found:
                raise CommandError(f"{path}: the folder holds no .pathmap.json file")
            maps += found
        else:
            maps.append(path)
    return maps


def run(options: argparse.Namespace) -> int:
    from pathmapper.analysis import analyse

    for option, given in (("--csv", options.csv), ("--pdf", options.pdf)):
        if given and not options.standards:
            raise CommandError(f"{option} writes the standards table: give --standards FILE too")
    # The standards (and the tables they write) are loaded only when asked for: a plain check
    # starts faster without them.
    standards = None
    if options.standards:
        from pathmapper.standards import StandardsFileError, read_standards

        try:
            standards = read_standards(options.standards)
        except StandardsFileError as error:
            for problem in error.problems:
                print(f"{error.source}: {problem}", file=sys.stderr)
            return EXIT_BAD_FILE
    paths = expand_folders(options.maps)
    status = EXIT_CLEAN
    bad_file = False
    documents: list[dict[str, Any]] = []
    portfolio: list[PathwayStandards] = []
    for number, path in enumerate(paths):
        try:
            path_map = load_map(path)
        except MapFileError as error:
            report_problems(error)
            bad_file = True
            continue
        analysis = analyse(path_map)
        if analysis.has_errors():
            status = EXIT_ERROR_FINDINGS
        results = _measured(analysis, standards)
        if any(r.status == "not_met" and r.standard.severity == "error" for r in results):
            status = EXIT_ERROR_FINDINGS
        if standards is not None:
            from pathmapper.standards.report import PathwayStandards

            portfolio.append(PathwayStandards(path, path_map.title, results))
        if options.format == "json":
            document = analysis.to_json(path)
            if standards is not None:
                document["standards"] = [result.to_json() for result in results]
            documents.append(document)
        else:
            from pathmapper.analysis.report_text import render_text

            if number:
                sys.stdout.write("\n")
            text = render_text(analysis, path)
            if standards is not None:
                from pathmapper.standards.report import standards_lines

                text += "\n" + "\n".join(standards_lines(standards, results)) + "\n"
            sys.stdout.write(text)
            sys.stdout.flush()
    if options.format == "json":
        output: Any = documents if len(paths) > 1 else (documents[0] if documents else None)
        if output is not None:
            # One line, through json's fast C encoder (an indented dump of a big map's
            # findings takes longer than analysing it); pipe it through `jq` to read it.
            sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    if standards is not None and (options.csv or options.pdf):
        _write_portfolio(options.csv, options.pdf, standards, portfolio)
    return EXIT_BAD_FILE if bad_file else status


def _measured(analysis: Analysis, standards: StandardsFile | None) -> list[StandardResult]:
    """How the map measures against the standards; nothing without standards."""
    if standards is None:
        return []
    from pathmapper.standards import measure_standards

    return measure_standards(analysis, standards)


def _write_portfolio(
    csv_path: str | None,
    pdf_path: str | None,
    standards: StandardsFile,
    portfolio: list[PathwayStandards],
) -> None:
    from pathmapper.standards.pdf import write_portfolio_pdf
    from pathmapper.standards.report import portfolio_rows, write_portfolio_csv

    try:
        if csv_path:
            write_portfolio_csv(csv_path, portfolio_rows(standards, portfolio))
        if pdf_path:
            write_portfolio_pdf(pdf_path, standards, portfolio)
    except MapSaveError as error:
        raise CommandError(str(error)) from None
