"""File > Merge returned copy…: every change the returned copies made, each with a checkbox to
take it or leave it and who made it, and every conflict with a choice of which value to keep.
Apply merges again with those decisions (`merge_maps(..., rejected=, choices=)`).

The dialog only decides; the controller applies `final_result().merged` as one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pathmapper.merge.outcome import BASE, ChangeKey, MergeConflict, MergeResult
from pathmapper.merge.three_way import MergeCopy, merge_maps
from pathmapper.merge.wording import ElementNamer, describe_change, describe_conflict, who
from pathmapper.model import PathMap

KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class MergePlan:
    """What is merged: the base (the copy sent out), how to name it, the copies, and which
    copy (if any) is the open map's own edits since it was sent."""

    base: PathMap
    base_description: str
    copies: Sequence[MergeCopy]
    mine_label: str | None = None


class MergeDialog(QDialog):
    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        """Raises MergeError (before any dialog is made) when the copies cannot be merged."""
        result = merge_maps(plan.base, plan.copies)
        super().__init__(parent)
        self.setObjectName("merge-dialog")
        self.setWindowTitle("Merge returned copies")
        self.plan = plan
        self.result_ = result
        maps = [self.result_.merged, plan.base, *(copy.path_map for copy in plan.copies)]
        self.namer = ElementNamer(maps)
        self._change_items: dict[ChangeKey, QTreeWidgetItem] = {}
        self._conflict_boxes: dict[ChangeKey, QComboBox] = {}

        layout = QVBoxLayout(self)
        self.summary = QLabel(self._summary_text(), self)
        self.summary.setObjectName("merge-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        layout.addWidget(
            QLabel(f"<b>Changes</b> ({len(self.result_.changes)}): untick to leave one out")
        )
        self.changes = self._make_changes()
        layout.addWidget(self.changes, 3)
        heading = f"<b>Conflicts</b> ({len(self.result_.conflicts)}): choose which to keep"
        layout.addWidget(QLabel(heading, self))
        self.conflicts = self._make_conflicts()
        layout.addWidget(self.conflicts, 2)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 720)

    # ------------------------------------------------------------------------------ parts

    def _copy_name(self, label: str) -> str:
        if label == self.plan.mine_label:
            return "you (the open map, since it was sent)"
        return who(self.result_, label)

    def _summary_text(self) -> str:
        result = self.result_
        returned = [copy for copy in self.plan.copies if copy.label != self.plan.mine_label]
        lines = [
            f"Merging {len(returned)} returned {'copy' if len(returned) == 1 else 'copies'} into "
            f"'{self.plan.base.title or 'the map'}'.",
            f"Base (the map as it was sent): {self.plan.base_description}",
            "Copies:",
        ]
        lines += [f"  {n}. {self._copy_name(c.label)}" for n, c in enumerate(self.plan.copies, 1)]
        lines += [f"Warning: {warning}" for warning in result.warnings]
        lines.append("Comments from every copy are always kept.")
        return "\n".join(lines)

    def _make_changes(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("merge-changes")
        tree.setHeaderLabels(["Change", "From"])
        tree.setRootIsDecorated(False)
        tree.setWordWrap(True)
        tree.setColumnWidth(0, 640)
        for change in self.result_.changes:
            text = describe_change(change, self.namer, with_copy=False)
            item = QTreeWidgetItem([text, self._copy_name(change.copy_label)])
            item.setToolTip(0, text)
            item.setToolTip(1, item.text(1))
            item.setData(0, KEY_ROLE, change.key)
            if change.reason:  # follows from another change: taken with it
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setText(0, f"↳ {text}")
                item.setToolTip(0, f"{text}\nGoes with another change: it cannot be left out alone")
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked)
            tree.addTopLevelItem(item)
            self._change_items.setdefault(change.key, item)
        if not self.result_.changes:
            tree.addTopLevelItem(QTreeWidgetItem(["The copies changed nothing."]))
        return tree

    def _make_conflicts(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("merge-conflicts")
        tree.setHeaderLabels(["Conflict", "Keep"])
        tree.setRootIsDecorated(False)
        tree.setColumnWidth(0, 640)
        for conflict in self.result_.conflicts:
            lines = describe_conflict(conflict, self.namer, self.result_, with_resolution=False)
            item = QTreeWidgetItem(["\n".join(line.strip() for line in lines)])
            item.setData(0, KEY_ROLE, conflict.key)
            tree.addTopLevelItem(item)
            box = self._choice_box(conflict)
            holder = QWidget(tree)  # keeps the box its own height, at the top of the row
            column = QVBoxLayout(holder)
            column.setContentsMargins(2, 2, 2, 2)
            column.addWidget(box)
            column.addStretch(1)
            tree.setItemWidget(item, 1, holder)
            self._conflict_boxes[conflict.key] = box
        if not self.result_.conflicts:
            tree.addTopLevelItem(QTreeWidgetItem(["No two copies changed the same thing."]))
        return tree

    def _choice_box(self, conflict: MergeConflict) -> QComboBox:
        box = QComboBox(self)
        mine = self.plan.mine_label
        box.addItem("Keep mine (as sent)" if mine is None else "Keep as sent", BASE)
        for number, copy in enumerate(self.plan.copies, 1):
            if copy.label not in conflict.values:
                continue
            if copy.label == mine:
                box.addItem("Keep mine", copy.label)
            else:
                box.addItem(f"Take copy {number}: {copy.label}", copy.label)
        if mine is not None and mine in conflict.values:
            box.setCurrentIndex(box.findData(mine))
        return box

    # -------------------------------------------------------------------------- decisions

    def change_keys(self) -> list[ChangeKey]:
        return list(self._change_items)

    def conflict_keys(self) -> list[ChangeKey]:
        return list(self._conflict_boxes)

    def set_accepted(self, key: ChangeKey, accepted: bool) -> None:
        state = Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked
        self._change_items[key].setCheckState(0, state)

    def choose(self, key: ChangeKey, label: str) -> None:
        """Settle a conflict: BASE ("base") or a copy's label."""
        box = self._conflict_boxes[key]
        index = box.findData(label)
        if index < 0:
            raise KeyError(f"{label} did not change this")
        box.setCurrentIndex(index)

    def rejected_keys(self) -> set[ChangeKey]:
        return {
            key
            for key, item in self._change_items.items()
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable
            and item.checkState(0) == Qt.CheckState.Unchecked
        }

    def choices(self) -> dict[ChangeKey, str]:
        return {key: str(box.currentData()) for key, box in self._conflict_boxes.items()}

    def final_result(self) -> MergeResult:
        """The merge with the changes left out and the conflicts settled as chosen."""
        return merge_maps(
            self.plan.base, self.plan.copies, rejected=self.rejected_keys(), choices=self.choices()
        )
