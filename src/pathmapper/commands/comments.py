"""Commands on comments, the workshop's sticky notes."""

from __future__ import annotations

from pathmapper.commands.adding import AddElement
from pathmapper.model import Comment


class AddComment(AddElement):
    """Stick a comment on a step, an arrow, a lane or a phase, or on the map (no target)."""

    def __init__(self, comment: Comment, index: int | None = None) -> None:
        super().__init__(comment, index)
