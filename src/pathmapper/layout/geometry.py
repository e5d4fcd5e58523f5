"""Where everything on a map is drawn: lane bands, phase columns, step boxes, flow routes.

One computation serves the canvas, the PDF, PNG/SVG and the draw.io and BPMN exports, so they
all show the same picture. Coordinates are points. The origin is the top-left corner of the
first lane's body: lane headers sit at negative x (from -LANE_HEADER_WIDTH to 0) and phase
headers at negative y. A step's `x` in the map is its centre's x here; its `y` is measured from
the top of its lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathmapper.layout.routing import route_flows
from pathmapper.layout.text import line_height, wrap_text
from pathmapper.model import PathMap, Step

LANE_HEADER_WIDTH = 170.0
PHASE_HEADER_HEIGHT = 44.0
DEFAULT_LANE_HEIGHT = 150.0
LANE_PADDING = 18.0  # space kept between a step and its lane's edges
DEFAULT_PHASE_WIDTH = 220.0
COLUMN_SPACING = 210.0  # distance between step centres in neighbouring columns
ROW_SPACING = 120.0  # distance between step centres stacked in one lane
RIGHT_MARGIN = 60.0
LABEL_FONT_SIZE = 12.0
HEADER_FONT_SIZE = 14.0
TEXT_PADDING = 10.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x

    @property
    def top(self) -> float:
        return self.y

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, px: float, py: float) -> bool:
        return self.left <= px <= self.right and self.top <= py <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return not (
            other.left >= self.right
            or other.right <= self.left
            or other.top >= self.bottom
            or other.bottom <= self.top
        )

    def united(self, other: Rect) -> Rect:
        left, top = min(self.left, other.left), min(self.top, other.top)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Rect(left, top, right - left, bottom - top)


@dataclass(frozen=True)
class ShapeSpec:
    """The smallest box of a step kind, and the share of its width that text may use."""

    min_width: float
    min_height: float
    text_share: float  # of the width; a diamond has room for less text than a box
    height_factor: float = 1.0  # extra height per line of text (a diamond needs more)


SHAPES: dict[str, ShapeSpec] = {
    "start": ShapeSpec(150, 52, 0.82),
    "end": ShapeSpec(150, 52, 0.82),
    "activity": ShapeSpec(150, 64, 0.88),
    "decision": ShapeSpec(170, 96, 0.58, 1.7),
    "wait": ShapeSpec(150, 64, 0.72),
    "information": ShapeSpec(150, 64, 0.88),
}


@dataclass(frozen=True)
class StepBox:
    step_id: str
    kind: str
    rect: Rect
    lines: tuple[str, ...]  # the label, wrapped


@dataclass(frozen=True)
class LaneBand:
    lane_id: str
    rect: Rect  # the body, right of the header
    header: Rect


@dataclass(frozen=True)
class PhaseColumn:
    phase_id: str
    rect: Rect  # the whole column down through every lane
    header: Rect


@dataclass(frozen=True)
class FlowRoute:
    flow_id: str
    points: tuple[tuple[float, float], ...]  # orthogonal polyline, source to target
    label_anchor: tuple[float, float]  # where the branch label is centred
    crosses_lanes: bool


@dataclass
class MapGeometry:
    lanes: list[LaneBand] = field(default_factory=list)
    phases: list[PhaseColumn] = field(default_factory=list)
    steps: dict[str, StepBox] = field(default_factory=dict)
    flows: dict[str, FlowRoute] = field(default_factory=dict)
    body: Rect = Rect(0, 0, 0, 0)  # every lane body, right of the headers

    @property
    def bounds(self) -> Rect:
        """Everything drawn, headers included."""
        top = -PHASE_HEADER_HEIGHT if self.phases else 0.0
        return Rect(
            -LANE_HEADER_WIDTH, top, self.body.width + LANE_HEADER_WIDTH, self.body.bottom - top
        )

    def lane_at(self, y: float) -> str | None:
        for band in self.lanes:
            if band.rect.top <= y < band.rect.bottom:
                return band.lane_id
        return None

    def phase_at(self, x: float) -> str | None:
        for column in self.phases:
            if column.rect.left <= x < column.rect.right:
                return column.phase_id
        return None

    def lane_band(self, lane_id: str) -> LaneBand | None:
        return next((band for band in self.lanes if band.lane_id == lane_id), None)


StepSize = tuple[float, float, tuple[str, ...]]  # width, height, wrapped label lines


def step_size(step: Step) -> StepSize:
    """Width, height and wrapped lines of a step: its kind's shape grown to fit its label."""
    shape = SHAPES.get(step.kind, SHAPES["activity"])
    width = shape.min_width
    text_width = width * shape.text_share - 2 * TEXT_PADDING
    lines = tuple(wrap_text(step.label, LABEL_FONT_SIZE, text_width)) if step.label else ()
    text_height = len(lines) * line_height(LABEL_FONT_SIZE) * shape.height_factor
    height = max(shape.min_height, text_height + 2 * TEXT_PADDING)
    return width, height, lines


def compute_geometry(path_map: PathMap, with_flows: bool = True) -> MapGeometry:
    """The drawing of a map. Steps without a position are placed by the automatic layout.

    `with_flows=False` leaves the flows unrouted (most of the work on a big map), for callers
    that need only the lanes, phases and step boxes."""
    from pathmapper.layout.auto import layout_positions

    sizes = {step.id: step_size(step) for step in path_map.steps}
    positions = {
        step.id: (step.x, step.y)
        for step in path_map.steps
        if step.x is not None and step.y is not None
    }
    lane_heights, phase_widths = stated_sizes(path_map)
    if len(positions) < len(path_map.steps):
        planned = layout_positions(path_map, only_missing=bool(positions))
        for step_id, (x, y) in planned.positions.items():
            positions.setdefault(step_id, (x, y))
        for lane_id, height in planned.lane_heights.items():
            lane_heights.setdefault(lane_id, height)
        for phase_id, width in planned.phase_widths.items():
            phase_widths.setdefault(phase_id, width)

    geometry = MapGeometry()
    geometry.lanes, geometry.phases, geometry.body = map_frame(
        path_map, sizes, positions, lane_heights, phase_widths
    )
    geometry.steps = step_boxes(path_map, sizes, positions, geometry.lanes)
    if with_flows:
        geometry.flows = route_flows(path_map, geometry.steps)
    return geometry


def stated_sizes(path_map: PathMap) -> tuple[dict[str, float], dict[str, float]]:
    """The lane heights and phase widths the map states (a lane or phase without one, or with
    0, is sized to fit its steps)."""
    lane_heights = {lane.id: lane.height for lane in path_map.lanes if lane.height}
    phase_widths = {phase.id: phase.width for phase in path_map.phases if phase.width}
    return lane_heights, phase_widths


def map_frame(
    path_map: PathMap,
    sizes: dict[str, StepSize],
    positions: dict[str, tuple[float, float]],
    lane_heights: dict[str, float],
    phase_widths: dict[str, float],
) -> tuple[list[LaneBand], list[PhaseColumn], Rect]:
    """The lane bands, phase columns and body of a map whose steps have these sizes and
    positions: phases as wide as stated or as their steps need, lanes grown to fit theirs."""
    content_right = 0.0
    for step_id, (x, _y) in positions.items():
        content_right = max(content_right, x + sizes[step_id][0] / 2)

    # Phase columns: stated widths, else wide enough for the steps assigned to them.
    rights_of_phase: dict[str | None, list[float]] = {}
    for step in path_map.steps:
        if step.id in positions:
            right = positions[step.id][0] + sizes[step.id][0] / 2
            rights_of_phase.setdefault(step.phase, []).append(right)
    phase_left = 0.0
    phase_extents: list[tuple[str, float, float]] = []
    for phase in path_map.phases:
        stated = phase_widths.get(phase.id)
        if stated is not None:
            width = stated
        else:
            rights = rights_of_phase.get(phase.id, [])
            width = max(DEFAULT_PHASE_WIDTH, (max(rights) - phase_left + 30) if rights else 0)
        phase_extents.append((phase.id, phase_left, width))
        phase_left += width
    total_width = max(phase_left, content_right + RIGHT_MARGIN, DEFAULT_PHASE_WIDTH)

    # Lane bands: stated height, grown so every step fits inside with padding.
    needed: dict[str, float] = {}
    for step in path_map.steps:
        if step.id in positions:
            bottom = positions[step.id][1] + sizes[step.id][1] / 2 + LANE_PADDING
            needed[step.lane] = max(needed.get(step.lane, 0.0), bottom)
    lanes: list[LaneBand] = []
    top = 0.0
    for lane in path_map.lanes:
        height = max(lane_heights.get(lane.id, DEFAULT_LANE_HEIGHT), needed.get(lane.id, 0.0))
        lanes.append(
            LaneBand(
                lane.id,
                Rect(0.0, top, total_width, height),
                Rect(-LANE_HEADER_WIDTH, top, LANE_HEADER_WIDTH, height),
            )
        )
        top += height
    phases = [
        PhaseColumn(
            phase_id,
            Rect(left, 0.0, width, top),
            Rect(left, -PHASE_HEADER_HEIGHT, width, PHASE_HEADER_HEIGHT),
        )
        for phase_id, left, width in phase_extents
    ]
    return lanes, phases, Rect(0.0, 0.0, total_width, top)


def step_box(step: Step, size: StepSize, position: tuple[float, float], lane_top: float) -> StepBox:
    """The box of a step of this size whose centre is at `position` in a lane at `lane_top`."""
    (x, y), (width, height, lines) = position, size
    rect = Rect(x - width / 2, lane_top + y - height / 2, width, height)
    return StepBox(step.id, step.kind, rect, lines)


def step_boxes(
    path_map: PathMap,
    sizes: dict[str, StepSize],
    positions: dict[str, tuple[float, float]],
    lanes: list[LaneBand],
) -> dict[str, StepBox]:
    """The boxes of the steps that have a position and a lane, in map order."""
    lane_tops = {band.lane_id: band.rect.top for band in lanes}
    boxes: dict[str, StepBox] = {}
    for step in path_map.steps:
        if step.id not in positions or step.lane not in lane_tops:
            continue
        boxes[step.id] = step_box(step, sizes[step.id], positions[step.id], lane_tops[step.lane])
    return boxes
