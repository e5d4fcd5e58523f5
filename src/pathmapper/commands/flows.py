"""Commands on flows (the arrows between steps): add one, or reconnect its ends."""

from __future__ import annotations

from pathmapper.commands.adding import AddElement
from pathmapper.commands.fields import ReconnectFlow
from pathmapper.model import Flow

__all__ = ["AddFlow", "ReconnectFlow"]


class AddFlow(AddElement):
    """Draw a new arrow between two steps already on the map."""

    def __init__(self, flow: Flow, index: int | None = None) -> None:
        super().__init__(flow, index)
        self.text = "Add arrow"
