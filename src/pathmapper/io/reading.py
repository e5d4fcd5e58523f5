"""Reading a file that may be anything: only a regular file is read, and never more than a limit.

A path given on the command line or in the Open dialog can name a folder, a device such as
`/dev/zero` (endless), a named pipe (a read waits for a writer that may never come) or a socket.
Each is refused, in words that say what it is, before a single byte is read; a regular file is
read up to its reader's limit and no further, even when it grows while it is read.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


NO_SUCH_FILE = "no such file"


class UnreadableFile(Exception):
    """A path that names no readable regular file; `reason` is the words for the person."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def not_a_file_reason(mode: int, expected: str) -> str | None:
    """Why a file of `mode` cannot be read as `expected` ("a map file"), or None for a regular
    file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not {expected}"


def read_regular_file(path: str | os.PathLike[str], max_bytes: int, expected: str) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), or UnreadableFile.

    `expected` names what the file should be ("a map file", "a spreadsheet"), for the reason
    given when it is something else. At most `max_bytes` are read: a longer file is refused."""
    _refuse_special(path, expected)  # before opening: opening some devices does something
    flags = os.O_RDONLY
    if sys.platform != "win32":
        flags |= os.O_NONBLOCK  # so that opening a named pipe never waits for a writer
    try:
        descriptor = os.open(Path(path), flags)
    except FileNotFoundError:
        raise UnreadableFile(NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise UnreadableFile(f"is a folder, not {expected}") from None
    except PermissionError:
        raise UnreadableFile("cannot be read: permission denied") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as stream:
        try:
            status = os.fstat(stream.fileno())
            reason = not_a_file_reason(status.st_mode, expected)
            if reason is not None:
                raise UnreadableFile(reason)
            if status.st_size > max_bytes:
                raise UnreadableFile(_too_big(status.st_size, max_bytes, expected))
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise UnreadableFile(_too_big(len(data), max_bytes, expected))
    return data


def _refuse_special(path: str | os.PathLike[str], expected: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the open that follows says why, in its own words
    reason = not_a_file_reason(mode, expected)
    if reason is not None:
        raise UnreadableFile(reason)


def _too_big(size: int, max_bytes: int, expected: str) -> str:
    limit = max_bytes // (1024 * 1024)
    return f"is {max(size / 1024 / 1024, limit + 1):.0f} MB; {expected} is at most {limit} MB"
