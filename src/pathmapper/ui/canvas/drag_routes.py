"""Arrows following steps while they are dragged, before the model knows of the move.

Only the arrows attached to the dragged steps follow them. An arrow whose two steps are both
dragged by the same distance keeps its shape and is shifted with them (no routing at all: in a
drag of a group of steps most arrows are inside the group). The others are routed between the
items' current boxes with the same router the layout uses, without the other steps as
obstacles: the full routing runs when the drop changes the model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import QPointF

from pathmapper.layout.geometry import Rect, StepBox
from pathmapper.layout.routing import route_flows
from pathmapper.model import Flow, PathMap, Step
from pathmapper.ui.canvas.host import SceneItems
from pathmapper.ui.canvas.items_flows import FlowItem, arrow_style
from pathmapper.ui.canvas.items_steps import StepItem


@dataclass
class _RoutedPart:
    """The few steps and arrows `route_flows` needs while dragging (it reads only these)."""

    steps: list[Step]
    flows: list[Flow]


@dataclass
class DraggedFlows:
    """The arrows attached to the steps of one drag, from the press to the drop."""

    start_positions: dict[str, QPointF]  # of the dragged step items, when the drag began
    attached: dict[str, list[Flow]]  # step id -> the flows in or out of it
    steps_by_id: dict[str, Step]
    organisations: dict[str, str]  # lane id -> organisation name
    reshaped: set[str] = field(default_factory=set)  # flows routed anew during this drag

    @classmethod
    def of_drag(cls, path_map: PathMap, start_positions: dict[str, QPointF]) -> DraggedFlows:
        attached: dict[str, list[Flow]] = defaultdict(list)
        for flow in path_map.flows:
            if flow.source in start_positions or flow.target in start_positions:
                attached[flow.source].append(flow)
                if flow.target != flow.source:
                    attached[flow.target].append(flow)
        organisations = {lane.id: lane.organisation_name for lane in path_map.lanes}
        return cls(dict(start_positions), attached, path_map.steps_by_id(), organisations)

    def follow(self, scene: SceneItems, moved: set[str]) -> None:
        """Redraw the arrows of the steps `moved` since the last frame."""
        flows = list({f.id: f for i in moved for f in self.attached.get(i, [])}.values())
        to_route: list[Flow] = []
        for flow in flows:
            shift = None if flow.id in self.reshaped else self._common_shift(scene, flow)
            flow_item = scene.items_by_id.get(flow.id)
            if shift is not None and isinstance(flow_item, FlowItem):
                flow_item.setPos(shift)  # the same shape, where its steps now are
            else:
                to_route.append(flow)
        if to_route:
            self.reshaped.update(flow.id for flow in to_route)
            reroute_while_dragging(scene, to_route, self.steps_by_id, self.organisations)

    def _common_shift(self, scene: SceneItems, flow: Flow) -> QPointF | None:
        """How far both ends of `flow` moved, when both are dragged and moved alike."""
        shifts = []
        for step_id in (flow.source, flow.target):
            start, item = self.start_positions.get(step_id), scene.items_by_id.get(step_id)
            if start is None or item is None:
                return None
            shifts.append(item.pos() - start)
        return shifts[0] if shifts[0] == shifts[1] else None


def reroute_while_dragging(
    scene: SceneItems,
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
            style = arrow_style(flow, route.crosses_lanes, lane_of, organisations)
            flow_item.apply(route.points, route.label_anchor, style, flow.label)
