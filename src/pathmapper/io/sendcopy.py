"""Save a copy to send: the map as it is, same ids, ready to email and later merge back.

Nothing hidden is stored in the map. The copy written is itself the base for merging the
copies that come back; the function returns its full path for the editor to remember (in its
settings) and offer as the base in File > Merge returned copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from pathmapper.io.mapfile import save_map
from pathmapper.model import PathMap


def save_copy_to_send(path_map: PathMap, out_path: str | os.PathLike[str]) -> Path:
    """Write `path_map` unchanged (same ids, canonical bytes) to `out_path`, atomically, and
    return the absolute path of that copy: the base to merge returned copies against.
    Raises MapSaveError when it cannot be written."""
    target = Path(out_path).resolve()
    save_map(path_map, target)
    return target
