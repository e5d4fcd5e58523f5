"""Hostile places on disk (issue #18): symbolic links, permissions, paths that name no regular
file, and the temporary files a killed save leaves behind.

Saving through a link writes the file it points to and keeps the link; new files get the
user's umask and existing ones keep their mode; a folder, a device, a named pipe or a socket is
refused in words before a byte is read, by every reader; stale temporaries of ours are removed.
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis import analyse
from pathmapper.cli.main import main
from pathmapper.export.bpmn import write_bpmn
from pathmapper.export.csv_tables import write_csv_tables
from pathmapper.export.drawio_write import write_drawio
from pathmapper.export.pdf_document import write_map_pdf
from pathmapper.io import MapFileError, MapSaveError, load_map, save_map
from pathmapper.io.csv_steps import CsvImportError, read_steps_csv
from pathmapper.io.drawio_decode import DrawioError
from pathmapper.io.drawio_read import read_drawio_pages
from pathmapper.io.mapfile import STALE_TEMPORARY_SECONDS, remove_stale_temporaries
from pathmapper.io.recovery import RecoveryStore
from pathmapper.io.safe_save import (
    FileChangedOnDiskError,
    backup_path,
    save_with_backup,
    stamp_of,
)
from pathmapper.model import PathMap
from tests.conftest import SMALL_MAP


@pytest.fixture
def small_map() -> PathMap:
    return PathMap.model_validate(SMALL_MAP)


def relabelled(path_map: PathMap, title: str) -> PathMap:
    return path_map.model_copy(update={"title": title})


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, whatever the test runner's: new files should be rw-r--r--."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# ---------------------------------------------------------------------------- symbolic links


def test_saving_through_a_link_writes_its_target_and_keeps_the_link(
    tmp_path: Path, small_map: PathMap
) -> None:
    real = tmp_path / "shared" / "care.pathmap.json"
    real.parent.mkdir()
    first = save_with_backup(small_map, real)
    link = tmp_path / "care.pathmap.json"
    link.symlink_to(os.path.relpath(real, link.parent))
    save_with_backup(relabelled(small_map, "Saved through the link"), link, first)
    assert link.is_symlink() and link.resolve() == real
    assert load_map(real).title == "Saved through the link"
    assert load_map(backup_path(real)).title == small_map.title  # the backup is beside the file
    assert not backup_path(link).exists()
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_save_through_a_link_notices_changes_to_its_target(
    tmp_path: Path, small_map: PathMap
) -> None:
    real = tmp_path / "care.pathmap.json"
    link = tmp_path / "link.pathmap.json"
    first = save_with_backup(small_map, real)
    link.symlink_to(real.name)
    save_map(relabelled(small_map, "Someone else"), real)
    with pytest.raises(FileChangedOnDiskError):
        save_with_backup(relabelled(small_map, "Mine"), link, first)
    assert load_map(real).title == "Someone else"


@pytest.mark.parametrize("kind", ["json", "drawio", "bpmn", "pdf"])
def test_exports_through_a_link_write_its_target(
    tmp_path: Path, small_map: PathMap, kind: str
) -> None:
    real = tmp_path / f"real.{kind}"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / f"link.{kind}"
    link.symlink_to(real.name)
    writers: dict[str, Callable[[PathMap, Path], Any]] = {
        "json": save_map,
        "drawio": write_drawio,
        "bpmn": write_bpmn,
        "pdf": write_map_pdf,
    }
    writers[kind](small_map, link)
    assert link.is_symlink()
    assert real.read_bytes() != b"old"


def test_export_on_the_command_line_follows_a_link(tmp_path: Path, small_map: PathMap) -> None:
    source = tmp_path / "care.pathmap.json"
    save_map(small_map, source)
    real = tmp_path / "published.pathmap.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "latest.pathmap.json"
    link.symlink_to(real.name)
    assert main(["export", str(source), "--json", str(link)]) == 0
    assert link.is_symlink() and load_map(real) == small_map


# ------------------------------------------------------------------------------- permissions


def test_new_saves_and_backups_follow_the_umask(
    tmp_path: Path, small_map: PathMap, umask_022: None
) -> None:
    target = tmp_path / "care.pathmap.json"
    first = save_with_backup(small_map, target)
    assert mode_of(target) == 0o644
    save_with_backup(relabelled(small_map, "Second"), target, first)
    assert mode_of(target) == 0o644
    assert mode_of(backup_path(target)) == 0o644


def test_an_existing_file_keeps_its_mode_and_its_backup_is_as_private(
    tmp_path: Path, small_map: PathMap, umask_022: None
) -> None:
    target = tmp_path / "care.pathmap.json"
    save_map(small_map, target)
    target.chmod(0o600)
    save_with_backup(relabelled(small_map, "Second"), target, stamp_of(target))
    assert mode_of(target) == 0o600
    assert mode_of(backup_path(target)) == 0o600
    target.chmod(0o664)
    save_with_backup(relabelled(small_map, "Third"), target, stamp_of(target))
    assert mode_of(target) == 0o664


def test_exports_and_recovery_files_follow_the_umask(
    tmp_path: Path, small_map: PathMap, umask_022: None
) -> None:
    write_map_pdf(small_map, tmp_path / "map.pdf")
    write_drawio(small_map, tmp_path / "map.drawio")
    write_bpmn(small_map, tmp_path / "map.bpmn")
    written = write_csv_tables(small_map, tmp_path / "tables", analyse(small_map))
    snapshot = RecoveryStore(tmp_path / "recovery").write_map("session", small_map)
    for path in [tmp_path / "map.pdf", tmp_path / "map.drawio", tmp_path / "map.bpmn"]:
        assert mode_of(path) == 0o644, path.name
    for path in [*written, snapshot]:
        assert mode_of(path) == 0o644, path.name
    os.umask(0o077)  # a person who keeps everything private
    write_map_pdf(small_map, tmp_path / "private.pdf")
    assert mode_of(tmp_path / "private.pdf") == 0o600


# -------------------------------------------------------------- paths that are not regular files


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> Path:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.close()  # the socket file stays
    return path


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


def endless_device(_path: Path) -> Path:
    return Path("/dev/zero")


SPECIAL: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (make_fifo, "is a named pipe (FIFO)"),
    "socket": (make_socket, "is a socket"),
    "folder": (make_folder, "is a folder"),
    "device": (endless_device, "is a device"),
}


@pytest.fixture(params=sorted(SPECIAL))
def special(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Callable[[str], Path], str]:
    """A maker of a special file under a given name, and the words that must name it."""
    make, words = SPECIAL[request.param]
    return (lambda name: make(tmp_path / name)), words


def test_every_reader_refuses_a_special_file_in_words(
    special: tuple[Callable[[str], Path], str],
) -> None:
    make, words = special
    with pytest.raises(MapFileError, match=re.escape(words)):
        load_map(make("map.pathmap.json"))
    with pytest.raises(CsvImportError, match=re.escape(words)):
        read_steps_csv(make("steps.csv"))
    with pytest.raises(DrawioError, match=re.escape(words)):
        read_drawio_pages(make("diagram.drawio"))


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["validate"], "map.pathmap.json"),
        (["check"], "map.pathmap.json"),
        (["export", "--json", "{out}"], "map.pathmap.json"),
        (["import", "-o", "{out}"], "steps.csv"),
        (["import", "-o", "{out}"], "diagram.drawio"),
        (["merge", "{base}", "-o", "{out}"], "copy.pathmap.json"),
        (["compare", "{base}"], "map.pathmap.json"),
        (["simulate"], "map.pathmap.json"),
    ],
)
def test_commands_refuse_a_special_file_with_exit_2(
    special: tuple[Callable[[str], Path], str],
    command: list[str],
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = tmp_path / "base.pathmap.json"
    base.write_text(json.dumps(SMALL_MAP), encoding="utf-8")
    out = tmp_path / "out" / "result.pathmap.json"
    out.parent.mkdir()
    make, words = special
    path = make(name)
    filled = [part.format(out=out, base=base) for part in command]
    arguments = [filled[0], str(path), *filled[1:]]
    if filled[0] in ("merge", "compare"):  # the base first, then the special copy
        arguments = [filled[0], str(base), str(path), *filled[2:]]
    if filled[0] == "check" and words == "is a folder":
        words = "holds no .pathmap.json file"  # check reads a folder as a portfolio of maps
    assert main(arguments) == 2
    error = capsys.readouterr().err
    assert words in error and "Traceback" not in error
    assert not out.exists()


def test_saving_over_a_named_pipe_is_refused_without_waiting(
    tmp_path: Path, small_map: PathMap
) -> None:
    pipe = make_fifo(tmp_path / "care.pathmap.json")
    with pytest.raises(MapSaveError, match="named pipe"):
        save_with_backup(small_map, pipe)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


# --------------------------------------------------------------- temporaries of killed saves


def old_temporary(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("half a map", encoding="utf-8")
    long_ago = time.time() - STALE_TEMPORARY_SECONDS - 60
    os.utime(path, (long_ago, long_ago))
    return path


def test_a_save_removes_the_stale_temporaries_of_its_file_only(
    tmp_path: Path, small_map: PathMap
) -> None:
    stale = old_temporary(tmp_path, ".care.pathmap.json.k2j4x9q1.tmp")
    other_file = old_temporary(tmp_path, ".other.pathmap.json.a1b2c3d4.tmp")
    not_ours = old_temporary(tmp_path, ".care.pathmap.json.swp")
    fresh = tmp_path / ".care.pathmap.json.0f0f0f0f.tmp"  # a save under way right now
    fresh.write_text("being written", encoding="utf-8")
    save_with_backup(small_map, tmp_path / "care.pathmap.json")
    assert not stale.exists()
    assert other_file.exists() and not_ours.exists() and fresh.exists()


def test_stale_snapshot_temporaries_are_removed_at_start(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    stale = old_temporary(tmp_path, ".abc.pathmap-recovery.json.1234abcd.tmp")
    assert store.remove_stale_temporaries() == [stale]
    assert not stale.exists()
    assert remove_stale_temporaries(tmp_path / "missing") == []


def test_an_export_removes_the_stale_temporaries_of_its_file(
    tmp_path: Path, small_map: PathMap
) -> None:
    stale = old_temporary(tmp_path, ".map.pdf.1a2b3c4d.tmp")
    write_map_pdf(small_map, tmp_path / "map.pdf")
    assert not stale.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.pdf"]


def test_saving_over_a_file_of_gigabytes_is_refused_without_reading_it(
    tmp_path: Path, small_map: PathMap
) -> None:
    huge = tmp_path / "video.pathmap.json"
    with open(huge, "wb") as stream:
        stream.truncate(6 * 1024**3)  # sparse: no disk used
    with pytest.raises(MapSaveError, match="far larger than any map"):
        save_with_backup(small_map, huge)
    assert huge.stat().st_size == 6 * 1024**3
    assert not backup_path(huge).exists()
