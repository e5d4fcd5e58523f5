"""`pathmapper [MAP]`: open the editor. The only path of the command line that imports Qt."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = (
    "pathmapper: no display found (DISPLAY and WAYLAND_DISPLAY are unset); to run it on a "
    "virtual screen: xvfb-run -a pathmapper [MAP]"
)


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_editor(path: str | None) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from pathmapper.ui.app import run_editor

    return run_editor(path)
