"""The geometry of a map after a few steps changed, without redrawing the rest.

`compute_geometry` wraps every label and routes every flow: on a 5,000-step map that takes
about a second, which the room feels after every drop. When steps move, `update_geometry`
starts from the previous geometry and redoes only what the change can reach:

- the boxes of the changed steps (their labels are wrapped again; the others keep theirs);
- the routes of flows attached to a changed step, of every branch of a decision one of whose
  branches changed, and of forward flows whose search for a clear route looks at the old or
  the new place of a moved box (only forward flows step around other boxes; flows back to an
  earlier column and flows within a column are drawn from their two ends alone).

The lane bands and phase columns are always recomputed (cheap); when a lane grows, the steps
of the lanes below it move down with them and count as changed. When most steps changed, or
flows were added, removed or reconnected, every flow is routed again. Either way the result
is exactly `compute_geometry(path_map)`: the tests hold it to that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from pathmapper.layout.geometry import (
    MapGeometry,
    Rect,
    StepBox,
    StepSize,
    compute_geometry,
    map_frame,
    stated_sizes,
    step_box,
    step_size,
)
from pathmapper.layout.routing import (
    CHANNEL_OFFSET,
    PARALLEL_OFFSET,
    ObstacleIndex,
    is_forward,
    numbered_parallels,
    route_flows,
)
from pathmapper.model import Flow, PathMap

SEARCH_MARGIN = 16.0  # a forward route's jogs may start this far beyond its two boxes


def update_geometry(
    previous: MapGeometry,
    path_map: PathMap,
    changed_step_ids: Collection[str],
    changed_flow_ids: Collection[str] = (),
) -> MapGeometry:
    """The geometry of `path_map`, given `previous`, the geometry of the map before a change.

    `changed_step_ids` must name every step added, removed or changed in any field since
    `previous` was computed; `changed_flow_ids` every flow whose ends changed (those, or flows
    added or removed, make every flow be routed again). Lanes and phases, their order and their
    sizes may change too: the frame is recomputed and, if it moved, so is everything inside it.
    """
    changed = set(changed_step_ids)
    if any(step.x is None or step.y is None for step in path_map.steps):
        return compute_geometry(path_map)  # the automatic layout places the rest

    sizes: dict[str, StepSize] = {}
    positions: dict[str, tuple[float, float]] = {}
    for step in path_map.steps:
        old = previous.steps.get(step.id)
        if old is None or step.id in changed:
            changed.add(step.id)
            sizes[step.id] = step_size(step)
        else:
            sizes[step.id] = (old.rect.width, old.rect.height, old.lines)
        positions[step.id] = (step.x, step.y)  # type: ignore[assignment]  # checked above

    geometry = MapGeometry()
    geometry.lanes, geometry.phases, geometry.body = map_frame(
        path_map, sizes, positions, *stated_sizes(path_map)
    )
    old_tops = {band.lane_id: band.rect.top for band in previous.lanes}
    lane_tops = {band.lane_id: band.rect.top for band in geometry.lanes}
    for step in path_map.steps:
        if step.lane not in lane_tops:
            continue
        old = previous.steps.get(step.id)
        lane_still = old_tops.get(step.lane) == lane_tops[step.lane]
        if old is not None and step.id not in changed and lane_still:
            geometry.steps[step.id] = old
        else:  # changed, or its lane moved up or down with a lane above it
            changed.add(step.id)
            top = lane_tops[step.lane]
            geometry.steps[step.id] = step_box(step, sizes[step.id], positions[step.id], top)

    index = ObstacleIndex(geometry.steps.values())
    routable = [
        f for f in path_map.flows if f.source in geometry.steps and f.target in geometry.steps
    ]
    everything = changed_flow_ids or len(changed) * 2 > len(geometry.steps)
    if everything or {f.id for f in routable} != previous.flows.keys():
        geometry.flows = route_flows(path_map, geometry.steps, index=index)
        return geometry

    gone = previous.steps.keys() - geometry.steps.keys()
    rerouted = route_flows(
        path_map,
        geometry.steps,
        only=_flows_to_reroute(previous, geometry, path_map, routable, changed | gone),
        index=index,
    )
    geometry.flows = {f.id: rerouted.get(f.id) or previous.flows[f.id] for f in routable}
    return geometry


def _flows_to_reroute(
    previous: MapGeometry,
    geometry: MapGeometry,
    path_map: PathMap,
    routable: list[Flow],
    changed: set[str],
) -> set[str]:
    """The flows whose route a change of the steps `changed` can reach."""
    moved_areas = [
        StepBox(step_id, "", rect, ())
        for step_id in changed
        for rect in _moved_rects(previous.steps.get(step_id), geometry.steps.get(step_id))
    ]
    decisions = {step.id for step in path_map.steps if step.kind == "decision"}
    branches: dict[str, list[Flow]] = defaultdict(list)
    for flow in routable:
        if flow.source in decisions:
            branches[flow.source].append(flow)

    chosen: set[str] = set()
    for flow in routable:
        if flow.source in changed or flow.target in changed:
            chosen.add(flow.id)
            if flow.source in decisions:  # its other branches may leave from another corner
                chosen.update(branch.id for branch in branches[flow.source])
    if not moved_areas:
        return chosen

    areas = ObstacleIndex(moved_areas)
    for flow, parallel in numbered_parallels(routable):
        if flow.id in chosen:
            continue
        source, target = geometry.steps[flow.source].rect, geometry.steps[flow.target].rect
        if not is_forward(source, target):
            continue  # drawn from its two ends, whatever else is around
        shift = parallel * PARALLEL_OFFSET
        spread = SEARCH_MARGIN + shift
        depth = CHANNEL_OFFSET + shift + 2.0
        corner = (min(source.left, target.left) - spread, min(source.top, target.top) - depth)
        far = (max(source.right, target.right) + spread, max(source.bottom, target.bottom) + depth)
        if areas.blocked(corner, far, ignore=()):  # the search area overlaps a moved box
            chosen.add(flow.id)
    return chosen


def _moved_rects(old: StepBox | None, new: StepBox | None) -> list[Rect]:
    """Where a changed step was and is, when its box moved or changed size."""
    if old is not None and new is not None and old.rect == new.rect:
        return []
    return [box.rect for box in (old, new) if box is not None]
