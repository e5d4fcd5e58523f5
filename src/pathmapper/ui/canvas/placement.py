"""Where things go on the canvas, worked out from the geometry: comment notes beside their
targets, and the model place (lane, phase, lane-relative centre) of a point or a dropped step.
Plain numbers in and out, no Qt types."""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.layout.geometry import LANE_PADDING, MapGeometry
from pathmapper.model import PathMap
from pathmapper.ui.canvas.items_comments import NOTE_WIDTH, note_height
from pathmapper.ui.canvas.painting import snap


@dataclass(frozen=True)
class ModelPlace:
    """A step's place as the model holds it: centre x, centre y from its lane's top, lane,
    and phase (None on a map without phases, or outside every column)."""

    x: float
    y: float
    lane: str
    phase: str | None


def place_for_centre(
    geometry: MapGeometry,
    path_map: PathMap,
    centre: tuple[float, float],
    size: tuple[float, float],
    current_phase: str | None = None,
) -> ModelPlace | None:
    """The model place of a step of `size` whose centre is dropped at scene point `centre`:
    the lane under it (the nearest one above or below the map), snapped to the grid inside it,
    and the phase of the column it lands in when the map has phases."""
    if not geometry.lanes:
        return None
    cx, cy = centre
    width, height = size
    band = geometry.lanes[0] if cy < geometry.lanes[0].rect.top else geometry.lanes[-1]
    for candidate in geometry.lanes:
        if candidate.rect.top <= cy < candidate.rect.bottom:
            band = candidate
            break
    x = max(snap(cx), snap(width / 2 + LANE_PADDING + 5))
    y = max(snap(cy - band.rect.top), snap(height / 2 + LANE_PADDING + 5))
    phase = current_phase
    if path_map.phases:
        phase = geometry.phase_at(x)
        if phase is None:
            phase = geometry.phases[-1].phase_id if x >= 0 else geometry.phases[0].phase_id
    return ModelPlace(x, y, band.lane_id, phase)


def comment_places(path_map: PathMap, geometry: MapGeometry) -> dict[str, tuple[float, float]]:
    """Top-left corner of each comment's note: stuck on the top-right corner of its step, on
    its arrow's label point, at the top of its lane, beside its comment, or right of the map."""
    places: dict[str, tuple[float, float]] = {}
    stacked: dict[str | None, int] = {}
    lane_bands = {band.lane_id: band for band in geometry.lanes}
    for comment in path_map.comments:
        target = comment.target
        index = stacked.get(target, 0)
        stacked[target] = index + 1
        height = note_height(comment.text)
        if target is not None and target in geometry.steps:
            rect = geometry.steps[target].rect
            places[comment.id] = (
                rect.right - NOTE_WIDTH + 30 + index * 18,
                rect.top - height + 4 - index * 10,
            )
        elif target is not None and target in geometry.flows:
            ax, ay = geometry.flows[target].label_anchor
            places[comment.id] = (ax + 8 + index * 18, ay - height - 12 - index * 10)
        elif target is not None and target in lane_bands:
            band = lane_bands[target]
            places[comment.id] = (band.rect.left + 8 + index * (NOTE_WIDTH + 8), band.rect.top + 4)
        elif target is not None and target in places:
            tx, ty = places[target]
            places[comment.id] = (tx + 14 + index * 14, ty + 14 + index * 10)
        else:
            places[comment.id] = (
                geometry.body.right + 16,
                geometry.body.top + index * (height + 8),
            )
    return places
