"""The map body in the PDF: lane bands, phase lines, flows, steps and notes, as vectors.

`MapPicture.of(path_map)` computes the shared layout geometry and everything derived from it
once; `draw_body` then draws the part of it inside a window (one page, or one tile) in page-up
map coordinates, leaving out what lies outside so a tiled 1,000-step map stays small and fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pathmapper.export.pdf_index import PictureIndex
from pathmapper.export.pdf_notes import draw_note
from pathmapper.export.pdf_shapes import (
    Canvas,
    Point,
    arrowhead,
    centred_lines,
    colour,
    font,
    rounded_polyline,
    shorten,
    step_outline,
    text_line,
    up,
)
from pathmapper.layout import (
    LABEL_FONT_SIZE,
    FlowRoute,
    MapGeometry,
    Rect,
    StepBox,
    compute_geometry,
)
from pathmapper.layout.lane_colours import accent_indexes
from pathmapper.layout.primitives import BADGE_FONT_SIZE, FLOW_LABEL_FONT_SIZE, Badge
from pathmapper.layout.style import (
    BADGE_COLOURS,
    GRID_LINE,
    INK,
    STEP_STYLES,
    flow_style,
    lane_tint,
)
from pathmapper.model import Flow, Lane, PathMap, Step

GLYPH_FONT_SIZE = 9.0
CULL_MARGIN = 60.0  # draw what lies this close outside the window too (thick lines, badges)


@dataclass(frozen=True)
class MapPicture:
    """A map and its drawing, computed once for every page of a PDF."""

    path_map: PathMap
    geometry: MapGeometry
    steps: dict[str, Step]
    flows: dict[str, Flow]
    lanes: dict[str, Lane]
    lane_index: dict[str, int]  # position: the lanes' pale bodies alternate
    accent_index: dict[str, int]  # the stripe's colour: the organisation's (layout.lane_colours)
    cross_organisation_flows: frozenset[str]

    @classmethod
    def of(
        cls, path_map: PathMap, geometry: MapGeometry | None = None, beside: PathMap | None = None
    ) -> MapPicture:
        """`beside`: the map this one is drawn next to, whose lane colours it takes."""
        geometry = geometry if geometry is not None else compute_geometry(path_map)
        steps = path_map.steps_by_id()
        lanes = path_map.lanes_by_id()
        _handoffs, cross = path_map.handoff_flow_ids()
        return cls(
            path_map=path_map,
            geometry=geometry,
            steps=steps,
            flows={flow.id: flow for flow in path_map.flows},
            lanes=lanes,
            lane_index={lane.id: index for index, lane in enumerate(path_map.lanes)},
            accent_index=accent_indexes(path_map, beside),
            cross_organisation_flows=frozenset(cross),
        )

    @cached_property
    def index(self) -> PictureIndex:
        """Where everything is, for drawing one page of many: made on the first page."""
        return PictureIndex(self.geometry)


def draw_body(canvas: Canvas, picture: MapPicture, window: Rect) -> None:
    """Everything right of the lane headers and below the phase headers that meets `window`
    (layout coordinates), in page-up map coordinates: the caller has set the transform and clip.
    Only what the window holds is looked at (`PictureIndex`), so each tile costs what it shows."""
    seen = Rect(
        window.left - CULL_MARGIN,
        window.top - CULL_MARGIN,
        window.width + 2 * CULL_MARGIN,
        window.height + 2 * CULL_MARGIN,
    )
    _draw_lanes(canvas, picture, seen)
    contents = picture.index.within(seen)
    for route in contents.flows:
        _draw_flow(canvas, picture, route)
    for box in contents.steps:
        _draw_step(canvas, picture.steps[box.step_id], box)
    for route in contents.labels:
        _draw_label(canvas, route)
    for note in contents.notes:
        draw_note(canvas, note)


def _draw_label(canvas: Canvas, route: FlowRoute) -> None:
    """The label as a white pill outlined in its flow's colour, where the layout put it."""
    assert route.label is not None
    rect = route.label.rect
    canvas.setDash()
    canvas.setLineWidth(0.9)
    canvas.setStrokeColor(colour(INK))
    canvas.setFillColor(colour("#FFFFFF"))
    canvas.roundRect(rect.left, up(rect.bottom), rect.width, rect.height, rect.height / 2, 1, 1)
    canvas.setFillColor(colour(INK))
    baseline = up(rect.centre[1]) - FLOW_LABEL_FONT_SIZE * 0.35
    text_line(canvas, route.label.text, rect.centre[0], baseline, FLOW_LABEL_FONT_SIZE, False, True)


def _draw_lanes(canvas: Canvas, picture: MapPicture, seen: Rect) -> None:
    geometry = picture.geometry
    left = max(geometry.body.left, seen.left)
    right = min(geometry.body.right, seen.right)
    if right <= left:
        return
    for band in geometry.lanes:
        if band.rect.bottom < seen.top or band.rect.top > seen.bottom:
            continue
        lane = picture.lanes[band.lane_id]
        canvas.setFillColor(colour(lane_tint(picture.lane_index[lane.id], lane.colour)))
        canvas.rect(left, up(band.rect.bottom), right - left, band.rect.height, 0, 1)
    canvas.setStrokeColor(colour(GRID_LINE))
    canvas.setLineWidth(1)
    canvas.setDash()
    for band in geometry.lanes:
        canvas.line(left, up(band.rect.bottom), right, up(band.rect.bottom))
        canvas.line(left, up(band.rect.top), right, up(band.rect.top))
    canvas.setDash(4, 4)
    for column in geometry.phases:
        if seen.left <= column.rect.right <= seen.right:
            canvas.line(column.rect.right, 0, column.rect.right, up(geometry.body.bottom))
    canvas.setDash()


def _draw_flow(canvas: Canvas, picture: MapPicture, route: FlowRoute) -> None:
    flow = picture.flows.get(route.flow_id)
    expected = flow.expected_loop if flow is not None else False
    style = flow_style(
        route.crosses_lanes, route.flow_id in picture.cross_organisation_flows, expected
    )
    points: list[Point] = [(x, up(y)) for x, y in route.points]
    head = 7.0 + style.width * 1.5
    canvas.setStrokeColor(colour(style.colour))
    canvas.setLineWidth(style.width)
    canvas.setLineCap(0)
    canvas.setLineJoin(1)
    if style.dash:
        canvas.setDash(list(style.dash))
    else:
        canvas.setDash()
    canvas.drawPath(rounded_polyline(canvas, shorten(points, head * 0.8)), stroke=1, fill=0)
    arrowhead(canvas, points[-2], points[-1], head, style.colour)


def _draw_step(canvas: Canvas, step: Step, box: StepBox) -> None:
    style = STEP_STYLES.get(step.kind, STEP_STYLES["activity"])
    rect = box.rect
    canvas.setDash()
    canvas.setLineWidth(1.4)
    canvas.setStrokeColor(colour(style.outline))
    canvas.setFillColor(colour(style.fill))
    canvas.drawPath(step_outline(canvas, step.kind, rect), stroke=1, fill=1)
    canvas.setFillColor(colour(INK))
    centre = (rect.centre[0], up(rect.centre[1]))
    if step.kind == "information":
        centre = (centre[0], centre[1] + 3)
    centred_lines(canvas, box.lines, centre, LABEL_FONT_SIZE, bold=False)
    if style.glyph:
        canvas.setFillColor(colour(style.outline))
        canvas.setFont(font(bold=True), GLYPH_FONT_SIZE)
        if step.kind == "decision":  # inside the diamond's top corner
            canvas.drawCentredString(
                rect.centre[0], up(rect.top) - GLYPH_FONT_SIZE - 5, style.glyph
            )
        else:
            canvas.drawRightString(rect.right - 6, up(rect.top) - GLYPH_FONT_SIZE - 3, style.glyph)
    for mark in box.badges:
        _draw_badge(canvas, mark)


def _draw_badge(canvas: Canvas, mark: Badge) -> None:
    """A white pill outlined and lettered in the badge's colour, where the layout put it."""
    ink = BADGE_COLOURS[mark.kind]
    rect = mark.rect
    canvas.setLineWidth(0.9)
    canvas.setDash()
    canvas.setStrokeColor(colour(ink))
    canvas.setFillColor(colour("#FFFFFF"))
    canvas.roundRect(rect.left, up(rect.bottom), rect.width, rect.height, rect.height / 2, 1, 1)
    canvas.setFillColor(colour(ink))
    baseline = up(rect.centre[1]) - BADGE_FONT_SIZE * 0.35
    text_line(canvas, mark.text, rect.centre[0], baseline, BADGE_FONT_SIZE, True, True)
