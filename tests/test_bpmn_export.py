"""BPMN 2.0 export: one pool whose lanes are the organisations, sequence flows throughout,
BPMNDI for every element; valid against the BPMN 2.0 XSD and clean under bpmnlint's
recommended rules."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeElementTree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pathmapper.export.bpmn import BPMN, BPMNDI, DC, DI, bpmn_document
from pathmapper.io import load_map, loads_map
from pathmapper.model import KIND_NAMES, PathMap

from .bpmn_tools import Bpmnlint, BpmnlintUnavailable, bpmn_schema, install_bpmnlint
from .conftest import SAMPLE_MAPS, SMALL_MAP

JsonObject = dict[str, str]  # a lane, step or flow of a map file
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
FLOW_NODES = {
    "startEvent",
    "endEvent",
    "task",
    "exclusiveGateway",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
}


@pytest.fixture(scope="session")
def bpmnlint() -> Bpmnlint:
    try:
        return install_bpmnlint()
    except BpmnlintUnavailable as problem:
        pytest.fail(str(problem))


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _parse(path_map: PathMap) -> Element:
    root: Element = SafeElementTree.fromstring(bpmn_document(path_map).encode("utf-8"))
    return root


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _map(
    title: str, lanes: list[JsonObject], steps: list[JsonObject], flows: list[JsonObject]
) -> PathMap:
    document = {"format": "pathmapper-map", "schema_version": 1, "id": "made", "title": title}
    return loads_map(json.dumps({**document, "lanes": lanes, "steps": steps, "flows": flows}))


def _only(root: Element, path: str) -> Element:
    found = root.findall(path)
    assert len(found) == 1, path
    return found[0]


def _check_structure(path_map: PathMap) -> Element:
    """The rules every exported map keeps; returns the parsed document."""
    root = _parse(path_map)
    assert root.tag == q(BPMN, "definitions") and root.get("targetNamespace")
    ids = [element.get("id") for element in root.iter() if element.get("id") is not None]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert all(NCNAME.match(value or "") for value in ids), "ids are XML names"
    assert [_local(child) for child in root] == ["collaboration", "process", "BPMNDiagram"]

    collaboration = _only(root, q(BPMN, "collaboration"))
    participant = _only(collaboration, q(BPMN, "participant"))
    process = _only(root, q(BPMN, "process"))
    assert participant.get("processRef") == process.get("id")
    assert collaboration.find(q(BPMN, "messageFlow")) is None, "every flow is a sequence flow"

    nodes = {node.get("id"): node for node in process if _local(node) in FLOW_NODES}
    # Every node is in exactly one innermost lane; an organisation lane lists its lanes' nodes.
    innermost = [
        lane for lane in process.iter(q(BPMN, "lane")) if lane.find(q(BPMN, "childLaneSet")) is None
    ]
    referenced = [ref.text for lane in innermost for ref in lane.findall(q(BPMN, "flowNodeRef"))]
    assert sorted(referenced) == sorted(nodes)
    for lane in process.iter(q(BPMN, "lane")):
        assert (lane.get("name") or "").strip(), "every lane has a name"
        children = lane.findall(f"{q(BPMN, 'childLaneSet')}/{q(BPMN, 'lane')}")
        if children:
            inner = {ref.text for c in children for ref in c.findall(q(BPMN, "flowNodeRef"))}
            assert {ref.text for ref in lane.findall(q(BPMN, "flowNodeRef"))} == inner

    flows = process.findall(q(BPMN, "sequenceFlow"))
    for flow in flows:
        source, target = nodes[flow.get("sourceRef")], nodes[flow.get("targetRef")]
        assert flow.get("id") in [e.text for e in source.findall(q(BPMN, "outgoing"))]
        assert flow.get("id") in [e.text for e in target.findall(q(BPMN, "incoming"))]
    starts = process.findall(q(BPMN, "startEvent"))
    assert len(starts) == 1 and starts[0].find(q(BPMN, "incoming")) is None
    for node in nodes.values():
        incoming, outgoing = node.findall(q(BPMN, "incoming")), node.findall(q(BPMN, "outgoing"))
        assert incoming or _local(node) == "startEvent", "no implicit start"
        assert outgoing or _local(node) == "endEvent", "no implicit end"
        if _local(node) != "exclusiveGateway":
            assert len(outgoing) <= 1, "no implicit split"
        else:
            assert len(incoming) <= 1 or len(outgoing) <= 1, "no gateway both joins and forks"
        joins = _local(node) == "exclusiveGateway" and len(outgoing) <= 1
        assert joins or (node.get("name") or "").strip(), "every node but a join has a name"

    step_nodes = [nodes[f"Step_{step.id}"] for step in path_map.steps]
    assert [node.get("name") for node in step_nodes] == [
        s.label or f"Unlabelled {KIND_NAMES[s.kind].lower()}" for s in path_map.steps
    ]
    labelled = {flow.label for flow in path_map.flows if flow.label}
    assert {flow.get("name") for flow in flows if flow.get("name")} <= labelled

    plane = _only(root, f"{q(BPMNDI, 'BPMNDiagram')}/{q(BPMNDI, 'BPMNPlane')}")
    assert plane.get("bpmnElement") == collaboration.get("id")
    shapes = {s.get("bpmnElement"): s for s in plane.findall(q(BPMNDI, "BPMNShape"))}
    lanes = {lane.get("id") for lane in process.iter(q(BPMN, "lane"))}
    assert set(shapes) == set(nodes) | lanes | {participant.get("id")}
    for shape in shapes.values():
        bounds = shape.find(q(DC, "Bounds"))
        assert bounds is not None and float(bounds.get("width", "0")) > 0
    edges = {e.get("bpmnElement"): e for e in plane.findall(q(BPMNDI, "BPMNEdge"))}
    assert set(edges) == {flow.get("id") for flow in flows}
    for edge in edges.values():
        assert len(edge.findall(q(DI, "waypoint"))) >= 2
    return root


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=[path.name for path in SAMPLE_MAPS])
def test_sample_maps_give_one_pool_of_organisation_lanes(sample: Path) -> None:
    path_map = load_map(sample)
    root = _check_structure(path_map)
    process = _only(root, q(BPMN, "process"))
    top = _only(process, q(BPMN, "laneSet")).findall(q(BPMN, "lane"))
    organisations: list[str] = []
    for lane in path_map.lanes:
        if not organisations or organisations[-1] != lane.organisation_name:
            organisations.append(lane.organisation_name)
    assert [lane.get("name") for lane in top] == organisations
    innermost = [
        lane.get("name")
        for lane in process.iter(q(BPMN, "lane"))
        if lane.find(q(BPMN, "childLaneSet")) is None
    ]
    assert innermost == [lane.name for lane in path_map.lanes]
    sequence = process.findall(q(BPMN, "sequenceFlow"))
    map_flows = {f"Flow_{flow.id}" for flow in path_map.flows}
    assert map_flows <= {flow.get("id") for flow in sequence}


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=[path.name for path in SAMPLE_MAPS])
def test_sample_maps_pass_the_bpmn_schema(sample: Path) -> None:
    schema = bpmn_schema()
    document = etree.fromstring(bpmn_document(load_map(sample)).encode("utf-8"))
    assert schema.validate(document), [str(error) for error in schema.error_log][:5]


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=[path.name for path in SAMPLE_MAPS])
def test_sample_maps_have_no_bpmnlint_errors(
    sample: Path, bpmnlint: Bpmnlint, tmp_path: Path
) -> None:
    path = tmp_path / f"{sample.name}.bpmn"
    path.write_text(bpmn_document(load_map(sample)), encoding="utf-8")
    errors = bpmnlint.errors(path)
    assert errors == []


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
    root = _check_structure(loads_map(json.dumps(document)))
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
    assert by_name["no"] == "sequenceFlow"
    assert by_name["referral"] == "sequenceFlow"  # GP practice to acute trust: same pool
    assert [p.get("name") for p in root.iter(q(BPMN, "participant"))] == [SMALL_MAP["title"]]
    top = root.findall(f".//{q(BPMN, 'laneSet')}/{q(BPMN, 'lane')}")
    assert [lane.get("name") for lane in top] == ["GP practice", "Acute trust"]
    # The waiting list leads nowhere on this map: the export ends it with an end event.
    ends = root.findall(f".//{q(BPMN, 'endEvent')}")
    assert sorted(end.get("name") for end in ends) == ["End", "Results to GP"]


def test_what_bpmn_requires_is_added_and_said() -> None:
    """Two ways in, an activity with two ways out, and a decision two flows come into."""
    path_map = _map(
        "",
        [{"id": "gp", "name": "GP", "organisation": "Practice"}],
        [
            {"id": "a", "kind": "start", "label": "Walk in", "lane": "gp"},
            {"id": "b", "kind": "activity", "label": "Phone in", "lane": "gp"},
            {"id": "c", "kind": "activity", "label": "Assess", "lane": "gp"},
            {"id": "d", "kind": "decision", "label": "Urgent?", "lane": "gp"},
            {"id": "e", "kind": "activity", "label": "Treat", "lane": "gp"},
            {"id": "g", "kind": "end", "label": "Home", "lane": "gp"},
        ],
        [
            {"id": "f1", "source": "a", "target": "c"},
            {"id": "f2", "source": "b", "target": "d"},
            {"id": "f3", "source": "c", "target": "d"},
            {"id": "f4", "source": "c", "target": "e"},
            {"id": "f5", "source": "d", "target": "e", "label": "yes"},
            {"id": "f6", "source": "d", "target": "g", "label": "no"},
        ],
    )
    root = _check_structure(path_map)
    process = _only(root, q(BPMN, "process"))
    names = {node.get("id"): node.get("name") for node in process if node.get("name")}
    gateways = [names.get(g.get("id")) for g in process.findall(q(BPMN, "exclusiveGateway"))]
    assert sorted(name or "" for name in gateways) == sorted(
        ["Urgent?", "Where does the patient start?", "Which way after 'Assess'?", ""]
    )
    assert _only(process, q(BPMN, "startEvent")).get("name") == "Start"
    walk_in = _only(process, "*[@id='Step_a']")
    assert _local(walk_in) == "intermediateThrowEvent"  # reached from the one start
    assert [p.get("name") for p in root.iter(q(BPMN, "participant"))] == ["Patient pathway"]


@settings(max_examples=25, deadline=None)
@given(
    data=st.data(),
    kinds=st.lists(
        st.sampled_from(["start", "end", "activity", "decision", "wait", "information"]),
        min_size=1,
        max_size=8,
    ),
)
def test_any_map_gives_a_process_bpmn_rules_accept(
    data: st.DataObject, kinds: list[str], bpmnlint: Bpmnlint
) -> None:
    lanes = [
        {"id": "l1", "name": "GP", "organisation": "Practice"},
        {"id": "l2", "name": "Nurse", "organisation": "Practice"},
        {"id": "l3", "name": "Clinic", "organisation": "Hospital"},
    ]
    steps = [
        {
            "id": f"s{n}",
            "kind": kind,
            "label": data.draw(st.sampled_from([f"Step {n}", ""])),
            "lane": data.draw(st.sampled_from(["l1", "l2", "l3"])),
        }
        for n, kind in enumerate(kinds)
    ]
    ends = st.integers(0, len(kinds) - 1)
    pairs = data.draw(st.lists(st.tuples(ends, ends), max_size=12))  # repeats and loops too
    flows = [
        {"id": f"f{n}", "source": f"s{a}", "target": f"s{b}"} for n, (a, b) in enumerate(pairs)
    ]
    path_map = _map("Generated", lanes, steps, flows)
    _check_structure(path_map)
    text = bpmn_document(path_map)
    schema = bpmn_schema()
    assert schema.validate(etree.fromstring(text.encode("utf-8"))), str(schema.error_log)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.bpmn"
        path.write_text(text, encoding="utf-8")
        assert bpmnlint.errors(path) == []
