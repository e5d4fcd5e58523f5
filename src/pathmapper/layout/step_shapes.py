"""The size of a step's box, its wrapped label and its badges."""

from __future__ import annotations

from pathmapper.layout.primitives import (
    BADGE_FONT_SIZE,
    BADGE_GAP,
    BADGE_HEIGHT,
    LABEL_FONT_SIZE,
    SHAPES,
    TEXT_PADDING,
    Badge,
    Rect,
)
from pathmapper.layout.style import PATIENT_CONTACT_GLYPH
from pathmapper.layout.text import line_height, text_width, widest_word, wrap_text
from pathmapper.model import Step, describe_minutes

MAX_STEP_WIDTH = 420.0  # a longer word than this is hyphenated rather than widening the box
BADGE_PADDING = 5.0

StepSize = tuple[float, float, tuple[str, ...]]  # width, height, wrapped label lines


def step_size(step: Step) -> StepSize:
    """Width, height and wrapped lines of a step: its kind's shape grown to fit its label (a
    word wider than the shape's text room widens the box, up to MAX_STEP_WIDTH)."""
    shape = SHAPES.get(step.kind, SHAPES["activity"])
    width = shape.min_width
    if step.label:
        needed = widest_word(step.label, LABEL_FONT_SIZE) + 2 * TEXT_PADDING + 2
        width = min(MAX_STEP_WIDTH, max(width, needed / shape.text_share))
    room = width * shape.text_share - 2 * TEXT_PADDING
    lines = tuple(wrap_text(step.label, LABEL_FONT_SIZE, room)) if step.label else ()
    text_height = len(lines) * line_height(LABEL_FONT_SIZE) * shape.height_factor
    height = max(shape.min_height, text_height + 2 * TEXT_PADDING)
    return round(width, 1), round(height, 1), lines


def badge_texts(step: Step) -> list[tuple[str, str]]:
    """(kind, text) of each badge a step carries, in drawing order."""
    badges: list[tuple[str, str]] = []
    if step.patient_contact:
        badges.append(("contact", PATIENT_CONTACT_GLYPH))
    if step.wait_minutes is not None:
        badges.append(("wait", f"wait {describe_minutes(step.wait_minutes)}"))
    if step.duration_minutes is not None:
        badges.append(("duration", f"takes {describe_minutes(step.duration_minutes)}"))
    return badges


def badge_width(text: str) -> float:
    if text == PATIENT_CONTACT_GLYPH:
        return BADGE_HEIGHT
    return round(text_width(text, BADGE_FONT_SIZE, bold=True) + 2 * BADGE_PADDING, 1)


def step_badges(step: Step, box: Rect) -> tuple[Badge, ...]:
    """The step's badges: patient contact and wait (what comes before the step) in a row
    just above its box from its left edge, its active time just below it at its right edge,
    so the middles of the top and bottom stay free for arrows."""
    badges: list[Badge] = []
    left = box.left
    for kind, text in badge_texts(step):
        width = badge_width(text)
        if kind == "duration":
            top = box.bottom + BADGE_GAP
            badges.append(Badge(kind, text, Rect(box.right - width, top, width, BADGE_HEIGHT)))
        else:
            top = box.top - BADGE_GAP - BADGE_HEIGHT
            badges.append(Badge(kind, text, Rect(left, top, width, BADGE_HEIGHT)))
            left += width + BADGE_GAP
    return tuple(badges)


def badge_room(step: Step) -> tuple[float, float]:
    """How much height the badges need above and below the box."""
    kinds = [kind for kind, _ in badge_texts(step)]
    room = BADGE_HEIGHT + BADGE_GAP
    above = room if any(kind != "duration" for kind in kinds) else 0.0
    below = room if "duration" in kinds else 0.0
    return above, below
