"""The comments dock: the workshop's sticky notes as a list, filtered by kind.

Each row shows the kind's glyph and colour (`layout.style.COMMENT_STYLES`), the text, what it is
on and who wrote it (a role). Add puts a note on the selected item (or the whole map); Edit
changes its text; Delete removes it; all three are commands on the undo stack. Activating a row
asks the window to select the comment's target on the canvas (`targetActivated`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pathmapper.commands import AddComment, Change, MapDocument, RemoveElements, SetFields
from pathmapper.commands.checks import describe
from pathmapper.layout.style import COMMENT_STYLES
from pathmapper.model import (
    COMMENT_KIND_NAMES,
    COMMENT_KINDS,
    Comment,
    CommentKind,
    new_id,
    now_timestamp,
)
from pathmapper.ui.undo import push

ALL_KINDS = ""


def kind_choice_text(kind: CommentKind) -> str:
    """ "⚠  Pain point": a kind as the filter and the Add choice show it."""
    return f"{COMMENT_STYLES[kind].glyph}  {COMMENT_KIND_NAMES[kind]}"


def comment_row_text(document: MapDocument, comment: Comment) -> str:
    """ "⚠ Six week wait for echo — on step 'Echo' in Echo department · GP" """
    path_map = document.path_map
    style = COMMENT_STYLES.get(comment.kind)
    glyph = style.glyph if style else "•"
    target = path_map.element(comment.target) if comment.target else None
    where = "on the whole map" if target is None else f"on {describe(path_map, target)}"
    author = f" · {comment.author}" if comment.author else ""
    return f"{glyph}  {comment.text or '(empty note)'}\n      {where}{author}"


class CommentsDock(QDockWidget):
    targetActivated = Signal(str)  # the id of what a comment is on (or the comment itself)

    def __init__(
        self,
        document: MapDocument,
        undo_stack: QUndoStack,
        selected_ids: Callable[[], list[str]],
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Comments", parent)
        self.setObjectName("comments-dock")
        self.document = document
        self.undo_stack = undo_stack
        self.selected_ids = selected_ids
        self.report = report
        # Replaceable by tests: ask for a comment's text (None: cancelled).
        self.ask_text: Callable[[str, str], str | None] = self._dialog_text
        self.hidden_kinds: set[str] = set()  # View > Notes filter (workshop mode)

        self.filter = QComboBox(self)
        self.filter.setObjectName("comments-filter")
        self.filter.addItem("All comments", ALL_KINDS)
        for kind in COMMENT_KINDS:
            self.filter.addItem(kind_choice_text(kind), kind)
        self.filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.list = QListWidget(self)
        self.list.setObjectName("comments-list")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

        self.add_kind = QComboBox(self)
        self.add_kind.setObjectName("comments-add-kind")
        for kind in COMMENT_KINDS:
            self.add_kind.addItem(kind_choice_text(kind), kind)
        self.add_button = QPushButton("Add…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button.clicked.connect(self.add_comment)
        self.edit_button.clicked.connect(self.edit_comment)
        self.delete_button.clicked.connect(self.delete_comment)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.filter)
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kind, 1)
        buttons.addWidget(self.add_button)
        column.addLayout(buttons)
        changes = QHBoxLayout()
        changes.addStretch(1)
        changes.addWidget(self.edit_button)
        changes.addWidget(self.delete_button)
        column.addLayout(changes)
        self.setWidget(body)
        self._unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    # ------------------------------------------------------------------------- listing

    def shown_kind(self) -> str:
        return str(self.filter.currentData() or ALL_KINDS)

    def set_filter(self, kind: str) -> None:
        self.filter.setCurrentIndex(max(0, self.filter.findData(kind)))

    def shown_ids(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def refresh(self) -> None:
        current = self.current_id()
        wanted = self.shown_kind()
        self.list.clear()
        for comment in self.document.path_map.comments:
            if (wanted and comment.kind != wanted) or comment.kind in self.hidden_kinds:
                continue
            item = QListWidgetItem(comment_row_text(self.document, comment))
            item.setData(Qt.ItemDataRole.UserRole, comment.id)
            style = COMMENT_STYLES.get(comment.kind)
            if style is not None:
                item.setBackground(QBrush(QColor(style.fill)))
                item.setForeground(QBrush(QColor("#1F2D3D")))
                item.setToolTip(f"{style.name}: {comment.text}")
            self.list.addItem(item)
            if comment.id == current:
                self.list.setCurrentItem(item)
        self.filter.setItemText(0, f"All comments ({len(self.document.path_map.comments)})")

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select_comment(self, comment_id: str) -> None:
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == comment_id:
                self.list.setCurrentItem(item)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        comment = self.document.path_map.comment(str(item.data(Qt.ItemDataRole.UserRole)))
        if comment is not None:
            self.targetActivated.emit(comment.target or comment.id)

    def _on_change(self, change: Change) -> None:
        if (
            change.kind == "comment"
            or change.action in ("reset", "removed")
            or (change.action == "changed" and change.fields & {"label", "name", "text"})
        ):
            self.refresh()

    # ------------------------------------------------------------------------- editing

    def add_comment(self) -> None:
        kind: CommentKind = self.add_kind.currentData()
        path_map = self.document.path_map
        selected = [i for i in self.selected_ids() if path_map.element(i) is not None]
        target = selected[0] if len(selected) == 1 else None
        element = path_map.element(target) if target is not None else None
        where = "the whole map" if element is None else describe(path_map, element)
        text = self.ask_text(f"{COMMENT_KIND_NAMES[kind]} on {where}", "")
        if text is None or not text.strip():
            return
        comment = Comment(
            id=new_id(), target=target, kind=kind, text=text.strip(), created=now_timestamp()
        )
        if push(self.undo_stack, self.document, AddComment(comment), on_refused=self.report):
            if self.shown_kind() not in (ALL_KINDS, kind):
                self.set_filter(ALL_KINDS)
            self.select_comment(comment.id)

    def edit_comment(self) -> None:
        comment_id = self.current_id()
        comment = self.document.path_map.comment(comment_id) if comment_id else None
        if comment is None:
            self.report("Choose a comment in the list first")
            return
        text = self.ask_text(f"Edit {COMMENT_KIND_NAMES[comment.kind].lower()}", comment.text)
        if text is None or text == comment.text:
            return
        push(
            self.undo_stack,
            self.document,
            SetFields(comment.id, {"text": text}, merge=False),
            on_refused=self.report,
        )

    def delete_comment(self) -> None:
        comment_id = self.current_id()
        if comment_id is None:
            self.report("Choose a comment in the list first")
            return
        push(self.undo_stack, self.document, RemoveElements([comment_id]), on_refused=self.report)

    def _dialog_text(self, title: str, initial: str) -> str | None:
        text, accepted = QInputDialog.getMultiLineText(self, "Comment", title, initial)
        return text if accepted else None
