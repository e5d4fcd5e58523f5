"""Commands on lanes: add one, move it up or down, resize it (rename through SetFields)."""

from __future__ import annotations

from pathmapper.commands.adding import AddElement
from pathmapper.commands.fields import ResizeLane
from pathmapper.commands.ordering import MoveInList
from pathmapper.model import Lane, PathMap, new_id

__all__ = ["AddLane", "MoveLane", "ResizeLane", "add_lane"]


class AddLane(AddElement):
    """A new lane at `index` (0 is the top; None adds it at the bottom)."""

    def __init__(self, lane: Lane, index: int | None = None) -> None:
        super().__init__(lane, index)

    @property
    def lane_id(self) -> str:
        return self.element.id


def add_lane(path_map: PathMap, index: int | None = None) -> AddLane:
    """A new lane as the editor adds one from the keyboard: "Lane 5" on a map of four lanes,
    to be renamed (F2) once the room says whose it is."""
    return AddLane(Lane(id=new_id(), name=f"Lane {len(path_map.lanes) + 1}"), index)


class MoveLane(MoveInList):
    """Move a lane to `new_index` (0 is the top); its steps go with it."""

    def __init__(self, lane_id: str, new_index: int) -> None:
        super().__init__("lane", lane_id, new_index)
