"""The data of a drawn map: rectangles, step boxes, lane bands, phase columns, flow routes,
labels, badges and notes, with the sizes every view shares. No computation beyond geometry of
a rectangle, so every other layout module can import it without a circle."""

from __future__ import annotations

from dataclasses import dataclass, field

LANE_HEADER_WIDTH = 170.0
PHASE_HEADER_HEIGHT = 44.0
DEFAULT_LANE_HEIGHT = 150.0
LANE_PADDING = 18.0  # space kept between a step and its lane's edges
DEFAULT_PHASE_WIDTH = 220.0
COLUMN_GAP = 72.0  # between the boxes of neighbouring columns, room for arrows and labels
COLUMN_SPACING = 222.0  # distance between step centres of two ordinary neighbouring columns
ROW_SPACING = 120.0  # distance between step centres stacked in one lane
RIGHT_MARGIN = 60.0
LABEL_FONT_SIZE = 12.0
HEADER_FONT_SIZE = 14.0
TEXT_PADDING = 10.0
FLOW_LABEL_FONT_SIZE = 11.0
BADGE_FONT_SIZE = 10.0  # bold
BADGE_HEIGHT = 17.0
BADGE_GAP = 3.0  # between a step box and its badges, and between two badges
NOTE_WIDTH = 150.0
NOTE_FONT_SIZE = 9.0
NOTE_PADDING = 5.0
NOTE_GLYPH_WIDTH = 14.0
NOTE_LINES = 3
NOTE_GAP = 6.0  # between a note and what it is about
ARROWHEAD_LENGTH = 10.0

Point = tuple[float, float]


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
    def centre(self) -> Point:
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

    def crossed_by(self, a: Point, b: Point) -> bool:
        """Does the axis-parallel segment a-b pass through the inside (half a point in from the
        edges, so a segment along or ending on an edge does not)?"""
        left, right = min(a[0], b[0]), max(a[0], b[0])
        top, bottom = min(a[1], b[1]), max(a[1], b[1])
        return (
            left < self.right - 0.5
            and right > self.left + 0.5
            and top < self.bottom - 0.5
            and bottom > self.top + 0.5
        )

    def grown(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.width + 2 * by, self.height + 2 * by)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)


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
class Badge:
    """A mark beside a step: its wait ("wait 3d"), its active time ("takes 2h") or that it is
    a patient contact ("●")."""

    kind: str  # "wait", "duration" or "contact"
    text: str
    rect: Rect


@dataclass(frozen=True)
class StepBox:
    step_id: str
    kind: str
    rect: Rect
    lines: tuple[str, ...]  # the label, wrapped
    badges: tuple[Badge, ...] = ()

    @property
    def footprint(self) -> Rect:
        """The box with its badges: what other things must keep clear of."""
        area = self.rect
        for badge in self.badges:
            area = area.united(badge.rect)
        return area


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
class FlowLabel:
    text: str
    rect: Rect


@dataclass(frozen=True)
class FlowRoute:
    flow_id: str
    points: tuple[Point, ...]  # orthogonal polyline, source boundary to the arrow's tip
    crosses_lanes: bool
    label: FlowLabel | None = None
    source: str = ""
    target: str = ""

    @property
    def label_anchor(self) -> Point:
        """Where a note on this flow is pinned: its label, else the middle of its longest
        stretch."""
        if self.label is not None:
            return self.label.rect.centre
        return midpoint_of_longest(self.points)


@dataclass(frozen=True)
class NoteBox:
    """A comment drawn as a sticky note."""

    comment_id: str
    target: str | None
    rect: Rect
    lines: tuple[str, ...]
    kind: str
    votes: int


@dataclass
class MapGeometry:
    lanes: list[LaneBand] = field(default_factory=list)
    phases: list[PhaseColumn] = field(default_factory=list)
    steps: dict[str, StepBox] = field(default_factory=dict)
    flows: dict[str, FlowRoute] = field(default_factory=dict)
    notes: dict[str, NoteBox] = field(default_factory=dict)
    body: Rect = Rect(0, 0, 0, 0)  # every lane body, right of the headers

    @property
    def frame(self) -> Rect:
        """The lanes and phases with their headers."""
        top = -PHASE_HEADER_HEIGHT if self.phases else 0.0
        return Rect(
            -LANE_HEADER_WIDTH, top, self.body.width + LANE_HEADER_WIDTH, self.body.bottom - top
        )

    @property
    def bounds(self) -> Rect:
        """Everything drawn: the frame, and notes outside it (map-wide ones sit to its right)."""
        area = self.frame
        for note in self.notes.values():
            area = area.united(note.rect)
        return area

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


def midpoint_of_longest(points: tuple[Point, ...] | list[Point]) -> Point:
    if len(points) < 2:
        return points[0] if points else (0.0, 0.0)
    best = max(
        range(len(points) - 1),
        key=lambda i: abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1] - points[i][1]),
    )
    (x0, y0), (x1, y1) = points[best], points[best + 1]
    return ((x0 + x1) / 2, (y0 + y1) / 2)
