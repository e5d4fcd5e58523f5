"""Recovery snapshots: the open map, written every few seconds, so a crash or power cut loses
at most the last few seconds of a workshop.

One snapshot per editing session (one open window), in a folder the caller chooses (the editor
uses its data folder). A snapshot is one file, `SESSION.pathmap-recovery.json`, written
atomically, holding an envelope with what the restore offer shows and the map itself:

    {"format": "pathmapper-recovery", "version": 1, "session": "...",
     "saved_at": "2026-11-22T10:31:07.120000Z", "original_path": "/x/care.pathmap.json" | null,
     "title": "...", "step_count": 12, "map": {...the map document...}}

One file rather than a map plus a sidecar: a single atomic rename can never leave the
description of one version beside the map of another.

Snapshots of other sessions (an editor that crashed) are listed and offered, never deleted here:
only the person decides, through `discard`, or by `adopt`ing one into their new session.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pathmapper.io.mapfile import (
    MAX_FILE_BYTES,
    MapFileError,
    MapSaveError,
    dumps_map,
    migrate,
    parse_json_document,
    remove_stale_temporaries,
    validate_document,
    write_text_atomically,
)
from pathmapper.io.reading import NO_SUCH_FILE, UnreadableFile, read_regular_file
from pathmapper.model import PathMap

RECOVERY_FORMAT = "pathmapper-recovery"
RECOVERY_VERSION = 1
SNAPSHOT_SUFFIX = ".pathmap-recovery.json"
_SESSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class Snapshot:
    """One recovery file and what it holds. `problem` is set (and the other fields are what
    could be learnt) when the file is damaged: it is listed, so it can be shown and discarded,
    but it cannot be restored."""

    file: Path
    session: str
    saved_at: datetime
    original_path: Path | None
    title: str
    step_count: int
    problem: str | None = None

    @property
    def display_title(self) -> str:
        return self.title.strip() or "Untitled map"


def check_session(session: str) -> str:
    """A session id is part of a file name: letters, digits, '-' and '_' only."""
    if not _SESSION_PATTERN.match(session):
        raise ValueError(f"{session!r} cannot be a recovery session id")
    return session


def envelope_text(
    session: str,
    map_text: str,
    title: str,
    step_count: int,
    original_path: str | os.PathLike[str] | None,
    saved_at: datetime | None = None,
) -> str:
    """The snapshot file's text around `map_text` (the map's canonical text, `dumps_map`).

    Cheap (string joining, no parsing), so a worker thread can do it with text the UI thread
    made in one go."""
    when = (saved_at or datetime.now(UTC)).astimezone(UTC)
    header = {
        "format": RECOVERY_FORMAT,
        "version": RECOVERY_VERSION,
        "session": check_session(session),
        "saved_at": when.isoformat().replace("+00:00", "Z"),
        "original_path": None if original_path is None else str(original_path),
        "title": title,
        "step_count": step_count,
    }
    head = json.dumps(header, indent=2, ensure_ascii=False)
    return head[:-2] + ',\n  "map": ' + map_text.rstrip("\n") + "\n}\n"


class RecoveryStore:
    """The recovery folder: write, list, load, adopt and clear snapshots. No Qt, no threads:
    the editor's autosaver calls `write` from its worker thread."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def file_for(self, session: str) -> Path:
        return self.folder / f"{check_session(session)}{SNAPSHOT_SUFFIX}"

    # ------------------------------------------------------------------------------ writing

    def write(
        self,
        session: str,
        map_text: str,
        title: str,
        step_count: int,
        original_path: str | os.PathLike[str] | None = None,
    ) -> Path:
        """Replace this session's snapshot atomically; returns its file. Raises MapSaveError
        (the reason in words) when the folder cannot be written."""
        text = envelope_text(session, map_text, title, step_count, original_path)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise MapSaveError(
                f"Cannot write the recovery file in {self.folder}: {error.strerror or error}."
            ) from error
        target = self.file_for(session)
        write_text_atomically(target, text)
        return target

    def write_map(
        self,
        session: str,
        path_map: PathMap,
        original_path: str | os.PathLike[str] | None = None,
    ) -> Path:
        """`write` for a whole map (serialises it here)."""
        return self.write(
            session, dumps_map(path_map), path_map.title, len(path_map.steps), original_path
        )

    # ------------------------------------------------------------------------------ reading

    def list(self) -> list[Snapshot]:
        """Every snapshot in the folder, newest first; damaged ones too, with their problem."""
        if not self.folder.is_dir():
            return []
        snapshots = [
            self._describe(file)
            for file in self.folder.iterdir()
            if file.name.endswith(SNAPSHOT_SUFFIX) and file.is_file()
        ]
        return sorted(snapshots, key=lambda snapshot: snapshot.saved_at, reverse=True)

    def remove_stale_temporaries(self) -> builtins.list[Path]:
        """Remove the temporary files of snapshot writes that a crash cut short."""
        return remove_stale_temporaries(self.folder)

    def others(self, session: str) -> builtins.list[Snapshot]:
        """Snapshots left by other sessions (an editor that crashed or was killed): to offer."""
        return [snapshot for snapshot in self.list() if snapshot.session != session]

    def load(self, snapshot: Snapshot) -> PathMap:
        """The map a snapshot holds, through the normal validating loader. Raises MapFileError
        (never anything else) when the snapshot is damaged or gone."""
        source = f"Recovery file {snapshot.file.name}"
        envelope = self._read_envelope(snapshot.file, source)
        document = envelope.get("map")
        if not isinstance(document, dict):
            raise MapFileError(source, ["holds no map"])
        return validate_document(migrate(document, source), source)

    # ------------------------------------------------------------------------------ removing

    def clear(self, session: str) -> None:
        """Remove this session's snapshot (after a clean save or a discard). Others are kept."""
        with contextlib.suppress(FileNotFoundError):
            self.file_for(session).unlink()

    def discard(self, snapshot: Snapshot) -> None:
        """Remove one offered snapshot, because the person chose to."""
        with contextlib.suppress(FileNotFoundError):
            snapshot.file.unlink()

    def adopt(self, snapshot: Snapshot, session: str) -> Path:
        """Make a restored snapshot this session's own, in one rename: until the new session
        writes its first snapshot, the restored work stays recoverable. Raises MapSaveError
        when the file cannot be renamed (it is then left where it was)."""
        target = self.file_for(session)
        try:
            os.replace(snapshot.file, target)
        except OSError as error:
            raise MapSaveError(
                f"Cannot keep the recovery file {snapshot.file.name}: {error.strerror or error}."
            ) from error
        return target

    # ------------------------------------------------------------------------------ helpers

    def _read_envelope(self, file: Path, source: str) -> dict[str, Any]:
        try:
            data = read_regular_file(file, MAX_FILE_BYTES, "a recovery file")
        except UnreadableFile as unreadable:
            reason = "is gone" if unreadable.reason == NO_SUCH_FILE else unreadable.reason
            raise MapFileError(source, [reason]) from None
        envelope = parse_json_document(data, source)
        if envelope.get("format") != RECOVERY_FORMAT:
            raise MapFileError(source, ["is not a pathmapper recovery file"])
        version = envelope.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise MapFileError(source, ["has no recovery file version"])
        if version > RECOVERY_VERSION:
            raise MapFileError(
                source, ["was written by a newer pathmapper: please update pathmapper"]
            )
        return envelope

    def _describe(self, file: Path) -> Snapshot:
        session = file.name.removesuffix(SNAPSHOT_SUFFIX)
        try:
            fallback_time = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        except OSError:
            fallback_time = datetime.fromtimestamp(0, UTC)
        try:
            envelope = self._read_envelope(file, f"Recovery file {file.name}")
        except MapFileError as error:
            reason = error.problems[0] if error.problems else "is damaged"
            return Snapshot(file, session, fallback_time, None, "", 0, reason)
        saved_at = _parse_time(envelope.get("saved_at")) or fallback_time
        original = envelope.get("original_path")
        title = envelope.get("title")
        count = envelope.get("step_count")
        problem = None if isinstance(envelope.get("map"), dict) else "holds no map"
        return Snapshot(
            file=file,
            session=session,
            saved_at=saved_at,
            original_path=Path(original) if isinstance(original, str) and original else None,
            title=title if isinstance(title, str) else "",
            step_count=count if isinstance(count, int) and not isinstance(count, bool) else 0,
            problem=problem,
        )


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
