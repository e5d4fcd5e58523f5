"""What the sub-commands share: the error that ends a command cleanly, and map loading."""

from __future__ import annotations

import sys
from pathlib import Path

from pathmapper.io import MapFileError, load_map
from pathmapper.model import PathMap


class CommandError(Exception):
    """An expected failure: printed as one line (or one per problem), with an exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def load_or_fail(path: str) -> PathMap:
    """Load a map or end the command with every problem on stderr and exit status 2."""
    try:
        return load_map(path)
    except MapFileError as error:
        raise CommandError(error.describe()) from None


def report_problems(error: MapFileError) -> None:
    """Print a file's problems to stderr, one line each, each naming the file."""
    for problem in error.problems:
        print(f"{error.source}: {problem}", file=sys.stderr)


def refuse_overwriting_input(inputs: list[str], output: str) -> None:
    """Stop a command that would write over one of its own inputs."""
    out = Path(output).resolve()
    for source in inputs:
        if Path(source).resolve() == out:
            raise CommandError(f"{output}: refusing to write over the input file")
