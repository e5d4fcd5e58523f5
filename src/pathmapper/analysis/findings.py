"""A finding: one thing the analysis shows the room, with a stable code and a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# The sections of the report, keyed by the prefix of a finding's code ("gap.dead_end").
CATEGORIES: dict[str, str] = {
    "gap": "Gaps",
    "loop": "Loops",
    "handoff": "Handoffs",
    "duplication": "Duplication",
    "standard": "Standards",  # a programme standard not met (only with a standards file)
}
# The sections every analysis has, in report order (Standards only when a map has standards).
CATEGORY_ORDER: tuple[str, ...] = ("Gaps", "Loops", "Handoffs", "Duplication")

# Every code the analysis reports (analysis.md), for what names them from outside: a programme
# standard that no finding of some codes is reported.
FINDING_CODES: tuple[str, ...] = (
    "gap.no_start",
    "gap.no_end",
    "gap.isolated",
    "gap.unreachable",
    "gap.dead_end",
    "gap.no_route_to_end",
    "gap.decision_branches",
    "gap.unlabelled_branch",
    "gap.duplicate_flow",
    "gap.unlabelled_step",
    "gap.empty_lane",
    "gap.missing_time",
    "gap.flagged",
    "loop.cycle",
    "loop.expected",
    "handoff.cross_organisation",
    "handoff.unlabelled",
    "handoff.ping_pong",
    "duplication.similar_steps",
)


@dataclass(frozen=True)
class Finding:
    """Something in the map worth the room's attention.

    `message` is read out in the workshop: it names steps by label and lane, never by id.
    `elements` are the ids of the steps, flows, lanes or comments it concerns, for the editor
    to highlight. `suggestion` says what to look at or do next.
    """

    code: str
    severity: Severity
    message: str
    elements: tuple[str, ...] = ()
    suggestion: str = ""

    @property
    def category(self) -> str:
        """ "Gaps", "Loops", "Handoffs" or "Duplication", from the prefix of the code."""
        return CATEGORIES.get(self.code.split(".", 1)[0], "Other")

    def to_json(self) -> dict[str, Any]:
        """The finding as `pathmapper check --format json` writes it."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
            "suggestion": self.suggestion,
        }
