"""What each overlay draws, from the analysis and the map's geometry (the canvas's own
`MapGeometry`), into an OverlayLayer. Colour is never the only cue: handoffs are thick and
cross-organisation ones also dashed; each loop has its own dash pattern and a numbered badge;
gaps carry a word; waits a halo sized by the wait and its time in words.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

from PySide6.QtGui import QColor

from pathmapper.analysis import Analysis, Route
from pathmapper.layout.primitives import MapGeometry
from pathmapper.layout.style import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
)
from pathmapper.model import PathMap, describe_minutes
from pathmapper.ui.insight.overlay_items import (
    Badge,
    FlowStroke,
    OverlayLayer,
    StepMark,
    overlay_pen,
)

HANDOFF_WIDTH = 6.0
LANE_BADGE_FONT_SIZE = 19.0
CROSS_ORGANISATION_WIDTH = 7.0
CROSS_ORGANISATION_DASH = (14.0, 7.0)
LOOP_WIDTH = 6.0
PLANNED_LOOP_WIDTH = 4.0
MAX_DRAWN_LOOPS = 20  # more would be a tangle no one can read; the findings list has them all
# Each loop's colour and the ink of its badge; and dash patterns, so two loops differ in shape.
LOOP_COLOURS = (
    (ORANGE, BLACK),
    (SKY_BLUE, BLACK),
    (BLUISH_GREEN, "#FFFFFF"),
    (REDDISH_PURPLE, BLACK),
    (BLUE, "#FFFFFF"),
    (VERMILLION, "#FFFFFF"),
)
LOOP_DASHES: tuple[tuple[float, ...], ...] = ((), (16.0, 6.0), (4.0, 6.0), (18.0, 5.0, 4.0, 5.0))
GAP_COLOUR = REDDISH_PURPLE
GAP_WORDS = {
    "gap.dead_end": "DEAD END",
    "gap.unreachable": "NOT REACHED",
    "gap.no_route_to_end": "TRAPPED",
    "gap.isolated": "ON ITS OWN",
    "gap.decision_branches": "ONE WAY OUT",
}
WAIT_COLOUR = ORANGE
WAIT_REACH_MIN, WAIT_REACH_MAX = 6.0, 28.0
ROUTE_COLOUR = BLUISH_GREEN
WALK_COLOUR = BLACK


def _lane_names(path_map: PathMap) -> dict[str, str]:
    return {lane.id: lane.name or lane.organisation_name or "a lane" for lane in path_map.lanes}


def _first_flow_between(path_map: PathMap) -> dict[tuple[str, str], str]:
    """(source, target) -> the id of the first arrow between them: a loop or route names its
    steps, and is drawn along these arrows."""
    by_pair: dict[tuple[str, str], str] = {}
    for flow in path_map.flows:
        by_pair.setdefault((flow.source, flow.target), flow.id)
    return by_pair


def draw_handoffs(
    layer: OverlayLayer, analysis: Analysis, path_map: PathMap, geometry: MapGeometry
) -> None:
    """Handoffs thick and blue, cross-organisation ones thicker, vermillion and dashed; a badge
    on each lane boundary counts the arrows that cross it."""
    cross = set(analysis.cross_org_flows)
    lane_of = {step.id: step.lane for step in path_map.steps}
    flows = {flow.id: flow for flow in path_map.flows}
    order = {band.lane_id: index for index, band in enumerate(geometry.lanes)}
    crossings: Counter[int] = Counter()
    for flow_id in analysis.handoff_flows:
        route, flow = geometry.flows.get(flow_id), flows.get(flow_id)
        if route is None or flow is None:
            continue
        if flow_id in cross:
            pen = overlay_pen(
                VERMILLION, CROSS_ORGANISATION_WIDTH, CROSS_ORGANISATION_DASH, alpha=210
            )
        else:
            pen = overlay_pen(BLUE, HANDOFF_WIDTH, alpha=200)
        FlowStroke(flow_id, route.points, pen, layer)
        first = order.get(lane_of.get(flow.source, ""))
        second = order.get(lane_of.get(flow.target, ""))
        if first is not None and second is not None:
            for boundary in range(min(first, second), max(first, second)):
                crossings[boundary] += 1
    names = _lane_names(path_map)
    for boundary, count in sorted(crossings.items()):
        upper, lower = geometry.lanes[boundary], geometry.lanes[boundary + 1]
        arrows = "arrow crosses" if count == 1 else "arrows cross"
        Badge(
            f"↕ {count:,}",
            (geometry.body.x + 52.0, upper.rect.bottom),
            BLUE,
            "#FFFFFF",
            layer,
            font_size=LANE_BADGE_FONT_SIZE,
            tooltip=f"{count:,} {arrows} between {names.get(upper.lane_id, '')} and "
            f"{names.get(lower.lane_id, '')}",
        )


def draw_loops(
    layer: OverlayLayer, analysis: Analysis, path_map: PathMap, geometry: MapGeometry
) -> None:
    """Each loop (unplanned first) in its own colour and dash, with a numbered badge."""
    by_pair = _first_flow_between(path_map)
    loops = [f for f in analysis.findings if f.code == "loop.cycle"]
    loops += [f for f in analysis.findings if f.code == "loop.expected"]
    drawn: list[tuple[bool, list[str]]] = []
    for finding in loops[:MAX_DRAWN_LOOPS]:
        steps = list(finding.elements)
        pairs = zip(steps, steps[1:] + steps[:1], strict=True)
        flow_ids = [by_pair[pair] for pair in pairs if pair in by_pair]
        drawn.append((finding.code == "loop.expected", flow_ids))
    usage = Counter(flow_id for _planned, flow_ids in drawn for flow_id in flow_ids)
    for number, (planned, flow_ids) in enumerate(drawn):
        hex_colour, ink = LOOP_COLOURS[number % len(LOOP_COLOURS)]
        dash = LOOP_DASHES[(number // len(LOOP_COLOURS) + number) % len(LOOP_DASHES)]
        pen = overlay_pen(hex_colour, PLANNED_LOOP_WIDTH if planned else LOOP_WIDTH, dash)
        routes = [(fid, geometry.flows[fid]) for fid in flow_ids if fid in geometry.flows]
        for flow_id, route in routes:
            FlowStroke(flow_id, route.points, pen, layer)
        if routes:  # the badge on the flow the fewest other loops share, so badges spread
            _flow_id, route = min(routes, key=lambda item: usage[item[0]])
            kind = "planned loop" if planned else "loop the patient goes round"
            Badge(
                str(number + 1),
                _middle(route.points),
                hex_colour,
                ink,
                layer,
                tooltip=f"Loop {number + 1}: a {kind}",
            )


def _middle(points: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    """The middle of the longest segment of a route: room for a badge."""
    segments = list(itertools.pairwise(points)) or [(points[0], points[0])]
    (x1, y1), (x2, y2) = max(
        segments, key=lambda pair: abs(pair[1][0] - pair[0][0]) + abs(pair[1][1] - pair[0][1])
    )
    return ((x1 + x2) / 2, (y1 + y2) / 2)


def draw_gaps(
    layer: OverlayLayer, analysis: Analysis, path_map: PathMap, geometry: MapGeometry
) -> None:
    """Dead ends, steps no one reaches, traps and steps on their own: a dashed outline and a
    word above the step."""
    words_on: dict[str, int] = Counter()
    for finding in analysis.findings_in("Gaps"):
        word = GAP_WORDS.get(finding.code)
        if word is None:
            continue
        for step_id in finding.elements:
            box = geometry.steps.get(step_id)
            if box is None:
                continue
            rect = box.rect
            if not words_on[step_id]:
                StepMark(step_id, rect, overlay_pen(GAP_COLOUR, 4.0, (9.0, 5.0)), layer, reach=8.0)
            centre = (rect.centre[0], rect.y - 22.0 - 28.0 * words_on[step_id])
            Badge(f"⚠ {word}", centre, GAP_COLOUR, BLACK, layer, tooltip=finding.message)
            words_on[step_id] += 1


def draw_waits(
    layer: OverlayLayer, analysis: Analysis, path_map: PathMap, geometry: MapGeometry
) -> None:
    """A halo round each step the patient waits for, wider for a longer wait, and the wait in
    words under it."""
    waits = {
        step.id: step.wait_minutes
        for step in path_map.steps
        if step.wait_minutes and step.id in geometry.steps
    }
    if not waits:
        return
    longest = max(waits.values())
    fill = QColor(WAIT_COLOUR)
    fill.setAlpha(120)
    for step_id, minutes in waits.items():
        rect = geometry.steps[step_id].rect
        share = math.sqrt(minutes / longest) if longest else 0.0
        reach = WAIT_REACH_MIN + (WAIT_REACH_MAX - WAIT_REACH_MIN) * share
        StepMark(
            step_id, rect, overlay_pen("#A05F00", 1.5), layer, reach=reach, fill=fill, ring=1.0
        )
        Badge(
            f"◷ waits {describe_minutes(minutes)}",
            (rect.centre[0], rect.bottom + reach + 14.0),
            "#FFFFFF",
            BLACK,
            layer,
            outline="#A05F00",
        )


def draw_route(layer: OverlayLayer, route: Route, path_map: PathMap, geometry: MapGeometry) -> None:
    """One route, start to end: its arrows in a wide green band and its steps numbered."""
    by_pair = _first_flow_between(path_map)
    pen = overlay_pen(ROUTE_COLOUR, 10.0, alpha=150)
    for pair in zip(route.steps, route.steps[1:], strict=False):
        flow_id = by_pair.get(pair)
        flow_route = geometry.flows.get(flow_id) if flow_id is not None else None
        if flow_id is not None and flow_route is not None:
            FlowStroke(flow_id, flow_route.points, pen, layer)
    for number, step_id in enumerate(route.steps, start=1):
        box = geometry.steps.get(step_id)
        if box is not None:
            Badge(str(number), (box.rect.x, box.rect.y), ROUTE_COLOUR, "#FFFFFF", layer)


def draw_walk_step(layer: OverlayLayer, step_id: str, number: int, geometry: MapGeometry) -> None:
    """Where the patient is now on the walk: a thick black ring and the step's number."""
    box = geometry.steps.get(step_id)
    if box is None:
        return
    StepMark(step_id, box.rect, overlay_pen(WALK_COLOUR, 6.0), layer, reach=12.0)
    Badge(
        f"{number}",
        (box.rect.x - 4.0, box.rect.y - 4.0),
        YELLOW,
        BLACK,
        layer,
        font_size=22.0,
    )
