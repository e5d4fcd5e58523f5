"""`pathmapper export MAP --json OUT ...`: write a map in other forms.

`--json` writes the canonical form of the map file, which is also how a hand-written or older
file is normalised. Other formats register their options here as they arrive.
"""

from __future__ import annotations

import argparse
from typing import Any

from pathmapper.cli.common import CommandError, load_or_fail, refuse_overwriting_input
from pathmapper.io import MapSaveError, save_map


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a map as canonical JSON (and other formats)",
        description="Write a map in another form. The input file is never changed.",
    )
    parser.add_argument("map", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument("--json", metavar="OUT", help="write the canonical map file to OUT")
    parser.add_argument("--drawio", metavar="OUT", help="write a draw.io diagram to OUT")
    parser.add_argument("--bpmn", metavar="OUT", help="write BPMN 2.0 XML to OUT")
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    outputs = [value for value in (options.json, options.drawio, options.bpmn) if value]
    if not outputs:
        raise CommandError(
            "export: say what to write, e.g. --json OUT (see pathmapper export --help)"
        )
    for output in outputs:
        refuse_overwriting_input([options.map], output)
    path_map = load_or_fail(options.map)
    try:
        if options.json:
            save_map(path_map, options.json)
        if options.drawio:
            from pathmapper.export.drawio_write import write_drawio

            write_drawio(path_map, options.drawio)
        if options.bpmn:
            from pathmapper.export.bpmn import write_bpmn

            write_bpmn(path_map, options.bpmn)
    except MapSaveError as error:
        raise CommandError(str(error)) from None
    return 0
