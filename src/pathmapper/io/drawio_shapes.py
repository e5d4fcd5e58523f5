"""What a draw.io shape means on a pathway map: a step of some kind, a comment, or nothing.

Flowchart shapes give the step kind (a rhombus is a decision, a document is information, a
delay is a wait, a terminator or ellipse a start or an end); plain boxes and shapes pathmapper
does not know are activities. draw.io's BPMN palette is read as BPMN means it: a start event
(`outline=standard`) is a start, an end event (`outline=end`) an end, a timer event a wait, any
gateway a decision, tasks and sub-processes activities, data objects and stores information.
Notes and text become comments. Images, lines and arrows drawn as shapes are not steps and are
reported, never silently dropped.
"""

from __future__ import annotations

from typing import Literal

from pathmapper.io.drawio_cells import Cell

ShapeRole = Literal[
    "start",
    "end",
    "terminator",
    "decision",
    "information",
    "data",
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


BPMN_PREFIX = "mxgraph.bpmn."
# BPMN shapes that are neither events nor gateways: tasks, sub-processes, data.
BPMN_SHAPES: dict[str, ShapeRole] = {
    "mxgraph.bpmn.task": "activity",
    "mxgraph.bpmn.task2": "activity",
    "mxgraph.bpmn.subProcess": "activity",
    "mxgraph.bpmn.data": "data",
    "mxgraph.bpmn.data2": "data",
    "mxgraph.bpmn.data_store": "data",
    "mxgraph.bpmn.dataStore": "data",
    "datastore": "data",
    "mxgraph.bpmn.textAnnotation": "comment",
    "mxgraph.bpmn.conversation": "unsupported",
}
BPMN_EVENT_SHAPES = frozenset({"mxgraph.bpmn.event", "mxgraph.bpmn.shape"})


def shape_role(cell: Cell) -> ShapeRole:
    """What a vertex (not a swimlane, not a group) becomes on the map."""
    shape = cell.shape
    if cell.style_name in COMMENT_SHAPES or shape in COMMENT_SHAPES:
        return "comment"
    if cell.style_name == "image" or shape == "image":
        return "image"
    if shape.startswith(BPMN_PREFIX) or shape == "datastore":
        return _bpmn_role(cell)
    if shape in UNSUPPORTED_SHAPES:
        return "unsupported"
    if shape in TERMINATOR_SHAPES:
        return "terminator"
    if shape in KIND_SHAPES:
        return KIND_SHAPES[shape]
    if shape in ACTIVITY_SHAPES:
        return "activity"
    return "unfamiliar"


def _bpmn_role(cell: Cell) -> ShapeRole:
    """draw.io's BPMN palette: `mxgraph.bpmn.event` (and the older all-purpose
    `mxgraph.bpmn.shape`) draws events and, with a gateway background or a `...Gw` symbol,
    gateways; `gateway2` is the newer gateway."""
    shape, style = cell.shape, cell.style
    if shape.startswith("mxgraph.bpmn.gateway"):
        return "decision"
    if shape in BPMN_EVENT_SHAPES:
        if style.get("background") == "gateway" or style.get("symbol", "").endswith("Gw"):
            return "decision"
        outline = style.get("outline", "")
        if outline == "end":
            return "end"
        if style.get("symbol") == "timer" and outline != "standard":
            return "wait"
        if outline == "standard":
            return "start"
        return "activity"  # an intermediate event: something happens on the way
    return BPMN_SHAPES.get(shape, "unfamiliar")


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
