"""On start, the offer to restore work that an editor which crashed (or lost power) left in the
recovery folder: when each snapshot was saved, and what it holds.

    restored = offer_recovery(default_store(), parent=window)
    if restored is not None:
        window.files.open_recovered(restored.path_map, restored.original_path)
        window.autosaver.adopt(restored.snapshot)

A restored map opens as modified: its original file is remembered (Save writes there, after the
person chooses to) but nothing is written until they save. "Discard" deletes a snapshot after
asking; "Later" keeps them all, to be offered again at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pathmapper.io import MapFileError
from pathmapper.io.recovery import RecoveryStore, Snapshot
from pathmapper.model import PathMap


@dataclass(frozen=True)
class RestoredMap:
    """A map brought back from a snapshot, and the file it had been opened from (if any)."""

    path_map: PathMap
    original_path: Path | None
    snapshot: Snapshot


def describe_when(saved_at: datetime, now: datetime | None = None) -> str:
    """'today at 10:31', 'yesterday at 16:05' or 'on 3 Nov 2026 at 09:12', in local time."""
    local = saved_at.astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today at {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday at {clock}"
    return f"on {local.day} {local.strftime('%b %Y')} at {clock}"


def describe_snapshot(snapshot: Snapshot, now: datetime | None = None) -> str:
    """Two lines for the list: what it holds, then when it was saved and where it came from."""
    when = describe_when(snapshot.saved_at, now)
    if snapshot.problem is not None:
        return (
            f"A damaged recovery file (saved {when})\nIt {snapshot.problem}: it cannot be restored"
        )
    steps = "1 step" if snapshot.step_count == 1 else f"{snapshot.step_count} steps"
    origin = (
        f"from {snapshot.original_path.name} in {snapshot.original_path.parent}"
        if snapshot.original_path is not None
        else "never saved to a file"
    )
    return f"{snapshot.display_title}, {steps}\nSaved {when}, {origin}"


class RecoveryDialog(QDialog):
    """The list of snapshots with Restore, Discard and Later. After `exec()`, `restored` is the
    chosen map, or None."""

    def __init__(
        self, store: RecoveryStore, snapshots: list[Snapshot], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved work")
        self.store = store
        self.restored: RestoredMap | None = None
        # Questions, replaceable by tests.
        self.confirm_discard: Callable[[Snapshot], bool] = self._ask_discard
        self.show_problem: Callable[[str], None] = self._warn

        intro = QLabel(
            "pathmapper closed without saving some work (a crash or a power cut). "
            "Restore a map to carry on where you were; it opens as unsaved, and its file "
            "is not changed until you save."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        for snapshot in snapshots:
            item = QListWidgetItem(describe_snapshot(snapshot))
            item.setData(Qt.ItemDataRole.UserRole, snapshot)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore")
        self.discard_button = QPushButton("&Discard…")
        self.later_button = QPushButton("&Later")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self._update_buttons()

    def selected(self) -> Snapshot | None:
        item = self.list.currentItem()
        if item is None:
            return None
        snapshot = item.data(Qt.ItemDataRole.UserRole)
        return snapshot if isinstance(snapshot, Snapshot) else None

    def restore_selected(self) -> None:
        snapshot = self.selected()
        if snapshot is None:
            return
        try:
            path_map = self.store.load(snapshot)
        except MapFileError as error:
            self.show_problem(f"This recovery file cannot be restored.\n\n{error.describe()}")
            return
        self.restored = RestoredMap(path_map, snapshot.original_path, snapshot)
        self.accept()

    def discard_selected(self) -> None:
        snapshot = self.selected()
        if snapshot is None or not self.confirm_discard(snapshot):
            return
        self.store.discard(snapshot)
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.reject()
        self._update_buttons()

    def _update_buttons(self) -> None:
        snapshot = self.selected()
        self.restore_button.setEnabled(snapshot is not None and snapshot.problem is None)
        self.discard_button.setEnabled(snapshot is not None)

    def _ask_discard(self, snapshot: Snapshot) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            "Discard recovered work",
            f"Delete the recovered copy of {snapshot.display_title}? "
            "The work in it will be gone for good.",
            buttons.Discard | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Discard

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot restore", message)


def offer_recovery(
    store: RecoveryStore,
    parent: QWidget | None = None,
    exclude_session: str | None = None,
) -> RestoredMap | None:
    """Show the dialog when there is anything to recover (snapshots of sessions other than
    `exclude_session`); the restored map, or None. Half-written snapshots that a crash left
    are removed first."""
    store.remove_stale_temporaries()
    snapshots = [s for s in store.list() if s.session != exclude_session]
    if not snapshots:
        return None
    dialog = RecoveryDialog(store, snapshots, parent)
    dialog.exec()
    return dialog.restored
