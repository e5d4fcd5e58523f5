"""Sticky notes from the keyboard: one shortcut per kind, the speaker remembered for the
session, dot-voting, and a filter that hides notes of some kinds.

A note goes on the selected step, arrow, lane or phase (a selected note: on what that note is
on), or on the whole map when nothing is selected. Its text opens on the canvas straight away
for typing; Enter commits. Adding and typing are each one undo step; so is every vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from pathmapper.commands import AddComment, SetFields
from pathmapper.commands.document import kind_of
from pathmapper.layout.style import COMMENT_STYLES
from pathmapper.model import COMMENT_KIND_NAMES, COMMENT_KINDS, Comment, new_id, now_timestamp
from pathmapper.ui.canvas import MapScene
from pathmapper.ui.docks.comment_list import CommentsDock

# Ctrl+Alt and a digit, in the order the kinds are listed everywhere.
NOTE_KEYS: dict[str, str] = {kind: f"Ctrl+Alt+{n}" for n, kind in enumerate(COMMENT_KINDS, 1)}
VOTE_KEY = "Ctrl+Alt+="
UNVOTE_KEY = "Ctrl+Alt+-"
NOTE_TARGET_KINDS = ("step", "flow", "lane", "phase")


@dataclass
class Speaker:
    """Who is speaking: a role and an organisation, kept in memory for this session only."""

    role: str = ""
    organisation: str = ""


class StickyNotes(QObject):
    """The note actions of one window (`add_actions[kind]`, `vote_action`, `unvote_action`,
    `filter_actions[kind]`), acting on its scene and undo stack through `scene.execute`."""

    def __init__(
        self,
        scene: MapScene,
        report: Callable[[str], None],
        parent: QObject,
        comments_dock: CommentsDock | None = None,
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.report = report
        self.comments_dock = comments_dock
        self.speaker = Speaker()
        self.add_actions: dict[str, QAction] = {}
        self.filter_actions: dict[str, QAction] = {}
        for kind in COMMENT_KINDS:
            style = COMMENT_STYLES[kind]
            add = QAction(f"{style.glyph}  {COMMENT_KIND_NAMES[kind]} note", parent)
            add.setShortcut(QKeySequence(NOTE_KEYS[kind]))
            add.setToolTip(
                f"Stick a {COMMENT_KIND_NAMES[kind].lower()} note on the selection "
                f"(or the map) and type it ({NOTE_KEYS[kind]})"
            )
            add.triggered.connect(lambda _checked=False, k=kind: self.add_note(k))
            self.add_actions[kind] = add
            shown = QAction(f"{style.glyph}  {COMMENT_KIND_NAMES[kind]}", parent)
            shown.setCheckable(True)
            shown.setChecked(True)
            shown.toggled.connect(lambda _on: self._apply_filter())
            self.filter_actions[kind] = shown
        self.show_all_action = QAction("Show &all notes", parent)
        self.show_all_action.triggered.connect(self.show_all)
        self.vote_action = QAction("&Vote for the note", parent)
        self.vote_action.setShortcut(QKeySequence(VOTE_KEY))
        self.vote_action.triggered.connect(lambda: self.vote(1))
        self.unvote_action = QAction("&Take a vote off the note", parent)
        self.unvote_action.setShortcut(QKeySequence(UNVOTE_KEY))
        self.unvote_action.triggered.connect(lambda: self.vote(-1))

    def all_actions(self) -> list[QAction]:
        return [*self.add_actions.values(), self.vote_action, self.unvote_action]

    # ---------------------------------------------------------------------------- adding

    def note_target(self) -> str | None:
        """What a new note goes on: the one selected step/arrow/lane/phase, or None (the map)."""
        path_map = self.scene.document.path_map
        selected = [
            element
            for element_id in self.scene.selected_ids()
            if (element := path_map.element(element_id)) is not None
        ]
        if len(selected) != 1:
            return None
        element = selected[0]
        if isinstance(element, Comment):
            return element.target
        return element.id if kind_of(element) in NOTE_TARGET_KINDS else None

    def add_note(self, kind: str, text: str = "") -> str | None:
        """Add a note of `kind` and open its text on the canvas; the new note's id."""
        comment = Comment.model_validate(
            {
                "id": new_id(),
                "target": self.note_target(),
                "kind": kind,
                "text": text,
                "author": self.speaker.role.strip(),
                "organisation": self.speaker.organisation.strip(),
                "created": now_timestamp(),
            }
        )
        if kind in self.hidden_kinds():
            self.filter_actions[kind].setChecked(True)  # a note just added is never hidden
        if not self.scene.execute(AddComment(comment)):
            return None
        self.scene.select_ids([comment.id])
        if not text:
            self.scene.edit_label(comment.id)
        return comment.id

    # ----------------------------------------------------------------------------- votes

    def selected_note(self) -> Comment | None:
        path_map = self.scene.document.path_map
        notes = [c for i in self.scene.selected_ids() if (c := path_map.comment(i)) is not None]
        if len(notes) == 1:
            return notes[0]
        dock_choice = self.comments_dock.current_id() if self.comments_dock is not None else None
        return path_map.comment(dock_choice) if dock_choice else None

    def vote(self, change: int) -> bool:
        """Add (1) or take off (-1) a vote on the selected note; one undo step."""
        note = self.selected_note()
        if note is None:
            self.report("Select a note first, then vote for it")
            return False
        votes = max(0, note.votes + change)
        if votes == note.votes:
            self.report("That note has no votes to take off")
            return False
        text = "Vote for note" if change > 0 else "Take a vote off note"
        done: bool = self.scene.execute(SetFields(note.id, {"votes": votes}, text, merge=False))
        if done:
            self.report(f"{votes} vote{'s' if votes != 1 else ''} on this note")
        return done

    # ---------------------------------------------------------------------------- filter

    def hidden_kinds(self) -> set[str]:
        return {kind for kind, action in self.filter_actions.items() if not action.isChecked()}

    def show_only(self, kinds: set[str]) -> None:
        for kind, action in self.filter_actions.items():
            action.setChecked(kind in kinds)

    def show_all(self) -> None:
        self.show_only(set(COMMENT_KINDS))

    def _apply_filter(self) -> None:
        hidden = self.hidden_kinds()
        self.scene.hide_comment_kinds(hidden)
        dock = self.comments_dock
        if dock is not None:
            dock.hidden_kinds = set(hidden)
            dock.refresh()
