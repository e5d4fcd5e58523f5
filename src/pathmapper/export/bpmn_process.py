"""The BPMN process a map becomes (`bpmn.py` writes it out): its flow nodes (the steps, and
the start, end and gateways the export adds so BPMN's modelling rules hold) and sequence
flows, each with its shape or waypoints on the diagram, following the map's own layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pathmapper.layout import MapGeometry, Rect
from pathmapper.model import KIND_NAMES, PathMap, Step

MARGIN = 40.0
POOL_HEADER = 30.0
LANE_HEADER = 30.0
ENTRY_ROOM = 110.0  # left of the steps, for the start event and its gateway
EXIT_ROOM = 80.0  # right of the steps, for end events
EVENT_SIZE = 36.0
GATEWAY_SIZE = 50.0
SMALL_GATEWAY = 30.0  # the gateways the export adds, in the gaps between steps
START_NAME = "Start"
END_NAME = "End"
ENTRY_GATEWAY_NAME = "Where does the patient start?"
NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass
class Ids:
    """BPMN ids are XML names: letters first, no spaces or colons. Map ids become such names,
    each unique."""

    used: set[str] = field(default_factory=set)
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def of(self, prefix: str, element_id: str) -> str:
        key = (prefix, element_id)
        if key not in self.names:
            base = f"{prefix}_{NOT_NAME.sub('_', element_id)}"
            name, number = base, 1
            while name in self.used:
                number += 1
                name = f"{base}_{number}"
            self.used.add(name)
            self.names[key] = name
        return self.names[key]


@dataclass
class Node:
    """A flow node of the process: a step, or an event or gateway the export adds."""

    id: str  # the BPMN id
    name: str
    lane_id: str  # the map lane it is drawn in
    rect: Rect  # its shape on the diagram
    step: Step | None = None
    gateway: bool = False
    incoming: list[Sequence] = field(default_factory=list)
    outgoing: list[Sequence] = field(default_factory=list)

    @property
    def tag(self) -> str:
        step = self.step
        if step is None:
            if self.gateway:
                return "exclusiveGateway"
            return "startEvent" if not self.incoming else "endEvent"
        if step.kind == "start":
            return "intermediateThrowEvent" if self.incoming else "startEvent"
        if step.kind == "end":
            return "intermediateThrowEvent" if self.outgoing else "endEvent"
        return {
            "decision": "exclusiveGateway",
            "wait": "intermediateCatchEvent",
        }.get(step.kind, "task")


@dataclass
class Sequence:
    """A sequence flow, with its drawn waypoints."""

    id: str
    source: Node
    target: Node
    name: str
    points: list[tuple[float, float]]


class Process:
    """The flow nodes and sequence flows of the map's one process, with their drawing."""

    def __init__(self, path_map: PathMap, geometry: MapGeometry, ids: Ids) -> None:
        self.ids = ids
        self.nodes: list[Node] = []
        self.flows: list[Sequence] = []
        self.offset = (MARGIN + POOL_HEADER + 2 * LANE_HEADER + ENTRY_ROOM, MARGIN)
        drawn = {band.lane_id for band in geometry.lanes}
        by_step: dict[str, Node] = {}
        for step in path_map.steps:
            box = geometry.steps.get(step.id)
            if step.lane not in drawn or box is None:
                continue
            node = Node(
                ids.of("Step", step.id),
                step.label.strip() or f"Unlabelled {KIND_NAMES[step.kind].lower()}",
                step.lane,
                node_rect(step, self._moved(box.rect)),
                step,
                gateway=step.kind == "decision",
            )
            by_step[step.id] = node
            self.nodes.append(node)
        pairs: set[tuple[str, str]] = set()
        for flow in path_map.flows:
            source, target = by_step.get(flow.source), by_step.get(flow.target)
            if source is None or target is None or (flow.source, flow.target) in pairs:
                continue  # BPMN allows one flow between two nodes; the first one stands
            pairs.add((flow.source, flow.target))
            route = geometry.flows.get(flow.id)
            points = [self._point(x, y) for x, y in route.points] if route else []
            if len(points) < 2:
                points = [source.rect.centre, target.rect.centre]
            points[0] = clip_to(points[0], source.rect)
            points[-1] = clip_to(points[-1], target.rect)
            self._connect(ids.of("Flow", flow.id), source, target, flow.label, points)
        steps = list(self.nodes)
        self._add_start(steps)
        for node in steps:
            if not node.outgoing and node.tag != "endEvent":
                self._add_end(node)
        if steps and not any(node.tag == "endEvent" for node in self.nodes):
            self._add_end(steps[-1])  # every step is on a loop: leave from the last
        for node in steps:
            if len(node.outgoing) > 1 and not node.gateway:
                self._split(node)
            if node.gateway and len(node.incoming) > 1 and len(node.outgoing) > 1:
                self._join(node)

    def _moved(self, rect: Rect) -> Rect:
        x, y = self.offset
        return Rect(rect.x + x, rect.y + y, rect.width, rect.height)

    def _point(self, x: float, y: float) -> tuple[float, float]:
        return (x + self.offset[0], y + self.offset[1])

    def _connect(
        self,
        flow_id: str,
        source: Node,
        target: Node,
        name: str,
        points: list[tuple[float, float]],
    ) -> Sequence:
        flow = Sequence(flow_id, source, target, name, points)
        source.outgoing.append(flow)
        target.incoming.append(flow)
        self.flows.append(flow)
        return flow

    def _added(self, kind: str, name: str, near: Node, centre: tuple[float, float]) -> Node:
        size = EVENT_SIZE if kind in ("Start", "End") else SMALL_GATEWAY
        number = sum(1 for node in self.nodes if node.step is None)
        node = Node(
            self.ids.of(kind, f"{near.id}-{number}"),
            name,
            near.lane_id,
            Rect(centre[0] - size / 2, centre[1] - size / 2, size, size),
            gateway=kind.endswith("Gateway"),
        )
        self.nodes.append(node)
        return node

    def _link(self, source: Node, target: Node) -> None:
        """A flow the export adds: straight across, or down (up) then across."""
        (sx, sy), (tx, ty) = right_middle(source.rect), left_middle(target.rect)
        if abs(sy - ty) < 1:
            points = [(sx, sy), (tx, sy)]
        else:
            centre_x = source.rect.centre[0]
            edge_y = source.rect.bottom if ty > sy else source.rect.top
            points = [(centre_x, edge_y), (centre_x, ty), (tx, ty)]
        number = len(self.flows)
        self._connect(self.ids.of("Flow", f"{source.id}-{number}"), source, target, "", points)

    def _add_start(self, steps: list[Node]) -> None:
        entries = [node for node in steps if not node.incoming]
        if not entries and steps:
            entries = [steps[0]]  # every step is on a loop: enter at the first
        if not entries:
            return
        first = entries[0]
        own_start = first.step is not None and first.step.kind == "start"
        if len(entries) == 1 and own_start and not first.incoming:
            return  # the map's own start is the start event
        left = self.offset[0] - ENTRY_ROOM
        y = first.rect.centre[1]
        if len(entries) == 1:
            start = self._added("Start", START_NAME, first, (first.rect.left - 40, y))
            self._link(start, first)
            return
        start = self._added("Start", START_NAME, first, (left + 10 + EVENT_SIZE / 2, y))
        gateway = self._added("EntryGateway", ENTRY_GATEWAY_NAME, first, (left + 80, y))
        self._link(start, gateway)
        for entry in entries:
            self._link(gateway, entry)

    def _add_end(self, node: Node) -> None:
        end = self._added("End", END_NAME, node, (node.rect.right + 40, node.rect.centre[1]))
        self._link(node, end)

    def _split(self, node: Node) -> None:
        """A step (not a decision) with several flows out: the patient goes one way."""
        name = f"Which way after '{node.name}'?"
        centre = (node.rect.right + 6 + SMALL_GATEWAY / 2, node.rect.centre[1])
        gateway = self._added("SplitGateway", name, node, centre)
        for flow in list(node.outgoing):
            node.outgoing.remove(flow)
            flow.source = gateway
            gateway.outgoing.append(flow)
            flow.points[0] = right_middle(gateway.rect)
        self._link(node, gateway)

    def _join(self, node: Node) -> None:
        """A decision that several flows come into: they join first, then it decides."""
        centre = (node.rect.left - 6 - SMALL_GATEWAY / 2, node.rect.centre[1])
        gateway = self._added("JoinGateway", "", node, centre)
        for flow in list(node.incoming):
            node.incoming.remove(flow)
            flow.target = gateway
            gateway.incoming.append(flow)
            flow.points[-1] = left_middle(gateway.rect)
        self._link(gateway, node)


def right_middle(rect: Rect) -> tuple[float, float]:
    return (rect.right, rect.centre[1])


def left_middle(rect: Rect) -> tuple[float, float]:
    return (rect.left, rect.centre[1])


def node_rect(step: Step, rect: Rect) -> Rect:
    if step.kind in ("start", "end", "wait"):
        size = EVENT_SIZE
    elif step.kind == "decision":
        size = GATEWAY_SIZE
    else:
        return rect
    centre_x, centre_y = rect.centre
    return Rect(centre_x - size / 2, centre_y - size / 2, size, size)


def clip_to(point: tuple[float, float], shape: Rect) -> tuple[float, float]:
    """Move a route end from the step's box onto its (perhaps smaller) event or gateway
    shape: onto the side of the shape facing the point."""
    x, y = point
    centre_x, centre_y = shape.centre
    if shape.contains(x, y):
        return point
    if abs(x - centre_x) * shape.height >= abs(y - centre_y) * shape.width:
        return (shape.left if x < centre_x else shape.right, min(max(y, shape.top), shape.bottom))
    return (min(max(x, shape.left), shape.right), shape.top if y < centre_y else shape.bottom)
