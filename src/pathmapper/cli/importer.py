"""`pathmapper import FILE [-o OUT] [--page PAGE] [--layout]`: make a map from a draw.io
diagram or a CSV list of steps, and say what was imported and what was not."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import Any

from pathmapper.cli.common import CommandError, refuse_overwriting_input
from pathmapper.io import MapSaveError, save_map
from pathmapper.io.csv_steps import CsvImportError, read_steps_csv
from pathmapper.io.drawio_decode import DrawioError, select_page
from pathmapper.io.drawio_read import DRAWIO_SUFFIXES, import_page, read_drawio_pages
from pathmapper.io.import_result import ImportResult
from pathmapper.io.mapfile import element_count_problems
from pathmapper.io.reading import not_a_file_reason
from pathmapper.model import now_timestamp


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="make a map from a draw.io diagram or a CSV list of steps",
        description=(
            "Make a map from a draw.io diagram (.drawio, .xml, .drawio.png, .drawio.svg) or a "
            "CSV list of steps (see the README for its columns), then list what was imported "
            "and what was not. An existing map is never overwritten without --force."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="a .drawio/.xml/.png/.svg or .csv file")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the map file to write (default: FILE's name with .pathmap.json)",
    )
    parser.add_argument(
        "--page", metavar="PAGE", help="which page of a draw.io diagram: its number or name"
    )
    parser.add_argument(
        "--layout",
        action="store_true",
        help=(
            "lay every step of a draw.io diagram out again, in its lane and in the diagram's "
            "order (without it, only when the diagram's places would make steps overlap; a "
            "CSV list is always laid out)"
        ),
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.set_defaults(handler=run)


def _default_output(source: Path) -> Path:
    name = source.name
    for suffix in (*DRAWIO_SUFFIXES, ".csv"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return source.with_name(f"{name}.pathmap.json")


def run(options: argparse.Namespace) -> int:
    source = Path(options.file)
    output = Path(options.output) if options.output else _default_output(source)
    refuse_overwriting_input([options.file], str(output))
    if output.exists() and not options.force:
        raise CommandError(
            f"{output} already exists; choose another name with -o, or add --force to replace it"
        )
    result = _import(source, options.page, options.layout)
    imported = result.path_map
    if not imported.steps:
        seen = "".join(f"\n  not imported: {item}" for item in result.left_out)
        raise CommandError(f"{source}: found no steps to import; nothing was written{seen}")
    too_many = element_count_problems(len(imported.steps), len(imported.flows))
    if too_many:
        raise CommandError(f"{source}: {'; '.join(too_many)}; nothing was written")
    result.path_map.created = result.path_map.modified = now_timestamp()
    try:
        save_map(result.path_map, output)
    except MapSaveError as error:
        raise CommandError(str(error)) from None
    for line in result.summary_lines():
        print(line)
    print(f"Wrote {output}")
    return 0


def _import(source: Path, page: str | None, relayout: bool) -> ImportResult:
    name = source.name.lower()
    with contextlib.suppress(OSError):  # a missing file: its reader says so
        special = not_a_file_reason(os.stat(source).st_mode, "a diagram or a spreadsheet")
        if special is not None:
            raise CommandError(f"{source}: {special}")
    try:
        if name.endswith(".csv"):
            if page is not None:
                raise CommandError("--page is only for draw.io diagrams, not for a CSV file")
            return read_steps_csv(source)
        if name.endswith(DRAWIO_SUFFIXES):
            pages = read_drawio_pages(source)  # read and decoded once, for both uses
            chosen = select_page(pages, page, source.name)
            result = import_page(chosen, source.name, relayout)
            if page is None and len(pages) > 1:
                names = ", ".join(each.name for each in pages)
                result.remarks.append(
                    f"the diagram has {len(pages)} pages ({names}); this is the "
                    "first: use --page NUMBER or --page NAME for another"
                )
            return result
    except (DrawioError, CsvImportError) as error:
        raise CommandError(str(error)) from None
    raise CommandError(
        f"{source}: cannot import this kind of file; use a draw.io diagram (.drawio, .xml, "
        ".drawio.png, .drawio.svg) or a CSV list of steps (.csv)"
    )
