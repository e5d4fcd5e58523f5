"""Recovery snapshots: written atomically with what the restore offer shows, listed newest
first, loaded through the validating loader, damaged ones reported, other sessions kept."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pathmapper.io import MapFileError, MapSaveError, dumps_map
from pathmapper.io.recovery import (
    RECOVERY_FORMAT,
    SNAPSHOT_SUFFIX,
    RecoveryStore,
    check_session,
    envelope_text,
)
from pathmapper.model import PathMap, new_id


@pytest.fixture
def small_map(small_document: dict[str, Any]) -> PathMap:
    return PathMap.model_validate(small_document)


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


def test_write_creates_the_folder_and_one_file(store: RecoveryStore, small_map: PathMap) -> None:
    session = new_id()
    file = store.write_map(session, small_map, "/maps/care.pathmap.json")
    assert file == store.folder / f"{session}{SNAPSHOT_SUFFIX}"
    assert os.listdir(store.folder) == [file.name]
    envelope = json.loads(file.read_text(encoding="utf-8"))
    assert envelope["format"] == RECOVERY_FORMAT
    assert envelope["session"] == session
    assert envelope["title"] == "Breathlessness referral"
    assert envelope["step_count"] == 3
    assert envelope["original_path"] == "/maps/care.pathmap.json"
    assert envelope["map"] == small_map.to_document()


def test_list_describes_each_snapshot(store: RecoveryStore, small_map: PathMap) -> None:
    before = datetime.now(UTC)
    store.write_map("session-a", small_map, None)
    [snapshot] = store.list()
    assert snapshot.session == "session-a"
    assert snapshot.title == "Breathlessness referral"
    assert snapshot.step_count == 3
    assert snapshot.original_path is None
    assert snapshot.problem is None
    assert snapshot.saved_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= snapshot.saved_at <= datetime.now(UTC)


def test_list_is_newest_first(store: RecoveryStore, small_map: PathMap) -> None:
    times = {
        "older": datetime(2026, 11, 22, 10, 0, tzinfo=UTC),
        "newest": datetime(2026, 11, 22, 12, 0, tzinfo=UTC),
        "middle": datetime(2026, 11, 22, 11, 0, tzinfo=UTC),
    }
    store.folder.mkdir()
    for session, when in times.items():
        text = envelope_text(session, dumps_map(small_map), session, 3, None, when)
        store.file_for(session).write_text(text, encoding="utf-8")
    assert [snapshot.session for snapshot in store.list()] == ["newest", "middle", "older"]
    assert store.list()[0].saved_at == times["newest"]


def test_load_gives_back_the_map_exactly(store: RecoveryStore, small_map: PathMap) -> None:
    small_map.steps[1].label = "Echo — 6 weeks, “urgent” ✓"
    store.write_map("s1", small_map, None)
    [snapshot] = store.list()
    assert store.load(snapshot) == small_map
    assert dumps_map(store.load(snapshot)) == dumps_map(small_map)


def test_rewrite_replaces_the_session_snapshot(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("s1", small_map, None)
    small_map.title = "Second version"
    store.write_map("s1", small_map, None)
    [snapshot] = store.list()
    assert snapshot.title == "Second version"
    assert store.load(snapshot).title == "Second version"
    assert [name for name in os.listdir(store.folder) if name.endswith(".tmp")] == []


def test_clear_removes_only_that_session(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("mine", small_map, None)
    store.write_map("crashed-earlier", small_map, None)
    store.clear("mine")
    store.clear("mine")  # clearing twice is fine
    assert [snapshot.session for snapshot in store.list()] == ["crashed-earlier"]


def test_other_sessions_are_offered_not_deleted(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("crashed-earlier", small_map, "/maps/a.pathmap.json")
    store.write_map("mine", small_map, None)
    assert [snapshot.session for snapshot in store.others("mine")] == ["crashed-earlier"]
    store.write_map("mine", small_map, None)
    assert len(store.list()) == 2


def test_adopt_moves_a_restored_snapshot_into_the_new_session(
    store: RecoveryStore, small_map: PathMap
) -> None:
    store.write_map("crashed", small_map, "/maps/a.pathmap.json")
    [old] = store.list()
    store.adopt(old, "new-session")
    [adopted] = store.list()
    assert adopted.session == "new-session"
    assert adopted.original_path == Path("/maps/a.pathmap.json")
    assert store.load(adopted) == small_map


def test_discard_removes_one_offered_snapshot(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("a", small_map, None)
    store.write_map("b", small_map, None)
    store.discard(next(s for s in store.list() if s.session == "a"))
    assert [snapshot.session for snapshot in store.list()] == ["b"]


def test_empty_or_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "never-made").list() == []
    (tmp_path / "empty").mkdir()
    assert RecoveryStore(tmp_path / "empty").list() == []


def test_other_files_in_the_folder_are_ignored(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("s1", small_map, None)
    (store.folder / "notes.txt").write_text("hello", encoding="utf-8")
    (store.folder / f"folder{SNAPSHOT_SUFFIX}").mkdir()
    assert [snapshot.session for snapshot in store.list()] == ["s1"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"format": "pathmapper-recovery", "version": 1, "map": {"format": "pa', "truncated"),
        (b"\xff\xfe\x00garbage", "UTF-16"),
        (b'{"format": "something-else"}', "not a pathmapper recovery file"),
        (b'{"format": "pathmapper-recovery", "version": 99}', "newer pathmapper"),
        (b'{"format": "pathmapper-recovery", "version": 1}', "holds no map"),
        (b'{"format": "pathmapper-recovery", "version": 1, "map": NaN}', "NaN"),
        (b"[" * 5000 + b"]" * 5000, "nested"),
    ],
)
def test_damaged_snapshot_is_reported_never_crashes(
    store: RecoveryStore, small_map: PathMap, content: bytes, problem: str
) -> None:
    store.write_map("good", small_map, None)
    store.file_for("bad").write_bytes(content)
    snapshots = {snapshot.session: snapshot for snapshot in store.list()}
    assert snapshots["good"].problem is None
    assert snapshots["bad"].problem is not None
    assert problem in snapshots["bad"].problem
    with pytest.raises(MapFileError, match=problem):
        store.load(snapshots["bad"])


def test_snapshot_with_an_invalid_map_is_refused_by_the_loader(
    store: RecoveryStore, small_map: PathMap
) -> None:
    text = dumps_map(small_map).replace('"lane": "echo"', '"lane": "nowhere"')
    store.write("s1", text, "Broken", 3, None)
    [snapshot] = store.list()
    assert snapshot.problem is None  # the envelope is fine; the map inside is not
    with pytest.raises(MapFileError) as refused:
        store.load(snapshot)
    assert "nowhere" in str(refused.value)


def test_vanished_snapshot_loads_as_a_clean_error(store: RecoveryStore, small_map: PathMap) -> None:
    store.write_map("s1", small_map, None)
    [snapshot] = store.list()
    snapshot.file.unlink()
    with pytest.raises(MapFileError, match="gone"):
        store.load(snapshot)


def test_unwritable_folder_is_a_save_error(tmp_path: Path, small_map: PathMap) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    store = RecoveryStore(tmp_path / "a-file" / "recovery")
    with pytest.raises(MapSaveError, match="recovery file"):
        store.write_map("s1", small_map, None)


@pytest.mark.parametrize("session", ["", "../x", "a/b", "a b", ".hidden", "x" * 101])
def test_session_ids_must_be_safe_file_names(session: str) -> None:
    with pytest.raises(ValueError):
        check_session(session)


def test_session_ids_from_new_id_are_accepted() -> None:
    session = new_id()
    assert check_session(session) == session
