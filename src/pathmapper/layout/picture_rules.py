"""The rules of a good picture (`geometry.md`), checked on a map's geometry.

`picture_breaks(path_map, geometry)` lists every place the drawing breaks rules 1 to 5;
`layout_breaks(path_map)` checks rule 6 on the automatic layout. The tests run them on every
sample and on generated maps, and `make bench` prints their counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from pathmapper.layout.labels import arrowhead_area
from pathmapper.layout.primitives import MapGeometry, Point, Rect
from pathmapper.layout.spatial import RectIndex
from pathmapper.layout.text import ELLIPSIS, REPLACEMENT, drawable
from pathmapper.model import PathMap

SAME_LINE = 1.0  # stretches nearer than this lie on the same line
ON_EDGE = 0.6  # a route's end this near its box's edge is on it
LABEL_REACH = 14.0  # a label's edge is at most this far from its flow's line
RULE_NAMES = {
    1: "flow through a box or header",
    2: "flows sharing a line",
    3: "label, badge or note covering something",
    4: "step outside its lane or phase",
    5: "text cut inside a word or drawn without a font",
    6: "automatic layout",
}


@dataclass(frozen=True)
class RuleBreak:
    rule: int
    message: str


def picture_breaks(path_map: PathMap, geometry: MapGeometry) -> list[RuleBreak]:
    return [
        *_through_boxes(geometry),
        *_shared_lines(path_map, geometry),
        *_covering(geometry),
        *_outside(path_map, geometry),
        *_cut_text(path_map, geometry),
    ]


def _on_edge(rect: Rect, point: Point) -> bool:
    x, y = point
    within_x = rect.left - ON_EDGE <= x <= rect.right + ON_EDGE
    within_y = rect.top - ON_EDGE <= y <= rect.bottom + ON_EDGE
    on_vertical = abs(x - rect.left) <= ON_EDGE or abs(x - rect.right) <= ON_EDGE
    on_horizontal = abs(y - rect.top) <= ON_EDGE or abs(y - rect.bottom) <= ON_EDGE
    return within_x and within_y and (on_vertical or on_horizontal)


def _through_boxes(geometry: MapGeometry) -> list[RuleBreak]:
    breaks: list[RuleBreak] = []
    boxes: RectIndex[str] = RectIndex(
        (box.step_id, box.rect.grown(-0.5)) for box in geometry.steps.values()
    )
    headers = [band.header for band in geometry.lanes] + [
        column.header for column in geometry.phases
    ]
    for route in geometry.flows.values():
        points = route.points
        source_id, target_id = route.source, route.target
        if len(points) < 2:
            continue
        last = len(points) - 2
        for i in range(last + 1):
            a, b = points[i], points[i + 1]
            if abs(a[0] - b[0]) > 0.01 and abs(a[1] - b[1]) > 0.01:
                breaks.append(RuleBreak(1, f"flow {route.flow_id}: a stretch is not orthogonal"))
            if boxes.segment_hits(a, b, ignore=(source_id, target_id)):
                breaks.append(RuleBreak(1, f"flow {route.flow_id} passes through a step box"))
            for own in (source_id, target_id):
                if own in geometry.steps and geometry.steps[own].rect.crossed_by(a, b):
                    breaks.append(
                        RuleBreak(1, f"flow {route.flow_id} passes through its own step {own}")
                    )
            if any(header.crossed_by(a, b) for header in headers):
                breaks.append(RuleBreak(1, f"flow {route.flow_id} passes through a header"))
        if source_id in geometry.steps and not _on_edge(geometry.steps[source_id].rect, points[0]):
            breaks.append(RuleBreak(1, f"flow {route.flow_id} does not start on its source"))
        if target_id in geometry.steps and not _on_edge(geometry.steps[target_id].rect, points[-1]):
            breaks.append(RuleBreak(1, f"flow {route.flow_id} does not end on its target"))
    return breaks


def _shared_lines(path_map: PathMap, geometry: MapGeometry) -> list[RuleBreak]:
    flows = {flow.id: flow for flow in path_map.flows}
    pieces: dict[tuple[bool, int], list[tuple[str, int, int, float, float, float]]] = {}
    for route in geometry.flows.values():
        points = route.points
        count = len(points) - 1
        for i in range(count):
            (x0, y0), (x1, y1) = points[i], points[i + 1]
            horizontal = abs(y0 - y1) < 0.01
            at = y0 if horizontal else x0
            low, high = (min(x0, x1), max(x0, x1)) if horizontal else (min(y0, y1), max(y0, y1))
            pieces.setdefault((horizontal, round(at)), []).append(
                (route.flow_id, i, count, at, low, high)
            )
    breaks: list[RuleBreak] = []
    seen: set[tuple[str, str]] = set()
    for (horizontal, line), members in pieces.items():
        nearby = members + pieces.get((horizontal, line + 1), [])
        for a, b in combinations(nearby, 2):
            if a[0] == b[0] or abs(a[3] - b[3]) >= SAME_LINE:
                continue
            if min(a[5], b[5]) - max(a[4], b[4]) <= 1.0:
                continue
            fa, fb = flows.get(a[0]), flows.get(b[0])
            if fa is None or fb is None:
                continue
            fork = fa.source == fb.source and a[1] == 0 and b[1] == 0
            merge = fa.target == fb.target and a[1] == a[2] - 1 and b[1] == b[2] - 1
            pair = (min(a[0], b[0]), max(a[0], b[0]))
            if not (fork or merge) and pair not in seen:
                seen.add(pair)
                breaks.append(RuleBreak(2, f"flows {pair[0]} and {pair[1]} run along one line"))
    return breaks


def _covering(geometry: MapGeometry) -> list[RuleBreak]:
    marks: list[tuple[str, Rect]] = []
    for box in geometry.steps.values():
        marks += [(f"badge of {box.step_id}", badge.rect) for badge in box.badges]
    for route in geometry.flows.values():
        if route.label is not None:
            marks.append((f"label of {route.flow_id}", route.label.rect))
    marks += [(f"note {note.comment_id}", note.rect) for note in geometry.notes.values()]
    covered: RectIndex[str] = RectIndex()
    for box in geometry.steps.values():
        covered.add(f"step {box.step_id}", box.rect)
    for route in geometry.flows.values():
        head = arrowhead_area(route.points)
        if head is not None:
            covered.add(f"arrowhead of {route.flow_id}", head)
    breaks: list[RuleBreak] = []
    for name, rect in marks:
        for other, _ in covered.near(rect.grown(-0.01)):
            breaks.append(RuleBreak(3, f"{name} covers {other}"))
        covered.add(name, rect)
    for route in geometry.flows.values():
        if route.label is not None and _distance(route.label.rect, route.points) > LABEL_REACH:
            breaks.append(RuleBreak(3, f"label of {route.flow_id} is not beside its flow"))
    return breaks


def _distance(rect: Rect, points: tuple[Point, ...]) -> float:
    best = float("inf")
    for i in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        dx = max(rect.left - max(x0, x1), min(x0, x1) - rect.right, 0.0)
        dy = max(rect.top - max(y0, y1), min(y0, y1) - rect.bottom, 0.0)
        best = min(best, max(dx, dy))
    return best


def _outside(path_map: PathMap, geometry: MapGeometry) -> list[RuleBreak]:
    lanes = {band.lane_id: band.rect for band in geometry.lanes}
    phases = {column.phase_id: column.rect for column in geometry.phases}
    breaks: list[RuleBreak] = []
    for step in path_map.steps:
        box = geometry.steps.get(step.id)
        if box is None:
            continue
        for name, area in (("lane", lanes.get(step.lane)), ("phase", phases.get(step.phase or ""))):
            if area is not None and not _contains(area, box.rect):
                breaks.append(RuleBreak(4, f"step {step.id} lies outside its {name}"))
    return breaks


def _contains(outer: Rect, inner: Rect) -> bool:
    return (
        inner.left >= outer.left - 0.01
        and inner.right <= outer.right + 0.01
        and inner.top >= outer.top - 0.01
        and inner.bottom <= outer.bottom + 0.01
    )


def _cut_text(path_map: PathMap, geometry: MapGeometry) -> list[RuleBreak]:
    breaks: list[RuleBreak] = []
    for step in path_map.steps:
        box = geometry.steps.get(step.id)
        if box is None:
            continue
        if not breaks_at_word_ends(step.label, box.lines):
            breaks.append(RuleBreak(5, f"step {step.id}: its label is cut inside a word"))
        if REPLACEMENT in "".join(box.lines) and REPLACEMENT not in step.label:
            breaks.append(RuleBreak(5, f"step {step.id}: a character has no font"))
    for note in geometry.notes.values():
        comment = path_map.comment(note.comment_id)
        text = comment.text if comment is not None else ""
        if text.strip() and not breaks_at_word_ends(text, note.lines):
            breaks.append(RuleBreak(5, f"note {note.comment_id} is cut inside a word"))
    return breaks


def breaks_at_word_ends(text: str, lines: tuple[str, ...] | list[str]) -> bool:
    """Do `lines` show `text` broken only at spaces, after hyphens, or hyphenated with a
    visible hyphen (and perhaps shortened with an ellipsis at the end)?"""
    words = " ".join(drawable(text).split())
    position = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if line.endswith(ELLIPSIS):
            return words[position:].startswith(line[: -len(ELLIPSIS)].rstrip())
        if words.startswith(line, position):
            position += len(line)
            if position < len(words) and words[position] != " " and not line.endswith("-"):
                return False
        elif line.endswith("-") and words.startswith(line[:-1], position):
            position += len(line) - 1
        else:
            return False
        if position < len(words) and words[position] == " ":
            position += 1
    return position >= len(words)
