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

# Sub-command modules, in the order `--help` lists them.
SUBCOMMAND_MODULES = (
    "pathmapper.cli.validate",
    "pathmapper.cli.check",
    "pathmapper.cli.export",
    "pathmapper.cli.compare",
    "pathmapper.cli.merge",
    "pathmapper.cli.importer",
)

DESCRIPTION = """\
Map patient pathways live as swimlanes, and find their gaps, loops and handoffs.

  pathmapper [MAP]            open the editor (on MAP, a .pathmap.json file)
  pathmapper COMMAND --help   help on one command
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathmapper",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pathmapper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        if arguments and (
            arguments[0] in _subcommand_names(parser) or arguments[0].startswith("-")
        ):
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
