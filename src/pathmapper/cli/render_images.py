"""`pathmapper render MAP --png OUT [--width PX] [--svg OUT]`: the canvas as a picture.

Draws the map exactly as the editor does, without a window, for slides and for checking. Qt is
imported only when the command runs (pathmapper.ui.canvas.render), so the other commands and
`--help` stay Qt-free and start fast.
"""

from __future__ import annotations

import argparse
from typing import Any

from pathmapper.cli.common import CommandError, load_or_fail, refuse_overwriting_input


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="draw a map as PNG or SVG, as the editor shows it",
        description=(
            "Draw a map as the editor's canvas shows it, without opening a window: a PNG "
            "(2 pixels per point, or --width pixels wide) and/or an SVG. A map too big for 2 "
            "pixels per point is drawn as large as fits 30,000 pixels a side and 100 million "
            "in all, and the command says so; for readable labels on a big map, export a "
            "tiled PDF."
        ),
    )
    parser.add_argument("map", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument("--png", metavar="OUT", help="write a PNG image here")
    parser.add_argument("--svg", metavar="OUT", help="write an SVG drawing here")
    parser.add_argument(
        "--width",
        type=int,
        metavar="PX",
        help="width of the PNG in pixels (height follows); default 2 pixels per point, less "
        "for a map too big for that",
    )
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    if not options.png and not options.svg:
        raise CommandError("say where to draw it: --png OUT.png and/or --svg OUT.svg")
    if options.width is not None and not 100 <= options.width <= 30000:
        raise CommandError(f"--width {options.width}: give a width from 100 to 30000 pixels")
    outputs = [path for path in (options.png, options.svg) if path]
    for output in outputs:
        refuse_overwriting_input([options.map], output)
    path_map = load_or_fail(options.map)
    from pathmapper.ui.canvas.render import render_png, render_svg

    try:
        if options.png:
            image = render_png(path_map, options.png, options.width)
            size = image.size
            print(f"{options.png}: {size.width()} x {size.height()} pixels")
            if options.width is None and image.shrunk:
                print(
                    f"  the map is too big for 2 pixels per point: drawn at "
                    f"{image.pixels_per_point:.2g} pixels per point, so small labels may not "
                    "read; give --width for another size, or export a tiled PDF "
                    "(pathmapper export MAP --pdf OUT --tile) to read every label"
                )
        if options.svg:
            render_svg(path_map, options.svg)
            print(f"{options.svg}: written")
    except (OSError, ValueError) as error:
        raise CommandError(str(error)) from None
    return 0
