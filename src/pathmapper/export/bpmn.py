"""Writing a map as BPMN 2.0 XML with diagram interchange (BPMNDI), for BPMN tools.

The map is one pool (a participant of one collaboration) named by the map's title, whose process
has a lane set as modellers draw swimlanes: one lane per organisation, holding the map's lanes
of that organisation as child lanes (an organisation drawn as one lane of the same name is just
that lane). So every flow, across organisations too, stays a sequence flow.

Steps become flow nodes: start and end events, tasks, exclusive gateways for decisions, timer
catch events for waits. BPMN modelling rules (those bpmnlint recommends) ask more of a process
than a workshop map says, so the export adds what they need and nothing else:
- one blank start event: before the map's only start, else "Start" leading through a gateway
  "Where does the patient start?" to every step nothing flows into (a start step reached that
  way, or reached by a flow, becomes an intermediate event);
- an end event "End" after every step nothing flows out of (an end step with flows out of it
  becomes an intermediate event), or after the last step when every step is on a loop;
- an exclusive gateway "Which way after ...?" where a step that is not a decision has several
  flows out (the patient goes one way or another), and a joining gateway in front of a decision
  that several flows come into.
A second flow between the same two steps is left out (BPMN allows one). Shapes and edges
follow the map's own layout.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

from pathmapper import __version__
from pathmapper.export.safe_text import coordinate, without_bidi_controls
from pathmapper.io import write_text_atomically
from pathmapper.layout import MapGeometry, Rect, compute_geometry
from pathmapper.model import KIND_NAMES, Lane, PathMap, Step

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI}
TARGET_NAMESPACE = "https://pathmapper.invalid/bpmn"

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
DEFAULT_POOL_NAME = "Patient pathway"
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def _tag(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


@dataclass
class _Ids:
    """BPMN ids are XML names: letters first, no spaces or colons. Map ids become such names,
    each unique."""

    used: set[str] = field(default_factory=set)
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def of(self, prefix: str, element_id: str) -> str:
        key = (prefix, element_id)
        if key not in self.names:
            base = f"{prefix}_{_NOT_NAME.sub('_', element_id)}"
            name, number = base, 1
            while name in self.used:
                number += 1
                name = f"{base}_{number}"
            self.used.add(name)
            self.names[key] = name
        return self.names[key]


@dataclass
class _Node:
    """A flow node of the process: a step, or an event or gateway the export adds."""

    id: str  # the BPMN id
    name: str
    lane_id: str  # the map lane it is drawn in
    rect: Rect  # its shape on the diagram
    step: Step | None = None
    gateway: bool = False
    incoming: list[_Sequence] = field(default_factory=list)
    outgoing: list[_Sequence] = field(default_factory=list)

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
class _Sequence:
    """A sequence flow, with its drawn waypoints."""

    id: str
    source: _Node
    target: _Node
    name: str
    points: list[tuple[float, float]]


class _Process:
    """The flow nodes and sequence flows of the map's one process, with their drawing."""

    def __init__(self, path_map: PathMap, geometry: MapGeometry, ids: _Ids) -> None:
        self.ids = ids
        self.nodes: list[_Node] = []
        self.flows: list[_Sequence] = []
        self.offset = (MARGIN + POOL_HEADER + 2 * LANE_HEADER + ENTRY_ROOM, MARGIN)
        drawn = {band.lane_id for band in geometry.lanes}
        by_step: dict[str, _Node] = {}
        for step in path_map.steps:
            box = geometry.steps.get(step.id)
            if step.lane not in drawn or box is None:
                continue
            node = _Node(
                ids.of("Step", step.id),
                step.label.strip() or f"Unlabelled {KIND_NAMES[step.kind].lower()}",
                step.lane,
                _node_rect(step, self._moved(box.rect)),
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
            points[0] = _clip(points[0], source.rect)
            points[-1] = _clip(points[-1], target.rect)
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
        source: _Node,
        target: _Node,
        name: str,
        points: list[tuple[float, float]],
    ) -> _Sequence:
        flow = _Sequence(flow_id, source, target, name, points)
        source.outgoing.append(flow)
        target.incoming.append(flow)
        self.flows.append(flow)
        return flow

    def _added(self, kind: str, name: str, near: _Node, centre: tuple[float, float]) -> _Node:
        size = EVENT_SIZE if kind in ("Start", "End") else SMALL_GATEWAY
        number = sum(1 for node in self.nodes if node.step is None)
        node = _Node(
            self.ids.of(kind, f"{near.id}-{number}"),
            name,
            near.lane_id,
            Rect(centre[0] - size / 2, centre[1] - size / 2, size, size),
            gateway=kind.endswith("Gateway"),
        )
        self.nodes.append(node)
        return node

    def _link(self, source: _Node, target: _Node) -> None:
        """A flow the export adds: straight across, or down (up) then across."""
        (sx, sy), (tx, ty) = _right_middle(source.rect), _left_middle(target.rect)
        if abs(sy - ty) < 1:
            points = [(sx, sy), (tx, sy)]
        else:
            centre_x = source.rect.centre[0]
            edge_y = source.rect.bottom if ty > sy else source.rect.top
            points = [(centre_x, edge_y), (centre_x, ty), (tx, ty)]
        number = len(self.flows)
        self._connect(self.ids.of("Flow", f"{source.id}-{number}"), source, target, "", points)

    def _add_start(self, steps: list[_Node]) -> None:
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

    def _add_end(self, node: _Node) -> None:
        end = self._added("End", END_NAME, node, (node.rect.right + 40, node.rect.centre[1]))
        self._link(node, end)

    def _split(self, node: _Node) -> None:
        """A step (not a decision) with several flows out: the patient goes one way."""
        name = f"Which way after '{node.name}'?"
        centre = (node.rect.right + 6 + SMALL_GATEWAY / 2, node.rect.centre[1])
        gateway = self._added("SplitGateway", name, node, centre)
        for flow in list(node.outgoing):
            node.outgoing.remove(flow)
            flow.source = gateway
            gateway.outgoing.append(flow)
            flow.points[0] = _right_middle(gateway.rect)
        self._link(node, gateway)

    def _join(self, node: _Node) -> None:
        """A decision that several flows come into: they join first, then it decides."""
        centre = (node.rect.left - 6 - SMALL_GATEWAY / 2, node.rect.centre[1])
        gateway = self._added("JoinGateway", "", node, centre)
        for flow in list(node.incoming):
            node.incoming.remove(flow)
            flow.target = gateway
            gateway.incoming.append(flow)
            flow.points[-1] = _left_middle(gateway.rect)
        self._link(gateway, node)


def _right_middle(rect: Rect) -> tuple[float, float]:
    return (rect.right, rect.centre[1])


def _left_middle(rect: Rect) -> tuple[float, float]:
    return (rect.left, rect.centre[1])


def bpmn_document(path_map: PathMap) -> str:
    """The map as the text of a BPMN 2.0 file."""
    for prefix, uri in NAMESPACES.items():
        ElementTree.register_namespace(prefix, uri)
    geometry = compute_geometry(path_map)
    ids = _Ids()
    definitions = Element(
        _tag("bpmn", "definitions"),
        {
            "id": ids.of("Definitions", path_map.id),
            "targetNamespace": TARGET_NAMESPACE,
            "exporter": "pathmapper",
            "exporterVersion": __version__,
        },
    )
    collaboration = SubElement(
        definitions, _tag("bpmn", "collaboration"), id=ids.of("Collaboration", path_map.id)
    )
    process_id = ids.of("Process", path_map.id)
    participant_id = ids.of("Participant", path_map.id)
    SubElement(
        collaboration,
        _tag("bpmn", "participant"),
        id=participant_id,
        name=path_map.title.strip() or DEFAULT_POOL_NAME,
        processRef=process_id,
    )
    process_element = SubElement(
        definitions, _tag("bpmn", "process"), id=process_id, isExecutable="false"
    )
    process = _Process(path_map, geometry, ids)
    groups = _organisations(path_map, geometry)
    _lane_set(process_element, path_map.id, groups, process, ids)
    for node in process.nodes:
        _flow_node(process_element, node, ids)
    for flow in process.flows:
        attributes = {"id": flow.id, "sourceRef": flow.source.id, "targetRef": flow.target.id}
        if flow.name:
            attributes["name"] = flow.name
        SubElement(process_element, _tag("bpmn", "sequenceFlow"), attributes)
    _diagram(definitions, collaboration, participant_id, path_map, geometry, groups, process, ids)
    ElementTree.indent(definitions)
    text = ElementTree.tostring(definitions, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def write_bpmn(path_map: PathMap, path: str | os.PathLike[str]) -> None:
    """Write the map as a `.bpmn` file (atomically: the old file stays if this fails)."""
    write_text_atomically(Path(path), without_bidi_controls(bpmn_document(path_map)))


@dataclass
class _Organisation:
    """A run of neighbouring lanes of one organisation: one lane of the lane set."""

    key: str  # unique among the organisations
    name: str
    lanes: list[Lane]

    @property
    def nested(self) -> bool:
        """Whether its lanes are child lanes (else it is drawn as its one lane)."""
        return len(self.lanes) > 1 or self.lanes[0].name.strip() != self.name


def _organisations(path_map: PathMap, geometry: MapGeometry) -> list[_Organisation]:
    drawn = {band.lane_id for band in geometry.lanes}
    found: list[_Organisation] = []
    for organisation, run in groupby(path_map.lanes, key=lambda lane: lane.organisation_name):
        lanes = [lane for lane in run if lane.id in drawn]
        if lanes:
            key = f"{lanes[0].id}-{len(found)}"
            found.append(_Organisation(key, organisation.strip() or "Organisation", lanes))
    return found


def _lane_name(lane: Lane) -> str:
    return lane.name.strip() or "Unnamed lane"


def _lane_set(
    process: Element,
    map_id: str,
    groups: list[_Organisation],
    flow_nodes: _Process,
    ids: _Ids,
) -> None:
    nodes_of_lane: dict[str, list[str]] = {}
    for node in flow_nodes.nodes:
        nodes_of_lane.setdefault(node.lane_id, []).append(node.id)
    lane_set = SubElement(process, _tag("bpmn", "laneSet"), id=ids.of("LaneSet", map_id))
    for group in groups:
        if not group.nested:
            lane = group.lanes[0]
            element = SubElement(
                lane_set, _tag("bpmn", "lane"), id=ids.of("Lane", lane.id), name=_lane_name(lane)
            )
            for node_id in nodes_of_lane.get(lane.id, []):
                SubElement(element, _tag("bpmn", "flowNodeRef")).text = node_id
            continue
        outer = SubElement(
            lane_set,
            _tag("bpmn", "lane"),
            id=ids.of("Organisation", group.key),
            name=group.name,
        )
        for lane in group.lanes:
            for node_id in nodes_of_lane.get(lane.id, []):
                SubElement(outer, _tag("bpmn", "flowNodeRef")).text = node_id
        children = SubElement(outer, _tag("bpmn", "childLaneSet"), id=ids.of("LaneSet", group.key))
        for lane in group.lanes:
            element = SubElement(
                children, _tag("bpmn", "lane"), id=ids.of("Lane", lane.id), name=_lane_name(lane)
            )
            for node_id in nodes_of_lane.get(lane.id, []):
                SubElement(element, _tag("bpmn", "flowNodeRef")).text = node_id


def _flow_node(process: Element, node: _Node, ids: _Ids) -> None:
    attributes = {"id": node.id, "name": node.name} if node.name else {"id": node.id}
    element = SubElement(process, _tag("bpmn", node.tag), attributes)
    step = node.step
    if step is not None and step.notes:
        SubElement(element, _tag("bpmn", "documentation")).text = step.notes
    for flow in node.incoming:
        SubElement(element, _tag("bpmn", "incoming")).text = flow.id
    for flow in node.outgoing:
        SubElement(element, _tag("bpmn", "outgoing")).text = flow.id
    if step is not None and step.kind == "wait":
        timer = SubElement(
            element, _tag("bpmn", "timerEventDefinition"), id=ids.of("Timer", step.id)
        )
        if step.wait:
            SubElement(timer, _tag("bpmn", "timeDuration")).text = step.wait


def _bounds(parent: Element, rect: Rect) -> None:
    SubElement(
        parent,
        _tag("dc", "Bounds"),
        x=coordinate(rect.x),
        y=coordinate(rect.y),
        width=coordinate(rect.width),
        height=coordinate(rect.height),
    )


def _node_rect(step: Step, rect: Rect) -> Rect:
    if step.kind in ("start", "end", "wait"):
        size = EVENT_SIZE
    elif step.kind == "decision":
        size = GATEWAY_SIZE
    else:
        return rect
    centre_x, centre_y = rect.centre
    return Rect(centre_x - size / 2, centre_y - size / 2, size, size)


def _clip(point: tuple[float, float], shape: Rect) -> tuple[float, float]:
    """Move a route end from the step's box onto its (perhaps smaller) event or gateway
    shape: onto the side of the shape facing the point."""
    x, y = point
    centre_x, centre_y = shape.centre
    if shape.contains(x, y):
        return point
    if abs(x - centre_x) * shape.height >= abs(y - centre_y) * shape.width:
        return (shape.left if x < centre_x else shape.right, min(max(y, shape.top), shape.bottom))
    return (min(max(x, shape.left), shape.right), shape.top if y < centre_y else shape.bottom)


def _shape(plane: Element, element_id: str, bpmn_element: str, rect: Rect, **extra: str) -> None:
    shape = SubElement(
        plane,
        _tag("bpmndi", "BPMNShape"),
        {"id": element_id, "bpmnElement": bpmn_element, **extra},
    )
    _bounds(shape, rect)


def _diagram(
    definitions: Element,
    collaboration: Element,
    participant_id: str,
    path_map: PathMap,
    geometry: MapGeometry,
    groups: list[_Organisation],
    process: _Process,
    ids: _Ids,
) -> None:
    diagram = SubElement(
        definitions, _tag("bpmndi", "BPMNDiagram"), id=ids.of("Diagram", path_map.id)
    )
    plane = SubElement(
        diagram,
        _tag("bpmndi", "BPMNPlane"),
        id=ids.of("Plane", path_map.id),
        bpmnElement=collaboration.get("id", ""),
    )
    bands = {band.lane_id: band.rect for band in geometry.lanes}
    body_right = process.offset[0] + geometry.body.width + EXIT_ROOM
    top = min((bands[g.lanes[0].id].top for g in groups), default=0.0) + MARGIN
    bottom = max((bands[g.lanes[-1].id].bottom for g in groups), default=0.0) + MARGIN
    horizontal = {"isHorizontal": "true"}
    pool = Rect(MARGIN, top, body_right - MARGIN, max(bottom - top, 60.0))
    _shape(plane, ids.of("Shape", participant_id), participant_id, pool, **horizontal)
    lanes_left = MARGIN + POOL_HEADER
    for group in groups:
        group_top = bands[group.lanes[0].id].top + MARGIN
        group_bottom = bands[group.lanes[-1].id].bottom + MARGIN
        outer = Rect(lanes_left, group_top, body_right - lanes_left, group_bottom - group_top)
        if not group.nested:
            lane_id = ids.of("Lane", group.lanes[0].id)
            _shape(plane, ids.of("Shape", lane_id), lane_id, outer, **horizontal)
            continue
        organisation_id = ids.of("Organisation", group.key)
        _shape(plane, ids.of("Shape", organisation_id), organisation_id, outer, **horizontal)
        inner_left = lanes_left + LANE_HEADER
        for lane in group.lanes:
            band = bands[lane.id]
            lane_id = ids.of("Lane", lane.id)
            rect = Rect(inner_left, band.top + MARGIN, body_right - inner_left, band.height)
            _shape(plane, ids.of("Shape", lane_id), lane_id, rect, **horizontal)
    for node in process.nodes:
        extra = {"isMarkerVisible": "true"} if node.gateway else {}
        _shape(plane, ids.of("Shape", node.id), node.id, node.rect, **extra)
    for flow in process.flows:
        edge = SubElement(
            plane, _tag("bpmndi", "BPMNEdge"), id=ids.of("Edge", flow.id), bpmnElement=flow.id
        )
        for x, y in flow.points:
            SubElement(edge, _tag("di", "waypoint"), x=coordinate(x), y=coordinate(y))
