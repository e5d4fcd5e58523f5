"""File formats: the map file (read, validate, migrate, write canonically and atomically)."""

from pathmapper.io.mapfile import (
    MAP_SUFFIXES,
    MAX_FILE_BYTES,
    MapFileError,
    MapSaveError,
    dumps_map,
    load_map,
    loads_map,
    save_map,
    write_bytes_atomically,
    write_text_atomically,
)

__all__ = [
    "MAP_SUFFIXES",
    "MAX_FILE_BYTES",
    "MapFileError",
    "MapSaveError",
    "dumps_map",
    "load_map",
    "loads_map",
    "save_map",
    "write_bytes_atomically",
    "write_text_atomically",
]
