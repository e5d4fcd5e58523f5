"""Reading and writing `.pathmap.json` files.

Load: bytes -> text -> JSON -> migrations by `schema_version` -> validation, where every
problem is reported at once, naming the element and the rule. Save: canonical JSON (same map,
same bytes), written atomically so a crash mid-save never leaves a broken or empty file.

A map file is data only: it is parsed with the json module, never evaluated or unpickled.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pathmapper.io.reading import UnreadableFile, read_regular_file
from pathmapper.model import FORMAT_NAME, SCHEMA_VERSION, PathMap
from pathmapper.model.rules import COLLECTIONS, element_name, reference_problems

MAX_FILE_BYTES = 50 * 1024 * 1024
# Element counts no real pathway reaches (the analysis is measured on 10,000 steps), so that a
# small file cannot make the program build millions of objects: a 48 MB file of empty lists is
# 16 million values. Counted before the parts are built, and refused with these numbers.
MAX_STEPS = 20_000
MAX_FLOWS = 50_000
MAX_JSON_VALUES = 2_000_000
MAP_SUFFIXES = (".pathmap.json", ".pathmap")

# Migrations from each older schema version to the next: MIGRATIONS[n] turns a version-n
# document into a version-(n+1) one. Version 1 is the first, so there are none yet; the loader
# runs them in order so that adding one is all a format change needs.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


class FileProblems(Exception):
    """A file that cannot be used, with every reason, each a line a person can act on."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        lines = [f"{self.source}: {len(self.problems)} problems"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class MapFileError(FileProblems):
    """A map file that cannot be used: not JSON, not a map, or breaking the format's rules."""


class MapSaveError(Exception):
    """A map that could not be written. The previous file, if any, is untouched."""


# ---------------------------------------------------------------------------------- loading


def load_map(path: str | os.PathLike[str]) -> PathMap:
    """Read a map file. Raises MapFileError naming every problem; never changes the file."""
    source = str(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "a map file")
    except UnreadableFile as unreadable:
        raise MapFileError(source, [unreadable.reason]) from None
    return loads_map(data, source)


def loads_map(data: bytes | str, source: str = "map") -> PathMap:
    """Parse and validate a map from bytes or text."""
    if isinstance(data, bytes) and len(data) > MAX_FILE_BYTES:
        raise MapFileError(source, ["is over 50 MB; a map file is at most 50 MB"])
    document = parse_json_document(data, source)
    document = migrate(document, source)
    return validate_document(document, source)


def parse_json_document(data: bytes | str, source: str) -> dict[str, Any]:
    """JSON text to a dictionary, refusing what a map file can never hold."""
    text = _decode(data, source)
    if not text.strip():
        raise MapFileError(source, ["is empty: it holds no map"])
    values = json_value_count(text)
    if values > MAX_JSON_VALUES:
        raise MapFileError(
            source,
            [
                f"holds about {values:,} values; a map file holds at most {MAX_JSON_VALUES:,} "
                "(it may be built to exhaust memory)"
            ],
        )
    try:
        document = json.loads(
            text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant
        )
    except _JsonRefusal as refusal:
        raise MapFileError(source, [str(refusal)]) from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            reason = "ends too early: the file looks truncated (was it fully saved or downloaded?)"
        elif error.msg.startswith("Unterminated string"):
            reason = (
                f"has text that never ends (from line {error.lineno}, column {error.colno}): "
                "the file looks truncated, or a closing quote is missing"
            )
        else:
            reason = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise MapFileError(source, [reason]) from None
    except RecursionError:
        raise MapFileError(source, ["is nested too deeply to be a map file"]) from None
    except ValueError:  # the only other refusal: an integer longer than Python converts
        digits = sys.get_int_max_str_digits()
        raise MapFileError(
            source,
            [f"holds a number of more than {digits:,} digits; a map's numbers are far shorter"],
        ) from None
    problem = _structure_problem(document, check_text="\\u" in text)
    if problem:
        raise MapFileError(source, [problem])
    if not isinstance(document, dict):
        kind = {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
            type(document), "a single value"
        )
        raise MapFileError(source, [f"is not a pathmapper map: it holds {kind}, not an object"])
    return document


class _JsonRefusal(ValueError):
    pass


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def json_value_count(text: str) -> int:
    """About how many values (lists, objects, and the items and members in them) JSON `text`
    holds, without parsing it: each opens with `[` or `{` or follows a `,`. The characters
    are counted in strings too, which only overestimates; when that estimate is over the
    limit, the count is made again with the strings left out."""
    estimate = text.count("[") + text.count("{") + text.count(",") + 1
    if estimate <= MAX_JSON_VALUES:
        return estimate
    bare = _JSON_STRING.sub('""', text)
    return bare.count("[") + bare.count("{") + bare.count(",") + 1


MAX_NESTING = 64  # a map is about 4 levels deep; unknown fields get room, not a stack overflow


def _structure_problem(document: Any, check_text: bool) -> str | None:
    """What makes a parsed document unusable whatever its fields: too deep a nesting, or
    text that is not valid Unicode (a lone surrogate written as an escape, such as \\ud800)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_NESTING:
                return f"is nested more than {MAX_NESTING} levels deep; a map never is"
            if check_text:
                stack.extend((key, depth) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            if depth > MAX_NESTING:
                return f"is nested more than {MAX_NESTING} levels deep; a map never is"
            stack.extend((item, depth + 1) for item in value)
        elif check_text and isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                shown = json.dumps(value[:30])  # escaped, so the message itself can be printed
                return f"holds text that is not valid Unicode (a lone surrogate) in {shown}"
    return None


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonRefusal(
                f"has the key '{key}' twice in one object; which one is meant is unclear"
            )
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _JsonRefusal(f"holds the number {name}, which a map cannot use; give a real number")


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapFileError(source, ["is UTF-16 text; save it as UTF-8"])
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise MapFileError(
            source,
            [f"is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"],
        ) from None


def migrate(document: dict[str, Any], source: str) -> dict[str, Any]:
    """Bring an older document up to the current schema version; refuse a newer one."""
    file_format = document.get("format")
    if file_format != FORMAT_NAME:
        found = 'has no "format"' if file_format is None else f"has format {file_format!r}"
        raise MapFileError(
            source, [f'is not a pathmapper map: it {found} (expected "{FORMAT_NAME}")']
        )
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise MapFileError(
            source, [f"schema_version {version!r} is not a whole number (this is version 1)"]
        )
    if version > SCHEMA_VERSION:
        raise MapFileError(
            source,
            [
                f"was written by a newer pathmapper (map format version {version}; this "
                f"pathmapper reads up to version {SCHEMA_VERSION}): please update pathmapper"
            ],
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MapFileError(source, [f"schema_version {version} is not a known map format"])
        document = step(document)
        version += 1
        document["schema_version"] = version
    return document


def validate_document(document: dict[str, Any], source: str) -> PathMap:
    """A map from a current-version document, or MapFileError with every problem in it."""
    steps, flows = (document.get(name) for name in ("steps", "flows"))
    too_many = element_count_problems(
        len(steps) if isinstance(steps, list) else 0, len(flows) if isinstance(flows, list) else 0
    )
    if too_many:
        raise MapFileError(source, too_many)
    problems: list[str] = []
    result: PathMap | None = None
    try:
        result = PathMap.model_validate(document)
    except ValidationError as error:
        problems += [_describe_error(document, detail) for detail in error.errors()]
    problems += reference_problems(document)
    if problems:
        raise MapFileError(source, list(dict.fromkeys(problems)))
    assert result is not None
    return result


def element_count_problems(steps: int, flows: int) -> list[str]:
    """Why a map of `steps` steps and `flows` flows is more than pathmapper takes: none for
    any real pathway."""
    problems = []
    if steps > MAX_STEPS:
        problems.append(f"has {steps:,} steps; a map has at most {MAX_STEPS:,}")
    if flows > MAX_FLOWS:
        problems.append(f"has {flows:,} arrows; a map has at most {MAX_FLOWS:,}")
    return problems


def _describe_error(document: dict[str, Any], detail: Any) -> str:
    location = tuple(detail["loc"])
    where = "map"
    field_path = location
    if len(location) >= 2 and location[0] in dict(COLLECTIONS) and isinstance(location[1], int):
        items = document.get(str(location[0]))
        raw = items[location[1]] if isinstance(items, list) else None
        where = element_name(str(location[0]), location[1], raw)
        field_path = location[2:]
    field = ".".join(str(part) for part in field_path)
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    if kind == "missing":
        message = f"{field} is missing"
    elif kind == "literal_error":
        message = f"{field} {_show(value)} is not one of {context.get('expected', '')}"
    elif kind == "value_error":
        message = f"{field}: {context.get('error', detail['msg'])}"
    elif kind in {"string_type", "bool_type", "int_type", "float_type", "list_type"}:
        wanted = {
            "string_type": "text",
            "bool_type": "true or false",
            "int_type": "a whole number",
            "float_type": "a number",
            "list_type": "a list",
        }[kind]
        message = f"{field} must be {wanted}, not {_show(value)}"
    elif kind in {"model_type", "dict_type"}:
        message = f"{field or 'element'} must be an object, not {_show(value)}"
    elif kind in {"less_than_equal", "greater_than_equal", "greater_than", "less_than"}:
        limit = next(iter(context.values()), "")
        bound = {
            "less_than_equal": "at most",
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        message = f"{field} must be {bound} {limit}, not {_show(value)}"
    elif kind == "string_pattern_mismatch":
        message = f"{field} {_show(value)} is not a colour like #1f77b4"
    else:
        message = f"{field}: {detail['msg']}" if field else detail["msg"]
    return f"{where}: {message}"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


# ----------------------------------------------------------------------------------- saving


def dumps_map(path_map: PathMap) -> str:
    """The canonical text of a map: fixed key order, 2-space indent, UTF-8, final newline."""
    return json.dumps(path_map.to_document(), indent=2, ensure_ascii=False) + "\n"


def save_map(path_map: PathMap, path: str | os.PathLike[str]) -> None:
    """Write a map atomically: a temporary file in the same folder, flushed to disk, then
    renamed over the target. A crash leaves either the old file or the new one, never half."""
    write_text_atomically(Path(path), dumps_map(path_map))


def write_text_atomically(target: Path, text: str) -> None:
    """Replace `target` with `text` (UTF-8, newlines as given) in one step, or raise
    MapSaveError leaving it untouched."""
    write_bytes_atomically(target, text.encode("utf-8"))


def write_bytes_atomically(
    target: Path,
    data: bytes,
    reason: Callable[[OSError], str] | None = None,
    mode: int | None = None,
) -> None:
    """Replace `target` with `data` in one step: a temporary file in the same folder, flushed
    to disk, then renamed over it. Raises MapSaveError leaving it untouched, with `reason`'s
    words for the failure (`save_failure_reason`'s by default).

    A symbolic link is followed: the file it points to is replaced and the link kept, as
    editors do. The file keeps the permissions it had; a new file gets the user's usual ones
    (the umask), or `mode` when given (a backup keeps those of the file it backs up). Stale
    temporary files that an earlier write of the same file left when it was killed go."""
    real_target = Path(os.path.realpath(target)) if os.path.islink(target) else target
    folder = real_target.parent
    remove_stale_temporaries(folder, real_target.name)
    temporary: Path | None = None
    try:
        wanted_mode = mode if mode is not None else _existing_mode(real_target)
        temporary, handle = _create_temporary(real_target)
        with os.fdopen(handle, "wb") as stream:
            if wanted_mode is not None and sys.platform != "win32":
                os.fchmod(stream.fileno(), wanted_mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, real_target)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        words = reason(error) if reason else save_failure_reason(target, error)
        raise MapSaveError(words) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_ATTEMPTS = 100


def _temporary_name(target: Path) -> str:
    """`.NAME.RANDOM.tmp`: hidden beside the file, and recognisably ours."""
    return f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"


def _create_temporary(target: Path) -> tuple[Path, int]:
    """A new temporary file beside `target`, created with the umask's permissions (as any new
    file of the user's), open for writing."""
    for _ in range(_TEMPORARY_ATTEMPTS):
        candidate = target.with_name(_temporary_name(target))
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the regular file at `target`, or None when there is none."""
    try:
        status = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else None


STALE_TEMPORARY_SECONDS = 10 * 60
_TEMPORARY_PATTERN = re.compile(r"^\.(?P<name>.+)\.[0-9a-z_]{8}\.tmp$")


def remove_stale_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files a save that was killed half-way left in `folder` (of the file
    `name`, or of any file): ours by their name, owned by this user, untouched for ten minutes
    (a save takes a second; one under way now is never touched). Returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY_PATTERN.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        ours = sys.platform == "win32" or status.st_uid == os.getuid()
        if (
            stat.S_ISREG(status.st_mode)
            and ours
            and now - status.st_mtime > STALE_TEMPORARY_SECONDS
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def save_failure_reason(target: Path, error: OSError, otherwise: str | None = None) -> str:
    """Why saving `target` failed, in words a person can act on; `otherwise` for the errors
    that have no particular advice (the OS's own words by default)."""
    if error.errno == errno.ENOSPC:
        return f"Cannot save {target}: the disk is full."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot save {target}: the folder or file is read-only."
    if error.errno == errno.ENOENT:
        return f"Cannot save {target}: the folder {target.parent} no longer exists."
    if error.errno == errno.EISDIR:
        return f"Cannot save {target}: that is a folder."
    return otherwise or f"Cannot save {target}: {error.strerror or error}."
