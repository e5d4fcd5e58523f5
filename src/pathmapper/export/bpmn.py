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
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

from pathmapper import __version__
from pathmapper.export.bpmn_process import (
    EXIT_ROOM,
    LANE_HEADER,
    MARGIN,
    POOL_HEADER,
    Ids,
    Node,
    Process,
)
from pathmapper.export.safe_text import coordinate, without_bidi_controls
from pathmapper.io import write_text_atomically
from pathmapper.layout import MapGeometry, Rect, compute_geometry
from pathmapper.model import Lane, PathMap

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI}
TARGET_NAMESPACE = "https://pathmapper.invalid/bpmn"
DEFAULT_POOL_NAME = "Patient pathway"


def _tag(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


def bpmn_document(path_map: PathMap) -> str:
    """The map as the text of a BPMN 2.0 file."""
    for prefix, uri in NAMESPACES.items():
        ElementTree.register_namespace(prefix, uri)
    geometry = compute_geometry(path_map)
    ids = Ids()
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
    process = Process(path_map, geometry, ids)
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
    flow_nodes: Process,
    ids: Ids,
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


def _flow_node(process: Element, node: Node, ids: Ids) -> None:
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
    process: Process,
    ids: Ids,
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
