"""How a map looks, in one place for the canvas, the PDF and the other exports.

Colours are hex strings (no Qt). Emphasis colours come from the Okabe-Ito palette, which
colour-blind viewers can tell apart, and colour is never the only cue: handoffs are also
thicker, cross-organisation handoffs also dashed; comment kinds also carry a glyph; step kinds
differ by shape. Every glyph here exists in the shipped DejaVu Sans.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe-Ito
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"

INK = "#1F2D3D"  # text and outlines
MUTED_INK = "#5A6B7D"  # secondary text: badges, owners
GRID_LINE = "#C8D0D9"  # lane and phase separators
HEADER_FILL = "#E9EEF3"
CANVAS_BACKGROUND = "#FFFFFF"
SELECTION = BLUE

# Lanes without a colour of their own take these, in turn (pale, so steps stand out).
LANE_TINTS = ("#F4F7FA", "#FBFAF5")
LANE_ACCENTS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")


@dataclass(frozen=True)
class StepStyle:
    fill: str
    outline: str
    glyph: str  # shown small in the corner, a second cue beside the shape


STEP_STYLES: dict[str, StepStyle] = {
    # A pill's shape says start or end; a glyph inside it sat on the label.
    "start": StepStyle("#DDF3E8", "#1E7B55", ""),
    "end": StepStyle("#E8E3F3", "#4E3D8F", ""),
    "activity": StepStyle("#FFFFFF", INK, ""),
    "decision": StepStyle("#FFF5D6", "#9A6B00", "?"),
    "wait": StepStyle("#FDE9DA", "#B04A00", "◷"),
    "information": StepStyle("#E4EEF8", "#2A5F9E", "✎"),
}


@dataclass(frozen=True)
class FlowStyle:
    colour: str
    width: float  # points at 100%
    dash: tuple[float, ...]  # empty for a solid line


FLOW_PLAIN = FlowStyle(INK, 1.6, ())
FLOW_HANDOFF = FlowStyle(BLUE, 2.6, ())
FLOW_CROSS_ORGANISATION = FlowStyle(VERMILLION, 3.4, (9.0, 4.0))
FLOW_EXPECTED_LOOP = FlowStyle(MUTED_INK, 1.6, (2.0, 3.0))


def flow_style(crosses_lanes: bool, crosses_organisations: bool, expected_loop: bool) -> FlowStyle:
    if crosses_organisations:
        return FLOW_CROSS_ORGANISATION
    if crosses_lanes:
        return FLOW_HANDOFF
    if expected_loop:
        return FLOW_EXPECTED_LOOP
    return FLOW_PLAIN


@dataclass(frozen=True)
class CommentStyle:
    fill: str
    outline: str
    glyph: str
    name: str


COMMENT_STYLES: dict[str, CommentStyle] = {
    "pain_point": CommentStyle("#F9D5C2", VERMILLION, "⚠", "Pain point"),
    "working_well": CommentStyle("#C9EDDF", BLUISH_GREEN, "✔", "Working well"),
    "idea": CommentStyle("#FBF4B8", "#A08A00", "✦", "Idea"),
    "question": CommentStyle("#D3EAF8", BLUE, "?", "Question"),
    "gap": CommentStyle("#F0D6E6", REDDISH_PURPLE, "∅", "Gap"),
}

# As-is against to-be: the ink of a figure that got better or worse (with the word beside it).
VERDICT_INKS = {"better": "#00735A", "worse": "#B04A00"}

PATIENT_CONTACT_GLYPH = "●"  # the first of a step's badges
PATIENT_CONTACT_COLOUR = BLUE
TIME_BADGE_FILL = "#FFFFFF"
WAIT_BADGE_COLOUR = VERMILLION
DURATION_BADGE_COLOUR = BLUISH_GREEN
BADGE_COLOURS = {
    "wait": WAIT_BADGE_COLOUR,
    "duration": DURATION_BADGE_COLOUR,
    "contact": PATIENT_CONTACT_COLOUR,
}
CORNER_RADIUS = 8.0  # of activity boxes and of flow bends


def lane_tint(index: int, colour: str | None) -> str:
    """The body fill of the lane at `index`: a very pale version of its colour, if it has one."""
    if colour:
        return blend(colour, "#FFFFFF", 0.88)
    return LANE_TINTS[index % len(LANE_TINTS)]


def lane_accent(index: int, colour: str | None) -> str:
    """The strong colour of a lane, shown as a stripe on its header."""
    return colour or LANE_ACCENTS[index % len(LANE_ACCENTS)]


def blend(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    first = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    second = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(a + (b - a) * amount) for a, b in zip(first, second, strict=True)]
    return "#" + "".join(f"{value:02X}" for value in mixed)
