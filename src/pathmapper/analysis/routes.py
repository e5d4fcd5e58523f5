"""Routes: simple paths from a start step to the first end step, with their figures.

The search is a depth-first walk with an explicit stack, entering each run of steps that can
only be walked one after another (`_Run`) whole. Each level of the stack carries the running
totals of the path so far, so a route's figures are known the moment it reaches an end step,
without adding its steps up again. It stops after MAX_ROUTES routes, or after
MAX_SEARCH_STEPS moves along flows (a tangle of loops can have astronomically many partial
paths that never reach an end), and says that it stopped.

A route does not keep its own tuple of steps: routes found by one search share their
beginnings, so the search keeps the paths it walked as a tree (`PathTree`, two integer arrays)
and a route is a node of it, its steps read back along the parents when asked for. 10,000
routes of 700 steps took 54 MB as tuples; the tree takes a few.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from pathmapper.analysis.graph import FlowGraph, has_no_time
from pathmapper.model import crosses_organisations

MAX_ROUTES = 10_000
MAX_SEARCH_STEPS = 400_000


class PathTree:
    """The paths one route search walked: node n is step `ids[step[n]]` reached from node
    `parent[n]` (-1 at a start)."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.parent = array("i")
        self.step = array("i")

    def add(self, parent: int, step: int) -> int:
        self.parent.append(parent)
        self.step.append(step)
        return len(self.step) - 1

    def steps_to(self, node: int) -> tuple[str, ...]:
        """The step ids from a start to `node`, in order."""
        found: list[str] = []
        while node >= 0:
            found.append(self.ids[self.step[node]])
            node = self.parent[node]
        found.reverse()
        return tuple(found)


@dataclass(eq=False)
class Route:
    """One way through the pathway, from a start step to an end step."""

    tree: PathTree = field(repr=False)
    node: int  # the route's end step in `tree`
    step_count: int
    first_step: str
    last_step: str
    lead_time_minutes: float
    lead_time_is_lower_bound: bool
    waiting_minutes: float
    value_adding_minutes: float
    patient_contacts: int
    handoffs: int
    cross_org_handoffs: int
    organisations: tuple[str, ...]  # met on the route, in order; the patient is not one

    @property
    def steps(self) -> tuple[str, ...]:
        """The route's step ids, start to end (read from the search's tree each time)."""
        return self.tree.steps_to(self.node)

    def figures(self) -> tuple[object, ...]:
        return (
            self.lead_time_minutes,
            self.lead_time_is_lower_bound,
            self.waiting_minutes,
            self.value_adding_minutes,
            self.patient_contacts,
            self.handoffs,
            self.cross_org_handoffs,
            self.organisations,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Route):
            return NotImplemented
        return (self.step_count, self.figures(), self.steps) == (
            other.step_count,
            other.figures(),
            other.steps,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value, as before


@dataclass
class RouteResult:
    routes: list[Route] = field(default_factory=list)
    truncated: bool = False


def can_finish(graph: FlowGraph) -> set[str]:
    """Steps from which some end step can be reached without passing another end step."""
    ends = set(graph.ends)
    seen = set(ends)
    stack = list(ends)
    while stack:
        for source in graph.predecessors[stack.pop()]:
            if source not in seen and source not in ends:
                seen.add(source)
                stack.append(source)
    return seen


# The running figures of the path so far, one tuple per level of the search stack:
# (lead time, waiting, value-adding time, patient contacts, handoffs, cross-organisation
# handoffs, steps with no time, steps). Plain tuples: the search makes hundreds of thousands.
_Totals = tuple[float, float, float, int, int, int, int, int]


class _Run:
    """Steps the search can only walk one after another: each but the last has one way on, and
    each but the first is reached from the one before and from nowhere else. The search enters
    a run whole. Pathways are mostly such runs between decisions, so this saves most of the
    search's moves but not its answer: the routes, their order and their figures are those of a
    walk step by step."""

    __slots__ = ("first", "members", "organisations", "totals", "ways")

    def __init__(self, members: list[int], totals: _Totals, organisations: list[str | None]):
        self.first = members[0]
        self.members = array("i", members)
        # The run's figures: (lead time, waiting, value-adding time, patient contacts, handoffs
        # and cross-organisation handoffs inside the run, steps with no time, steps).
        self.totals = totals
        # The organisations of the run's steps in the order first met, with how many steps in
        # each (the patient's own steps, organisation None, count in none).
        counts: dict[str, int] = {}
        for organisation in organisations:
            if organisation is not None:
                counts[organisation] = counts.get(organisation, 0) + 1
        self.organisations = list(counts.items())
        # The ways on from the run's last step, in the map's order: (the step, 1 if it changes
        # lane, 1 if it changes organisation, the run it begins, or None for an end step).
        self.ways: list[tuple[int, int, int, _Run | None]] = []


def _times_add_exactly(*times: list[float]) -> bool:
    """Whether sums of these minutes come out the same whatever order they are added in: each
    a whole number of 1/1024 minutes and all of them together far inside a float's 53 bits.
    (Times of whole minutes, seconds or half minutes always are.) Then a run's time can be added
    at once, and a route's time is still exactly the sum of its steps' in order."""
    scale = 1024.0
    whole = all((value * scale).is_integer() for column in times for value in column)
    return whole and sum(abs(value) for column in times for value in column) * scale < 2.0**52


def _runs(
    children: list[list[int]],
    is_end: list[bool],
    is_start: list[bool],
    figures: list[_Totals],
    lanes: list[str],
    organisations: list[str | None],
    crossing: list[list[bool]],
    join: bool,
) -> list[_Run | None]:
    """The run beginning at each step (None inside a run). A start or an end step is a run of
    its own; with `join` False, every step is."""
    parents = [0] * len(children)
    for options in children:
        for child in options:
            parents[child] += 1

    def follows_on(node: int) -> int | None:
        """The step that can only be reached from `node` and is its only way on, if any."""
        if not join or is_end[node] or len(children[node]) != 1:
            return None
        child = children[node][0]
        stops = parents[child] != 1 or is_start[child] or is_end[child]
        return None if stops else child

    inside = {after for node in range(len(children)) if (after := follows_on(node)) is not None}
    runs: list[_Run | None] = [None] * len(children)
    for first in range(len(children)):
        if first in inside:
            continue
        members = [first]
        total = list(figures[first])
        node = first
        while (following := follows_on(node)) is not None:
            members.append(following)
            for column, value in enumerate(figures[following]):
                total[column] += value
            total[4] += lanes[following] != lanes[node]
            total[5] += crossing[node][0]
            node = following
        lead, wait, value, contacts, handoffs, crossings, missing, count = total
        runs[first] = _Run(
            members,
            (lead, wait, value, int(contacts), int(handoffs), int(crossings), int(missing),
             int(count)),
            [organisations[member] for member in members],
        )  # fmt: skip
    for run in runs:
        if run is None:
            continue
        last = run.members[-1]
        run.ways = [
            (
                child,
                int(lanes[child] != lanes[last]),
                int(crossing[last][position]),
                None if is_end[child] else runs[child],
            )
            for position, child in enumerate(children[last])
        ]
    return runs


def find_routes(
    graph: FlowGraph, max_routes: int = MAX_ROUTES, max_search_steps: int = MAX_SEARCH_STEPS
) -> RouteResult:
    result = RouteResult()
    useful = can_finish(graph)
    ids = [step_id for step_id in graph.steps if step_id in useful]
    index = {step_id: number for number, step_id in enumerate(ids)}
    steps = [graph.steps[step_id] for step_id in ids]
    waits = [graph.wait_minutes[step_id] for step_id in ids]
    durations = [graph.duration_minutes[step_id] for step_id in ids]
    values = [durations[n] if steps[n].value_added else 0.0 for n in range(len(ids))]
    leads = [waits[n] + durations[n] for n in range(len(ids))]
    contacts = [1 if step.patient_contact else 0 for step in steps]
    unknown = [1 if has_no_time(step) else 0 for step in steps]
    organisations = [graph.organisation_of[step_id] for step_id in ids]
    children = [
        [index[target] for target in graph.successors[step_id] if target in index]
        for step_id in ids
    ]
    crossing = [
        [crosses_organisations(organisations[node], organisations[child]) for child in options]
        for node, options in enumerate(children)
    ]
    runs = _runs(
        children,
        [step.kind == "end" for step in steps],
        [step.kind == "start" for step in steps],
        [
            (leads[n], waits[n], values[n], contacts[n], 0, 0, unknown[n], 1)
            for n in range(len(ids))
        ],
        [step.lane for step in steps],
        organisations,
        crossing,
        join=_times_add_exactly(leads, waits, values),
    )

    tree = PathTree(ids)
    tree_parents, tree_steps = tree.parent, tree.step
    moves = 0
    found = 0
    # The organisations on the path so far, with how many of its steps are in each, in the
    # order met.
    met: dict[str, int] = {}
    met_order: list[str] = []
    for start in graph.starts:
        if start not in index:
            continue
        run = runs[index[start]]
        assert run is not None  # a start begins a run
        moves += len(run.members) - 1
        if moves > max_search_steps:
            result.truncated = True
            return result
        # The search's stack, one level per run on the path: the run, the tree node of its last
        # step, the ways on from there not yet followed, and the path's figures.
        path = [run]
        tree_parents.append(-1)
        tree_parents.extend(range(len(tree_steps), len(tree_steps) + len(run.members) - 1))
        tree_steps.extend(run.members)
        path_nodes = [len(tree_steps) - 1]
        ways = [iter(run.ways)]
        totals = [run.totals]
        for organisation, in_run in run.organisations:
            met[organisation] = in_run
            met_order.append(organisation)
        on_path = [False] * len(ids)
        on_path[run.first] = True
        while path:
            for way in ways[-1]:
                if not on_path[way[0]]:
                    break
            else:
                # Every way on from here has been followed: step back.
                run = path.pop()
                path_nodes.pop()
                ways.pop()
                totals.pop()
                on_path[run.first] = False
                for organisation, in_run in reversed(run.organisations):
                    met[organisation] -= in_run
                    if not met[organisation]:
                        del met[organisation]
                        met_order.pop()
                continue
            child, lane_change, crosses, child_run = way
            lead, wait, value, contact, handoff, cross, missing, count = totals[-1]
            if child_run is None:  # an end step: a route
                moves += 1
                if moves > max_search_steps or found == max_routes:
                    result.truncated = True  # one route more than the bound: say so, stop
                    return result
                found += 1
                end_organisation = organisations[child]
                result.routes.append(
                    Route(
                        tree=tree,
                        node=tree.add(path_nodes[-1], child),
                        step_count=count + 1,
                        first_step=start,
                        last_step=ids[child],
                        lead_time_minutes=lead + leads[child],
                        lead_time_is_lower_bound=missing + unknown[child] > 0,
                        waiting_minutes=wait + waits[child],
                        value_adding_minutes=value + values[child],
                        patient_contacts=contact + contacts[child],
                        handoffs=handoff + lane_change,
                        cross_org_handoffs=cross + crosses,
                        organisations=tuple(met_order)
                        + (
                            ()
                            if end_organisation is None or end_organisation in met
                            else (end_organisation,)
                        ),
                    )
                )
                continue
            members = child_run.members
            moves += len(members)
            if moves > max_search_steps:
                result.truncated = True
                return result
            (
                run_lead, run_wait, run_value, run_contacts, run_handoffs, run_crossings,
                run_missing, run_count,
            ) = child_run.totals  # fmt: skip
            totals.append(
                (
                    lead + run_lead,
                    wait + run_wait,
                    value + run_value,
                    contact + run_contacts,
                    handoff + lane_change + run_handoffs,
                    cross + crosses + run_crossings,
                    missing + run_missing,
                    count + run_count,
                )
            )
            size = len(tree_steps)
            tree_parents.append(path_nodes[-1])
            tree_parents.extend(range(size, size + len(members) - 1))
            tree_steps.extend(members)
            path_nodes.append(size + len(members) - 1)
            path.append(child_run)
            ways.append(iter(child_run.ways))
            on_path[child] = True
            for organisation, in_run in child_run.organisations:
                if organisation in met:
                    met[organisation] += in_run
                else:
                    met[organisation] = in_run
                    met_order.append(organisation)
    return result
