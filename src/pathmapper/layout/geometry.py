"""Where everything on a map is drawn: lane bands, phase columns, step boxes and badges, flow
routes and labels, sticky notes.

One computation serves the canvas, the PDF, PNG/SVG, the draw.io and BPMN exports and
`pathmapper layout`, so they all show the same picture. Coordinates are points. The origin is
the top-left corner of the first lane's body: lane headers sit at negative x (from
-LANE_HEADER_WIDTH to 0) and phase headers at negative y. A step's `x` in the map is its
centre's x here; its `y` is measured from the top of its lane.

A step is drawn where the map places it, moved only as far as it must be to lie inside its lane
(below its badges) and its phase; lanes grow to hold their steps and notes, phases to hold their
steps. Then the flows are routed around everything (`routing`), moved off each other's lines
(`nudging`; a pair nudging cannot part has one of its flows routed again by other sides) and
labelled (`labels`), and notes on flows find free space (`note_places`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from pathmapper.layout.auto import layout_positions
from pathmapper.layout.labels import arrowhead_area, place_labels
from pathmapper.layout.note_places import (
    MAP_NOTE_MARGIN,
    notes_by_target,
    place_column_notes,
    place_free_note,
    place_step_notes,
    stack_height,
)
from pathmapper.layout.nudging import nudge
from pathmapper.layout.primitives import (
    DEFAULT_LANE_HEIGHT,
    DEFAULT_PHASE_WIDTH,
    LANE_HEADER_WIDTH,
    LANE_PADDING,
    NOTE_WIDTH,
    PHASE_HEADER_HEIGHT,
    RIGHT_MARGIN,
    Badge,
    FlowRoute,
    LaneBand,
    MapGeometry,
    NoteBox,
    PhaseColumn,
    Point,
    Rect,
    StepBox,
)
from pathmapper.layout.routing import Obstacles, route_all
from pathmapper.layout.spatial import RectIndex
from pathmapper.layout.step_shapes import StepSize, badge_room, step_badges, step_size
from pathmapper.model import Comment, PathMap, Step

MAX_REROUTED_PAIRS = 16  # pairs of flows nudging left on one line that are routed again
LINE_WIDTH = 2.0  # a flow's stretch as a thin rectangle, for labels to keep off other lines


def compute_geometry(
    path_map: PathMap, with_flows: bool = True, sizes: dict[str, StepSize] | None = None
) -> MapGeometry:
    """The drawing of a map. Steps without a position are placed by the automatic layout.

    `with_flows=False` leaves the flows unrouted (most of the work on a big map), for callers
    that need only the lanes, phases, step boxes and step notes. `sizes` may give the sizes of
    steps whose label and kind are unchanged since they were measured."""
    sizes = dict(sizes or {})
    for step in path_map.steps:
        if step.id not in sizes:
            sizes[step.id] = step_size(step)
    positions = {
        step.id: (step.x, step.y)
        for step in path_map.steps
        if step.x is not None and step.y is not None
    }
    lane_heights, phase_widths = stated_sizes(path_map)
    if len(positions) < len(path_map.steps):
        planned = layout_positions(path_map, only_missing=bool(positions))
        for step_id, place in planned.positions.items():
            positions.setdefault(step_id, place)
        for lane_id, height in planned.lane_heights.items():
            lane_heights.setdefault(lane_id, height)
        for phase_id, width in planned.phase_widths.items():
            phase_widths.setdefault(phase_id, width)

    geometry = MapGeometry()
    frame_map(geometry, path_map, sizes, positions, lane_heights, phase_widths)
    if with_flows:
        route_map(geometry, path_map)
    return geometry


def stated_sizes(path_map: PathMap) -> tuple[dict[str, float], dict[str, float]]:
    """The lane heights and phase widths the map states (a lane or phase without one, or with
    0, is sized to fit its steps)."""
    lane_heights = {lane.id: lane.height for lane in path_map.lanes if lane.height}
    phase_widths = {phase.id: phase.width for phase in path_map.phases if phase.width}
    return lane_heights, phase_widths


def frame_map(
    geometry: MapGeometry,
    path_map: PathMap,
    sizes: dict[str, StepSize],
    positions: dict[str, tuple[float, float]],
    lane_heights: dict[str, float],
    phase_widths: dict[str, float],
) -> None:
    """Lanes, phases, step boxes with badges, and the notes on steps, lanes and the map."""
    lane_ids = {lane.id for lane in path_map.lanes}
    placed = [s for s in path_map.steps if s.id in positions and s.lane in lane_ids]
    centres_x, phase_extents = _phase_extents(path_map, placed, sizes, positions, phase_widths)

    notes_of = notes_by_target(path_map)
    steps_of_lane: dict[str, list[Step]] = defaultdict(list)
    for step in placed:
        steps_of_lane[step.lane].append(step)

    # Comments whose target is no element of the map are drawn with the map-wide ones.
    known = {s.id for s in path_map.steps} | {f.id for f in path_map.flows} | lane_ids
    map_wide = [
        comment
        for target, comments in notes_of.items()
        if target is None or target not in known
        for comment in comments
    ]
    relative_boxes: dict[str, dict[str, StepBox]] = {}
    relative_notes: dict[str, list[NoteBox]] = {}
    heights: dict[str, float] = {}
    content_right = 0.0
    for lane in path_map.lanes:
        boxes, notes, needed = _lane_content(
            steps_of_lane[lane.id], sizes, positions, centres_x, notes_of
        )
        relative_boxes[lane.id], relative_notes[lane.id] = boxes, notes
        column = notes_of.get(lane.id, []) + (map_wide if lane is path_map.lanes[0] else [])
        needed = max(needed, stack_height(column) + LANE_PADDING)
        heights[lane.id] = max(lane_heights.get(lane.id, DEFAULT_LANE_HEIGHT), needed)
        for box in boxes.values():
            content_right = max(content_right, box.footprint.right)
        for note in notes:
            content_right = max(content_right, note.rect.right)

    phase_right = phase_extents[-1][1] + phase_extents[-1][2] if phase_extents else 0.0
    total_width = max(phase_right, content_right + RIGHT_MARGIN, DEFAULT_PHASE_WIDTH)
    # Notes on lanes and on the whole map stand in a column at the right end of the lanes.
    column_notes = bool(map_wide) or any(notes_of.get(lane.id) for lane in path_map.lanes)
    column_left = max(phase_right, content_right + MAP_NOTE_MARGIN)
    if column_notes:
        total_width = max(total_width, column_left + NOTE_WIDTH + MAP_NOTE_MARGIN)
    top = 0.0
    for lane in path_map.lanes:
        height = heights[lane.id]
        geometry.lanes.append(
            LaneBand(
                lane.id,
                Rect(0.0, top, total_width, height),
                Rect(-LANE_HEADER_WIDTH, top, LANE_HEADER_WIDTH, height),
            )
        )
        for step_id, box in relative_boxes[lane.id].items():
            geometry.steps[step_id] = _shifted_box(box, top)
        for note in relative_notes[lane.id]:
            geometry.notes[note.comment_id] = _shifted_note(note, top)
        top += height
    geometry.steps = {s.id: geometry.steps[s.id] for s in path_map.steps if s.id in geometry.steps}
    if phase_extents:
        phase_extents[-1] = (
            phase_extents[-1][0],
            phase_extents[-1][1],
            total_width - phase_extents[-1][1],
        )
    geometry.phases = [
        PhaseColumn(
            phase_id,
            Rect(left, 0.0, width, top),
            Rect(left, -PHASE_HEADER_HEIGHT, width, PHASE_HEADER_HEIGHT),
        )
        for phase_id, left, width in phase_extents
    ]
    geometry.body = Rect(0.0, 0.0, total_width, top)

    column_top = 0.0
    for note in place_column_notes(map_wide, column_left, column_top):
        geometry.notes[note.comment_id] = note
        column_top = note.rect.bottom + 5
    for band in geometry.lanes:
        stack = place_column_notes(
            notes_of.get(band.lane_id, []), column_left, max(band.rect.top, column_top)
        )
        for note in stack:
            geometry.notes[note.comment_id] = note
            column_top = note.rect.bottom + 5


def _phase_extents(
    path_map: PathMap,
    placed: list[Step],
    sizes: dict[str, StepSize],
    positions: dict[str, tuple[float, float]],
    phase_widths: dict[str, float],
) -> tuple[dict[str, float], list[tuple[str, float, float]]]:
    """Each step's drawn centre x (moved right only as far as its phase and the lane header
    need) and each phase's (id, left, width): as wide as stated, or as its steps need."""
    centres: dict[str, float] = {}
    steps_of_phase: dict[str | None, list[Step]] = defaultdict(list)
    phase_ids = {phase.id for phase in path_map.phases}
    for step in placed:
        steps_of_phase[step.phase if step.phase in phase_ids else None].append(step)
    for step in steps_of_phase[None]:
        centres[step.id] = max(positions[step.id][0], sizes[step.id][0] / 2 + LANE_PADDING)
    extents: list[tuple[str, float, float]] = []
    left = 0.0
    for phase in path_map.phases:
        right = left + phase_widths.get(phase.id, DEFAULT_PHASE_WIDTH)
        for step in steps_of_phase[phase.id]:
            half = sizes[step.id][0] / 2
            centre = max(positions[step.id][0], left + half + LANE_PADDING)
            centres[step.id] = centre
            right = max(right, centre + half + LANE_PADDING)
        extents.append((phase.id, left, right - left))
        left = right
    return centres, extents


def _lane_content(
    steps: list[Step],
    sizes: dict[str, StepSize],
    positions: dict[str, tuple[float, float]],
    centres_x: dict[str, float],
    notes_of: dict[str | None, list[Comment]],
) -> tuple[dict[str, StepBox], list[NoteBox], float]:
    """A lane's step boxes and step notes with the lane's top at 0, and the height they need."""
    boxes: dict[str, StepBox] = {}
    taken: RectIndex[str] = RectIndex()
    needed = 0.0
    for step in steps:
        width, height, lines = sizes[step.id]
        cy = max(positions[step.id][1], LANE_PADDING + badge_room(step)[0] + height / 2)
        rect = Rect(centres_x[step.id] - width / 2, cy - height / 2, width, height)
        box = StepBox(step.id, step.kind, rect, lines, step_badges(step, rect))
        boxes[step.id] = box
        taken.add(step.id, box.footprint)
        needed = max(needed, box.footprint.bottom + LANE_PADDING)
    notes: list[NoteBox] = []
    for step in steps:
        comments = notes_of.get(step.id, [])
        if not comments:
            continue
        for note in place_step_notes(boxes[step.id].footprint, comments, taken, 0.0):
            notes.append(note)
            taken.add(note.comment_id, note.rect)
            needed = max(needed, note.rect.bottom + LANE_PADDING)
    return boxes, notes, needed


def _shifted_box(box: StepBox, dy: float) -> StepBox:
    badges = tuple(Badge(b.kind, b.text, b.rect.moved(0, dy)) for b in box.badges)
    return StepBox(box.step_id, box.kind, box.rect.moved(0, dy), box.lines, badges)


def _shifted_note(note: NoteBox, dy: float) -> NoteBox:
    return NoteBox(
        note.comment_id, note.target, note.rect.moved(0, dy), note.lines, note.kind, note.votes
    )


def route_map(geometry: MapGeometry, path_map: PathMap) -> None:
    """Route, separate and label every flow, then place the notes on flows."""
    obstacles = Obstacles(
        geometry.steps.values(),
        ((note_id, note.rect) for note_id, note in geometry.notes.items()),
    )
    routes, router = route_all(path_map, geometry.steps, obstacles, geometry.body)
    flows = {flow.id: flow for flow in path_map.flows if flow.id in routes}
    routes, unparted, shared = nudge(
        routes,
        flows,
        geometry.steps,
        lambda points, flow: obstacles.clear(points, flow.source, flow.target),
    )
    # What nudging could not move apart (both ends on diamonds' corners, say): one of the two
    # flows leaves or enters by another side, where that shares no line. A few such pairs is
    # a map; many is a tangle (every step joined to every other) that no rerouting mends.
    for later, earlier in unparted[:MAX_REROUTED_PAIRS]:
        for flow_id in (later, earlier):
            if shared.free(flow_id, routes[flow_id]):
                break  # an earlier repair freed this pair too
            rerouted = router.reroute(
                flows[flow_id], partial(shared.free, flow_id), shared.run_along(flow_id)
            )
            if rerouted is not None:
                routes[flow_id] = rerouted
                shared.update(flow_id, rerouted)
                break
    lane_of = {step.id: step.lane for step in path_map.steps}

    blocked: RectIndex[str] = RectIndex()
    for box in geometry.steps.values():
        blocked.add(box.step_id, box.rect)
        for badge in box.badges:
            blocked.add(box.step_id, badge.rect)
    for note in geometry.notes.values():
        blocked.add(note.comment_id, note.rect)
    lines: RectIndex[str] = RectIndex()
    for flow_id, points in routes.items():
        head = arrowhead_area(points)
        if head is not None:
            blocked.add("head:" + flow_id, head)
        for rect in _stretch_rects(points):
            lines.add(flow_id, rect)
    labelled = [(f.id, f.label, routes[f.id]) for f in flows.values() if f.label.strip()]
    labels = place_labels(labelled, blocked, lines)
    for flow in flows.values():
        geometry.flows[flow.id] = FlowRoute(
            flow.id,
            tuple(routes[flow.id]),
            lane_of.get(flow.source) != lane_of.get(flow.target),
            labels.get(flow.id),
            flow.source,
            flow.target,
        )

    for target, comments in notes_by_target(path_map).items():
        if target is None or target not in geometry.flows:
            continue
        anchor = geometry.flows[target].label_anchor
        lane_id = geometry.lane_at(anchor[1])
        band = geometry.lane_band(lane_id) if lane_id is not None else None
        for comment in comments:
            note = place_free_note(
                comment, anchor, blocked, geometry.body, lines, band.rect if band else None
            )
            geometry.notes[note.comment_id] = note
            blocked.add(note.comment_id, note.rect)
    # Notes on flows that could not be drawn (a step with no lane) sit with the map's notes.
    geometry.notes = {
        c.id: geometry.notes[c.id] for c in path_map.comments if c.id in geometry.notes
    }


def _stretch_rects(points: list[Point]) -> list[Rect]:
    rects = []
    half = LINE_WIDTH / 2
    for i in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        rects.append(
            Rect(
                min(x0, x1) - half,
                min(y0, y1) - half,
                abs(x1 - x0) + 2 * half,
                abs(y1 - y0) + 2 * half,
            )
        )
    return rects
