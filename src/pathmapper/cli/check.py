"""`pathmapper check MAP... [--format text|json]`: gaps, loops, handoffs and routes of maps.

Every map given is checked, even when one of them cannot be read: its reasons go to stderr and
the others are still reported. Exit 0 when no finding is an error, 1 when any is, 2 when a file
cannot be read or is not a valid map.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pathmapper.cli.common import report_problems
from pathmapper.io import MapFileError, load_map

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
    parser.add_argument("maps", nargs="+", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for other tools",
    )
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    from pathmapper.analysis import analyse
    from pathmapper.analysis.report_text import render_text

    status = EXIT_CLEAN
    bad_file = False
    documents: list[dict[str, Any]] = []
    for number, path in enumerate(options.maps):
        try:
            path_map = load_map(path)
        except MapFileError as error:
            report_problems(error)
            bad_file = True
            continue
        analysis = analyse(path_map)
        if analysis.has_errors():
            status = EXIT_ERROR_FINDINGS
        if options.format == "json":
            documents.append(analysis.to_json(path))
        else:
            if number:
                sys.stdout.write("\n")
            sys.stdout.write(render_text(analysis, path))
            sys.stdout.flush()
    if options.format == "json":
        output: Any = documents if len(options.maps) > 1 else (documents[0] if documents else None)
        if output is not None:
            # One line, through json's fast C encoder (an indented dump of a big map's
            # findings takes longer than analysing it); pipe it through `jq` to read it.
            sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return EXIT_BAD_FILE if bad_file else status
