"""Entry point of the `pathmapper` command.

`pathmapper [MAP]` opens the editor; `pathmapper SUBCOMMAND ...` runs one of the sub-commands,
each in its own module with a `register(subparsers)` function. Only the editor path imports Qt,
so `check`, `validate` and `export` start fast and run on machines with no display.

Every expected failure (a bad file, a folder that cannot be written) ends with a one-line reason
on stderr and exit status 2; no traceback reaches the screen.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pathmapper import __version__
from pathmapper.cli.common import CommandError

# Sub-commands: name -> (module, one-line help), in the order `--help` lists them. A command
# imports only its own module, so `check` never pays for reportlab or Qt.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("pathmapper.cli.validate", "check that map files are valid"),
    "check": ("pathmapper.cli.check", "find gaps, loops, handoffs and figures in maps"),
    "export": ("pathmapper.cli.export", "write a map as PDF, report, CSV, draw.io, BPMN or JSON"),
    "render": ("pathmapper.cli.render_images", "draw a map as the editor does, to PNG or SVG"),
    "layout": ("pathmapper.cli.layout", "print where everything of a map is drawn, as JSON"),
    "import": ("pathmapper.cli.importer", "turn a draw.io diagram or a CSV of steps into a map"),
    "compare": (
        "pathmapper.cli.compare_maps",
        "compare two maps: figures side by side, what changed",
    ),
    "merge": (
        "pathmapper.cli.merge_copies",
        "merge copies returned by e-mail into the map sent out",
    ),
    "simulate": (
        "pathmapper.cli.simulate",
        "what if: simulate demand and capacity through a map",
    ),
}

DESCRIPTION = """\
Map patient pathways live as swimlanes, and find their gaps, loops and handoffs.

  pathmapper [MAP]            open the editor (on MAP, a .pathmap.json file)
  pathmapper COMMAND --help   help on one command
"""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the full options of `command` only (others are listed by name)."""
    parser = argparse.ArgumentParser(
        prog="pathmapper",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pathmapper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (module_name, summary) in SUBCOMMANDS.items():
        if name == command:
            importlib.import_module(module_name).register(subparsers)
        else:
            subparsers.add_parser(name, help=summary, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and (arguments[0] in SUBCOMMANDS or arguments[0].startswith("-")):
            command = arguments[0] if arguments[0] in SUBCOMMANDS else None
            parser = build_parser(command)
            options = parser.parse_args(arguments)
            if options.command is None:
                parser.print_help()
                return 0
            return int(options.handler(options))
        return _open_editor(arguments)
    except CommandError as error:
        print(f"pathmapper: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _open_editor(arguments: list[str]) -> int:
    if len(arguments) > 1:
        print("pathmapper: give at most one map to open (pathmapper --help)", file=sys.stderr)
        return 2
    from pathmapper.cli.editor import open_editor

    return open_editor(arguments[0] if arguments else None)


if __name__ == "__main__":
    sys.exit(main())
