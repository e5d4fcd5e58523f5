"""Writing a map as an uncompressed draw.io diagram that diagrams.net opens as it looks here.

Lanes sharing an organisation are drawn as a pool labelled with the organisation (a lane that
is its own organisation stands alone); steps use the standard flowchart shapes (terminator,
process, decision, delay, document); flows are orthogonal edges along the routes the canvas
draws, with their labels; comments are note shapes, joined to what they are about by a dashed
line; phases are headers above the lanes. Step details that draw.io has no place for (kind,
times, owner, notes, tags) are kept as the shape's data ("Edit Data" in draw.io), so the file
imports back into pathmapper as the same map, with the same ids.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

from pathmapper import __version__
from pathmapper.export.safe_text import coordinate, without_bidi_controls
from pathmapper.io import write_text_atomically
from pathmapper.layout import MapGeometry, Rect, compute_geometry
from pathmapper.layout.style import (
    COMMENT_STYLES,
    GRID_LINE,
    HEADER_FILL,
    INK,
    STEP_STYLES,
    flow_style,
    lane_tint,
)
from pathmapper.model import Lane, PathMap, Step, new_id

MARGIN = 40.0
POOL_HEADER = 30.0  # the organisation's title strip, down the left of a pool
LANE_HEADER = 50.0  # the lane's title strip
NOTE_WIDTH = 160.0
NOTE_HEIGHT = 80.0
NOTE_GAP = 20.0
NOTES_PER_ROW = 8

KIND_STYLES = {
    "start": "strokeWidth=2;html=1;shape=mxgraph.flowchart.terminator;whiteSpace=wrap;",
    "end": "strokeWidth=2;html=1;shape=mxgraph.flowchart.terminator;whiteSpace=wrap;",
    "activity": "rounded=1;whiteSpace=wrap;html=1;arcSize=12;",
    "decision": "rhombus;whiteSpace=wrap;html=1;",
    "wait": "shape=delay;whiteSpace=wrap;html=1;",
    "information": "shape=document;whiteSpace=wrap;html=1;boundedLbl=1;size=0.2;",
}
EDGE_STYLE = "edgeStyle=orthogonalEdgeStyle;rounded=1;orthogonalLoop=1;jettySize=auto;html=1;"
NOTE_STYLE = "shape=note;whiteSpace=wrap;html=1;backgroundOutline=1;size=14;align=left;spacing=6;"
CONNECTOR_STYLE = "endArrow=none;dashed=1;html=1;strokeColor=#5A6B7D;"


@dataclass(frozen=True)
class _Frame:
    """Where the layout's origin (top-left of the first lane body) lands on the draw.io page."""

    x: float
    y: float

    def rect(self, rect: Rect) -> tuple[float, float, float, float]:
        return (rect.x + self.x, rect.y + self.y, rect.width, rect.height)


def drawio_document(path_map: PathMap) -> str:
    """The map as the text of an uncompressed `.drawio` file."""
    geometry = compute_geometry(path_map)
    taken = {element.id for element in path_map.elements()}
    root_id = "0" if "0" not in taken else new_id()
    layer_id = "1" if "1" not in taken else new_id()
    frame = _Frame(
        MARGIN + POOL_HEADER + LANE_HEADER,
        MARGIN + (geometry.phases[0].header.height if geometry.phases else 0.0),
    )

    mxfile = Element("mxfile", host="pathmapper", agent=f"pathmapper {__version__}")
    diagram = SubElement(mxfile, "diagram", id=path_map.id, name=path_map.title or "Page-1")
    body = geometry.body
    model = SubElement(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        tooltips="1",
        connect="1",
        arrows="1",
        fold="1",
        page="1",
        pageScale="1",
        pageWidth=coordinate(body.width + frame.x + MARGIN),
        pageHeight=coordinate(body.height + frame.y + 2 * MARGIN + NOTE_HEIGHT),
        math="0",
        shadow="0",
    )
    root = SubElement(model, "root")
    root_cell = _object(
        root,
        root_id,
        "",
        {"title": path_map.title, "description": path_map.description, "state": path_map.state},
    )
    SubElement(root_cell, "mxCell")
    _mx(root, id=layer_id, parent=root_id)

    _write_phases(root, layer_id, path_map, geometry, frame)
    lane_boxes = _write_lanes(root, layer_id, path_map, geometry, frame)
    for step in path_map.steps:
        if step.id in geometry.steps and step.lane in lane_boxes:
            _write_step(root, step, geometry, frame, lane_boxes[step.lane])
    _write_flows(root, layer_id, path_map, geometry, frame)
    _write_comments(root, layer_id, path_map, frame.y + body.bottom + MARGIN)
    ElementTree.indent(mxfile)
    return ElementTree.tostring(mxfile, encoding="unicode") + "\n"


def write_drawio(path_map: PathMap, path: str | os.PathLike[str]) -> None:
    """Write the map as a `.drawio` file (atomically: the old file stays if this fails)."""
    write_text_atomically(Path(path), without_bidi_controls(drawio_document(path_map)))


def _mx(container: Element, **attributes: str) -> Element:
    """An `mxCell` (the keywords are its attributes, `parent` included)."""
    return SubElement(container, "mxCell", attributes)


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _object(parent: Element, cell_id: str, label: str, properties: dict[str, str]) -> Element:
    attributes = {"label": label, **{k: v for k, v in properties.items() if v}, "id": cell_id}
    return SubElement(parent, "UserObject", attributes)


def _geometry(cell: Element, x: float, y: float, width: float, height: float) -> None:
    attributes = {
        "x": coordinate(x),
        "y": coordinate(y),
        "width": coordinate(width),
        "height": coordinate(height),
    }
    SubElement(cell, "mxGeometry", {**attributes, "as": "geometry"})


def _write_phases(
    root: Element, layer: str, path_map: PathMap, geometry: MapGeometry, frame: _Frame
) -> None:
    names = {phase.id: phase.name for phase in path_map.phases}
    for column in geometry.phases:
        label = _html(names.get(column.phase_id, ""))
        holder = _object(root, column.phase_id, label, {"pathmapper_role": "phase"})
        cell = _mx(
            holder,
            style=f"rounded=0;whiteSpace=wrap;html=1;fontStyle=1;fillColor={HEADER_FILL};"
            f"strokeColor={GRID_LINE};fontColor={INK};",
            vertex="1",
            parent=layer,
        )
        _geometry(cell, *frame.rect(column.header))


def _write_lanes(
    root: Element, layer: str, path_map: PathMap, geometry: MapGeometry, frame: _Frame
) -> dict[str, tuple[str, float, float]]:
    """Pools and lanes; returns each lane's cell id and absolute top-left corner."""
    bands = {band.lane_id: band for band in geometry.lanes}
    boxes: dict[str, tuple[str, float, float]] = {}
    index = 0
    runs = groupby(path_map.lanes, key=lambda lane: lane.organisation_name)
    for organisation, run in runs:
        lanes = [lane for lane in run if lane.id in bands]
        if not lanes:
            continue
        top = frame.y + bands[lanes[0].id].rect.top
        height = sum(bands[lane.id].rect.height for lane in lanes)
        width = POOL_HEADER + LANE_HEADER + geometry.body.width
        if len(lanes) == 1 and lanes[0].name == organisation:
            lane = lanes[0]
            style = _lane_style(lane, index, POOL_HEADER + LANE_HEADER)
            _write_lane(root, layer, lane, style, (MARGIN, top, width, height))
            boxes[lane.id] = (lane.id, MARGIN, top)
            index += 1
            continue
        pool_id = new_id()
        pool = _mx(
            root,
            id=pool_id,
            value=_html(organisation),
            style="swimlane;html=1;childLayout=stackLayout;resizeParent=1;resizeParentMax=0;"
            f"horizontal=0;startSize={coordinate(POOL_HEADER)};horizontalStack=0;whiteSpace=wrap;"
            f"fillColor={HEADER_FILL};strokeColor={GRID_LINE};fontColor={INK};",
            vertex="1",
            parent=layer,
        )
        _geometry(pool, MARGIN, top, width, height)
        offset = 0.0
        for lane in lanes:
            lane_height = bands[lane.id].rect.height
            style = _lane_style(lane, index, LANE_HEADER)
            _write_lane(
                root, pool_id, lane, style, (POOL_HEADER, offset, width - POOL_HEADER, lane_height)
            )
            boxes[lane.id] = (lane.id, MARGIN + POOL_HEADER, top + offset)
            offset += lane_height
            index += 1
    return boxes


def _lane_style(lane: Lane, index: int, header: float) -> str:
    colour = f"fillColor={lane.colour};" if lane.colour else ""
    return (
        f"swimlane;html=1;horizontal=0;startSize={coordinate(header)};whiteSpace=wrap;{colour}"
        f"swimlaneFillColor={lane_tint(index, lane.colour)};strokeColor={GRID_LINE};"
        f"fontColor={INK};"
    )


def _write_lane(
    root: Element,
    parent: str,
    lane: Lane,
    style: str,
    box: tuple[float, float, float, float],
) -> None:
    cell = _mx(root, id=lane.id, value=_html(lane.name), style=style, vertex="1", parent=parent)
    _geometry(cell, *box)


def _write_step(
    root: Element,
    step: Step,
    geometry: MapGeometry,
    frame: _Frame,
    lane_box: tuple[str, float, float],
) -> None:
    properties = {
        "kind": step.kind,
        "duration": step.duration or "",
        "wait": step.wait or "",
        "value_added": "true" if step.value_added else "",
        "patient_contact": "true" if step.patient_contact else "",
        "owner": step.owner,
        "notes": step.notes,
        "tags": ", ".join(step.tags),
        "phase": step.phase or "",
    }
    properties.update(_simulation_properties(step))
    holder = _object(root, step.id, _html(step.label), properties)
    look = STEP_STYLES[step.kind]
    style = f"{KIND_STYLES[step.kind]}fillColor={look.fill};strokeColor={look.outline};"
    if step.notes:
        holder.set("tooltip", step.notes)
    cell = _mx(holder, style=style, vertex="1", parent=lane_box[0])
    x, y, width, height = frame.rect(geometry.steps[step.id].rect)
    _geometry(cell, x - lane_box[1], y - lane_box[2], width, height)


def _simulation_properties(step: Step) -> dict[str, str]:
    """The what-if inputs as plain numbers, present only where the step states them."""
    properties: dict[str, str] = {}
    if step.arrivals is not None:
        properties["arrivals_per_week"] = repr(step.arrivals.per_week)
    capacity = step.capacity
    if capacity is not None:
        properties["servers"] = str(capacity.servers)
        if capacity.queue_at_start is not None:
            properties["queue_at_start"] = str(capacity.queue_at_start)
        if capacity.service is not None:
            properties["service"] = capacity.service
    return properties


def _write_flows(
    root: Element, layer: str, path_map: PathMap, geometry: MapGeometry, frame: _Frame
) -> None:
    steps = path_map.steps_by_id()
    _handoffs, cross_organisation = path_map.handoff_flow_ids()
    for flow in path_map.flows:
        route = geometry.flows.get(flow.id)
        source, target = steps.get(flow.source), steps.get(flow.target)
        if source is None or target is None:
            continue
        crosses_organisations = flow.id in cross_organisation
        look = flow_style(source.lane != target.lane, crosses_organisations, flow.expected_loop)
        dash = "dashed=1;" if look.dash else ""
        style = f"{EDGE_STYLE}strokeColor={look.colour};strokeWidth={coordinate(look.width)};{dash}"
        properties = {"expected_loop": "true" if flow.expected_loop else ""}
        if flow.probability is not None:
            properties["probability"] = repr(flow.probability)
        holder = _object(root, flow.id, _html(flow.label), properties)
        cell = _mx(
            holder,
            style=style,
            edge="1",
            parent=layer,
            source=flow.source,
            target=flow.target,
        )
        shape = SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
        if route is not None and len(route.points) > 2:
            points = SubElement(shape, "Array", {"as": "points"})
            for px, py in route.points[1:-1]:
                SubElement(
                    points, "mxPoint", x=coordinate(px + frame.x), y=coordinate(py + frame.y)
                )


def _write_comments(root: Element, layer: str, path_map: PathMap, top: float) -> None:
    linkable = {step.id for step in path_map.steps} | {lane.id for lane in path_map.lanes}
    for index, comment in enumerate(path_map.comments):
        row, column = divmod(index, NOTES_PER_ROW)
        look = COMMENT_STYLES[comment.kind]
        properties = {
            "kind": comment.kind,
            "target": comment.target or "",
            "author": comment.author,
            "organisation": comment.organisation,
            "created": comment.created or "",
            "votes": str(comment.votes) if comment.votes else "",
        }
        holder = _object(root, comment.id, _html(comment.text), properties)
        style = f"{NOTE_STYLE}fillColor={look.fill};strokeColor={look.outline};"
        cell = _mx(holder, style=style, vertex="1", parent=layer)
        x = MARGIN + column * (NOTE_WIDTH + NOTE_GAP)
        y = top + row * (NOTE_HEIGHT + NOTE_GAP)
        _geometry(cell, x, y, NOTE_WIDTH, NOTE_HEIGHT)
        if comment.target in linkable:
            connector = _mx(
                root,
                id=new_id(),
                style=CONNECTOR_STYLE,
                edge="1",
                parent=layer,
                source=comment.id,
                target=comment.target,
            )
            SubElement(connector, "mxGeometry", {"relative": "1", "as": "geometry"})
