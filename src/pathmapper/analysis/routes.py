"""Routes: simple paths from a start step to the first end step, with their figures.

The search is a depth-first walk with an explicit stack. Each level of the stack carries the
running totals of the path so far, so a route's figures are known the moment it reaches an end
step, without adding its steps up again. It stops after MAX_ROUTES routes, or after
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
# handoffs, steps with no time). Plain tuples: the search makes hundreds of thousands.
_Totals = tuple[float, float, float, int, int, int, int]


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
    is_end = [step.kind == "end" for step in steps]
    lanes = [step.lane for step in steps]
    organisations = [graph.organisation_of[step_id] for step_id in ids]
    children = [
        [index[target] for target in graph.successors[step_id] if target in index]
        for step_id in ids
    ]
    # For each step's children, whether going there changes organisation: once per flow here,
    # not once per move of the search.
    crossing = [
        [crosses_organisations(organisations[node], organisations[child]) for child in options]
        for node, options in enumerate(children)
    ]

    tree = PathTree(ids)
    moves = 0
    for start in graph.starts:
        if start not in index:
            continue
        first = index[start]
        path = [first]
        path_nodes = [tree.add(-1, first)]
        on_path = [False] * len(ids)
        on_path[first] = True
        next_child = [0]
        totals: list[_Totals] = [
            (leads[first], waits[first], values[first], contacts[first], 0, 0, unknown[first])
        ]
        # The organisations on the path so far, with how many of its steps are in each (the
        # patient's own steps, organisation None, count in none).
        met: dict[str, int] = {}
        met_order: list[str] = []
        first_organisation = organisations[first]
        if first_organisation is not None:
            met[first_organisation] = 1
            met_order.append(first_organisation)
        while path:
            node = path[-1]
            options = children[node]
            position = next_child[-1]
            while position < len(options) and on_path[options[position]]:
                position += 1
            if position >= len(options):
                # Every way on from here has been followed: step back.
                path.pop()
                path_nodes.pop()
                next_child.pop()
                totals.pop()
                on_path[node] = False
                left = organisations[node]
                if left is not None:
                    met[left] -= 1
                    if not met[left]:
                        del met[left]
                        met_order.pop()
                continue
            next_child[-1] = position + 1
            child = options[position]
            moves += 1
            if moves > max_search_steps:
                result.truncated = True
                return result
            lead, wait, value, contact, handoff, cross, missing = totals[-1]
            organisation = organisations[child]
            step_totals = (
                lead + leads[child],
                wait + waits[child],
                value + values[child],
                contact + contacts[child],
                handoff + (lanes[child] != lanes[node]),
                cross + crossing[node][position],
                missing + unknown[child],
            )
            if is_end[child]:
                if len(result.routes) == max_routes:
                    result.truncated = True  # one route more than the bound: say so, stop
                    return result
                result.routes.append(
                    Route(
                        tree=tree,
                        node=tree.add(path_nodes[-1], child),
                        step_count=len(path) + 1,
                        first_step=ids[first],
                        last_step=ids[child],
                        lead_time_minutes=step_totals[0],
                        lead_time_is_lower_bound=step_totals[6] > 0,
                        waiting_minutes=step_totals[1],
                        value_adding_minutes=step_totals[2],
                        patient_contacts=step_totals[3],
                        handoffs=step_totals[4],
                        cross_org_handoffs=step_totals[5],
                        organisations=tuple(met_order)
                        + (() if organisation is None or organisation in met else (organisation,)),
                    )
                )
                continue
            path.append(child)
            path_nodes.append(tree.add(path_nodes[-1], child))
            next_child.append(0)
            totals.append(step_totals)
            on_path[child] = True
            if organisation is None:
                continue
            if organisation in met:
                met[organisation] += 1
            else:
                met[organisation] = 1
                met_order.append(organisation)
    return result
