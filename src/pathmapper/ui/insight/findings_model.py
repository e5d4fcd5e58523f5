"""FindingsModel: the findings as a tree for a QTreeView, fast with thousands of them.

Sections (Gaps, Loops, Handoffs, Duplication) at the top, each with its count; inside a section,
the findings of one code sit under a sub-header of their own when there are more than
GROUP_THRESHOLD of them ("Handoffs between organisations (685)"), so a big map's many notes do
not bury its few problems. The model holds plain nodes and builds no widgets; a filter (text and
severities) rebuilds the nodes, and the header counts say how many are shown of how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from pathmapper.analysis import CATEGORY_ORDER, SEVERITIES, Finding
from pathmapper.ui.insight.icons import SEVERITY_NAMES, severity_icon

GROUP_THRESHOLD = 4
FindingRole = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # the invisible root, as a default argument

# What a finding code is called in a sub-header, in the room's words.
CODE_NAMES = {
    "gap.no_start": "No start step",
    "gap.no_end": "No end step",
    "gap.isolated": "Steps on their own",
    "gap.unreachable": "Steps no patient reaches",
    "gap.dead_end": "Dead ends",
    "gap.no_route_to_end": "Traps with no way out",
    "gap.decision_branches": "Decisions with one way out",
    "gap.unlabelled_branch": "Unlabelled decision branches",
    "gap.duplicate_flow": "Repeated arrows",
    "gap.unlabelled_step": "Steps with no label",
    "gap.empty_lane": "Empty lanes",
    "gap.missing_time": "Steps with no time",
    "gap.flagged": "Gaps flagged in comments",
    "loop.cycle": "Unplanned loops",
    "loop.expected": "Planned loops",
    "handoff.cross_organisation": "Handoffs between organisations",
    "handoff.unlabelled": "Handoffs that say nothing of what is handed over",
    "handoff.ping_pong": "Bounced between organisations",
    "duplication.similar_steps": "Steps done twice",
}


def code_name(code: str) -> str:
    return CODE_NAMES.get(code, code.split(".")[-1].replace("_", " ").capitalize())


def finding_matches(finding: Finding, text: str, severities: Iterable[str]) -> bool:
    """Whether a finding passes the filter: one of the severities, and the words (any case)
    in its message, suggestion or kind."""
    if finding.severity not in severities:
        return False
    needle = text.strip().casefold()
    if not needle:
        return True
    haystack = f"{finding.message}\n{finding.suggestion}\n{code_name(finding.code)}"
    return needle in haystack.casefold()


def finding_tooltip(finding: Finding) -> str:
    text = f"{SEVERITY_NAMES[finding.severity]}: {finding.message}"
    if finding.suggestion:
        text += f"\n\nWhat to do: {finding.suggestion}"
    return text


@dataclass
class _Node:
    parent: int  # node number, -1 for a section
    row: int
    title: str = ""
    finding: Finding | None = None
    children: list[int] = field(default_factory=list)
    shown: int = 0  # findings under a header that pass the filter
    total: int = 0  # all findings under a header
    worst: str = ""  # the most severe shown severity under a header


class FindingsModel(QAbstractItemModel):
    """Sections, optional sub-headers by code, findings. Index internal ids are node numbers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._text = ""
        self._severities: frozenset[str] = frozenset(SEVERITIES)
        self._nodes: list[_Node] = []
        self._sections: list[int] = []
        self._rebuild()

    # -------------------------------------------------------------------------- content

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._rebuild()
        self.endResetModel()

    def set_filter(self, text: str, severities: Iterable[str]) -> None:
        self.beginResetModel()
        self._text = text
        self._severities = frozenset(severities)
        self._rebuild()
        self.endResetModel()

    def shown_findings(self) -> list[Finding]:
        """The findings the filter lets through, in the order shown."""
        return [node.finding for node in self._nodes if node.finding is not None]

    def finding_at(self, index: ModelIndex) -> Finding | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()].finding

    def index_of(self, finding: Finding) -> QModelIndex:
        """Where a shown finding sits: the same finding (code, elements, words), not just the
        same words, which two findings about two steps of one name share."""
        for number, node in enumerate(self._nodes):
            if node.finding == finding:
                return self.createIndex(node.row, 0, number)
        return QModelIndex()

    def section_index(self, category: str) -> QModelIndex:
        for row, number in enumerate(self._sections):
            if self._nodes[number].title == category:
                return self.createIndex(row, 0, number)
        return QModelIndex()

    def _add(self, parent: int, **values: Any) -> int:
        siblings = self._sections if parent < 0 else self._nodes[parent].children
        self._nodes.append(_Node(parent=parent, row=len(siblings), **values))
        number = len(self._nodes) - 1
        siblings.append(number)
        return number

    def _rebuild(self) -> None:
        self._nodes, self._sections = [], []
        by_section: dict[str, list[Finding]] = {category: [] for category in CATEGORY_ORDER}
        for finding in self._findings:
            by_section.setdefault(finding.category, []).append(finding)
        for category, findings in by_section.items():
            shown = [f for f in findings if finding_matches(f, self._text, self._severities)]
            section = self._add(-1, title=category, shown=len(shown), total=len(findings))
            self._nodes[section].worst = _worst(shown)
            by_code: dict[str, list[Finding]] = {}
            for finding in shown:
                by_code.setdefault(finding.code, []).append(finding)
            for code, group in by_code.items():
                parent = section
                if len(group) > GROUP_THRESHOLD:
                    total = sum(finding.code == code for finding in findings)
                    parent = self._add(
                        section, title=code_name(code), shown=len(group), total=total
                    )
                    self._nodes[parent].worst = _worst(group)
                for finding in group:
                    self._add(parent, finding=finding)

    # ---------------------------------------------------------------- QAbstractItemModel

    def index(self, row: int, column: int, parent: ModelIndex = NO_PARENT) -> QModelIndex:
        siblings = self._sections if not parent.isValid() else self._children(parent)
        if column != 0 or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: ModelIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._nodes[index.internalId()].parent
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        if parent.column() > 0:
            return 0
        return len(self._sections) if not parent.isValid() else len(self._children(parent))

    def columnCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 1

    def _children(self, index: ModelIndex) -> list[int]:
        return self._nodes[index.internalId()].children

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        finding = node.finding
        if finding is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return finding.message
            if role == Qt.ItemDataRole.DecorationRole:
                return severity_icon(finding.severity)
            if role == Qt.ItemDataRole.ToolTipRole:
                return finding_tooltip(finding)
            if role == FindingRole:
                return finding
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            filtered = node.shown != node.total
            count = f"{node.shown:,} of {node.total:,}" if filtered else f"{node.total:,}"
            return f"{node.title} ({count})"
        if role == Qt.ItemDataRole.DecorationRole and node.worst:
            return severity_icon(node.worst)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            if node.parent < 0:
                font.setPointSizeF(font.pointSizeF() * 1.15)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _worst(findings: list[Finding]) -> str:
    present = {finding.severity for finding in findings}
    return next((severity for severity in SEVERITIES if severity in present), "")
