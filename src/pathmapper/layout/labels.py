"""Where flow labels go: on or beside their own flow, clear of everything else.

A label is a pill on its flow's line, tried first on the stretch that leaves the source (so a
decision's "yes" and "no" read with the decision), then along the rest of the flow, then beside
the line. A place is taken only if it covers no step box, badge, note, other label or the last
ARROWHEAD_LENGTH of any flow; among those, one that covers no other flow's line is preferred.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathmapper.layout.primitives import (
    ARROWHEAD_LENGTH,
    FLOW_LABEL_FONT_SIZE,
    FlowLabel,
    Point,
    Rect,
)
from pathmapper.layout.spatial import RectIndex
from pathmapper.layout.text import line_height, text_width

LABEL_PADDING = 6.0  # either side of the text, inside the pill
LABEL_GAP = 4.0  # between a flow's start and its label
ALONG_STEP = 8.0
HEAD_REACH = 5.0  # half the width of the area kept free round an arrowhead


def label_size(text: str) -> tuple[float, float]:
    width = text_width(text, FLOW_LABEL_FONT_SIZE) + 2 * LABEL_PADDING
    height = line_height(FLOW_LABEL_FONT_SIZE) + 4.0
    return round(width, 1), round(height, 1)


def arrowhead_area(points: tuple[Point, ...] | list[Point]) -> Rect | None:
    """The last ARROWHEAD_LENGTH of a route, widened to the head's width."""
    if len(points) < 2:
        return None
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = abs(x1 - x0) + abs(y1 - y0)
    reach = min(ARROWHEAD_LENGTH, length)
    if abs(y1 - y0) < 0.01:
        start = x1 - reach if x1 >= x0 else x1 + reach
        return Rect(min(start, x1), y1 - HEAD_REACH, reach, 2 * HEAD_REACH)
    start = y1 - reach if y1 >= y0 else y1 + reach
    return Rect(x1 - HEAD_REACH, min(start, y1), 2 * HEAD_REACH, reach)


def candidate_places(points: list[Point], width: float, height: float) -> Iterator[Rect]:
    """Places for a label of this size along a route, nearest its start first: centred on the
    line, then beside it."""
    for beside in (False, True):
        for i in range(len(points) - 1):
            (x0, y0), (x1, y1) = points[i], points[i + 1]
            horizontal = abs(y1 - y0) < 0.01
            length = abs(x1 - x0) + abs(y1 - y0)
            extent = width if horizontal else height
            start = LABEL_GAP + extent / 2 if i == 0 else extent / 2 + 2
            finish = length - extent / 2 - (ARROWHEAD_LENGTH + 2 if i == len(points) - 2 else 2)
            positions = []
            along = start
            while along <= finish + 0.01:
                positions.append(along)
                along += ALONG_STEP
            if not positions and not beside:
                positions = [length / 2]
            sign_x = 1 if x1 >= x0 else -1
            sign_y = 1 if y1 >= y0 else -1
            for along in positions:
                cx = x0 + sign_x * along if horizontal else x0
                cy = y0 if horizontal else y0 + sign_y * along
                if not beside:
                    yield Rect(cx - width / 2, cy - height / 2, width, height)
                elif horizontal:
                    yield Rect(cx - width / 2, cy - height - 3, width, height)
                    yield Rect(cx - width / 2, cy + 3, width, height)
                else:
                    yield Rect(cx + 4, cy - height / 2, width, height)
                    yield Rect(cx - 4 - width, cy - height / 2, width, height)


def place_labels(
    labelled: list[tuple[str, str, list[Point]]],
    blocked: RectIndex[str],
    lines: RectIndex[str],
) -> dict[str, FlowLabel]:
    """A place for each (flow id, text, route). `blocked` holds what a label must not cover
    (it gains each label placed); `lines` the flows' stretches, as thin rectangles."""
    placed: dict[str, FlowLabel] = {}
    for flow_id, text, points in labelled:
        width, height = label_size(text)
        fallback: Rect | None = None
        chosen: Rect | None = None
        # Neighbouring places are 8 units apart, so what covered the last place tried often
        # covers this one too: asked first, it spares most of the index's searches.
        last_block: Rect | None = None
        last_line: Rect | None = None
        for place in candidate_places(points, width, height):
            rect = Rect(round(place.x, 1), round(place.y, 1), width, height)
            if last_block is not None and _overlap(rect, last_block):
                continue
            last_block = blocked.first_hit(rect)
            if last_block is not None:
                continue
            if last_line is None or not _overlap(rect, last_line):
                last_line = lines.first_hit(rect, ignore=(flow_id,))
            if last_line is None:
                chosen = rect
                break
            if fallback is None:
                fallback = rect
        chosen = chosen or fallback or _nearest_free(points, width, height, blocked)
        placed[flow_id] = FlowLabel(text, chosen)
        blocked.add("label:" + flow_id, chosen)
    return placed


def _overlap(a: Rect, b: Rect) -> bool:
    """As `RectIndex.hits` counts overlap: more than touching edges."""
    return (
        b.x < a.x + a.width
        and b.x + b.width > a.x
        and b.y < a.y + a.height
        and b.y + b.height > a.y
    )


def _nearest_free(
    points: list[Point], width: float, height: float, blocked: RectIndex[str]
) -> Rect:
    """Near the middle of the route's first stretch, moving outwards until nothing is
    covered."""
    (x0, y0), (x1, y1) = points[0], points[1] if len(points) > 1 else points[0]
    cx, cy = round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1)
    for ring in range(1, 60):
        for dx, dy in ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1)):
            rect = Rect(
                cx - width / 2 + dx * ring * 4, cy - height / 2 + dy * ring * 4, width, height
            )
            if not blocked.hits(rect):
                return rect
    return Rect(cx - width / 2, cy - height / 2, width, height)
