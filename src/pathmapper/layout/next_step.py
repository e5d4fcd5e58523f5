"""Where the step after another one goes, for every way of adding it (Insert step, quick
capture's Enter, Ctrl+Down, Ctrl+Up and Tab): one column to the right of the step before it,
in the first row of its lane that no step already holds.

A row is taken when a step of the lane stands nearer than NEAR_X across and NEAR_Y down: a new
step put there would cover it, and the room would see one box where the map has two.
"""

from __future__ import annotations

from pathmapper.layout import COLUMN_SPACING, DEFAULT_LANE_HEIGHT, ROW_SPACING
from pathmapper.model import PathMap, Step

NEAR_X = COLUMN_SPACING * 0.8
NEAR_Y = ROW_SPACING * 0.8
MAX_ROWS = 50  # a lane deeper than this is not a workshop map; the step goes in the last row


def free_place(path_map: PathMap, lane_id: str, x: float, y: float) -> tuple[float, float]:
    """(x, y) in the lane, moved down a row at a time until no step of the lane is there."""
    others = [
        (s.x, s.y) for s in path_map.steps_in_lane(lane_id) if s.x is not None and s.y is not None
    ]
    for _ in range(MAX_ROWS):
        if not any(abs(ox - x) < NEAR_X and abs(oy - y) < NEAR_Y for ox, oy in others):
            break
        y += ROW_SPACING
    return x, y


def next_step_place(path_map: PathMap, source: Step, lane_id: str) -> tuple[float, float] | None:
    """The centre of the step after `source` in `lane_id`; None when `source` has no place yet
    (the automatic layout then places both). A step in another lane (a handoff) keeps to the
    first row of that lane, so it does not drop below the lane's top when the source is low."""
    if source.x is None:
        return None
    lane = path_map.lane(lane_id)
    middle = ((lane.height if lane else None) or DEFAULT_LANE_HEIGHT) / 2
    if source.y is None:
        y = middle
    elif lane_id == source.lane:
        y = source.y
    else:
        y = min(source.y, middle)
    return free_place(path_map, lane_id, source.x + COLUMN_SPACING, y)
