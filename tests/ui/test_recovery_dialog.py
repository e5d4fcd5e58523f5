"""The restore offer at start: what each snapshot holds and when it was saved; Restore brings
the map back (never writing its file), Discard asks first, Later keeps everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pathmapper.io.recovery import RecoveryStore, Snapshot
from pathmapper.model import PathMap
from pathmapper.ui.recovery_dialog import (
    RecoveryDialog,
    describe_snapshot,
    describe_when,
    offer_recovery,
)


@pytest.fixture
def small_map(small_document: dict[str, Any]) -> PathMap:
    return PathMap.model_validate(small_document)


@pytest.fixture
def store(tmp_path: Path, small_map: PathMap) -> RecoveryStore:
    recovery = RecoveryStore(tmp_path / "recovery")
    recovery.write_map("crashed", small_map, tmp_path / "maps" / "care.pathmap.json")
    return recovery


def test_description_says_what_when_and_from_where(tmp_path: Path) -> None:
    saved = datetime.now(UTC)
    snapshot = Snapshot(tmp_path / "x", "x", saved, Path("/maps/care.pathmap.json"), "MSK", 12)
    text = describe_snapshot(snapshot)
    assert text.startswith("MSK, 12 steps\n")
    assert "today at " in text
    assert "from care.pathmap.json in /maps" in text
    untitled = Snapshot(tmp_path / "x", "x", saved, None, "", 1)
    assert describe_snapshot(untitled).startswith("Untitled map, 1 step\n")
    assert "never saved to a file" in describe_snapshot(untitled)
    damaged = Snapshot(tmp_path / "x", "x", saved, None, "", 0, "ends too early")
    assert "damaged" in describe_snapshot(damaged)
    assert "ends too early" in describe_snapshot(damaged)


def test_when_reads_like_a_person_would_say_it() -> None:
    now = datetime(2026, 11, 22, 15, 0).astimezone()
    assert describe_when(now - timedelta(hours=1), now).startswith("today at ")
    assert describe_when(now - timedelta(days=1), now).startswith("yesterday at ")
    assert describe_when(datetime(2026, 11, 3, 9, 12).astimezone(), now) == "on 3 Nov 2026 at 09:12"


def test_nothing_to_recover_shows_no_dialog(tmp_path: Path) -> None:
    assert offer_recovery(RecoveryStore(tmp_path / "none")) is None


def test_restore_gives_back_the_map_and_its_original_path(
    qtbot: QtBot, store: RecoveryStore, small_map: PathMap, tmp_path: Path
) -> None:
    dialog = RecoveryDialog(store, store.list())
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "Breathlessness referral, 3 steps" in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert dialog.restored is not None
    assert dialog.restored.path_map == small_map
    assert dialog.restored.original_path == tmp_path / "maps" / "care.pathmap.json"
    assert not (tmp_path / "maps").exists()  # restoring writes nothing
    assert len(store.list()) == 1  # kept until the new session adopts it


def test_offer_recovery_runs_the_dialog(
    qtbot: QtBot, store: RecoveryStore, small_map: PathMap
) -> None:
    def press_restore() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecoveryDialog)
        dialog.restore_button.click()

    QTimer.singleShot(100, press_restore)
    restored = offer_recovery(store)
    assert restored is not None and restored.path_map == small_map


def test_own_session_is_not_offered(store: RecoveryStore) -> None:
    assert offer_recovery(store, exclude_session="crashed") is None


def test_discard_asks_first(qtbot: QtBot, store: RecoveryStore) -> None:
    dialog = RecoveryDialog(store, store.list())
    qtbot.addWidget(dialog)
    dialog.confirm_discard = lambda snapshot: False
    dialog.discard_button.click()
    assert len(store.list()) == 1
    dialog.confirm_discard = lambda snapshot: True
    dialog.discard_button.click()
    assert store.list() == []
    assert dialog.list.count() == 0


def test_later_keeps_everything(qtbot: QtBot, store: RecoveryStore) -> None:
    dialog = RecoveryDialog(store, store.list())
    qtbot.addWidget(dialog)
    dialog.later_button.click()
    assert dialog.restored is None
    assert len(store.list()) == 1


def test_damaged_snapshot_cannot_be_restored_but_can_be_discarded(
    qtbot: QtBot, store: RecoveryStore
) -> None:
    store.file_for("broken").write_bytes(b'{"format": "pathmapper-recovery", "vers')
    snapshots = store.list()
    dialog = RecoveryDialog(store, snapshots)
    qtbot.addWidget(dialog)
    row = next(i for i, s in enumerate(snapshots) if s.session == "broken")
    dialog.list.setCurrentRow(row)
    assert not dialog.restore_button.isEnabled()
    assert dialog.discard_button.isEnabled()


def test_snapshot_damaged_after_listing_is_reported_not_raised(
    qtbot: QtBot, store: RecoveryStore
) -> None:
    dialog = RecoveryDialog(store, store.list())
    qtbot.addWidget(dialog)
    problems: list[str] = []
    dialog.show_problem = problems.append
    store.list()[0].file.write_text("{", encoding="utf-8")
    dialog.restore_button.click()
    assert dialog.restored is None
    assert problems and "cannot be restored" in problems[0]
