"""From the map to the network the simulation walks (`network.NetworkPlan`), checked:
`SimulationRefused` names the step in the user's words.

Rules (`simulation.md`): a start step's `arrivals` is Poisson demand; a step with `capacity`
queues patients for its servers, its `duration` the mean (or, with `service: fixed`, exact)
service time; any other step delays a patient by its `wait` plus its `duration` (unknown times
count as zero). The flows out of a step that state no probability share what the stated ones
leave, equally; when every flow states one and they sum to less than 1, the rest leave the
pathway there, as at a step with no flow out.
"""

from __future__ import annotations

import networkx as nx

from pathmapper.model import Flow, PathMap, Step
from pathmapper.model.durations import MINUTES_PER_DAY
from pathmapper.simulation.network import DAYS_PER_WEEK, NetworkPlan, PlannedStep
from pathmapper.simulation.results import SimulationRefused

# Rounding in the probabilities a person types ("33%" three times) must not refuse a map.
PROBABILITY_SLACK = 1e-6


def name_of(step: Step) -> str:
    """How a message names a step: its label, or its id when it has none."""
    return f"'{step.label.strip()}'" if step.label.strip() else f"step {step.id}"


def _days(minutes: float | None) -> float:
    return 0.0 if minutes is None else minutes / MINUTES_PER_DAY


def _percent(share: float) -> str:
    """A share above 1 by more than the slack, as a percentage with the decimals that show it
    is more than 100%."""
    for decimals in range(4):
        text = f"{share * 100:.{decimals}f}"
        if float(text) != 100:
            return f"{text}%"
    return f"{share * 100:.4f}%"


def refusal_reason(path_map: PathMap) -> str | None:
    """Why the map cannot be simulated, in the user's words; None when it can."""
    try:
        plan_network(path_map)
    except SimulationRefused as refused:
        return str(refused)
    return None


def plan_network(path_map: PathMap) -> NetworkPlan:
    """The simulation's view of the map; raises `SimulationRefused` with the reason."""
    steps = path_map.steps
    index_of = {step.id: number for number, step in enumerate(steps)}
    entries = tuple(
        (index_of[step.id], step.arrivals.per_week / DAYS_PER_WEEK)
        for step in steps
        if step.kind == "start" and step.arrivals is not None
    )
    if not entries:
        raise SimulationRefused(
            "no start step has arrivals: give a start step the patients arriving a week "
            "(e.g. 150 a week) to simulate the map"
        )
    for step in steps:
        if step.capacity is not None and not step.duration_minutes:
            raise SimulationRefused(
                f"{name_of(step)} has capacity but no duration: give its duration, the mean "
                "time a server spends with one patient"
            )
    flows_out: dict[str, list[Flow]] = {}
    for flow in path_map.flows:
        if flow.target in index_of:
            flows_out.setdefault(flow.source, []).append(flow)
    planned = tuple(_planned_step(step, flows_out.get(step.id, []), index_of) for step in steps)
    _refuse_endless_loops(path_map, planned, entries)
    return NetworkPlan(
        steps=planned,
        entries=entries,
        queues=tuple(number for number, step in enumerate(planned) if step.servers is not None),
    )


def _planned_step(step: Step, flows: list[Flow], index_of: dict[str, int]) -> PlannedStep:
    stated = sum(flow.probability for flow in flows if flow.probability is not None)
    if stated > 1 + PROBABILITY_SLACK:
        raise SimulationRefused(
            f"the flows out of {name_of(step)} have probabilities adding up to "
            f"{_percent(stated)}, more than 100%"
        )
    unstated = [flow for flow in flows if flow.probability is None]
    share = max(0.0, 1.0 - stated) / len(unstated) if unstated else 0.0
    targets: list[int] = []
    cumulative: list[float] = []
    total = 0.0
    for flow in flows:
        probability = flow.probability if flow.probability is not None else share
        if probability <= 0:
            continue
        total += probability
        targets.append(index_of[flow.target])
        cumulative.append(total)
    if unstated and cumulative:
        # What the stated flows leave is shared out in full: no patient leaves by rounding.
        cumulative[-1] = max(cumulative[-1], 1.0)
    capacity = step.capacity
    if capacity is None:
        days = _days(step.wait_minutes) + _days(step.duration_minutes)
    else:
        days = _days(step.duration_minutes)
    return PlannedStep(
        id=step.id,
        label=step.label,
        servers=None if capacity is None else capacity.servers,
        days=days,
        fixed_service=capacity is not None and capacity.service == "fixed",
        queue_at_start=0 if capacity is None else capacity.queue_at_start or 0,
        targets=tuple(targets),
        cumulative=tuple(cumulative),
        stated_wait_days=None if step.wait_minutes is None else _days(step.wait_minutes),
    )


def _refuse_endless_loops(
    path_map: PathMap, planned: tuple[PlannedStep, ...], entries: tuple[tuple[int, float], ...]
) -> None:
    """Refuse a map where some patients can never leave: from every step a patient can reach,
    a way out must be taken with positive probability, or the simulation would never end."""
    graph = nx.DiGraph()
    exit_node = -1
    graph.add_node(exit_node)
    for number, step in enumerate(planned):
        graph.add_node(number)
        graph.add_edges_from((number, target) for target in step.targets)
        if not step.cumulative or step.cumulative[-1] < 1 - PROBABILITY_SLACK:
            graph.add_edge(number, exit_node)
    sources = {number for number, _ in entries}
    sources |= {number for number, step in enumerate(planned) if step.queue_at_start}
    reached: set[int] = set(sources)
    for source in sources:
        reached |= nx.descendants(graph, source)
    can_leave = nx.ancestors(graph, exit_node)
    trapped = sorted(reached - can_leave - {exit_node})
    if trapped:
        names = ", ".join(name_of(path_map.steps[number]) for number in trapped[:4])
        more = f" and {len(trapped) - 4} more" if len(trapped) > 4 else ""
        raise SimulationRefused(
            f"patients who reach {names}{more} can never leave: their flows loop back with "
            "probability 100%; give a way out a probability above 0"
        )
