"""Arrows following steps while they are dragged, before the model knows of the move.

Only the arrows attached to the moved steps are routed, between the items' current boxes, with
the same router the layout uses (without the other steps as obstacles: the full routing runs
when the drop changes the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from pathmapper.layout.geometry import Rect, StepBox
from pathmapper.layout.routing import route_flows
from pathmapper.layout.style import flow_style
from pathmapper.model import Flow, PathMap, Step
from pathmapper.ui.canvas.items_flows import FlowItem
from pathmapper.ui.canvas.items_steps import StepItem

if TYPE_CHECKING:
    from pathmapper.ui.canvas.scene import MapScene


@dataclass
class _RoutedPart:
    """The few steps and arrows `route_flows` needs while dragging (it reads only these)."""

    steps: list[Step]
    flows: list[Flow]


def reroute_while_dragging(
    scene: MapScene,
    flows: list[Flow],
    steps_by_id: dict[str, Step],
    organisations: dict[str, str],
) -> None:
    """Redraw `flows` between the current boxes of their steps' items."""
    ends = {f.source for f in flows} | {f.target for f in flows}
    steps = [s for s in (steps_by_id.get(i) for i in ends) if s is not None]
    boxes: dict[str, StepBox] = {}
    for step in steps:
        step_item = scene.items_by_id.get(step.id)
        if isinstance(step_item, StepItem):
            box = step_item.scene_box()
            rect = Rect(box.x(), box.y(), box.width(), box.height())
            boxes[step.id] = StepBox(step.id, step.kind, rect, ())
    partial = cast(PathMap, _RoutedPart(steps, flows))
    lane_of = {step.id: step.lane for step in steps}
    by_id = {flow.id: flow for flow in flows}
    for flow_id, route in route_flows(partial, boxes).items():
        flow_item = scene.items_by_id.get(flow_id)
        flow = by_id[flow_id]
        if isinstance(flow_item, FlowItem):
            across = organisations.get(lane_of[flow.source]) != organisations.get(
                lane_of[flow.target]
            )
            style = flow_style(route.crosses_lanes, across, flow.expected_loop)
            flow_item.apply(route.points, route.label_anchor, style, flow.label)
