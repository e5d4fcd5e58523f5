"""Importing a draw.io diagram (`.drawio`, `.xml`, `.drawio.png`, `.drawio.svg`) as a map.

Swimlanes, cross-functional tables and sideways header rectangles become lanes (see
`drawio_lanes`); columns are turned into rows, the direction of the journey becoming left to
right. Shapes become steps in the lane that holds them (an unlabelled shape too, when an arrow
touches it, so the arrows are kept), edges become flows, notes and text become comments.
Whatever is not carried over is listed in the result, so nothing is dropped silently.

draw.io shapes are smaller than pathmapper's steps, so copied positions can pile steps on top
of each other: then (or always, when asked) the steps are laid out again by the automatic
layout, keeping their lanes and the diagram's left-to-right order, and the result says so.

Cell ids are kept as element ids, so a map exported to draw.io and imported back keeps them.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from pathmapper.io.drawio_cells import Box, Cell, absolute_box, ancestors, parse_cells
from pathmapper.io.drawio_decode import (
    MAX_DECOMPRESSED_BYTES,
    DrawioError,
    DrawioPage,
    decode_drawio,
    select_page,
)
from pathmapper.io.drawio_lanes import LaneArea, PageLanes, find_lanes
from pathmapper.io.drawio_placement import fit_steps
from pathmapper.io.drawio_shapes import describe_shape, shape_role, short_label
from pathmapper.io.drawio_whatif import read_flow_whatif, read_step_whatif
from pathmapper.io.import_result import ImportResult, count_of
from pathmapper.io.reading import UnreadableFile, read_regular_file
from pathmapper.model import (
    COMMENT_KINDS,
    MAP_STATES,
    STEP_KINDS,
    Comment,
    Flow,
    Lane,
    PathMap,
    Phase,
    Step,
    StepKind,
    new_id,
)
from pathmapper.model.durations import DurationError, validate_iso

DRAWIO_SUFFIXES = (".drawio", ".xml", ".drawio.png", ".drawio.svg", ".png", ".svg")
UNASSIGNED_LANE_NAME = "Unassigned"
UNASSIGNED_MARGIN = 40.0
DEFAULT_COMMENT_KIND = "idea"
PHASE_ROLE = "phase"  # the `pathmapper_role` property of phase headers written by the export
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ROLE_KINDS: dict[str, StepKind] = {
    "start": "start",
    "end": "end",
    "decision": "decision",
    "information": "information",
    "data": "information",
    "wait": "wait",
}


def read_drawio_file(
    path: str | os.PathLike[str], page: str | int | None = None, relayout: bool = False
) -> ImportResult:
    """Import one page of a draw.io file (the first when `page` is None); `relayout` lays
    the steps out again even when their copied positions would not overlap."""
    source = Path(path).name
    return import_page(select_page(read_drawio_pages(path), page, source), source, relayout)


def drawio_page_names(path: str | os.PathLike[str]) -> list[str]:
    """The names of a draw.io file's pages, in tab order, for asking which one to import."""
    return [page.name for page in read_drawio_pages(path)]


def read_drawio_pages(path: str | os.PathLike[str]) -> list[DrawioPage]:
    """Every page of a draw.io file, read and decoded once (for `select_page` and
    `import_page` when both the pages and one page's map are wanted)."""
    return decode_drawio(_read_bytes(path), Path(path).name)


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return read_regular_file(path, MAX_DECOMPRESSED_BYTES, "a diagram")
    except UnreadableFile as unreadable:
        raise DrawioError(Path(path).name, unreadable.reason) from None


def import_page(page: DrawioPage, source: str, relayout: bool = False) -> ImportResult:
    """A map from one decoded draw.io page (`relayout`: see `read_drawio_file`)."""
    cells = parse_cells(page.model)
    children: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells.values():
        if cell.parent is not None:
            children[cell.parent].append(cell)
    connected = _connected(cells, dashed=True)
    in_sequence = _connected(cells, dashed=False)
    result = ImportResult(PathMap(), f"{source} (page '{page.name}')")
    lanes = find_lanes(cells, children, connected)
    result.remarks += lanes.remarks
    path_map = result.path_map
    _map_details(cells, page, path_map)

    step_cells: list[Cell] = []
    comment_cells: list[Cell] = []
    phase_cells: list[Cell] = []
    unfamiliar: list[str] = []
    for cell in cells.values():
        if not cell.is_vertex or cell.is_swimlane or cell.id in lanes.structure:
            continue
        if _is_edge_label(cells, cell):
            continue
        if cell.properties.get("pathmapper_role") == PHASE_ROLE:
            phase_cells.append(cell)
            continue
        holds_shapes = any(child.is_vertex for child in children[cell.id])
        # A shape holding shapes is a group, unless arrows join it to the pathway (a BPMN task
        # with an event on its border holds that event).
        if cell.style_name == "group" or (holds_shapes and cell.id not in connected):
            contents = sum(1 for child in children[cell.id] if child.is_vertex)
            name = f"group '{short_label(cell.label)}'" if cell.label else "a group"
            result.left_out.append(
                f"{name} of {contents} shapes: the shapes were imported, the grouping itself "
                "was not"
            )
            continue
        role = shape_role(cell)
        if role == "data" and cell.id not in in_sequence:
            # A data object that no arrow, or only a dashed data association, reaches is a
            # note beside the pathway (attached to the step the association links it to).
            role = "comment"
        if role == "comment":
            if cell.label:
                comment_cells.append(cell)
            else:
                result.left_out.append(f"{describe_shape(cell)}: an empty note")
        elif role in ("image", "unsupported"):
            result.left_out.append(f"{describe_shape(cell)}: not a pathway step")
        elif not cell.label and cell.id not in connected:
            result.left_out.append(f"{describe_shape(cell)} with no arrow: not a pathway step")
        else:
            if role == "unfamiliar" and cell.label:
                unfamiliar.append(f"'{short_label(cell.label)}' ({cell.shape})")
            step_cells.append(cell)
    step_cells = _without_backgrounds(cells, step_cells, connected, result)
    if unfamiliar:
        result.remarks.append(
            f"{count_of(len(unfamiliar), 'shape')} of a kind pathmapper does not know became "
            "activities: " + ", ".join(unfamiliar)
        )
    unlabelled = sum(1 for cell in step_cells if not cell.label)
    if unlabelled:
        result.remarks.append(
            f"{count_of(unlabelled, 'unlabelled shape')} with arrows became unlabelled steps, "
            "keeping their arrows: give them a label on the map"
        )

    _add_phases(cells, phase_cells, lanes, path_map)
    steps = _add_lanes_and_steps(cells, lanes, step_cells, path_map, result)
    comments = _add_comments(comment_cells, path_map)
    _add_flows(cells, children, steps, comments, path_map, result)
    _attach_border_events(step_cells, steps, path_map, result)
    _target_comments_by_property(comment_cells, path_map)
    _settle_kinds(step_cells, path_map)
    fit_steps(result, relayout)
    return result


def _connected(cells: dict[str, Cell], dashed: bool) -> set[str]:
    """The ids of the cells an arrow starts or ends at (not the groups or lanes holding them);
    `dashed=False` leaves out dashed arrows (BPMN's data associations)."""
    return {
        end
        for edge in cells.values()
        if edge.is_edge and (dashed or edge.style.get("dashed") != "1")
        for end in (edge.source, edge.target)
        if end in cells
    }


def _without_backgrounds(
    cells: dict[str, Cell], step_cells: list[Cell], connected: set[str], result: ImportResult
) -> list[Cell]:
    """Leave out rectangles drawn behind other shapes (a band or a frame), which no arrow
    touches: they are decoration, not steps."""
    boxes = {cell.id: absolute_box(cells, cell) for cell in step_cells}
    # Shapes by the x of their centre, so each candidate looks only at those within its width.
    by_x = sorted(step_cells, key=lambda cell: boxes[cell.id].centre[0])
    centres_x = [boxes[cell.id].centre[0] for cell in by_x]
    kept: list[Cell] = []
    for cell in step_cells:
        box = boxes[cell.id]
        inside = 0
        if cell.id not in connected:
            area = box.width * box.height
            first = bisect_left(centres_x, box.x)
            last = bisect_right(centres_x, box.x + box.width)
            inside = sum(
                1
                for other in by_x[first:last]
                if other.id != cell.id
                and boxes[other.id].width * boxes[other.id].height < area
                and box.contains(*boxes[other.id].centre)
            )
        if inside:
            result.left_out.append(
                f"{describe_shape(cell)} drawn behind {count_of(inside, 'other shape')}: not a "
                "pathway step"
            )
        else:
            kept.append(cell)
    return kept


def _is_edge_label(cells: dict[str, Cell], cell: Cell) -> bool:
    parent = cells.get(cell.parent or "")
    return parent is not None and parent.is_edge


def _map_details(cells: dict[str, Cell], page: DrawioPage, path_map: PathMap) -> None:
    path_map.title = page.name
    root = next((cell for cell in cells.values() if cell.parent is None), None)
    if root is None:
        return
    path_map.title = root.properties.get("title") or page.name
    path_map.description = root.properties.get("description", "")
    state = root.properties.get("state", "")
    if state in MAP_STATES:
        path_map.state = state  # type: ignore[assignment]


def _add_phases(
    cells: dict[str, Cell], phase_cells: list[Cell], lanes: PageLanes, path_map: PathMap
) -> None:
    """Phases written by the pathmapper export, else a table's header row."""
    boxes = {cell.id: absolute_box(cells, cell) for cell in phase_cells}
    for cell in sorted(phase_cells, key=lambda c: boxes[c.id].x if lanes.rows else boxes[c.id].y):
        box = boxes[cell.id]
        extent = box.width if lanes.rows else box.height
        path_map.phases.append(Phase(id=cell.id, name=cell.label, width=extent or None))
    if not phase_cells:
        for phase in sorted(lanes.phases, key=lambda p: p.start):
            path_map.phases.append(Phase(id=phase.id, name=phase.name, width=phase.width or None))


def _add_lanes_and_steps(
    cells: dict[str, Cell],
    lanes: PageLanes,
    step_cells: list[Cell],
    path_map: PathMap,
    result: ImportResult,
) -> set[str]:
    lane_ids = {area.id for area in lanes.areas}
    for area in lanes.areas:
        across = area.box.height if lanes.rows else area.box.width
        path_map.lanes.append(
            Lane(
                id=area.id,
                name=area.name,
                organisation=area.organisation,
                colour=area.colour if _COLOUR.match(area.colour) else None,
                height=across or None,
            )
        )
    by_id = {area.id: area for area in lanes.areas}
    placed: dict[str, tuple[str, Box]] = {}
    unassigned: list[Cell] = []
    for cell in step_cells:
        box = absolute_box(cells, cell)
        lane: LaneArea | None = next(
            (by_id[a.id] for a in ancestors(cells, cell) if a.id in lane_ids), None
        )
        lane = lane or lanes.containing(box.centre)
        if lane is None:
            unassigned.append(cell)
        else:
            placed[cell.id] = (lane.id, lane.box)
    origin = lanes.origin
    if unassigned:
        lane_id = new_id()
        band = _unassigned_band([absolute_box(cells, cell) for cell in unassigned], lanes)
        path_map.lanes.append(
            Lane(
                id=lane_id,
                name=UNASSIGNED_LANE_NAME,
                organisation=UNASSIGNED_LANE_NAME,
                height=(band.height if lanes.rows else band.width) or None,
            )
        )
        if not lanes.areas:
            origin = (band.x if lanes.rows else band.y) + UNASSIGNED_MARGIN
        for cell in unassigned:
            placed[cell.id] = (lane_id, band)
        result.remarks.append(
            f"{count_of(len(unassigned), 'shape')} outside any swimlane went into the lane "
            f"'{UNASSIGNED_LANE_NAME}'"
        )
    phase_ids = {phase.id for phase in path_map.phases}
    for cell in step_cells:
        lane_id, band = placed[cell.id]
        centre_x, centre_y = absolute_box(cells, cell).centre
        if lanes.rows:
            x, y = centre_x - origin, centre_y - band.y
        else:
            x, y = centre_y - origin, centre_x - band.x
        step = Step(id=cell.id, kind="activity", label=cell.label, lane=lane_id)
        step.x, step.y = round(x, 2), round(y, 2)
        _step_details(cell, step, phase_ids, result)
        if step.phase is None:
            along = centre_x if lanes.rows else centre_y
            step.phase = next(
                (p.id for p in lanes.phases if p.start <= along < p.start + p.width), None
            )
        path_map.steps.append(step)
    return {cell.id for cell in step_cells}


def _unassigned_band(boxes: list[Box], lanes: PageLanes) -> Box:
    left = min(box.x for box in boxes) - UNASSIGNED_MARGIN
    top = min(box.y for box in boxes) - UNASSIGNED_MARGIN
    right = max(box.x + box.width for box in boxes) + UNASSIGNED_MARGIN
    bottom = max(box.y + box.height for box in boxes) + UNASSIGNED_MARGIN
    return Box(left, top, right - left, bottom - top)


def _step_details(cell: Cell, step: Step, phase_ids: set[str], result: ImportResult) -> None:
    """Step fields kept as draw.io data properties (as the pathmapper export writes them)."""
    properties = cell.properties
    for name in ("duration", "wait"):
        value = properties.get(name, "").strip()
        if not value:
            continue
        try:
            setattr(step, name, validate_iso(value))
        except DurationError as error:
            result.left_out.append(f"{name} of step '{short_label(step.label)}': {error}")
    step.value_added = properties.get("value_added", "").lower() in ("1", "true", "yes")
    step.patient_contact = properties.get("patient_contact", "").lower() in ("1", "true", "yes")
    step.owner = properties.get("owner", "")
    step.notes = properties.get("notes", "")
    step.tags = [tag.strip() for tag in properties.get("tags", "").split(",") if tag.strip()]
    if properties.get("phase") in phase_ids:
        step.phase = properties["phase"]
    read_step_whatif(properties, step, result)


def _add_comments(comment_cells: list[Cell], path_map: PathMap) -> set[str]:
    """Notes and text as comments. A line to a step or lane gives the target (see
    `_add_flows`); without one, a `target` data property naming an element of the map does."""
    for cell in comment_cells:
        properties = cell.properties
        kind = properties.get("kind", DEFAULT_COMMENT_KIND)
        comment = Comment(
            id=cell.id,
            kind=kind if kind in COMMENT_KINDS else DEFAULT_COMMENT_KIND,  # type: ignore[arg-type]
            text=cell.label,
            author=properties.get("author", ""),
            organisation=properties.get("organisation", ""),
        )
        comment.created = _timestamp(properties.get("created", ""))
        votes = properties.get("votes", "")
        comment.votes = int(votes) if votes.isdigit() else 0
        path_map.comments.append(comment)
    return {cell.id for cell in comment_cells}


def _target_comments_by_property(comment_cells: list[Cell], path_map: PathMap) -> None:
    known = {element.id for element in path_map.elements()}
    targets = {cell.id: cell.properties.get("target", "") for cell in comment_cells}
    for comment in path_map.comments:
        wanted = targets.get(comment.id, "")
        if comment.target is None and wanted in known and wanted != comment.id:
            comment.target = wanted


def _timestamp(text: str) -> str | None:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return None
    return text


def _add_flows(
    cells: dict[str, Cell],
    children: dict[str, list[Cell]],
    steps: set[str],
    comments: set[str],
    path_map: PathMap,
    result: ImportResult,
) -> None:
    known = steps | comments | {lane.id for lane in path_map.lanes}
    for edge in (cell for cell in cells.values() if cell.is_edge):
        parts = [edge.label] + [child.label for child in children[edge.id] if child.label]
        label = "\n".join(part for part in parts if part)
        source = _owning_element(cells, edge.source, known)
        target = _owning_element(cells, edge.target, known)
        if source in steps and target in steps:
            flow = Flow(id=edge.id, source=source, target=target, label=label)
            flow.expected_loop = edge.properties.get("expected_loop", "").lower() == "true"
            read_flow_whatif(edge.properties, flow, result)
            path_map.flows.append(flow)
        elif source in comments or target in comments:
            note, other = (source, target) if source in comments else (target, source)
            comment = path_map.comment(note or "")
            if comment is not None and other is not None and other not in comments:
                comment.target = other
        else:
            result.left_out.append(_describe_loose_edge(cells, edge, label, steps))


def _attach_border_events(
    step_cells: list[Cell], steps: set[str], path_map: PathMap, result: ImportResult
) -> None:
    """A shape drawn on a step's border (a BPMN boundary event) is where the patient leaves
    that step when the event happens: a flow from the step to it, unless one leads to it."""
    reached = {flow.target for flow in path_map.flows}
    used = {element.id for element in path_map.elements()}
    added = 0
    for cell in step_cells:
        host = cell.parent or ""
        if host not in steps or cell.id in reached:
            continue
        flow_id = f"{host}-to-{cell.id}"
        while flow_id in used:
            flow_id += "-1"
        used.add(flow_id)
        path_map.flows.append(Flow(id=flow_id, source=host, target=cell.id))
        added += 1
    if added:
        result.remarks.append(
            f"{count_of(added, 'event')} on a step's border: each became a step that follows "
            "the step it sits on"
        )


def _owning_element(cells: dict[str, Cell], cell_id: str | None, known: set[str]) -> str | None:
    """The step, comment or lane an edge end is attached to (perhaps through a child cell)."""
    cell = cells.get(cell_id or "")
    if cell is None:
        return None
    for candidate in [cell, *ancestors(cells, cell)]:
        if candidate.id in known:
            return candidate.id
    return None


def _describe_loose_edge(cells: dict[str, Cell], edge: Cell, label: str, steps: set[str]) -> str:
    name = f"arrow '{short_label(label)}'" if label else f"arrow (id {edge.id})"
    ends = []
    for end, cell_id in (("from", edge.source), ("to", edge.target)):
        cell = cells.get(cell_id or "")
        is_step = cell is not None and cell.id in steps
        ends.append(
            f"{end} step '{short_label(cell.label)}'"
            if cell and is_step
            else f"{end} {_end_name(cell)}"
        )
    return f"{name} {' '.join(ends)}: a flow needs a step at both ends"


def _end_name(cell: Cell | None) -> str:
    if cell is None:
        return "nothing"
    if cell.is_swimlane:
        return f"the lane '{short_label(cell.label)}'"
    return describe_shape(cell)


def _settle_kinds(step_cells: list[Cell], path_map: PathMap) -> None:
    """Kinds: a data property `kind` wins; else the shape; a terminator or ellipse is a start
    when nothing flows into it, else an end."""
    has_incoming = {flow.target for flow in path_map.flows}
    roles = {cell.id: cell for cell in step_cells}
    for step in path_map.steps:
        cell = roles[step.id]
        stated = cell.properties.get("kind", "")
        if stated in STEP_KINDS:
            step.kind = stated  # type: ignore[assignment]
            continue
        role = shape_role(cell)
        if role == "terminator":
            step.kind = "end" if step.id in has_incoming else "start"
        else:
            step.kind = _ROLE_KINDS.get(role, "activity")
