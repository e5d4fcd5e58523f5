"""Automatic layout: steps placed left to right in their lanes, in the order patients meet them.

Layered layout in the manner of Sugiyama, kept simple and linear in the size of the map: flows
that go back (loops, re-referrals) are set aside so the rest is acyclic; each step's column is
the longest path to it, never left of its phase's columns; steps that share a lane and a column
are stacked, ordered by where their predecessors sit to keep crossings few (a decision's
branches fan out this way). Lane membership and phase order are never changed.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from pathmapper.layout.geometry import COLUMN_SPACING, DEFAULT_LANE_HEIGHT, ROW_SPACING
from pathmapper.model import PathMap, Step

MAX_PHASE_PASSES = 6


@dataclass
class LayoutPlan:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    lane_heights: dict[str, float] = field(default_factory=dict)  # only lanes that must grow
    phase_widths: dict[str, float] = field(default_factory=dict)


def layout_positions(path_map: PathMap, only_missing: bool = False) -> LayoutPlan:
    """Where every step goes (or, with `only_missing`, the steps that have no position)."""
    if only_missing:
        return _place_missing(path_map)
    steps = [step for step in path_map.steps if path_map.lane(step.lane) is not None]
    order = {step.id: index for index, step in enumerate(steps)}
    phase_index = {phase.id: index for index, phase in enumerate(path_map.phases)}
    step_phase = {step.id: phase_index[step.phase] for step in steps if step.phase in phase_index}
    successors: dict[str, list[str]] = defaultdict(list)
    for flow in path_map.flows:
        if flow.source not in order or flow.target not in order or flow.source == flow.target:
            continue
        source_phase, target_phase = step_phase.get(flow.source), step_phase.get(flow.target)
        if source_phase is not None and target_phase is not None and target_phase < source_phase:
            continue  # back to an earlier phase: a loop, drawn going back
        successors[flow.source].append(flow.target)
    forward = _forward_edges(steps, successors, order)
    columns, phase_starts = _columns(list(order), forward, step_phase, len(path_map.phases))

    lane_index = {lane.id: index for index, lane in enumerate(path_map.lanes)}
    lane_of = {step.id: step.lane for step in steps}
    predecessors: dict[str, list[str]] = defaultdict(list)
    for source, targets in forward.items():
        for target in targets:
            predecessors[target].append(source)
    # Stack steps sharing a lane and a column; order by their predecessors' places.
    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    for step_id in sorted(order, key=lambda s: (columns[s], order[s])):
        cells[(lane_of[step_id], columns[step_id])].append(step_id)
    row_of: dict[str, int] = {}
    for (_lane, _column), members in sorted(cells.items(), key=lambda item: item[0][1]):

        def place(step_id: str) -> tuple[float, int]:
            placed = [
                (lane_index[lane_of[p]], row_of[p]) for p in predecessors[step_id] if p in row_of
            ]
            if not placed:
                return (float("inf"), order[step_id])
            return (sum(lane * 100 + row for lane, row in placed) / len(placed), order[step_id])

        members.sort(key=place)
        for row, step_id in enumerate(members):
            row_of[step_id] = row

    plan = LayoutPlan()
    rows_in_lane: dict[str, int] = defaultdict(lambda: 1)
    for (lane_id, _column), members in cells.items():
        rows_in_lane[lane_id] = max(rows_in_lane[lane_id], len(members))
    heights: dict[str, float] = {}
    for lane in path_map.lanes:
        needed = rows_in_lane[lane.id] * ROW_SPACING + 30
        heights[lane.id] = max(lane.height or DEFAULT_LANE_HEIGHT, needed)
        if needed > (lane.height or DEFAULT_LANE_HEIGHT):
            plan.lane_heights[lane.id] = needed
    for (lane_id, column), members in cells.items():
        count = len(members)
        for row, step_id in enumerate(members):
            x = (column + 0.5) * COLUMN_SPACING
            y = heights[lane_id] / 2 + (row - (count - 1) / 2) * ROW_SPACING
            plan.positions[step_id] = (x, y)
    last_column = max(columns.values(), default=0)
    for index, phase in enumerate(path_map.phases):
        start = 0 if index == 0 else phase_starts[index]
        end = phase_starts[index + 1] if index + 1 < len(phase_starts) else last_column + 1
        plan.phase_widths[phase.id] = max(1, end - start) * COLUMN_SPACING
    return plan


def _forward_edges(
    steps: list[Step], successors: dict[str, list[str]], order: dict[str, int]
) -> dict[str, list[str]]:
    """The flows left when those that close a cycle are set aside (iterative depth-first
    search from the start steps first, then from any step not yet reached)."""
    roots = [s.id for s in steps if s.kind == "start"] + [s.id for s in steps]
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    forward: dict[str, list[str]] = defaultdict(list)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors.get(root, ())))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    continue  # a back flow: it closes a loop
                forward[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(successors.get(child, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return forward


def _columns(
    nodes: list[str],
    forward: dict[str, list[str]],
    step_phase: dict[str, int],
    phase_count: int,
) -> tuple[dict[str, int], list[int]]:
    """Longest-path columns, each step kept at or right of its phase's first column, and each
    phase's columns right of the phases before it (an empty phase keeps one column)."""
    indegree = {node: 0 for node in nodes}
    for targets in forward.values():
        for target in targets:
            indegree[target] += 1
    topological: list[str] = []
    queue = deque(node for node in nodes if indegree[node] == 0)
    while queue:
        node = queue.popleft()
        topological.append(node)
        for target in forward.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    phase_starts = [0] * phase_count
    columns: dict[str, int] = {}
    for _ in range(MAX_PHASE_PASSES):
        columns = {
            node: phase_starts[step_phase[node]] if node in step_phase else 0 for node in nodes
        }
        for node in topological:
            for target in forward.get(node, ()):
                floor = phase_starts[step_phase[target]] if target in step_phase else 0
                columns[target] = max(columns[target], columns[node] + 1, floor)
        new_starts: list[int] = []
        next_free = 0
        for phase in range(phase_count):
            used = [columns[n] for n in nodes if step_phase.get(n) == phase]
            start = max(next_free, min(used) if used else next_free)
            new_starts.append(start)
            next_free = (max(used) + 1) if used else start + 1
            next_free = max(next_free, start + 1)
        if new_starts == phase_starts:
            break
        phase_starts = new_starts
    return columns, phase_starts


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
                else (COLUMN_SPACING / 2)
            )
            right_edge[step.lane] = x
            plan.positions[step.id] = (x, DEFAULT_LANE_HEIGHT / 2)
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
