"""Where an imported diagram's steps go: kept where the diagram drew them, moved right together
when the first ones would sit under the lane headers, or laid out again (in the diagram's order
and lanes) when pathmapper's larger shapes would pile on each other there, or when asked."""

from __future__ import annotations

from collections import defaultdict

from pathmapper.io.import_result import ImportResult
from pathmapper.layout import Rect, auto_layout, step_size
from pathmapper.model import PathMap

# Steps closer than this (points) count as piled on each other.
OVERLAP_TOLERANCE = 4.0
# Room left between the lane header and a step that had to be moved out from under it.
LEFT_MARGIN = 20.0


def fit_steps(result: ImportResult, relayout: bool) -> None:
    """Keep every step clear of the lane headers, and lay the steps out again when their
    copied positions would pile them on each other (or when asked)."""
    path_map = result.path_map
    if not path_map.steps:
        return
    if relayout or _crowded(path_map):
        # The layout breaks ties by the order of the steps: give it the diagram's order, left
        # to right, and keep the file's order in the map.
        file_order = {step.id: index for index, step in enumerate(path_map.steps)}
        lane_order = {lane.id: index for index, lane in enumerate(path_map.lanes)}
        drawn = path_map.model_copy()
        drawn.steps = sorted(
            path_map.steps, key=lambda s: (s.x or 0.0, lane_order.get(s.lane, 0), s.y or 0.0)
        )
        laid_out = auto_layout(drawn)
        laid_out.steps.sort(key=lambda step: file_order[step.id])
        result.path_map = laid_out
        why = "as asked" if relayout else "since pathmapper's larger step shapes would overlap"
        result.remarks.append(
            f"the steps were laid out again {why}, keeping their lanes and the diagram's "
            "left-to-right order"
        )
        return
    boxes = _copied_boxes(path_map)
    left = min((rect.left for _lane, rect in boxes), default=0.0)
    if left < 0:
        for step in path_map.steps:
            if step.x is not None:
                step.x = round(step.x + LEFT_MARGIN - left, 2)
        result.remarks.append(
            f"every step moved {LEFT_MARGIN - left:.0f} pt right, clear of the lane headers"
        )


def _copied_boxes(path_map: PathMap) -> list[tuple[str, Rect]]:
    """Each placed step's lane and box at its copied position, in its lane's coordinates."""
    boxes = []
    for step in path_map.steps:
        if step.x is None or step.y is None:
            continue
        width, height, _lines = step_size(step)
        boxes.append((step.lane, Rect(step.x - width / 2, step.y - height / 2, width, height)))
    return boxes


def _crowded(path_map: PathMap) -> bool:
    """Whether any two step boxes of one lane, drawn at their copied positions, overlap."""
    lanes: dict[str, list[Rect]] = defaultdict(list)
    for lane, rect in _copied_boxes(path_map):
        lanes[lane].append(rect)
    return any(_overlapping(rects) for rects in lanes.values())


def _overlapping(rects: list[Rect]) -> bool:
    rects = sorted(rects, key=lambda rect: rect.left)
    for index, rect in enumerate(rects):
        grown = Rect(
            rect.x - OVERLAP_TOLERANCE / 2,
            rect.y - OVERLAP_TOLERANCE / 2,
            rect.width + OVERLAP_TOLERANCE,
            rect.height + OVERLAP_TOLERANCE,
        )
        for other in rects[index + 1 :]:
            if other.left > grown.right:
                break
            if grown.intersects(other):
                return True
    return False
