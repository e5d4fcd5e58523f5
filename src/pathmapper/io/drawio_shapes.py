"""What a draw.io shape means on a pathway map: a step of some kind, a comment, or nothing.

Flowchart shapes give the step kind (a rhombus is a decision, a document is information, a
delay is a wait, a terminator or ellipse a start or an end); plain boxes and shapes pathmapper
does not know are activities. Notes and text become comments. Images, lines and arrows drawn
as shapes are not steps and are reported, never silently dropped.
"""

from __future__ import annotations

from typing import Literal

from pathmapper.io.drawio_cells import Cell

ShapeRole = Literal[
    "terminator",
    "decision",
    "information",
    "wait",
    "activity",
    "unfamiliar",
    "comment",
    "image",
    "unsupported",
]

TERMINATOR_SHAPES = frozenset(
    {
        "ellipse",
        "doubleEllipse",
        "terminator",
        "mxgraph.flowchart.terminator",
        "mxgraph.flowchart.start_1",
        "mxgraph.flowchart.start_2",
    }
)
KIND_SHAPES: dict[str, ShapeRole] = {
    "rhombus": "decision",
    "mxgraph.flowchart.decision": "decision",
    "document": "information",
    "mxgraph.flowchart.document": "information",
    "mxgraph.flowchart.multi-document": "information",
    "delay": "wait",
    "mxgraph.flowchart.delay": "wait",
}
ACTIVITY_SHAPES = frozenset(
    {
        "",
        "rect",
        "rectangle",
        "label",
        "process",
        "mxgraph.flowchart.process",
        "mxgraph.flowchart.predefined_process",
        "mxgraph.flowchart.manual_operation",
        "mxgraph.flowchart.preparation",
        "hexagon",
        "parallelogram",
        "card",
        "cloud",
    }
)
COMMENT_SHAPES = frozenset(
    {
        "note",
        "text",
        "edgeLabel",
        "callout",
        "mxgraph.flowchart.annotation_1",
        "mxgraph.flowchart.annotation_2",
    }
)
UNSUPPORTED_SHAPES = frozenset(
    {
        "line",
        "arrow",
        "flexArrow",
        "singleArrow",
        "doubleArrow",
        "curlyBracket",
        "waypoint",
        "table",
        "tableRow",
        "partialRectangle",
    }
)


def shape_role(cell: Cell) -> ShapeRole:
    """What a vertex (not a swimlane, not a group) becomes on the map."""
    shape = cell.shape
    if cell.style_name in COMMENT_SHAPES or shape in COMMENT_SHAPES:
        return "comment"
    if cell.style_name == "image" or shape == "image":
        return "image"
    if shape in UNSUPPORTED_SHAPES:
        return "unsupported"
    if shape in TERMINATOR_SHAPES:
        return "terminator"
    if shape in KIND_SHAPES:
        return KIND_SHAPES[shape]
    if shape in ACTIVITY_SHAPES:
        return "activity" if cell.label else "unsupported"
    return "unfamiliar" if cell.label else "unsupported"


def describe_shape(cell: Cell) -> str:
    """A shape as a person would name it in a list of what was left out."""
    what = {"image": "image"}.get(cell.shape, f"{cell.shape or 'plain'} shape")
    if cell.label:
        return f"{what} '{_short(cell.label)}'"
    return f"unlabelled {what} (id {cell.id})"


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def short_label(text: str) -> str:
    return _short(text)
