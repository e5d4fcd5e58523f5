"""Writing a map as BPMN 2.0 XML with diagram interchange (BPMNDI), for BPMN tools.

Each run of neighbouring lanes that share an organisation becomes a participant (a pool) of
one collaboration, with a process whose lanes are the map's lanes. Steps become flow nodes:
start and end events, tasks, exclusive gateways for decisions, timer catch events for waits.
Flows inside an organisation are sequence flows; BPMN does not let a sequence flow leave its
pool, so a flow that hands the patient to another organisation is a message flow, which is
exactly what such a handoff is. Shapes and edges follow the map's own layout.
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
from pathmapper.model import Flow, PathMap, Step

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI}
TARGET_NAMESPACE = "https://pathmapper.invalid/bpmn"

MARGIN = 40.0
POOL_HEADER = 30.0
LANE_HEADER = 30.0
EVENT_SIZE = 36.0
GATEWAY_SIZE = 50.0
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
class _Pool:
    id: str
    name: str
    lane_ids: list[str]
    process: Element | None = None


def node_tag(step: Step, has_incoming: bool, has_outgoing: bool) -> str:
    """The BPMN element for a step. A start with flows into it (or an end with flows out) is
    an intermediate event, since BPMN start events take no incoming flow."""
    if step.kind == "start":
        return "intermediateThrowEvent" if has_incoming else "startEvent"
    if step.kind == "end":
        return "intermediateThrowEvent" if has_outgoing else "endEvent"
    if step.kind == "decision":
        return "exclusiveGateway"
    if step.kind == "wait":
        return "intermediateCatchEvent"
    return "task"


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
    pools = _pools(path_map, geometry, ids)
    pool_of_lane = {lane_id: pool for pool in pools for lane_id in pool.lane_ids}
    steps = [step for step in path_map.steps if step.lane in pool_of_lane]
    step_pool = {step.id: pool_of_lane[step.lane] for step in steps}
    steps_of_lane: dict[str, list[Step]] = {}
    for step in steps:
        steps_of_lane.setdefault(step.lane, []).append(step)
    for pool in pools:
        process_id = ids.of("Process", pool.id)
        SubElement(
            collaboration,
            _tag("bpmn", "participant"),
            id=ids.of("Participant", pool.id),
            name=pool.name,
            processRef=process_id,
        )
        pool.process = SubElement(
            definitions, _tag("bpmn", "process"), id=process_id, isExecutable="false"
        )
        lane_set = SubElement(pool.process, _tag("bpmn", "laneSet"), id=ids.of("LaneSet", pool.id))
        for lane_id in pool.lane_ids:
            lane = path_map.lane(lane_id)
            lane_element = SubElement(
                lane_set,
                _tag("bpmn", "lane"),
                id=ids.of("Lane", lane_id),
                name=lane.name if lane else "",
            )
            for step in steps_of_lane.get(lane_id, []):
                SubElement(lane_element, _tag("bpmn", "flowNodeRef")).text = ids.of("Step", step.id)

    flows = [
        flow for flow in path_map.flows if flow.source in step_pool and flow.target in step_pool
    ]
    internal = [flow for flow in flows if step_pool[flow.source] is step_pool[flow.target]]
    incoming: dict[str, list[Flow]] = {}
    outgoing: dict[str, list[Flow]] = {}
    for flow in internal:
        incoming.setdefault(flow.target, []).append(flow)
        outgoing.setdefault(flow.source, []).append(flow)
    for step in steps:
        process = step_pool[step.id].process
        assert process is not None
        tag = node_tag(step, step.id in incoming, step.id in outgoing)
        node = SubElement(process, _tag("bpmn", tag), id=ids.of("Step", step.id), name=step.label)
        if step.notes:
            SubElement(node, _tag("bpmn", "documentation")).text = step.notes
        for flow in incoming.get(step.id, []):
            SubElement(node, _tag("bpmn", "incoming")).text = ids.of("Flow", flow.id)
        for flow in outgoing.get(step.id, []):
            SubElement(node, _tag("bpmn", "outgoing")).text = ids.of("Flow", flow.id)
        if step.kind == "wait":
            timer = SubElement(
                node, _tag("bpmn", "timerEventDefinition"), id=ids.of("Timer", step.id)
            )
            if step.wait:
                SubElement(timer, _tag("bpmn", "timeDuration")).text = step.wait
    for flow in flows:
        if step_pool[flow.source] is step_pool[flow.target]:
            process = step_pool[flow.source].process
            assert process is not None
            parent, tag = process, "sequenceFlow"
        else:
            parent, tag = collaboration, "messageFlow"
        attributes = {
            "id": ids.of("Flow", flow.id),
            "sourceRef": ids.of("Step", flow.source),
            "targetRef": ids.of("Step", flow.target),
        }
        if flow.label:
            attributes["name"] = flow.label
        SubElement(parent, _tag("bpmn", tag), attributes)
    # BPMN wants message flows after the participants in a collaboration; move them there.
    messages = collaboration.findall(_tag("bpmn", "messageFlow"))
    for message in messages:
        collaboration.remove(message)
    collaboration.extend(messages)

    flow_ids = {flow.id for flow in flows}
    _diagram(definitions, collaboration, path_map, geometry, pools, steps, flow_ids, ids)
    ElementTree.indent(definitions)
    text = ElementTree.tostring(definitions, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def write_bpmn(path_map: PathMap, path: str | os.PathLike[str]) -> None:
    """Write the map as a `.bpmn` file (atomically: the old file stays if this fails)."""
    write_text_atomically(Path(path), without_bidi_controls(bpmn_document(path_map)))


def _pools(path_map: PathMap, geometry: MapGeometry, ids: _Ids) -> list[_Pool]:
    drawn = {band.lane_id for band in geometry.lanes}
    pools: list[_Pool] = []
    for organisation, run in groupby(path_map.lanes, key=lambda lane: lane.organisation_name):
        lane_ids = [lane.id for lane in run if lane.id in drawn]
        if lane_ids:
            pools.append(_Pool(f"{lane_ids[0]}-{len(pools)}", organisation, lane_ids))
    return pools


def _bounds(parent: Element, x: float, y: float, width: float, height: float) -> None:
    SubElement(
        parent,
        _tag("dc", "Bounds"),
        x=coordinate(x),
        y=coordinate(y),
        width=coordinate(width),
        height=coordinate(height),
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


def _clip(point: tuple[float, float], box: Rect, shape: Rect) -> tuple[float, float]:
    """Move a route end from the step's box onto the (smaller) event or gateway shape."""
    x, y = point
    if abs(x - box.left) < 1:
        return (shape.left, y)
    if abs(x - box.right) < 1:
        return (shape.right, y)
    if abs(y - box.top) < 1:
        return (x, shape.top)
    if abs(y - box.bottom) < 1:
        return (x, shape.bottom)
    return point


def _diagram(
    definitions: Element,
    collaboration: Element,
    path_map: PathMap,
    geometry: MapGeometry,
    pools: list[_Pool],
    steps: list[Step],
    flow_ids: set[str],
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
    left = MARGIN + POOL_HEADER + LANE_HEADER
    bands = {band.lane_id: band for band in geometry.lanes}
    width = geometry.body.width
    for pool in pools:
        top = bands[pool.lane_ids[0]].rect.top + MARGIN
        height = sum(bands[lane_id].rect.height for lane_id in pool.lane_ids)
        shape = SubElement(
            plane,
            _tag("bpmndi", "BPMNShape"),
            id=ids.of("Shape", f"participant-{pool.id}"),
            bpmnElement=ids.of("Participant", pool.id),
            isHorizontal="true",
        )
        _bounds(shape, MARGIN, top, POOL_HEADER + LANE_HEADER + width, height)
        for lane_id in pool.lane_ids:
            band = bands[lane_id].rect
            shape = SubElement(
                plane,
                _tag("bpmndi", "BPMNShape"),
                id=ids.of("Shape", f"lane-{lane_id}"),
                bpmnElement=ids.of("Lane", lane_id),
                isHorizontal="true",
            )
            _bounds(
                shape, MARGIN + POOL_HEADER, band.top + MARGIN, LANE_HEADER + width, band.height
            )
    shapes: dict[str, tuple[Rect, Rect]] = {}
    for step in steps:
        box = geometry.steps.get(step.id)
        if box is None:
            continue
        moved = Rect(box.rect.x + left, box.rect.y + MARGIN, box.rect.width, box.rect.height)
        node = _node_rect(step, moved)
        shapes[step.id] = (moved, node)
        attributes = {"id": ids.of("Shape", step.id), "bpmnElement": ids.of("Step", step.id)}
        if step.kind == "decision":
            attributes["isMarkerVisible"] = "true"
        shape = SubElement(plane, _tag("bpmndi", "BPMNShape"), attributes)
        _bounds(shape, node.x, node.y, node.width, node.height)
    for flow in path_map.flows:
        route = geometry.flows.get(flow.id)
        if flow.id not in flow_ids or route is None or len(route.points) < 2:
            continue
        points = [(x + left, y + MARGIN) for x, y in route.points]
        if flow.source in shapes:
            points[0] = _clip(points[0], *shapes[flow.source])
        if flow.target in shapes:
            points[-1] = _clip(points[-1], *shapes[flow.target])
        edge = SubElement(
            plane,
            _tag("bpmndi", "BPMNEdge"),
            id=ids.of("Edge", flow.id),
            bpmnElement=ids.of("Flow", flow.id),
        )
        for x, y in points:
            SubElement(edge, _tag("di", "waypoint"), x=coordinate(x), y=coordinate(y))
