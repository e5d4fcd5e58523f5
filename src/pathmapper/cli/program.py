"""`pathmapper` as a program of its own: the installed command and the frozen build start here.
Tests and other Python callers use `pathmapper.cli.main.main`, which leaves the process as it is.

The one process-wide setting: Python's cyclic garbage collector runs less often. By default it
walks the youngest objects after every 700 new ones, and now and then every object in the
process. A run of the program makes hundreds of thousands of small objects while it imports,
validates a map and searches its routes, hardly any of them garbage in a cycle, so about a
tenth of `pathmapper check` went on those walks. Memory is still freed at once by reference
counting; only cycles wait a little longer to be found.
"""

from __future__ import annotations

import gc
import sys

# Young objects made before a collection; collections of the young before one of the middle
# generation; of the middle before the whole process is walked (Python's own defaults: 700, 10,
# 10).
COLLECT_AFTER = (50_000, 20, 20)


def prepare_process() -> None:
    """The program's process-wide settings, made before it imports anything else."""
    gc.set_threshold(*COLLECT_AFTER)


def run() -> int:
    prepare_process()
    # Imported after the setting: importing the model and its schemas makes many objects.
    from pathmapper.cli.main import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
