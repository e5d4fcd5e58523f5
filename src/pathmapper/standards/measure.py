"""Measuring one map against a programme's standards (standards.md, version 1).

Every rule reads the map's `Analysis` (its routes, findings and flow graph): a standard counts
routes, handoffs and organisations exactly as the findings do, the patient's own lane included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
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
    starts = {s for s, step in graph.steps.items() if selects(graph, standard.from_, step)}
    ends = {s for s, step in graph.steps.items() if selects(graph, standard.to, step)}
    worst: tuple[float, str, str] | None = None
    unknown: tuple[str, str, str] | None = None  # from, to, the step with no time
    for route in analysis.routes:
        steps = route.steps
        # Times along the route: lead[k] is the wait and duration of the steps before k;
        # missing[k] counts the steps before k whose time must be known and is not.
        lead = [0.0, *accumulate(graph.wait_minutes[s] + graph.duration_minutes[s] for s in steps)]
        missing = [0, *accumulate(_takes_time(graph.steps[s]) for s in steps)]
        following_end = len(steps)
        next_end = [0] * len(steps)
        for index in range(len(steps) - 1, -1, -1):
            next_end[index] = following_end
            if steps[index] in ends:
                following_end = index
        for index, step_id in enumerate(steps):
            later = next_end[index]
            if step_id not in starts or later == len(steps):
                continue
            end_id = steps[later]
            minutes = (
                graph.duration_minutes[step_id]
                + lead[later]
                - lead[index + 1]
                + graph.wait_minutes[end_id]
            )
            if worst is None or minutes > worst[0]:
                worst = (minutes, step_id, end_id)
            if minutes <= limit and missing[later] > missing[index + 1] and unknown is None:
                gap = next(s for s in steps[index + 1 : later] if _takes_time(graph.steps[s]))
                unknown = (step_id, end_id, gap)
    if worst is None:
        return _route_result(
            analysis,
            standard,
            "not_applicable",
            f"No route has {describe_selector(standard.from_)} followed by "
            f"{describe_selector(standard.to)}.",
        )
    minutes, first, last = worst
    between = f"from {graph.name(first)} to {graph.name(last)}"
    if minutes > limit:
        return StandardResult(
            standard,
            "not_met",
            f"The longest route takes {describe_minutes(minutes)} {between} ({said_limit}).",
            (first, last),
        )
    if unknown is not None:
        first, last, gap = unknown
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
    through = {s for s, step in graph.steps.items() if selects(graph, standard.through, step)}
    missing = [route for route in analysis.routes if through.isdisjoint(route.steps)]
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
    worst: Route | None = None
    unknown: Route | None = None
    for route in analysis.routes:
        value = value_of(route)
        if worst is None or value > value_of(worst):
            worst = route
        if (
            standard.measure == "lead_time"
            and value <= limit
            and unknown is None
            and any(_timeless(graph.steps[step_id]) for step_id in route.steps)
        ):
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
