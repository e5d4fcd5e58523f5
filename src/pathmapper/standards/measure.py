"""Measuring one map against a programme's standards (standards.md, version 1).

Every rule reads the map's `Analysis` (its routes, findings and flow graph): a standard counts
routes, handoffs and organisations exactly as the findings do, the patient's own lane included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pathmapper.analysis import MAX_ROUTES, Analysis, FlowGraph, Route
from pathmapper.analysis.graph import names_list
from pathmapper.model import Step, describe_minutes
from pathmapper.standards.spec import (
    EveryRoutePasses,
    EveryStepHas,
    NoFindings,
    RouteMax,
    Selector,
    Standard,
    StandardsFile,
    TimeBetween,
)
from pathmapper.standards.tree import RouteTree

Status = Literal["met", "not_met", "unknown", "not_applicable"]
STATUSES: tuple[Status, ...] = ("met", "not_met", "unknown", "not_applicable")
STATUS_NAMES: dict[Status, str] = {
    "met": "met",
    "not_met": "not met",
    "unknown": "unknown",
    "not_applicable": "not applicable",
}
# A symbol beside each status, so a table printed in black and white still says it.
STATUS_SYMBOLS: dict[Status, str] = {
    "met": "✓",
    "not_met": "✗",
    "unknown": "?",
    "not_applicable": "–",
}


@dataclass(frozen=True)
class StandardResult:
    """How one map stands against one standard; `elements` are the worst case's steps (or a
    finding's elements), empty when the standard is met."""

    standard: Standard
    status: Status
    message: str
    elements: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.standard.id,
            "title": self.standard.title,
            "severity": self.standard.severity,
            "status": self.status,
            "message": self.message,
            "elements": list(self.elements),
        }


# ---------------------------------------------------------------------------- selectors


def _same(first: str, second: str) -> bool:
    return first.strip().casefold() == second.strip().casefold()


def selects(graph: FlowGraph, selector: Selector, step: Step) -> bool:
    """Whether the step matches every key the selector gives."""
    if selector.kind is not None and not _same(step.kind, selector.kind):
        return False
    if selector.tag is not None and not any(_same(tag, selector.tag) for tag in step.tags):
        return False
    if selector.lane is not None and not _same(step.lane, selector.lane):
        return False
    if selector.id is not None and not _same(step.id, selector.id):
        return False
    if selector.organisation is not None:
        organisation = graph.organisation_of.get(step.id)
        if organisation is None or not _same(organisation, selector.organisation):
            return False
    return True


def describe_selector(selector: Selector) -> str:
    """ "a step with tag 'triage'", "a start step", "any step"."""
    kind = f"{selector.kind.strip().lower()} " if selector.kind is not None else ""
    said = [
        f"{key} '{value.strip()}'"
        for key, value in (
            ("tag", selector.tag),
            ("lane", selector.lane),
            ("organisation", selector.organisation),
            ("id", selector.id),
        )
        if value is not None
    ]
    if not kind and not said:
        return "any step"
    article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
    return f"{article} {kind}step" + (" with " + " and ".join(said) if said else "")


# ---------------------------------------------------------------------------- the rules


def _takes_time(step: Step) -> bool:
    """A step whose time must be known: a decision takes none unless it states one."""
    return step.kind != "decision" and (step.wait is None and step.duration is None)


def _time_between(analysis: Analysis, standard: TimeBetween) -> StandardResult:
    graph = analysis.graph
    limit = standard.max_minutes
    said_limit = f"standard {describe_minutes(limit)}"
    routes = RouteTree(analysis)
    steps = [graph.steps[step_id] for step_id in routes.ids]
    is_from = [selects(graph, standard.from_, step) for step in steps]
    is_to = [selects(graph, standard.to, step) for step in steps]
    waits = [graph.wait_minutes[step.id] for step in steps]
    durations = [graph.duration_minutes[step.id] for step in steps]
    lead = routes.running_sum(
        [wait + duration for wait, duration in zip(waits, durations, strict=True)]
    )
    missing = routes.running_sum([float(_takes_time(step)) for step in steps])
    # Of the steps matching `from` since the last one matching `to`, the earliest: the one
    # measured, since no later one can take longer (every wait and duration is at least 0)
    # nor have a step of unknown time between it and the `to` that the earliest has not.
    pending = [-1] * len(routes)
    worst: tuple[float, int, int] | None = None
    unknown: tuple[int, int] | None = None
    for node, (parent, step) in enumerate(zip(routes.parents, routes.steps, strict=True)):
        earliest = pending[parent] if parent >= 0 else -1
        if is_to[step]:
            if earliest >= 0 and routes.on_route[node]:
                minutes = (
                    durations[routes.steps[earliest]] + lead[parent] - lead[earliest] + waits[step]
                )
                if worst is None or minutes > worst[0]:
                    worst = (minutes, earliest, node)
                if unknown is None and minutes <= limit and missing[parent] > missing[earliest]:
                    unknown = (earliest, node)
            earliest = node if is_from[step] else -1
        elif is_from[step] and earliest < 0:
            earliest = node
        pending[node] = earliest
    if worst is None:
        return _route_result(
            analysis,
            standard,
            "not_applicable",
            f"No route has {describe_selector(standard.from_)} followed by "
            f"{describe_selector(standard.to)}.",
        )
    minutes, first_node, last_node = worst
    first, last = routes.step_id(first_node), routes.step_id(last_node)
    between = f"from {graph.name(first)} to {graph.name(last)}"
    if minutes > limit:
        return StandardResult(
            standard,
            "not_met",
            f"The longest route takes {describe_minutes(minutes)} {between} ({said_limit}).",
            (first, last),
        )
    if unknown is not None:
        first_node, last_node = unknown
        first, last = routes.step_id(first_node), routes.step_id(last_node)
        gap = next(
            routes.step_id(node)
            for node in routes.between(first_node, last_node)
            if _takes_time(steps[routes.steps[node]])
        )
        return StandardResult(
            standard,
            "unknown",
            f"Not known: {graph.name(gap)} has no time, between {graph.name(first)} and "
            f"{graph.name(last)} ({said_limit}).",
            (first, gap, last),
        )
    return _route_result(
        analysis,
        standard,
        "met",
        f"Every route takes at most {describe_minutes(minutes)} {between} ({said_limit}).",
    )


def _every_route_passes(analysis: Analysis, standard: EveryRoutePasses) -> StandardResult:
    graph = analysis.graph
    routes = RouteTree(analysis)
    through = [float(selects(graph, standard.through, graph.steps[s])) for s in routes.ids]
    passes = routes.running_sum(through)
    missing = [route for route in analysis.routes if not passes[route.node]]
    wanted = describe_selector(standard.through)
    if missing:
        example = missing[0].steps
        return StandardResult(
            standard,
            "not_met",
            f"{len(missing):,} of {len(analysis.routes):,} routes never pass {wanted}, for one "
            f"from {graph.name(example[0])} to {graph.name(example[-1])}.",
            example,
        )
    return _route_result(analysis, standard, "met", f"Every route passes {wanted}.")


# What `route_max` measures on a route (organisations: those met, the patient not one).
MEASURES: dict[str, Callable[[Route], float]] = {
    "steps": lambda route: route.step_count,
    "handoffs": lambda route: route.handoffs,
    "cross_org_handoffs": lambda route: route.cross_org_handoffs,
    "organisations": lambda route: len(route.organisations),
    "contacts": lambda route: route.patient_contacts,
    "lead_time": lambda route: route.lead_time_minutes,
}


MEASURE_WORDS = {
    "steps": ("has", "steps"),
    "handoffs": ("has", "handoffs"),
    "cross_org_handoffs": ("has", "handoffs between organisations"),
    "organisations": ("meets", "organisations"),
    "contacts": ("has", "patient contacts"),
}


def _said(measure: str, value: float) -> str:
    if measure == "lead_time":
        return f"takes {describe_minutes(value)}"
    verb, noun = MEASURE_WORDS[measure]
    return f"{verb} {value:,.0f} {noun}"


def _route_max(analysis: Analysis, standard: RouteMax) -> StandardResult:
    graph = analysis.graph
    value_of = MEASURES[standard.measure]
    limit = standard.max_value
    limit_said = describe_minutes(limit) if standard.measure == "lead_time" else f"{limit:,.0f}"
    timeless: list[float] = []
    if standard.measure == "lead_time":
        routes = RouteTree(analysis)
        timeless = routes.running_sum([float(_timeless(graph.steps[s])) for s in routes.ids])
    worst: Route | None = None
    unknown: Route | None = None
    for route in analysis.routes:
        value = value_of(route)
        if worst is None or value > value_of(worst):
            worst = route
        if unknown is None and timeless and value <= limit and timeless[route.node]:
            unknown = route
    if worst is None:
        return _route_result(analysis, standard, "met", "There is no route to measure.")
    value = value_of(worst)
    ends = f"from {graph.name(worst.first_step)} to {graph.name(worst.last_step)}"
    if value > limit:
        return StandardResult(
            standard,
            "not_met",
            f"The worst route {_said(standard.measure, value)}, {ends} (standard at most "
            f"{limit_said}).",
            worst.steps,
        )
    if unknown is not None:
        gap = next(step_id for step_id in unknown.steps if _timeless(graph.steps[step_id]))
        return StandardResult(
            standard,
            "unknown",
            f"Not known: {graph.name(gap)} has no time, on a route from "
            f"{graph.name(unknown.first_step)} (standard at most {limit_said}).",
            unknown.steps,
        )
    return _route_result(
        analysis,
        standard,
        "met",
        f"The worst route {_said(standard.measure, value)} (standard at most {limit_said}).",
    )


def _timeless(step: Step) -> bool:
    """A step on a route whose lead time is then unknown (start, end and decision excepted)."""
    return step.kind not in ("start", "end") and _takes_time(step)


def _no_findings(analysis: Analysis, standard: NoFindings) -> StandardResult:
    codes = set(standard.codes)
    found = [finding for finding in analysis.findings if finding.code in codes]
    if not found:
        return StandardResult(standard, "met", f"No finding of {names_list(list(standard.codes))}.")
    more = f" (and {len(found) - 1:,} more)" if len(found) > 1 else ""
    elements = dict.fromkeys(element for finding in found for element in finding.elements)
    return StandardResult(standard, "not_met", f"{found[0].message}{more}", tuple(elements))


def _empty(step: Step, field: str) -> bool:
    values: dict[str, bool] = {
        "owner": not step.owner.strip(),
        "notes": not step.notes.strip(),
        "duration": step.duration is None,
        "wait": step.wait is None,
        "phase": step.phase is None,
        "tags": not step.tags,
    }
    return values[field]


def _every_step_has(analysis: Analysis, standard: EveryStepHas) -> StandardResult:
    graph = analysis.graph
    chosen = [
        step
        for step in graph.path_map.steps
        if standard.where is None or selects(graph, standard.where, step)
    ]
    fields = names_list(list(standard.fields))
    if not chosen:
        where = describe_selector(standard.where) if standard.where else "any step"
        return StandardResult(standard, "not_applicable", f"No step of the map is {where}.")
    lacking = [step for step in chosen if any(_empty(step, f) for f in standard.fields)]
    if lacking:
        names = names_list([graph.name(step.id) for step in lacking])
        return StandardResult(
            standard,
            "not_met",
            f"{len(lacking):,} of {len(chosen):,} steps lack {fields}: {names}.",
            tuple(step.id for step in lacking),
        )
    return StandardResult(standard, "met", f"All {len(chosen):,} steps it covers give {fields}.")


def _route_result(
    analysis: Analysis, standard: Standard, status: Status, message: str
) -> StandardResult:
    """A result read from the routes: met or not applicable only on the routes enumerated,
    which is unknown when there were more."""
    if analysis.routes_truncated and status in ("met", "not_applicable"):
        return StandardResult(
            standard,
            "unknown",
            f"Only the first {MAX_ROUTES:,} routes were followed; there are more. On those: "
            f"{message[0].lower()}{message[1:]}",
        )
    return StandardResult(standard, status, message)


def measure_standard(analysis: Analysis, standard: Standard) -> StandardResult:
    if isinstance(standard, TimeBetween):
        return _time_between(analysis, standard)
    if isinstance(standard, EveryRoutePasses):
        return _every_route_passes(analysis, standard)
    if isinstance(standard, RouteMax):
        return _route_max(analysis, standard)
    if isinstance(standard, NoFindings):
        return _no_findings(analysis, standard)
    return _every_step_has(analysis, standard)


def measure_standards(analysis: Analysis, standards: StandardsFile) -> list[StandardResult]:
    """The map's result for each standard, in the order of the file."""
    return [measure_standard(analysis, standard) for standard in standards.standard]


def breaches(results: Iterable[StandardResult]) -> list[StandardResult]:
    return [result for result in results if result.status == "not_met"]
