"""The geometry of a map after a few steps changed, reusing what the change cannot reach.

Measuring and wrapping every label is much of `compute_geometry`'s work on a big map; a step
whose label and kind are unchanged keeps its measured size. Everything else is computed as
`compute_geometry` does, so the result is exactly `compute_geometry(path_map)` (the tests hold
it to that), whatever changed.
"""

from __future__ import annotations

from collections.abc import Collection

from pathmapper.layout.geometry import compute_geometry
from pathmapper.layout.primitives import MapGeometry
from pathmapper.layout.step_shapes import StepSize
from pathmapper.model import PathMap


def update_geometry(
    previous: MapGeometry,
    path_map: PathMap,
    changed_step_ids: Collection[str],
) -> MapGeometry:
    """The geometry of `path_map`, given `previous`, the geometry of the map before a change.

    `changed_step_ids` must name every step added, removed or changed in any field since
    `previous` was computed (flows are routed again in any case)."""
    changed = set(changed_step_ids)
    sizes: dict[str, StepSize] = {}
    for step in path_map.steps:
        old = previous.steps.get(step.id)
        if old is not None and step.id not in changed and old.kind == step.kind:
            sizes[step.id] = (old.rect.width, old.rect.height, old.lines)
    return compute_geometry(path_map, sizes=sizes)
