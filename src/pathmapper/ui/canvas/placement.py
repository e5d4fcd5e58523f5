"""The model place (lane, phase, lane-relative centre) of a point or a dropped step, worked
out from the geometry. Plain numbers in and out, no Qt types."""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.layout.primitives import LANE_PADDING, MapGeometry
from pathmapper.model import PathMap
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
