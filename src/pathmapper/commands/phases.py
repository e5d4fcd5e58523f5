"""Commands on phases (the columns): add one, move it left or right, resize it."""

from __future__ import annotations

from pathmapper.commands.adding import AddElement
from pathmapper.commands.fields import ResizePhase
from pathmapper.commands.ordering import MoveInList
from pathmapper.model import Phase

__all__ = ["AddPhase", "MovePhase", "ResizePhase"]


class AddPhase(AddElement):
    """A new phase at `index` (0 is the leftmost; None adds it on the right)."""

    def __init__(self, phase: Phase, index: int | None = None) -> None:
        super().__init__(phase, index)


class MovePhase(MoveInList):
    """Move a phase to `new_index` (0 is the leftmost)."""

    def __init__(self, phase_id: str, new_index: int) -> None:
        super().__init__("phase", phase_id, new_index)
