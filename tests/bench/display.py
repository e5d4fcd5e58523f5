"""Where the bench's windows are shown: a private Xvfb server when one is installed (real X11
painting, as on a desktop), Qt's offscreen platform otherwise. Children get their own empty home
and settings folders, so every start is a first start and no one's settings are touched."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

XVFB_START_LIMIT_S = 15.0


@dataclass(frozen=True)
class Display:
    """The environment for child processes that show windows; `name` says which platform."""

    name: str
    env: dict[str, str]


def private_home_env(home: Path) -> dict[str, str]:
    """The current environment with HOME and the XDG folders moved into `home`."""
    env = dict(os.environ)
    for variable, folder in (
        ("HOME", home),
        ("XDG_CONFIG_HOME", home / ".config"),
        ("XDG_DATA_HOME", home / ".local" / "share"),
        ("XDG_CACHE_HOME", home / ".cache"),
        ("XDG_STATE_HOME", home / ".local" / "state"),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    env.setdefault("XDG_RUNTIME_DIR", str(home / "runtime"))
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


@contextmanager
def bench_display(home: Path) -> Iterator[Display]:
    """A display for the bench's windows, ended (only the server started here) on exit."""
    env = private_home_env(home)
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        yield Display("offscreen (Xvfb not installed)", env)
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        number = _read_display_number(read_end)
        env["DISPLAY"] = f":{number}"
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
        yield Display(f"xcb on Xvfb :{number} (1920x1080x24)", env)
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def _read_display_number(read_end: int) -> str:
    """Xvfb writes the display number it chose to the pipe once it accepts connections."""
    import select

    ready, _, _ = select.select([read_end], [], [], XVFB_START_LIMIT_S)
    if not ready:
        raise RuntimeError(f"Xvfb did not start within {XVFB_START_LIMIT_S:.0f} s")
    number = os.read(read_end, 32).decode("ascii").strip()
    if not number.isdigit():
        raise RuntimeError("Xvfb did not report a display number")
    return number
