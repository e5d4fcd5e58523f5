"""Commands, composites of commands, and a pure-Python undo history.

A command is constructed from ids and values only (never from a document), then run with
`redo(document)`. The first `redo` checks everything and either changes the map completely or
raises ValueError having changed nothing; it records what it needs to undo exactly. After that,
`undo` and `redo` alternate and are never refused.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable

from pathmapper.commands.document import MapDocument


class Command(ABC):
    """One undoable edit of a map.

    `text` is what the Edit menu shows ("Add step", "Move 3 steps"). Commands with the same
    non-None `merge_key` may fold into one undo step: `merge_with(newer)` is asked, after the
    newer command has already been done, to absorb it; it returns True when it did.
    """

    text: str = ""
    merge_key: Hashable | None = None

    @abstractmethod
    def redo(self, document: MapDocument) -> None:
        """Do (or do again) the edit."""

    @abstractmethod
    def undo(self, document: MapDocument) -> None:
        """Put the map back exactly as it was before `redo`."""

    def merge_with(self, other: Command) -> bool:
        """Absorb `other`, done just after this one, into this command. Default: never."""
        return False

    def can_merge(self, other: Command) -> bool:
        return self.merge_key is not None and self.merge_key == other.merge_key


class CompositeCommand(Command):
    """Several commands as one undo step: done in order, undone in reverse order.

    If a child refuses on the first redo, the children already done are undone again, so the
    composite too changes everything or nothing.
    """

    def __init__(self, text: str, children: Iterable[Command] = ()) -> None:
        self.text = text
        self.children: list[Command] = list(children)

    def redo(self, document: MapDocument) -> None:
        done: list[Command] = []
        with document.batch():
            try:
                for child in self.children:
                    child.redo(document)
                    done.append(child)
            except Exception:
                for child in reversed(done):
                    child.undo(document)
                raise

    def undo(self, document: MapDocument) -> None:
        with document.batch():
            for child in reversed(self.children):
                child.undo(document)


class History:
    """An undo stack without Qt, for tests, scripts and the command line.

    It follows QUndoStack: `push` does the command and drops anything that could have been
    redone; it merges into the top command when their merge keys match, unless the top is the
    saved (clean) point.
    """

    def __init__(self, document: MapDocument) -> None:
        self.document = document
        self._commands: list[Command] = []
        self._index = 0
        self._clean_index: int | None = 0

    @property
    def index(self) -> int:
        """How many commands are done (the position between undo and redo)."""
        return self._index

    @property
    def count(self) -> int:
        return len(self._commands)

    @property
    def clean_index(self) -> int | None:
        """The index where the map was saved; None when that state can no longer be reached."""
        return self._clean_index

    @property
    def is_clean(self) -> bool:
        return self._index == self._clean_index

    def set_clean(self) -> None:
        """Mark the current state as saved."""
        self._clean_index = self._index
        self.document.mark_saved()

    def push(self, command: Command) -> bool:
        """Do `command` and record it; returns True when it merged into the previous one.

        A ValueError from the command propagates and leaves map and history unchanged.
        """
        with self.document.batch():
            command.redo(self.document)
        del self._commands[self._index :]
        if self._clean_index is not None and self._clean_index > self._index:
            self._clean_index = None
        top = self._commands[-1] if self._commands else None
        if (
            top is not None
            and self._clean_index != self._index
            and top.can_merge(command)
            and top.merge_with(command)
        ):
            return True
        self._commands.append(command)
        self._index += 1
        return False

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    @property
    def undo_text(self) -> str:
        return self._commands[self._index - 1].text if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self._commands[self._index].text if self.can_redo else ""

    def undo(self) -> None:
        if not self.can_undo:
            raise IndexError("nothing to undo")
        self._index -= 1
        with self.document.batch():
            self._commands[self._index].undo(self.document)

    def redo(self) -> None:
        if not self.can_redo:
            raise IndexError("nothing to redo")
        with self.document.batch():
            self._commands[self._index].redo(self.document)
        self._index += 1

    def clear(self) -> None:
        self._commands.clear()
        self._index = 0
        self._clean_index = 0
