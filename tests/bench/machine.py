"""What the figures were measured on: cores, memory, CPU model, OS, Python, Qt, Graphviz."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path


def _first_line_with(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def memory_gb() -> str:
    total = _first_line_with("/proc/meminfo", "MemTotal")
    if total == "unknown":
        return total
    return f"{int(total.split()[0]) / 1024 / 1024:.1f} GB"


def qt_version() -> str:
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError:
        return "not installed"
    return f"PySide6 {PySide6.__version__}, Qt {qVersion()}"


def dot_version(dot: str | None) -> str:
    if dot is None:
        return "not installed"
    try:
        done = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "installed, version unknown"
    return (done.stderr or done.stdout).strip() or "installed"


def describe_machine() -> list[tuple[str, str]]:
    """(what, value) pairs, in the order the report prints them."""
    return [
        ("cores", str(os.cpu_count() or "unknown")),
        ("memory", memory_gb()),
        ("CPU", _first_line_with("/proc/cpuinfo", "model name")),
        ("OS", os_name()),
        ("Python", sys.version.split()[0]),
        ("Qt", qt_version()),
        ("Graphviz", dot_version(shutil.which("dot"))),
    ]
