"""Geometry of a map (lane bands, phase columns, step boxes and badges, flow routes and labels,
sticky notes), shared by the canvas, the PDF and the other exports so they all draw the same
picture; the automatic layout that places steps which have no position; and the rules of a good
picture (`rules`). No Qt.

    geometry = compute_geometry(path_map)
    geometry.steps["s1"].rect, geometry.flows["f1"].points, geometry.notes["c1"].rect
"""

from pathmapper.layout.auto import LayoutPlan, auto_layout, layout_positions
from pathmapper.layout.geometry import compute_geometry, stated_sizes
from pathmapper.layout.primitives import (
    COLUMN_SPACING,
    DEFAULT_LANE_HEIGHT,
    DEFAULT_PHASE_WIDTH,
    HEADER_FONT_SIZE,
    LABEL_FONT_SIZE,
    LANE_HEADER_WIDTH,
    LANE_PADDING,
    PHASE_HEADER_HEIGHT,
    ROW_SPACING,
    SHAPES,
    Badge,
    FlowLabel,
    FlowRoute,
    LaneBand,
    MapGeometry,
    NoteBox,
    PhaseColumn,
    Rect,
    StepBox,
)
from pathmapper.layout.step_shapes import step_size
from pathmapper.layout.text import (
    FONT_BOLD,
    FONT_REGULAR,
    line_height,
    registered_font,
    text_width,
    wrap_text,
)

__all__ = [
    "COLUMN_SPACING",
    "DEFAULT_LANE_HEIGHT",
    "DEFAULT_PHASE_WIDTH",
    "FONT_BOLD",
    "FONT_REGULAR",
    "HEADER_FONT_SIZE",
    "LABEL_FONT_SIZE",
    "LANE_HEADER_WIDTH",
    "LANE_PADDING",
    "PHASE_HEADER_HEIGHT",
    "ROW_SPACING",
    "SHAPES",
    "Badge",
    "FlowLabel",
    "FlowRoute",
    "LaneBand",
    "LayoutPlan",
    "MapGeometry",
    "NoteBox",
    "PhaseColumn",
    "Rect",
    "StepBox",
    "auto_layout",
    "compute_geometry",
    "layout_positions",
    "line_height",
    "registered_font",
    "stated_sizes",
    "step_size",
    "text_width",
    "wrap_text",
]
