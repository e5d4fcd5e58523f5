"""Analysis of the flow graph: gaps, loops, handoffs, duplication, routes and figures (no Qt).

`analyse(map)` computes everything once and returns an `Analysis`; see
`../shared/design/analysis.md` for what each finding code means.
"""

from pathmapper.analysis.engine import Analysis, analyse
from pathmapper.analysis.findings import CATEGORY_ORDER, SEVERITIES, Finding, Severity
from pathmapper.analysis.graph import FlowGraph
from pathmapper.analysis.routes import MAX_ROUTES, Route
from pathmapper.model import normalise_label

__all__ = [
    "CATEGORY_ORDER",
    "MAX_ROUTES",
    "SEVERITIES",
    "Analysis",
    "Finding",
    "FlowGraph",
    "Route",
    "Severity",
    "analyse",
    "normalise_label",
]
