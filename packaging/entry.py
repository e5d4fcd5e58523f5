"""The frozen build's entry point: the same `pathmapper` command as the installed script."""

from __future__ import annotations

import multiprocessing
import sys

from pathmapper.cli.program import run

if __name__ == "__main__":
    # The what-if simulation's worker processes are this same binary started again: this
    # turns such a start into a worker instead of a second pathmapper.
    multiprocessing.freeze_support()
    sys.exit(run())
