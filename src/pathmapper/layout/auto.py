"""Automatic layout: steps placed left to right in their lanes, in the order patients meet them.

Layered layout in the manner of Sugiyama and ELK Layered, with lanes as partitions:
- flows that go back (loops, re-referrals, flows to an earlier phase) are set aside so the rest
  is acyclic (a depth-first search from the start steps);
- each step's column is the longest path to it, where a flow within a lane counts one column
  and a flow to another lane none: a handoff can go straight down or up to the next lane, so
  lanes share columns and a map is as wide as its longest run within lanes, not its step count;
  a step is always right of every step of its own lane that comes before it, and of its phase's
  first column, and phases never interleave;
- steps that share a lane and a column are stacked in rows, each keeping the row of the step
  before it where it can, so parallel branches run on straight tracks;
- columns are as wide as their widest box, with room after them for the labels of the flows
  that leave them; lanes as tall as their rows, badges and notes need.
Lane membership and phase order are never changed. The same map always gives the same layout.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pathmapper.layout.note_places import notes_by_target, stack_height
from pathmapper.layout.primitives import (
    COLUMN_GAP,
    COLUMN_SPACING,
    FLOW_LABEL_FONT_SIZE,
    LANE_PADDING,
    ROW_SPACING,
)
from pathmapper.layout.step_shapes import StepSize, badge_room, step_size
from pathmapper.layout.text import text_width
from pathmapper.model import Comment, PathMap, Step

MAX_PHASE_PASSES = 6
MIN_LANE_HEIGHT = 100.0
ROW_GAP = 26.0  # between the bottom of a row (notes included) and the badges of the next
if TYPE_CHECKING:
    import networkx as nx

FIRST_COLUMN_LEFT = LANE_PADDING + 14.0
LOOP_CHANNEL = 10.0  # room kept under a lane's steps for each flow that goes back
MAX_LOOP_CHANNELS = 4
LABEL_ROOM = 34.0  # beyond a label's width, for the arrow's start and head


@dataclass
class LayoutPlan:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    lane_heights: dict[str, float] = field(default_factory=dict)
    phase_widths: dict[str, float] = field(default_factory=dict)


def layout_positions(path_map: PathMap, only_missing: bool = False) -> LayoutPlan:
    """Where every step goes (or, with `only_missing`, the steps that have no position)."""
    if only_missing:
        return _place_missing(path_map)
    lane_index = {lane.id: index for index, lane in enumerate(path_map.lanes)}
    steps = [step for step in path_map.steps if step.lane in lane_index]
    order = {step.id: index for index, step in enumerate(steps)}
    lane_of = {step.id: step.lane for step in steps}
    phase_index = {phase.id: index for index, phase in enumerate(path_map.phases)}
    step_phase = {step.id: phase_index[step.phase] for step in steps if step.phase in phase_index}

    # networkx is imported when a map is first laid out, not when the package is: the editor
    # opens maps that carry their positions without paying for it at start.
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(order)
    back_flows = 0
    back_in_lane: dict[str, int] = defaultdict(int)
    for flow in path_map.flows:
        if flow.source not in order or flow.target not in order or flow.source == flow.target:
            continue
        source_phase, target_phase = step_phase.get(flow.source), step_phase.get(flow.target)
        if source_phase is not None and target_phase is not None and target_phase < source_phase:
            back_in_lane[lane_of[flow.source]] += 1
            back_flows += 1
            continue  # back to an earlier phase: a loop, drawn going back
        graph.add_edge(flow.source, flow.target)
    for source, target in _closing_edges(steps, graph):
        graph.remove_edge(source, target)
        back_in_lane[lane_of[source]] += 1

    columns, phase_starts = _columns(graph, order, lane_of, step_phase, len(path_map.phases))
    rows = _rows(graph, order, lane_of, columns)
    sizes = {step.id: step_size(step) for step in steps}
    notes_of = notes_by_target(path_map)

    plan = LayoutPlan()
    centres_x = _column_centres(path_map, steps, columns, sizes)
    by_id = {step.id: step for step in steps}
    for lane in path_map.lanes:
        members = [s for s in order if lane_of[s] == lane.id]
        height = _place_lane(members, by_id, rows, sizes, notes_of, centres_x, columns, plan)
        height += min(back_in_lane[lane.id], MAX_LOOP_CHANNELS) * LOOP_CHANNEL
        plan.lane_heights[lane.id] = round(max(MIN_LANE_HEIGHT, height), 1)

    last_column = max(columns.values(), default=0)
    edges = _column_edges(centres_x, columns, sizes, last_column)
    for index, phase in enumerate(path_map.phases):
        start = 0 if index == 0 else phase_starts[index]
        end = phase_starts[index + 1] if index + 1 < len(phase_starts) else last_column + 1
        left = 0.0 if index == 0 else _edge(edges, start)
        plan.phase_widths[phase.id] = round(_edge(edges, max(end, start + 1)) - left, 1)
    return plan


def _closing_edges(steps: list[Step], graph: nx.DiGraph[str]) -> list[tuple[str, str]]:
    """The flows that close a cycle, found by a depth-first search from the start steps first,
    then from any step not yet reached (each flow to a step still on the search's path)."""
    roots = [s.id for s in steps if s.kind == "start"] + [s.id for s in steps]
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    closing: list[tuple[str, str]] = []
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(list(graph.successors(root))))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    closing.append((node, child))
                    continue
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(list(graph.successors(child)))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return closing


def _columns(
    graph: nx.DiGraph[str],
    order: dict[str, int],
    lane_of: dict[str, str],
    step_phase: dict[str, int],
    phase_count: int,
) -> tuple[dict[str, int], list[int]]:
    """Each step's column, and each phase's first column (see the module's description)."""
    import networkx as nx

    topological = list(nx.lexicographical_topological_sort(graph, key=order.__getitem__))
    phase_starts = [0] * phase_count
    columns: dict[str, int] = {}
    for _ in range(MAX_PHASE_PASSES):
        columns = {}
        reach: dict[str, dict[str, int]] = {}  # step -> lane -> last column of that lane before
        for node in topological:
            floor = phase_starts[step_phase[node]] if node in step_phase else 0
            seen: dict[str, int] = {}
            column = floor
            for source in graph.predecessors(node):
                step = 1 if lane_of[source] == lane_of[node] else 0
                column = max(column, columns[source] + step)
                for lane, last in reach[source].items():
                    if seen.get(lane, -1) < last:
                        seen[lane] = last
            column = max(column, seen.get(lane_of[node], -1) + 1)
            columns[node] = column
            seen[lane_of[node]] = column
            reach[node] = seen
        new_starts: list[int] = []
        next_free = 0
        for phase in range(phase_count):
            used = [columns[n] for n in order if step_phase.get(n) == phase]
            start = max(next_free, min(used) if used else next_free)
            new_starts.append(start)
            next_free = max((max(used) + 1) if used else start + 1, start + 1)
        if new_starts == phase_starts:
            break
        phase_starts = new_starts
    return columns, phase_starts


def _rows(
    graph: nx.DiGraph[str], order: dict[str, int], lane_of: dict[str, str], columns: dict[str, int]
) -> dict[str, int]:
    """The row of each step in its lane: steps sharing a lane and a column take distinct rows,
    each the row of its predecessor in the same lane where that row is free."""
    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    for step_id in sorted(order, key=lambda s: (columns[s], order[s])):
        cells[(lane_of[step_id], columns[step_id])].append(step_id)
    rows: dict[str, int] = {}
    for (_lane, _column), members in sorted(cells.items(), key=lambda item: item[0][1]):

        def wanted(step_id: str) -> tuple[float, int]:
            same_lane = [
                rows[p]
                for p in graph.predecessors(step_id)
                if p in rows and lane_of[p] == lane_of[step_id]
            ]
            return (min(same_lane) if same_lane else 0.0, order[step_id])

        taken: set[int] = set()
        for step_id in sorted(members, key=wanted):
            row = int(wanted(step_id)[0])
            while row in taken:
                row += 1
            taken.add(row)
            rows[step_id] = row
    return rows


def _column_centres(
    path_map: PathMap,
    steps: list[Step],
    columns: dict[str, int],
    sizes: dict[str, StepSize],
) -> dict[int, float]:
    """The centre x of every column: each as wide as its widest box, then a gap wide enough
    for the labels of flows leaving it."""
    last = max(columns.values(), default=-1)
    widths = [0.0] * (last + 1)
    gaps = [COLUMN_GAP] * (last + 1)
    for step in steps:
        column = columns[step.id]
        widths[column] = max(widths[column], sizes[step.id][0])
    lane_of = {step.id: step.lane for step in steps}
    for flow in path_map.flows:
        # A label goes on the stretch between the columns only when its flow runs along its
        # lane to the next column; a flow to another lane has a vertical stretch to hold it.
        if not flow.label or flow.source not in columns or flow.target not in columns:
            continue
        if lane_of[flow.source] != lane_of[flow.target]:
            continue
        column = columns[flow.source]
        if columns[flow.target] == column + 1:
            room = text_width(flow.label, FLOW_LABEL_FONT_SIZE) + 12 + LABEL_ROOM
            gaps[column] = max(gaps[column], min(room, 200.0))
    centres: dict[int, float] = {}
    left = FIRST_COLUMN_LEFT
    for column in range(last + 1):
        width = widths[column] or 150.0
        centres[column] = round(left + width / 2, 1)
        left += width + gaps[column]
    return centres


def _column_edges(
    centres: dict[int, float],
    columns: dict[str, int],
    sizes: dict[str, StepSize],
    last_column: int,
) -> dict[int, float]:
    """Where a phase starting at each column begins: half way between that column's boxes and
    the boxes before them (and, after the last column, a margin right of it)."""
    half_widths: dict[int, float] = defaultdict(float)
    for step_id, column in columns.items():
        half_widths[column] = max(half_widths[column], sizes[step_id][0] / 2)
    edges: dict[int, float] = {0: 0.0}
    for column in range(1, last_column + 2):
        if column > last_column:
            edges[column] = (
                centres.get(last_column, 0.0) + half_widths[last_column] + 2 * LANE_PADDING
            )
            continue
        before = centres[column - 1] + half_widths[column - 1]
        after = centres[column] - half_widths[column]
        edges[column] = round((before + after) / 2, 1)
    return edges


def _edge(edges: dict[int, float], column: int) -> float:
    """Where a phase starting at `column` begins; past the last column, one column further
    right for each (an empty phase keeps a column of its own)."""
    last = max(edges)
    if column <= last:
        return edges[column]
    return edges[last] + (column - last) * COLUMN_SPACING


def _place_lane(
    members: list[str],
    steps: dict[str, Step],
    rows: dict[str, int],
    sizes: dict[str, StepSize],
    notes_of: dict[str | None, list[Comment]],
    centres_x: dict[int, float],
    columns: dict[str, int],
    plan: LayoutPlan,
) -> float:
    """Place one lane's steps row by row; the height the lane needs."""
    row_count = max((rows[s] for s in members), default=0) + 1
    above = [0.0] * row_count  # badges above the boxes
    half = [0.0] * row_count  # half the tallest box
    below = [0.0] * row_count  # badges and notes below
    for step_id in members:
        row = rows[step_id]
        badges_above, badges_below = badge_room(steps[step_id])
        above[row] = max(above[row], badges_above)
        half[row] = max(half[row], sizes[step_id][1] / 2)
        below[row] = max(below[row], badges_below + stack_height(notes_of.get(step_id, [])))
    centres_y: list[float] = []
    top = LANE_PADDING
    for row in range(row_count):
        centre = top + above[row] + (half[row] or 32.0)
        centres_y.append(centre)
        top = centre + (half[row] or 32.0) + below[row] + ROW_GAP
    for step_id in members:
        plan.positions[step_id] = (centres_x[columns[step_id]], round(centres_y[rows[step_id]], 1))
    if not members:
        return MIN_LANE_HEIGHT
    return top - ROW_GAP + LANE_PADDING


def _place_missing(path_map: PathMap) -> LayoutPlan:
    """Steps without a position go to the right of the rightmost placed step in their lane."""
    plan = LayoutPlan()
    right_edge: dict[str, float] = defaultdict(float)
    for step in path_map.steps:
        if step.x is not None and step.y is not None:
            right_edge[step.lane] = max(right_edge[step.lane], step.x)
    for step in path_map.steps:
        if step.x is None or step.y is None:
            x = (
                right_edge[step.lane] + COLUMN_SPACING
                if right_edge[step.lane]
                else COLUMN_SPACING / 2
            )
            right_edge[step.lane] = x
            plan.positions[step.id] = (x, ROW_SPACING / 2 + LANE_PADDING)
    return plan


def auto_layout(path_map: PathMap) -> PathMap:
    """A copy of the map with every step placed by the automatic layout ("Tidy up")."""
    plan = layout_positions(path_map)
    laid_out = path_map.model_copy(deep=True)
    for step in laid_out.steps:
        if step.id in plan.positions:
            step.x, step.y = (round(value, 1) for value in plan.positions[step.id])
    for lane in laid_out.lanes:
        if lane.id in plan.lane_heights:
            lane.height = plan.lane_heights[lane.id]
    for phase in laid_out.phases:
        if phase.id in plan.phase_widths:
            phase.width = plan.phase_widths[phase.id]
    return laid_out
