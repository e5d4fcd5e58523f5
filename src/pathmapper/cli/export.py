"""`pathmapper export MAP --json OUT ...`: write a map in other forms.

`--json` writes the canonical form of the map file, which is also how a hand-written or older
file is normalised. Other formats register their options here as they arrive.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pathmapper.cli.common import CommandError, load_or_fail, refuse_overwriting_input
from pathmapper.io import MapSaveError, save_map
from pathmapper.model import PathMap

CSV_FILE_NAMES = ("steps.csv", "flows.csv", "findings.csv", "comments.csv")


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
    add_pdf_and_csv_options(parser)
    parser.set_defaults(handler=run)


def add_pdf_and_csv_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", metavar="OUT", help="write the map as a PDF to OUT")
    parser.add_argument(
        "--paper",
        help="paper for --pdf: A4, A3, A2, A1 or Letter (default A3 for the map, A4 for the "
        "report pages)",
    )
    parser.add_argument(
        "--orientation",
        choices=("landscape", "portrait"),
        default="landscape",
        help="default landscape",
    )
    parser.add_argument(
        "--tile",
        action="store_true",
        help="print the map across several pages at a readable scale, after an overview page "
        "(a map too big to read on one page is tiled anyway, and the export says so)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        metavar="PERCENT",
        help="with --tile: the printing scale in percent, at least 50 so labels stay readable "
        "(default: the largest, up to 100, at which every lane fits the page height)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="make the PDF a workshop report: page 1 with the figures and the top findings, "
        "the map pages with those findings numbered, then the routes, handoffs, every finding "
        "and the comments",
    )
    parser.add_argument(
        "--compare",
        metavar="AS_IS",
        help="add compare pages to the PDF: both maps drawn with the steps added, removed and "
        "moved marked, and this map's figures and steps against AS_IS's",
    )
    parser.add_argument(
        "--csv",
        metavar="DIR",
        help="write steps.csv, flows.csv, findings.csv and comments.csv into DIR",
    )


def run(options: argparse.Namespace) -> int:
    outputs = [value for value in (options.json, options.drawio, options.bpmn) if value]
    outputs += pdf_and_csv_outputs(options)
    if not outputs:
        raise CommandError(
            "export: say what to write, e.g. --json OUT (see pathmapper export --help)"
        )
    inputs = [options.map] + ([options.compare] if options.compare else [])
    for output in outputs:
        refuse_overwriting_input(inputs, output)
    # Everything that can fail on input is read and checked before anything is written.
    path_map = load_or_fail(options.map)
    as_is = load_or_fail(options.compare) if options.compare else None
    setup = _page_setup(options) if options.pdf else None
    try:
        if options.json:
            save_map(path_map, options.json)
        if options.drawio:
            from pathmapper.export.drawio_write import write_drawio

            write_drawio(path_map, options.drawio)
        if options.bpmn:
            from pathmapper.export.bpmn import write_bpmn

            write_bpmn(path_map, options.bpmn)
        write_pdf_and_csv(path_map, options, setup, as_is)
    except MapSaveError as error:
        raise CommandError(str(error)) from None
    return 0


def pdf_and_csv_outputs(options: argparse.Namespace) -> list[str]:
    """The files --pdf and --csv would write; PDF options without --pdf are a mistake."""
    if not options.pdf:
        asked = {
            "tile": options.tile,
            "report": options.report,
            "compare": options.compare is not None,
            "scale": options.scale is not None,
        }
        given = [name for name, value in asked.items() if value]
        if given:
            raise CommandError(f"export: --{given[0]} needs --pdf OUT")
    outputs = [options.pdf] if options.pdf else []
    if options.csv:
        outputs += [str(Path(options.csv) / name) for name in CSV_FILE_NAMES]
    return outputs


def _page_setup(options: argparse.Namespace) -> Any:
    from pathmapper.export.pdf_pages import PageSetup, PageSetupError

    scale = None if options.scale is None else options.scale / 100
    try:
        return PageSetup(options.paper or "A3", options.orientation, options.tile, scale)
    except PageSetupError as error:
        raise CommandError(f"export: {error}") from None


def write_pdf_and_csv(
    path_map: PathMap, options: argparse.Namespace, setup: Any, as_is: PathMap | None
) -> None:
    if not (options.pdf or options.csv):
        return
    from pathmapper.analysis import analyse
    from pathmapper.export.csv_tables import CsvExportError, write_csv_tables
    from pathmapper.export.pdf_document import PdfExportError, PdfOptions, write_map_pdf
    from pathmapper.export.pdf_pages import tiling_message

    analysis = analyse(path_map) if (options.report or options.csv) else None
    try:
        if options.pdf:
            comparison, as_is_name = _comparison(path_map, as_is, options)
            pdf_options = PdfOptions(
                setup,
                options.report,
                Path(options.map).name,
                comparison,
                as_is_name,
                report_paper=options.paper or "A4",
                compare_map=as_is,
            )
            plan = write_map_pdf(path_map, options.pdf, pdf_options, analysis)
            message = tiling_message(plan)
            if message:
                print(f"export: {message}")
        if options.csv:
            write_csv_tables(path_map, options.csv, analysis)
    except (PdfExportError, CsvExportError) as error:
        raise CommandError(f"export: {error}") from None


def _comparison(
    path_map: PathMap, as_is: PathMap | None, options: argparse.Namespace
) -> tuple[Any, str]:
    """--compare AS_IS: the comparison of AS_IS (A) with this map (B), and AS_IS's file name."""
    if as_is is None:
        return None, ""
    from pathmapper.analysis.compare import compare_maps

    return compare_maps(as_is, path_map), Path(options.compare).name
