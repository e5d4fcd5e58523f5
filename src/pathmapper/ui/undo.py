"""QUndoStack adapter for the pure-Python commands of `pathmapper.commands`.

    if push(undo_stack, document, SetFields(step_id, {"label": "Echo"}), on_refused=show):
        ...

`push` does the command's first redo itself, outside the stack, so a refusal (ValueError, with a
message for the room) is reported and nothing is pushed; only a command that worked goes on the
stack, wrapped in `UndoableCommand`, whose own first redo then does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from pathmapper.commands import Command, MapDocument

# All mergeable commands share one Qt id; the commands' own merge keys decide the rest.
MERGEABLE_ID = 1


class UndoableCommand(QUndoCommand):
    """A `Command` on a `MapDocument`, as a QUndoCommand. Build it only for a command that has
    already been done once (as `push` does): its first redo does nothing."""

    def __init__(self, document: MapDocument, command: Command) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        with self.document.batch():
            self.command.redo(self.document)
        self.setText(self.command.text)

    def undo(self) -> None:
        with self.document.batch():
            self.command.undo(self.document)

    def id(self) -> int:
        return MERGEABLE_ID if self.command.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoableCommand) or other.document is not self.document:
            return False
        merged = self.command.can_merge(other.command) and self.command.merge_with(other.command)
        if merged:
            self.setText(self.command.text)
        return merged


def push(
    stack: QUndoStack,
    document: MapDocument,
    command: Command,
    on_refused: Callable[[str], None] | None = None,
) -> bool:
    """Do `command` on `document` and record it on `stack`; True when it was done.

    A refused command (ValueError) changes nothing and is not pushed: its message goes to
    `on_refused` and push returns False, or, without `on_refused`, the ValueError propagates.
    """
    try:
        with document.batch():
            command.redo(document)
    except ValueError as refusal:
        if on_refused is None:
            raise
        on_refused(str(refusal))
        return False
    stack.push(UndoableCommand(document, command))
    return True
