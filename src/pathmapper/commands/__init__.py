"""Every edit of a map as a small pure-Python command that can be undone and redone.

The pattern, for the editor in `ui/`:

- One `MapDocument` per open map. It holds the plain pydantic `PathMap` and is the only thing
  that changes it. Read `document.path_map` freely; never assign to the model directly.
- Listen with `unsubscribe = document.subscribe(listener)`. The listener gets a `Change`
  (action, kind, element_id, fields) for each change: update just that item (a "changed"
  names the fields that differ, e.g. a rename is `Change("changed", "lane", id, {"name"})`).
  Changes made by one command arrive together once it has finished (batched); listeners must
  not change the map themselves. `document.revision` counts changes, for autosave and
  analysis to watch.
- Every edit is a command: `SetFields(id, {"label": "Echo"})` for any field of any element
  (or the map, by its id), `MoveSteps`, `RemoveElements`, `AddStep`, `Paste`, and so on.
  Construct it from ids and values, then run it once with `command.redo(document)`: that
  checks everything and either makes the whole edit or raises ValueError (a message for the
  room) having changed nothing. Only then hand it to the undo stack. With QUndoStack, wrap it
  in a QUndoCommand whose first redo() does nothing (the command is already done), whose
  later redo()/undo() call the command's, whose text() is `command.text`, and whose id()
  is one constant for commands with a `merge_key` (-1 otherwise) and whose mergeWith(other)
  returns `command.can_merge(other.command) and command.merge_with(other.command)`.
- `History` is the same stack without Qt, for tests and scripts; `CompositeCommand` groups
  commands into one undo step (`add_next_step` returns one).
"""

from pathmapper.commands.adding import AddElement
from pathmapper.commands.base import Command, CompositeCommand, History
from pathmapper.commands.clipboard import FRAGMENT_FORMAT, Paste, copy_fragment, duplicate
from pathmapper.commands.comments import AddComment
from pathmapper.commands.document import Change, ChangeAction, ElementKind, MapDocument
from pathmapper.commands.fields import ResizeLane, ResizePhase, SetFields
from pathmapper.commands.flows import AddFlow, ReconnectFlow
from pathmapper.commands.lanes import AddLane, MoveLane, add_lane
from pathmapper.commands.phases import AddPhase, MovePhase
from pathmapper.commands.removal import RemoveElements
from pathmapper.commands.steps import (
    AddNextStep,
    AddStep,
    MoveSteps,
    add_next_step,
)

__all__ = [
    "FRAGMENT_FORMAT",
    "AddComment",
    "AddElement",
    "AddFlow",
    "AddLane",
    "AddNextStep",
    "AddPhase",
    "AddStep",
    "Change",
    "ChangeAction",
    "Command",
    "CompositeCommand",
    "ElementKind",
    "History",
    "MapDocument",
    "MoveLane",
    "MovePhase",
    "MoveSteps",
    "Paste",
    "ReconnectFlow",
    "RemoveElements",
    "ResizeLane",
    "ResizePhase",
    "SetFields",
    "add_lane",
    "add_next_step",
    "copy_fragment",
    "duplicate",
]
