"""`pathmapper validate MAP...`: is each file a valid map?"""

from __future__ import annotations

import argparse
from typing import Any

from pathmapper.cli.common import report_problems
from pathmapper.io import MapFileError, load_map


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check that map files are valid",
        description=(
            "Check that each map file is valid: exit 0 when all are, 2 with the reasons on "
            "stderr (one line per problem, naming the element and the rule) when any is not."
        ),
    )
    parser.add_argument("maps", nargs="+", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid maps")
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    status = 0
    for path in options.maps:
        try:
            path_map = load_map(path)
        except MapFileError as error:
            report_problems(error)
            status = 2
            continue
        if not options.quiet:
            print(
                f"{path}: valid ({len(path_map.lanes)} lanes, {len(path_map.steps)} steps, "
                f"{len(path_map.flows)} flows, {len(path_map.comments)} comments)"
            )
    return status
