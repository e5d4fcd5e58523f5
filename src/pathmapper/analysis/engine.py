"""`analyse(map)`: every finding, route and figure of a map, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pathmapper.analysis import figures
from pathmapper.analysis.duplication import duplication_findings
from pathmapper.analysis.findings import CATEGORY_ORDER, SEVERITIES, Finding
from pathmapper.analysis.gaps import gap_findings
from pathmapper.analysis.graph import FlowGraph
from pathmapper.analysis.handoffs import handoff_findings
from pathmapper.analysis.loops import loop_findings
from pathmapper.analysis.routes import Route, find_routes
from pathmapper.model import PathMap


@dataclass
class Analysis:
    """What the analysis found in one map. Plain data: the editor's findings dock, the PDF
    report and the as-is/to-be comparison all read it; nothing here recomputes."""

    title: str
    findings: list[Finding]
    routes: list[Route]
    routes_truncated: bool
    cycles: list[tuple[str, ...]]  # one per loop-back flow: its steps from the flow's target
    summary: dict[str, Any]
    handoff_matrix: dict[tuple[str, str], int]
    handoff_flows: list[str]
    cross_org_flows: list[str]
    bottlenecks: list[str]
    organisations_met_max: int
    waiting_minutes_total: float
    value_adding_minutes_total: float
    graph: FlowGraph = field(repr=False)
    # (met, of how many) when the map was measured against programme standards.
    standards_met: tuple[int, int] | None = None

    def findings_in(self, category: str) -> list[Finding]:
        """The findings of one section: "Gaps", "Loops", "Handoffs" or "Duplication"."""
        return [finding for finding in self.findings if finding.category == category]

    def has_errors(self) -> bool:
        return any(finding.severity == "error" for finding in self.findings)

    def to_json(self, file: str) -> dict[str, Any]:
        """The structure `pathmapper check --format json` writes for one map."""
        return {
            "file": file,
            "title": self.title,
            "summary": dict(self.summary),
            "findings": [finding.to_json() for finding in self.findings],
        }


def _finding_order(finding: Finding) -> tuple[int, int]:
    category = finding.category
    section = CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)
    return section, SEVERITIES.index(finding.severity)


def analyse(path_map: PathMap) -> Analysis:
    """Analyse a map: gaps, loops, handoffs, duplication, routes and figures."""
    graph = FlowGraph.of(path_map)
    found = find_routes(graph)
    loops = loop_findings(graph)
    handoffs = handoff_findings(graph, found.routes)
    findings = gap_findings(graph) + loops.findings + handoffs.findings
    findings += duplication_findings(graph)
    # Sections in report order, most severe first within each; stable, so the order inside a
    # severity stays the order of the map.
    findings.sort(key=_finding_order)
    return Analysis(
        title=path_map.title,
        findings=findings,
        routes=found.routes,
        routes_truncated=found.truncated,
        cycles=loops.cycles,
        summary=figures.summary(
            graph,
            findings,
            found.routes,
            found.truncated,
            handoffs=len(handoffs.handoff_flows),
            cross_org_handoffs=len(handoffs.cross_org_flows),
        ),
        handoff_matrix=handoffs.matrix,
        handoff_flows=handoffs.handoff_flows,
        cross_org_flows=handoffs.cross_org_flows,
        bottlenecks=figures.bottlenecks(graph),
        organisations_met_max=max((len(route.organisations) for route in found.routes), default=0),
        waiting_minutes_total=figures.waiting_minutes_total(graph),
        value_adding_minutes_total=figures.value_adding_minutes_total(graph),
        graph=graph,
    )
