"""`pathmapper layout MAP [--auto] [--format json] [--check]`: where everything is drawn.

Prints the geometry the canvas, the PDF and the other exports draw, as the JSON document of
`geometry.md`, so other tools and tests can check the picture without a screen. `--auto` lays
the map out first, as Tidy up does. `--check` also lists on stderr every place the picture
breaks one of the rules of a good picture, and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pathmapper.cli.common import load_or_fail


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "layout",
        help="print where everything of a map is drawn, as JSON",
        description=(
            "Print the geometry of a map (lanes, phases, step boxes and badges, flow routes "
            "and labels, notes) as one JSON document, the same computation every view draws."
        ),
    )
    parser.add_argument("map", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument(
        "--auto", action="store_true", help="lay the map out automatically first (Tidy up)"
    )
    parser.add_argument(
        "--format", choices=("json",), default="json", help="the output format (json)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="list every break of the rules of a good picture on stderr; exit 1 if any",
    )
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    from pathmapper.layout import auto_layout, compute_geometry
    from pathmapper.layout.geometry_json import geometry_document
    from pathmapper.layout.picture_rules import RULE_NAMES, picture_breaks

    path_map = load_or_fail(options.map)
    if options.auto:
        path_map = auto_layout(path_map)
    geometry = compute_geometry(path_map)
    json.dump(geometry_document(path_map, geometry), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    if not options.check:
        return 0
    breaks = picture_breaks(path_map, geometry)
    for rule_break in breaks:
        print(
            f"rule {rule_break.rule} ({RULE_NAMES[rule_break.rule]}): {rule_break.message}",
            file=sys.stderr,
        )
    return 1 if breaks else 0
