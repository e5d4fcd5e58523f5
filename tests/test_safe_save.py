"""Safe saving: the previous version kept, changes by others refused, clear reasons when the
disk says no, and the file on disk never damaged. Tests run as root, so read-only folders and
full disks are simulated by making the operating system calls fail as they would."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from pathmapper.io import MapSaveError, dumps_map, load_map, loads_map, save_map
from pathmapper.io.safe_save import (
    FileChangedOnDiskError,
    FileStamp,
    backup_path,
    save_with_backup,
    stamp_of,
)
from pathmapper.model import PathMap


@pytest.fixture
def small_map(small_document: dict[str, Any]) -> PathMap:
    return loads_map(dumps_map(PathMap.model_validate(small_document)))


def relabelled(path_map: PathMap, label: str) -> PathMap:
    changed = path_map.model_copy(deep=True)
    changed.steps[1].label = label
    return changed


def test_backup_name_adds_bak() -> None:
    assert backup_path(Path("/x/care.pathmap.json")) == Path("/x/care.pathmap.json.bak")


def test_first_save_writes_the_map_and_no_backup(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "care.pathmap.json"
    stamp = save_with_backup(small_map, target)
    assert load_map(target) == small_map
    assert not backup_path(target).exists()
    assert stamp == stamp_of(target)
    assert stamp.size == target.stat().st_size


def test_previous_version_is_kept_as_backup(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "care.pathmap.json"
    first = save_with_backup(small_map, target)
    old_bytes = target.read_bytes()
    second = save_with_backup(relabelled(small_map, "Echo clinic"), target, first)
    assert backup_path(target).read_bytes() == old_bytes
    assert load_map(target).steps[1].label == "Echo clinic"
    assert load_map(backup_path(target)).steps[1].label == "Echo"
    third = save_with_backup(relabelled(small_map, "Echo hub"), target, second)
    assert load_map(backup_path(target)).steps[1].label == "Echo clinic"
    assert third != second
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_backup_keeps_the_old_bytes_exactly(tmp_path: Path, small_map: PathMap) -> None:
    """A file written by another tool (CRLF line ends, BOM) is backed up byte for byte."""
    target = tmp_path / "care.pathmap.json"
    original = b"\xef\xbb\xbf" + dumps_map(small_map).replace("\n", "\r\n").encode()
    target.write_bytes(original)
    save_with_backup(small_map, target, stamp_of(target))
    assert backup_path(target).read_bytes() == original


def test_change_on_disk_by_someone_else_is_refused(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "care.pathmap.json"
    save_map(small_map, target)
    opened = stamp_of(target)
    assert opened is not None
    save_map(relabelled(small_map, "Their edit"), target)  # another laptop saves it
    theirs = target.read_bytes()
    with pytest.raises(FileChangedOnDiskError) as refused:
        save_with_backup(relabelled(small_map, "My edit"), target, opened)
    assert target.read_bytes() == theirs
    assert not backup_path(target).exists()
    assert "changed on disk" in str(refused.value)
    assert "another name" in str(refused.value)
    assert refused.value.found is not None and refused.value.found != opened
    assert isinstance(refused.value, MapSaveError)  # a caller catching MapSaveError offers Save As
    # Overwriting on purpose: no expected stamp. Their version is the backup.
    save_with_backup(relabelled(small_map, "My edit"), target)
    assert load_map(target).steps[1].label == "My edit"
    assert backup_path(target).read_bytes() == theirs


def test_touched_but_unchanged_file_is_not_a_conflict(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "care.pathmap.json"
    save_map(small_map, target)
    opened = stamp_of(target)
    assert opened is not None
    os.utime(target, ns=(opened.mtime_ns + 5_000_000_000, opened.mtime_ns + 5_000_000_000))
    save_with_backup(relabelled(small_map, "Mine"), target, opened)
    assert load_map(target).steps[1].label == "Mine"


def test_vanished_file_is_written_again(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "care.pathmap.json"
    opened = save_with_backup(small_map, target)
    target.unlink()
    save_with_backup(small_map, target, opened)
    assert load_map(target) == small_map


def test_stamp_of_missing_file_is_none(tmp_path: Path) -> None:
    assert stamp_of(tmp_path / "nothing.pathmap.json") is None


def test_stamp_records_content(tmp_path: Path) -> None:
    target = tmp_path / "a.pathmap.json"
    target.write_bytes(b"abc")
    stamp = stamp_of(target)
    assert stamp == FileStamp(
        target.stat().st_mtime_ns,
        3,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    )


def test_vanished_folder_gives_a_clear_message(tmp_path: Path, small_map: PathMap) -> None:
    target = tmp_path / "usb-stick" / "care.pathmap.json"
    with pytest.raises(MapSaveError, match="no longer exists"):
        save_with_backup(small_map, target)
    assert not target.parent.exists()


def test_saving_onto_a_folder_is_refused(tmp_path: Path, small_map: PathMap) -> None:
    (tmp_path / "care.pathmap.json").mkdir()
    with pytest.raises(MapSaveError, match="that is a folder"):
        save_with_backup(small_map, tmp_path / "care.pathmap.json")


def fail_with(number: int) -> Any:
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise OSError(number, os.strerror(number))

    return failing


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (errno.EROFS, "read-only"),
        (errno.EACCES, "read-only"),
        (errno.ENOSPC, "disk is full"),
        (errno.ENOENT, "no longer exists"),
    ],
)
def test_failure_creating_files_loses_nothing(
    tmp_path: Path,
    small_map: PathMap,
    monkeypatch: pytest.MonkeyPatch,
    number: int,
    message: str,
) -> None:
    """The folder refuses new files (read-only, full, removed mid-save): a clear reason, and
    the map file and its backup are exactly as they were."""
    target = tmp_path / "care.pathmap.json"
    first = save_with_backup(small_map, target)
    save_with_backup(relabelled(small_map, "Second"), target, first)
    before = {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)}
    monkeypatch.setattr("pathmapper.io.mapfile._create_temporary", fail_with(number))
    with pytest.raises(MapSaveError, match=message):
        save_with_backup(relabelled(small_map, "Third"), target, stamp_of(target))
    monkeypatch.undo()
    after = {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)}
    assert after == before


def test_disk_full_while_writing_the_new_map_keeps_the_old_one(
    tmp_path: Path, small_map: PathMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup fits but the new map does not: the map file is still the old version and no
    temporary file is left behind."""
    target = tmp_path / "care.pathmap.json"
    save_map(small_map, target)
    old_bytes = target.read_bytes()
    real_fsync = os.fsync
    calls: list[int] = []

    def fsync_full_on_second(descriptor: int) -> None:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):  # files written, not folders synced
            calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_full_on_second)
    with pytest.raises(MapSaveError, match="disk is full"):
        save_with_backup(relabelled(small_map, "New"), target, stamp_of(target))
    monkeypatch.undo()
    assert target.read_bytes() == old_bytes
    assert backup_path(target).read_bytes() == old_bytes
    assert sorted(os.listdir(tmp_path)) == ["care.pathmap.json", "care.pathmap.json.bak"]


def test_unreadable_existing_file_is_not_overwritten(
    tmp_path: Path, small_map: PathMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "care.pathmap.json"
    save_map(small_map, target)
    old_bytes = target.read_bytes()
    real_open = open

    def refusing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == target and "r" in mode:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(MapSaveError, match="cannot be read"):
        save_with_backup(relabelled(small_map, "New"), target)
    monkeypatch.undo()
    assert target.read_bytes() == old_bytes
