"""Arrows following steps while they are dragged, before the model knows of the move.

Only the arrows attached to the dragged steps follow them. An arrow whose two steps are both
dragged by the same distance keeps its shape and is shifted with them (no routing at all: in a
drag of a group of steps most arrows are inside the group). The others are routed between the
items' current boxes with the ports and shapes the layout uses, without the other steps as
obstacles: the full routing runs when the drop changes the model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF

from pathmapper.layout.labels import candidate_places, label_size
from pathmapper.layout.primitives import FlowLabel, FlowRoute, Rect, StepBox
from pathmapper.layout.routing import routes_in_the_open
from pathmapper.model import Flow, PathMap, Step
from pathmapper.ui.canvas.host import SceneItems
from pathmapper.ui.canvas.items_flows import FlowItem, arrow_style
from pathmapper.ui.canvas.items_steps import StepItem


@dataclass
class DraggedFlows:
    """The arrows attached to the steps of one drag, from the press to the drop."""

    start_positions: dict[str, QPointF]  # of the dragged step items, when the drag began
    attached: dict[str, list[Flow]]  # step id -> the flows in or out of it
    steps_by_id: dict[str, Step]
    organisations: dict[str, str | None]  # lane id -> care organisation (None: the patient's)
    reshaped: set[str] = field(default_factory=set)  # flows routed anew during this drag

    @classmethod
    def of_drag(cls, path_map: PathMap, start_positions: dict[str, QPointF]) -> DraggedFlows:
        attached: dict[str, list[Flow]] = defaultdict(list)
        for flow in path_map.flows:
            if flow.source in start_positions or flow.target in start_positions:
                attached[flow.source].append(flow)
                if flow.target != flow.source:
                    attached[flow.target].append(flow)
        organisations = {lane.id: lane.care_organisation for lane in path_map.lanes}
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
    organisations: dict[str, str | None],
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
    lane_of = {step.id: step.lane for step in steps}
    by_id = {flow.id: flow for flow in flows}
    for flow_id, points in routes_in_the_open(flows, boxes).items():
        flow_item = scene.items_by_id.get(flow_id)
        flow = by_id[flow_id]
        if isinstance(flow_item, FlowItem):
            crosses_lanes = lane_of.get(flow.source) != lane_of.get(flow.target)
            style = arrow_style(flow, crosses_lanes, lane_of, organisations)
            placed = scene.geometry.flows.get(flow_id)
            flow_item.apply(points, _label_on(points, flow.label, placed), style)


def _label_on(
    points: list[tuple[float, float]], text: str, placed: FlowRoute | None
) -> FlowLabel | None:
    """The label at its first place along the route (the drop finds it a clear one), as big
    as the layout measured it (measuring text again on every frame of a drag is wasted)."""
    if not text.strip():
        return None
    if placed is not None and placed.label is not None and placed.label.text == text:
        width, height = placed.label.rect.width, placed.label.rect.height
    else:
        width, height = label_size(text)
    return FlowLabel(text, next(candidate_places(points, width, height)))
