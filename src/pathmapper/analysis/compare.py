"""Comparing two maps (as is against to be, or two versions): the figures side by side, and
which steps and lanes were added, removed, moved to another lane or relabelled.

Steps and lanes are matched by id first; those left over are matched by label (lane: name),
normalised as the duplication check does, so a to-be map drawn afresh still lines up with its
as-is map. No Qt: the command line prints this, the editor and the PDF report show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal, TypeVar

from pathmapper.analysis.engine import Analysis, analyse
from pathmapper.model import Lane, PathMap, Step, normalise_label

FigureUnit = Literal["count", "minutes"]
Better = Literal["lower", "higher", "neither"]
ComparedKind = Literal["step", "lane"]
ComparedAction = Literal["added", "removed", "moved", "relabelled"]
MatchedBy = Literal["id", "label"]
Element = TypeVar("Element", Lane, Step)


@dataclass(frozen=True)
class Figure:
    """One figure for both maps. `None` means there is no figure (no route, so no lead time);
    a lower bound means some step on a route has no time given."""

    key: str
    name: str
    unit: FigureUnit
    better: Better
    first: float | None
    second: float | None
    first_is_lower_bound: bool = False
    second_is_lower_bound: bool = False

    @property
    def change(self) -> float | None:
        if self.first is None or self.second is None:
            return None
        return self.second - self.first

    @property
    def improved(self) -> bool | None:
        """True when the second map is better on this figure, False when worse, None when
        equal, unknown or neither way is better."""
        change = self.change
        if change is None or change == 0 or self.better == "neither":
            return None
        return (change < 0) == (self.better == "lower")


@dataclass(frozen=True)
class ElementChange:
    """A step or lane added, removed, moved to another lane (steps) or relabelled. `lane_*`
    name the step's lane in each map (for lanes, empty)."""

    kind: ComparedKind
    action: ComparedAction
    first_id: str | None
    second_id: str | None
    first_label: str
    second_label: str
    first_lane: str = ""
    second_lane: str = ""
    matched_by: MatchedBy | None = None


@dataclass(frozen=True)
class MapComparison:
    first_title: str
    second_title: str
    figures: list[Figure]
    changes: list[ElementChange]

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)

    def changes_of(self, kind: ComparedKind, action: ComparedAction) -> list[ElementChange]:
        return [c for c in self.changes if c.kind == kind and c.action == action]

    def to_json(self) -> dict[str, Any]:
        return {
            "first": {"title": self.first_title},
            "second": {"title": self.second_title},
            "figures": [
                {
                    "key": f.key,
                    "name": f.name,
                    "unit": f.unit,
                    "better": f.better,
                    "first": f.first,
                    "second": f.second,
                    "change": f.change,
                    "first_is_lower_bound": f.first_is_lower_bound,
                    "second_is_lower_bound": f.second_is_lower_bound,
                }
                for f in self.figures
            ],
            "changes": [asdict(change) for change in self.changes],
        }


def compare_maps(
    first: PathMap,
    second: PathMap,
    first_analysis: Analysis | None = None,
    second_analysis: Analysis | None = None,
) -> MapComparison:
    """Compare `first` (usually the as-is map) with `second` (the to-be map). Pass analyses
    already made to save recomputing them."""
    before = first_analysis if first_analysis is not None else analyse(first)
    after = second_analysis if second_analysis is not None else analyse(second)
    lane_pairs = match_elements(first.lanes, second.lanes, lambda lane: lane.name)
    step_pairs = match_elements(first.steps, second.steps, lambda step: step.label)
    return MapComparison(
        first_title=first.title,
        second_title=second.title,
        figures=compare_figures(before, after),
        changes=_lane_changes(lane_pairs) + _step_changes(first, second, step_pairs, lane_pairs),
    )


def _gaps(analysis: Analysis) -> float:
    return float(len(analysis.findings_in("Gaps")))


FIGURES: tuple[tuple[str, str, FigureUnit, Better], ...] = (
    ("steps", "Steps", "count", "lower"),
    ("handoffs", "Handoffs", "count", "lower"),
    ("cross_org_handoffs", "Handoffs between organisations", "count", "lower"),
    ("loops", "Loops (unplanned)", "count", "lower"),
    ("gaps", "Gaps found", "count", "lower"),
    ("patient_contacts_max", "Patient contacts (most on a route)", "count", "lower"),
    ("lead_time_min_minutes", "Lead time, shortest route", "minutes", "lower"),
    ("lead_time_max_minutes", "Lead time, longest route", "minutes", "lower"),
    ("waiting_minutes_total", "Waiting time (all steps)", "minutes", "lower"),
    ("value_adding_minutes_total", "Value-adding time (all steps)", "minutes", "neither"),
    ("organisations_met_max", "Organisations met (most on a route)", "count", "lower"),
)


def _figure_value(analysis: Analysis, key: str) -> float | None:
    if key == "gaps":
        return _gaps(analysis)
    if key == "waiting_minutes_total":
        return analysis.waiting_minutes_total
    if key == "value_adding_minutes_total":
        return analysis.value_adding_minutes_total
    if key == "organisations_met_max":
        return float(analysis.organisations_met_max)
    value = analysis.summary.get(key)
    return None if value is None else float(value)


def compare_figures(first: Analysis, second: Analysis) -> list[Figure]:
    figures: list[Figure] = []
    for key, name, unit, better in FIGURES:
        is_lead_time = key.startswith("lead_time")
        figures.append(
            Figure(
                key=key,
                name=name,
                unit=unit,
                better=better,
                first=_figure_value(first, key),
                second=_figure_value(second, key),
                first_is_lower_bound=is_lead_time
                and bool(first.summary.get("lead_time_is_lower_bound")),
                second_is_lower_bound=is_lead_time
                and bool(second.summary.get("lead_time_is_lower_bound")),
            )
        )
    return figures


def match_elements(
    first: list[Element], second: list[Element], label_of: Callable[[Element], str]
) -> list[tuple[Element | None, Element | None, MatchedBy | None]]:
    """Pairs (first, second, how matched): by id, then by normalised label in map order;
    unmatched elements pair with None. Empty labels never match."""
    by_id = {element.id: element for element in second}
    first_ids = {element.id for element in first}
    pairs: list[tuple[Element | None, Element | None, MatchedBy | None]] = []
    for element in first:
        if element.id in by_id:
            pairs.append((element, by_id[element.id], "id"))
    leftover_second: dict[str, list[Element]] = {}
    for element in second:
        if element.id not in first_ids:
            key = normalise_label(label_of(element))
            leftover_second.setdefault(key, []).append(element)
    matched_second: set[str] = set()
    for element in first:
        if element.id in by_id:
            continue
        key = normalise_label(label_of(element))
        candidates = leftover_second.get(key, []) if key else []
        if candidates:
            partner = candidates.pop(0)
            matched_second.add(partner.id)
            pairs.append((element, partner, "label"))
        else:
            pairs.append((element, None, None))
    for element in second:
        if element.id not in first_ids and element.id not in matched_second:
            pairs.append((None, element, None))
    return pairs


def _lane_changes(
    pairs: list[tuple[Lane | None, Lane | None, MatchedBy | None]],
) -> list[ElementChange]:
    changes: list[ElementChange] = []
    for before, after, matched_by in pairs:
        if before is None and after is not None:
            changes.append(ElementChange("lane", "added", None, after.id, "", after.name))
        elif after is None and before is not None:
            changes.append(ElementChange("lane", "removed", before.id, None, before.name, ""))
        elif before is not None and after is not None and before.name.strip() != after.name.strip():
            changes.append(
                ElementChange(
                    "lane",
                    "relabelled",
                    before.id,
                    after.id,
                    before.name,
                    after.name,
                    matched_by=matched_by,
                )
            )
    return changes


def _step_changes(
    first: PathMap,
    second: PathMap,
    pairs: list[tuple[Step | None, Step | None, MatchedBy | None]],
    lane_pairs: list[tuple[Lane | None, Lane | None, MatchedBy | None]],
) -> list[ElementChange]:
    lane_partner = {before.id: after.id for before, after, _ in lane_pairs if before and after}

    def lane_name(path_map: PathMap, lane_id: str) -> str:
        lane = path_map.lane(lane_id)
        return lane.name if lane is not None else ""

    changes: list[ElementChange] = []
    for before, after, matched_by in pairs:
        if before is None and after is not None:
            changes.append(
                ElementChange(
                    "step",
                    "added",
                    None,
                    after.id,
                    "",
                    after.label,
                    second_lane=lane_name(second, after.lane),
                )
            )
            continue
        if after is None and before is not None:
            changes.append(
                ElementChange(
                    "step",
                    "removed",
                    before.id,
                    None,
                    before.label,
                    "",
                    first_lane=lane_name(first, before.lane),
                )
            )
            continue
        assert before is not None and after is not None
        moved = ElementChange(
            "step",
            "moved",
            before.id,
            after.id,
            before.label,
            after.label,
            lane_name(first, before.lane),
            lane_name(second, after.lane),
            matched_by,
        )
        if lane_partner.get(before.lane) != after.lane:
            changes.append(moved)
        if before.label.strip() != after.label.strip():
            changes.append(replace(moved, action="relabelled"))
    return changes
