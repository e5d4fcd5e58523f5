"""Geometry of a map (lane bands, phase columns, step boxes, flow routes), shared by the
canvas, the PDF and the other exports so they all draw the same picture; and the automatic
layout that places steps which have no position. No Qt.

    geometry = compute_geometry(path_map)
    geometry.steps["s1"].rect, geometry.flows["f1"].points, geometry.lanes[0].header
"""

from pathmapper.layout.auto import LayoutPlan, auto_layout, layout_positions
from pathmapper.layout.geometry import (
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
    FlowRoute,
    LaneBand,
    MapGeometry,
    PhaseColumn,
    Rect,
    StepBox,
    compute_geometry,
    step_size,
)
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
    "FlowRoute",
    "LaneBand",
    "LayoutPlan",
    "MapGeometry",
    "PhaseColumn",
    "Rect",
    "StepBox",
    "auto_layout",
    "compute_geometry",
    "layout_positions",
    "line_height",
    "registered_font",
    "step_size",
    "text_width",
    "wrap_text",
]
