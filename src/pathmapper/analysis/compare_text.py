"""A comparison in words, for the editor's compare window and the PDF compare page: figure
values, the change with an arrow and a verdict, and each added/removed/moved/relabelled step or
lane named by label and lane. No Qt, no reportlab."""

from __future__ import annotations

from typing import Literal

from pathmapper.analysis.compare import ComparedAction, ComparedKind, ElementChange, Figure
from pathmapper.model import describe_minutes

Verdict = Literal["better", "worse", "same", "changed", "unknown"]

UP_ARROW = "▲"
DOWN_ARROW = "▼"
SAME_MARK = "="

# The change lists, in the order they are shown, with their headings.
SECTIONS: tuple[tuple[ComparedKind, ComparedAction, str], ...] = (
    ("lane", "added", "Lanes added"),
    ("lane", "removed", "Lanes removed"),
    ("lane", "relabelled", "Lanes renamed"),
    ("step", "added", "Steps added"),
    ("step", "removed", "Steps removed"),
    ("step", "moved", "Steps moved to another lane"),
    ("step", "relabelled", "Steps relabelled"),
)


def figure_amount(figure: Figure, value: float | None, lower_bound: bool = False) -> str:
    """`12`, `3d 4h`, `at least 6w`, or `–` when there is no figure (no route, no lead time)."""
    if value is None:
        return "–"
    text = describe_minutes(value) if figure.unit == "minutes" else f"{value:g}"
    return f"at least {text}" if lower_bound else text


def first_amount(figure: Figure) -> str:
    return figure_amount(figure, figure.first, figure.first_is_lower_bound)


def second_amount(figure: Figure) -> str:
    return figure_amount(figure, figure.second, figure.second_is_lower_bound)


def verdict(figure: Figure) -> Verdict:
    """Better or worse for the patient and the service (by the figure's own direction)."""
    change = figure.change
    if change is None:
        return "unknown"
    if change == 0:
        return "same"
    if figure.improved is None:
        return "changed"
    return "better" if figure.improved else "worse"


def change_text(figure: Figure) -> str:
    """The change from A to B with an arrow for its direction: `▼ 3`, `▲ 2d`, `= same`, or
    empty when either figure is missing."""
    change = figure.change
    if change is None:
        return ""
    if change == 0:
        return f"{SAME_MARK} same"
    size = describe_minutes(abs(change)) if figure.unit == "minutes" else f"{abs(change):g}"
    return f"{UP_ARROW if change > 0 else DOWN_ARROW} {size}"


VERDICT_WORDS: dict[Verdict, str] = {
    "better": "better",
    "worse": "worse",
    "same": "",
    "changed": "",
    "unknown": "",
}


def _step(label: str, lane: str) -> str:
    return f"'{label}' ({lane})" if lane else f"'{label}'"


def describe_element_change(change: ElementChange) -> str:
    """`'Echo' (Cardiology)`, `'Triage' from GP practice to Hub`, `'Echo' is now 'Echo scan'`."""
    if change.kind == "lane":
        if change.action == "relabelled":
            return f"'{change.first_label}' is now '{change.second_label}'"
        return f"'{change.first_label or change.second_label}'"
    if change.action == "added":
        return _step(change.second_label, change.second_lane)
    if change.action == "removed":
        return _step(change.first_label, change.first_lane)
    if change.action == "moved":
        return f"'{change.second_label}' from {change.first_lane} to {change.second_lane}"
    return f"'{change.first_label}' is now '{change.second_label}' ({change.second_lane})"
