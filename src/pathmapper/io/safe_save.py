"""Saving a map without ever losing a version: a backup, a check for changes by others, and
clear reasons when the disk says no.

`save_with_backup(map, path, expected_stamp)`:

1. reads the file now on disk (if any) and, when `expected_stamp` is given, refuses with
   `FileChangedOnDiskError` if that file is no longer the one the map was opened from (someone
   else saved it from another laptop, a sync tool replaced it): the editor then offers Save As,
   or overwriting on purpose (call again with `expected_stamp=None`);
2. keeps those old bytes as `NAME.bak` next to the file (written atomically);
3. writes the new map atomically over the file, and returns its new `FileStamp`, which the
   caller keeps for the next save.

If any step fails, `MapSaveError` says why in words for the room (read-only folder, folder gone,
disk full) and the map file on disk is exactly as it was.

Why `NAME.bak` (`cardiology.pathmap.json.bak`) rather than `NAME~`: it is visible and
recognisable on every system (Windows tools and sync clients treat `~` files as temporary and
hide or skip them, which defeats a backup), it sorts next to the map, its name says what it is to
a person who never saw the Unix convention, and because it does not end in `.pathmap.json` the
Open dialog never offers it by mistake. To go back to it, rename it (drop the `.bak`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pathmapper.io.mapfile import (
    MAX_FILE_BYTES,
    MapSaveError,
    dumps_map,
    save_failure_reason,
    write_bytes_atomically,
    write_text_atomically,
)
from pathmapper.io.reading import not_a_file_reason
from pathmapper.model import PathMap

BACKUP_SUFFIX = ".bak"


@dataclass(frozen=True)
class FileStamp:
    """What a file was when it was read: modification time, size and content hash.

    Two stamps are the same file when their contents match (`sha256`); the time and size are
    kept to tell a person what changed and when.
    """

    mtime_ns: int
    size: int
    sha256: str

    def same_content(self, other: FileStamp) -> bool:
        return self.size == other.size and self.sha256 == other.sha256


class FileChangedOnDiskError(MapSaveError):
    """The file on disk is not the one the map was opened from: saving would lose someone's
    work. Nothing was written. Offer Save As, or overwrite on purpose."""

    def __init__(self, path: Path, expected: FileStamp, found: FileStamp | None) -> None:
        self.path = path
        self.expected = expected
        self.found = found
        super().__init__(
            f"Cannot save {path.name}: the file was changed on disk (by another person or "
            "program) since you opened it. Save your map under another name to keep both, "
            "or overwrite the other version on purpose."
        )


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of `path` is kept: the same name with `.bak` added."""
    target = Path(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def stamp_of(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file at `path` now, or None when there is no file there.

    Take it when a map is opened (before reading it, so that a change made in between makes the
    next save cautious, never careless) and pass it to `save_with_backup`.
    """
    stamp, _ = _read_current(Path(path))
    return stamp


def save_with_backup(
    path_map: PathMap,
    path: str | os.PathLike[str],
    expected_stamp: FileStamp | None = None,
) -> FileStamp:
    """Save `path_map` to `path`, keeping the file's previous version as `path.bak`.

    `expected_stamp`: the stamp taken when the map was opened from this same path; when the
    file on disk no longer matches it, raises FileChangedOnDiskError and writes nothing. A
    file that has vanished since is not a conflict (nothing there can be lost). Pass None for a
    new file, Save As, or to overwrite on purpose.

    Returns the stamp of the newly written file. Raises MapSaveError (with a reason for the
    room) when the file cannot be written; the file on disk is then as it was.
    """
    target = _followed(Path(path))
    text = dumps_map(path_map)  # first: a map that cannot be written fails before any I/O
    _check_folder(target)
    current, old_bytes = _read_current(target)
    if expected_stamp is not None and _changed(expected_stamp, current):
        raise FileChangedOnDiskError(target, expected_stamp, current)
    if old_bytes is not None:
        _write_backup(target, old_bytes)
    write_text_atomically(target, text)
    written = stamp_of(target)
    if written is None:  # pragma: no cover - removed between our rename and our stat
        raise MapSaveError(f"Cannot save {target}: the file vanished just after saving.")
    return written


def _followed(path: Path) -> Path:
    """The file a symbolic link points to (the link itself stays), or `path`: the map and its
    backup are written beside the real file."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _changed(expected: FileStamp, current: FileStamp | None) -> bool:
    """Whether the file on disk is another version than the one opened (a vanished file is not:
    writing it again loses nothing)."""
    return current is not None and not current.same_content(expected)


def _check_folder(target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise MapSaveError(
            f"Cannot save {target.name}: the folder {folder} no longer exists (a USB stick or "
            "network drive removed?). Save the map somewhere else."
        )
    if not folder.is_dir():
        raise MapSaveError(f"Cannot save {target.name}: {folder} is not a folder.")
    if target.is_dir():
        raise MapSaveError(f"Cannot save {target}: that is a folder.")


def _read_current(target: Path) -> tuple[FileStamp | None, bytes | None]:
    with contextlib.suppress(OSError):  # the open below says what is wrong
        special = not_a_file_reason(os.stat(target).st_mode, "a map file")
        if special is not None:  # a folder, a device, a named pipe: never opened
            raise MapSaveError(f"Cannot save {target}: that {special}.")
    try:
        with open(target, "rb") as stream:
            status = os.fstat(stream.fileno())
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except IsADirectoryError:
        raise MapSaveError(f"Cannot save {target}: that is a folder.") from None
    except OSError as error:
        raise MapSaveError(
            f"Cannot save {target.name}: the file already there cannot be read "
            f"({error.strerror or error}), so it cannot be kept as a backup."
        ) from error
    if len(data) > MAX_FILE_BYTES:  # no map; and a backup would mean holding all of it
        raise MapSaveError(
            f"Cannot save {target.name}: the file already there is over "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB, far larger than any map. Save the map "
            "under another name."
        )
    stamp = FileStamp(status.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())
    return stamp, data


def _write_backup(target: Path, old_bytes: bytes) -> None:
    """Keep the previous version beside the file, byte for byte and atomically (a temporary
    file renamed over the old backup), or refuse the whole save. The backup gets the file's
    own permissions: a private map has a private backup."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    write_bytes_atomically(
        backup_path(target),
        old_bytes,
        reason=lambda error: _backup_reason(target, error),
        mode=mode,
    )


def _backup_reason(target: Path, error: OSError) -> str:
    return save_failure_reason(
        target,
        error,
        otherwise=(
            f"Cannot save {target.name}: the previous version could not be kept as "
            f"{backup_path(target).name} ({error.strerror or error}); nothing was changed."
        ),
    )
