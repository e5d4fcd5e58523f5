"""BPMN 2.0 export: the element structure BPMN tools expect, with BPMNDI for every element."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeElementTree
import pytest

from pathmapper.export.bpmn import BPMN, BPMNDI, DC, DI, bpmn_document
from pathmapper.io import load_map, loads_map
from pathmapper.model import PathMap

from .conftest import SAMPLE_MAPS, SMALL_MAP

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
FLOW_NODES = {
    "startEvent",
    "endEvent",
    "task",
    "exclusiveGateway",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
}


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _parse(path_map: PathMap) -> Element:
    root: Element = SafeElementTree.fromstring(bpmn_document(path_map).encode("utf-8"))
    return root


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=[path.name for path in SAMPLE_MAPS])
def test_sample_maps_give_structurally_valid_bpmn(sample: Path) -> None:
    path_map = load_map(sample)
    root = _parse(path_map)
    assert root.tag == q(BPMN, "definitions") and root.get("targetNamespace")

    ids = [element.get("id") for element in root.iter() if element.get("id") is not None]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert all(NCNAME.match(value or "") for value in ids), "ids are XML names"

    # Order inside definitions: collaboration, processes, then the diagram.
    children = [_local(child) for child in root]
    assert children[0] == "collaboration" and children[-1] == "BPMNDiagram"
    collaboration = root.find(q(BPMN, "collaboration"))
    assert collaboration is not None
    order = [_local(child) for child in collaboration]
    assert order == sorted(order, key=lambda name: name != "participant")

    processes = {p.get("id"): p for p in root.findall(q(BPMN, "process"))}
    participants = collaboration.findall(q(BPMN, "participant"))
    assert {p.get("processRef") for p in participants} == set(processes)
    assert participants[0].get("name") == path_map.lanes[0].organisation_name

    node_process: dict[str, str] = {}
    names: dict[str, str] = {}
    for process_id, process in processes.items():
        lanes = process.findall(f"{q(BPMN, 'laneSet')}/{q(BPMN, 'lane')}")
        assert lanes, "every process has the map's lanes"
        referenced = [ref.text for lane in lanes for ref in lane.findall(q(BPMN, "flowNodeRef"))]
        nodes = [child for child in process if _local(child) in FLOW_NODES]
        assert sorted(referenced) == sorted(node.get("id") for node in nodes)
        for node in nodes:
            node_process[node.get("id", "")] = process_id or ""
            names[node.get("id", "")] = node.get("name", "")
        flows = process.findall(q(BPMN, "sequenceFlow"))
        for flow in flows:
            source, target = flow.get("sourceRef", ""), flow.get("targetRef", "")
            assert node_process.get(source, process_id) == process_id
            assert target in {node.get("id") for node in nodes}
            source_node = process.find(f"*[@id='{source}']")
            target_node = process.find(f"*[@id='{target}']")
            assert source_node is not None and target_node is not None
            outgoing = [e.text for e in source_node.findall(q(BPMN, "outgoing"))]
            incoming = [e.text for e in target_node.findall(q(BPMN, "incoming"))]
            assert flow.get("id") in outgoing and flow.get("id") in incoming
        for start in process.findall(q(BPMN, "startEvent")):
            assert start.find(q(BPMN, "incoming")) is None
        for end in process.findall(q(BPMN, "endEvent")):
            assert end.find(q(BPMN, "outgoing")) is None

    assert len(node_process) == len(path_map.steps)
    assert sorted(names.values()) == sorted(step.label for step in path_map.steps)
    for message in collaboration.findall(q(BPMN, "messageFlow")):
        source, target = message.get("sourceRef", ""), message.get("targetRef", "")
        assert node_process[source] != node_process[target], "message flows cross pools"
    sequence = root.findall(f".//{q(BPMN, 'sequenceFlow')}")
    messages = collaboration.findall(q(BPMN, "messageFlow"))
    assert len(sequence) + len(messages) == len(path_map.flows)
    labelled = {flow.label for flow in path_map.flows if flow.label}
    assert {f.get("name") for f in [*sequence, *messages] if f.get("name")} == labelled

    plane = root.find(f"{q(BPMNDI, 'BPMNDiagram')}/{q(BPMNDI, 'BPMNPlane')}")
    assert plane is not None and plane.get("bpmnElement") == collaboration.get("id")
    shapes = {s.get("bpmnElement"): s for s in plane.findall(q(BPMNDI, "BPMNShape"))}
    drawn = set(node_process) | {p.get("id") for p in participants}
    drawn |= {lane.get("id") for lane in root.iter(q(BPMN, "lane"))}
    assert set(shapes) == drawn
    for shape in shapes.values():
        bounds = shape.find(q(DC, "Bounds"))
        assert bounds is not None and float(bounds.get("width", "0")) > 0
    edges = {e.get("bpmnElement"): e for e in plane.findall(q(BPMNDI, "BPMNEdge"))}
    assert set(edges) == {f.get("id") for f in [*sequence, *messages]}
    for edge in edges.values():
        assert len(edge.findall(q(DI, "waypoint"))) >= 2


def test_kinds_map_to_bpmn_elements() -> None:
    document = dict(SMALL_MAP)
    document["steps"] = [
        *SMALL_MAP["steps"],
        {"id": "d1", "kind": "decision", "label": "Urgent?", "lane": "echo"},
        {"id": "w1", "kind": "wait", "label": "Waiting list", "lane": "echo", "wait": "P6W"},
    ]
    document["flows"] = [
        *SMALL_MAP["flows"],
        {"id": "f3", "source": "s2", "target": "d1"},
        {"id": "f4", "source": "d1", "target": "w1", "label": "no"},
    ]
    root = _parse(loads_map(json.dumps(document)))
    by_name = {
        element.get("name"): _local(element) for element in root.iter() if element.get("name")
    }
    assert by_name["Patient presents"] == "startEvent"
    assert by_name["Echo"] == "task"
    assert by_name["Results to GP"] == "endEvent"
    assert by_name["Urgent?"] == "exclusiveGateway"
    assert by_name["Waiting list"] == "intermediateCatchEvent"
    timer = root.find(f".//{q(BPMN, 'timerEventDefinition')}/{q(BPMN, 'timeDuration')}")
    assert timer is not None and timer.text == "P6W"
    assert by_name["no"] == "sequenceFlow"  # decision to wait, both in the acute trust
    assert by_name["referral"] == "messageFlow"  # GP practice to acute trust
    assert [p.get("name") for p in root.iter(q(BPMN, "participant"))] == [
        "GP practice",
        "Acute trust",
    ]
