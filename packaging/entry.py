"""The frozen build's entry point: the same `pathmapper` command as the installed script."""

from __future__ import annotations

import sys

from pathmapper.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
