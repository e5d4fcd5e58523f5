"""The analysis as text for people: the report `pathmapper check` prints by default.

Grouped as Summary, Gaps, Loops, Handoffs, Duplication and Routes; steps are named by label and
lane, times in weeks, days, hours and minutes.
"""

from __future__ import annotations

from pathmapper.analysis.engine import Analysis
from pathmapper.analysis.findings import CATEGORY_ORDER, Finding
from pathmapper.analysis.graph import names_list
from pathmapper.analysis.routes import MAX_ROUTES, Route
from pathmapper.model import describe_minutes

SEVERITY_WORDS = {"error": "ERROR", "warning": "warning", "info": "note"}
INDENT = "  "


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _time(minutes: float, lower_bound: bool = False) -> str:
    return ("at least " if lower_bound else "") + describe_minutes(minutes)


def summary_lines(analysis: Analysis) -> list[str]:
    summary = analysis.summary
    graph = analysis.graph
    lines = [
        f"{_plural(summary['steps'], 'step')} and {_plural(summary['flows'], 'arrow')} in "
        f"{_plural(summary['lanes'], 'lane')} of "
        f"{_plural(summary['organisations'], 'organisation')}; "
        f"{_plural(summary['decisions'], 'decision')}",
        f"Handoffs: {summary['handoffs']:,} between lanes, {summary['cross_org_handoffs']:,} of "
        f"them between organisations; up to {summary['handoffs_max_per_route']:,} on one route",
        f"Loops: {summary['loops']:,} unplanned, {summary['expected_loops']:,} planned",
    ]
    if summary["routes"]:
        bound = summary["lead_time_is_lower_bound"]
        more = (
            f" (stopped after {MAX_ROUTES:,}: there are more)"
            if summary["routes_truncated"]
            else ""
        )
        lines.append(
            f"Routes: {summary['routes']:,}{more}; lead time "
            f"{_time(summary['lead_time_min_minutes'], bound)} to "
            f"{_time(summary['lead_time_max_minutes'], bound)}; up to "
            f"{_plural(summary['patient_contacts_max'], 'patient contact')} and "
            f"{_plural(analysis.organisations_met_max, 'organisation')} on one route"
        )
    else:
        lines.append("Routes: none (no way from a start step to an end step)")
    lines.append(
        f"Time waiting (all steps): {describe_minutes(analysis.waiting_minutes_total)}; "
        f"value-adding time: {describe_minutes(analysis.value_adding_minutes_total)}"
    )
    if analysis.bottlenecks:
        names = names_list([graph.name(step_id) for step_id in analysis.bottlenecks])
        lines.append(f"Every route passes through: {names}")
    lines.append(
        f"Findings: {_plural(summary['errors'], 'error')}, "
        f"{_plural(summary['warnings'], 'warning')}, {_plural(summary['infos'], 'note')}"
    )
    return lines


def finding_lines(finding: Finding) -> list[str]:
    lines = [f"[{SEVERITY_WORDS[finding.severity]}] {finding.message}"]
    if finding.suggestion:
        lines.append(f"{INDENT}-> {finding.suggestion}")
    return lines


def _route_line(analysis: Analysis, route: Route) -> str:
    graph = analysis.graph
    return (
        f"from {graph.name(route.first_step)} to {graph.name(route.last_step)}: "
        f"{_plural(route.step_count, 'step')}, lead time "
        f"{_time(route.lead_time_minutes, route.lead_time_is_lower_bound)} "
        f"(waiting {describe_minutes(route.waiting_minutes)}, value-adding "
        f"{describe_minutes(route.value_adding_minutes)}), "
        f"{_plural(route.patient_contacts, 'patient contact')}, "
        f"{_plural(route.handoffs, 'handoff')} "
        f"({route.cross_org_handoffs:,} between organisations), "
        f"{_plural(len(route.organisations), 'organisation')} met"
    )


def route_lines(analysis: Analysis) -> list[str]:
    if not analysis.routes:
        return ["No route leads from a start step to an end step."]
    routes = analysis.routes
    longest = max(routes, key=lambda route: route.lead_time_minutes)
    shortest = min(routes, key=lambda route: route.lead_time_minutes)
    lines = [f"Longest: {_route_line(analysis, longest)}"]
    if shortest is not longest:
        lines.append(f"Shortest: {_route_line(analysis, shortest)}")
    if analysis.routes_truncated:
        lines.append(
            f"There are more than {MAX_ROUTES:,} routes; the figures are over the first "
            f"{len(routes):,} found."
        )
    if analysis.handoff_matrix:
        lines.append("Handoffs between organisations (from -> to: arrows):")
        for (source, target), count in sorted(
            analysis.handoff_matrix.items(), key=lambda item: (-item[1], item[0])
        ):
            lines.append(f"{INDENT}{source} -> {target}: {count:,}")
    return lines


def render_text(analysis: Analysis, file: str) -> str:
    """The whole report for one map."""
    title = analysis.title.strip()
    lines = [f"{file}: {title}" if title else file, "", "Summary"]
    lines += [INDENT + line for line in summary_lines(analysis)]
    for category in CATEGORY_ORDER:
        findings = analysis.findings_in(category)
        lines += ["", f"{category} ({len(findings):,})"]
        if not findings:
            lines.append(f"{INDENT}none")
        for finding in findings:
            lines += [INDENT + line for line in finding_lines(finding)]
    lines += ["", "Routes"]
    lines += [INDENT + line for line in route_lines(analysis)]
    return "\n".join(lines) + "\n"
