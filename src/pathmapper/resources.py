"""Where the shipped resources (fonts, schema, icons, sample maps) are found.

In a source checkout and an editable install they sit at the top of the project; in a frozen
build (PyInstaller) they are unpacked beside the executable. `PATHMAPPER_RESOURCES` overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _project_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    override = os.environ.get("PATHMAPPER_RESOURCES")
    return Path(override) if override else _project_root() / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_maps_dir() -> Path:
    return _project_root() / "sample_maps"
