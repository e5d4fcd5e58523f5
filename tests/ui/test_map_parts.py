"""The readable parts of a map too big to read whole (presentation, F5): every step box lies
whole inside the content of at least one part, and every part fits the screen at the
readable size, whatever the map: many lanes or few, phases or none, steps anywhere."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathmapper.analysis.generate import generate_map
from pathmapper.io import load_map
from pathmapper.layout import (
    LABEL_FONT_SIZE,
    LANE_HEADER_WIDTH,
    PHASE_HEADER_HEIGHT,
    MapGeometry,
    Rect,
    compute_geometry,
    line_height,
)
from pathmapper.model import Lane, PathMap, Phase, Step, StepKind
from pathmapper.ui.workshop.map_parts import (
    PART_MARGIN,
    MapPart,
    cover,
    cut_into_parts,
    phase_parts,
)
from tests.conftest import PROJECT_ROOT

# A 1920 x 1080 screen at the zoom where a step label is 20 pixels tall.
ZOOM = 20.0 / line_height(LABEL_FONT_SIZE)
SCREEN = (1920 / ZOOM, 1080 / ZOOM)
CAPTION = 64 / ZOOM
KINDS: list[StepKind] = ["activity", "decision", "wait", "start", "end"]


@st.composite
def tall_maps(draw: st.DrawFn) -> PathMap:
    """Maps of 1 to 14 lanes, with or without phases, whose steps sit anywhere in their lane
    (two rows, so some lanes are tall), far to the right as often as near."""
    lane_count = draw(st.integers(1, 14))
    phase_count = draw(st.sampled_from([0, 0, 2, 4]))
    path_map = PathMap(title="Tall")
    path_map.lanes = [
        Lane(id=f"l{i}", name=f"Lane {i}", organisation_name=f"Org {i % 3}")
        for i in range(lane_count)
    ]
    path_map.phases = [Phase(id=f"p{i}", name=f"Phase {i}") for i in range(phase_count)]
    cells = draw(
        st.lists(
            st.tuples(st.integers(0, lane_count - 1), st.integers(0, 30), st.integers(0, 1)),
            min_size=1,
            max_size=40,
            unique=True,
        )
    )
    for index, (lane, column, row) in enumerate(cells):
        path_map.steps.append(
            Step(
                id=f"s{index}",
                kind=draw(st.sampled_from(KINDS)),
                label=draw(st.sampled_from(["Triage call", "Echocardiogram", "Clinic letter"])),
                lane=f"l{lane}",
                phase=f"p{column * phase_count // 31}" if phase_count else None,
                x=130.0 + column * 260,
                y=70.0 + row * 170,
            )
        )
    return path_map


def _content(part: MapPart, geometry: MapGeometry) -> Rect:
    """What a part shows clear of the pinned headers, down to where it ends (the footer with
    the caption hides the rest)."""
    frame = part.frame
    top_room = PHASE_HEADER_HEIGHT if geometry.phases else PART_MARGIN
    bottom = min(part.shown_bottom, frame.bottom - CAPTION)
    return Rect(
        frame.x + LANE_HEADER_WIDTH,
        frame.y + top_room,
        frame.width - LANE_HEADER_WIDTH,
        bottom - frame.y - top_room,
    )


def _inside(box: Rect, area: Rect) -> bool:
    return (
        area.left - 0.01 <= box.left
        and box.right <= area.right + 0.01
        and area.top - 0.01 <= box.top
        and box.bottom <= area.bottom + 0.01
    )


def _check(geometry: MapGeometry, parts: list[MapPart], width: float, height: float) -> None:
    for part in parts:  # readable: no part needs a zoom below the readable one to fit
        assert part.frame.width <= width + 0.01 and part.frame.height <= height + 0.01
    for step_id, box in geometry.steps.items():
        homes = [part for part in parts if _inside(box.rect, _content(part, geometry))]
        assert homes, f"step {step_id} at {box.rect} is whole in no part"


def _check_none_needless(geometry: MapGeometry, parts: list[MapPart]) -> None:
    """Of the parts of one cut (the map, or a phase), each shows whole a step no part before
    it does (a phase without steps is still one part: the room asked to see it)."""
    boxes = [box.rect for box in geometry.steps.values()]
    for number, part in enumerate(parts[1:], start=1):
        earlier = [_content(before, geometry) for before in parts[:number]]
        assert any(
            _inside(box, _content(part, geometry))
            and not any(_inside(box, content) for content in earlier)
            for box in boxes
        ), f"part {number + 1} shows only steps the parts before it show whole"


def _check_lanes_fill_the_screen(geometry: MapGeometry, parts: list[MapPart]) -> None:
    """A part of several showing empty room below the map starts at the highest lane edge it
    can: starting higher, it would not show the map's bottom."""
    if len(parts) < 2 or not geometry.lanes:
        return
    edges = {edge for lane in geometry.lanes for edge in (lane.rect.top, lane.rect.bottom)}
    bottom = geometry.lanes[-1].rect.bottom
    for part in parts:
        content = _content(part, geometry)
        screen_height = part.frame.bottom - CAPTION - content.top  # above the footer
        if content.top + screen_height <= bottom + 0.01:
            continue  # the map goes on below it
        higher = [
            e
            for e in edges
            if e < content.top - 0.01 and e + screen_height >= part.shown_bottom - 0.01
        ]
        assert not higher, f"{part} could show the lanes above from {min(higher)}"


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(tall_maps(), st.sampled_from([1.0, 0.6, 0.45]))
def test_every_step_is_whole_in_a_readable_part(path_map: PathMap, screen: float) -> None:
    """`screen`: the share of a 1080p screen the canvas has (a window, a narrow projector)."""
    width, height = SCREEN[0] * screen, SCREEN[1] * screen
    geometry = compute_geometry(path_map, with_flows=False)
    if path_map.phases:
        cuts = phase_parts(geometry, width, height, CAPTION)
    else:
        cuts = [cut_into_parts(geometry, width, height, CAPTION)]
    _check(geometry, [part for cut in cuts for part in cut], width, height)
    for cut in cuts:
        _check_none_needless(geometry, cut)
        _check_lanes_fill_the_screen(geometry, cut)


def test_a_tall_generated_map_is_cut_into_bands_of_lanes_as_well_as_columns() -> None:
    path_map = generate_map(300, seed=2)
    path_map = path_map.model_copy(update={"phases": []})
    geometry = compute_geometry(path_map, with_flows=False)
    parts = cut_into_parts(geometry, *SCREEN, CAPTION)
    assert len(geometry.lanes) == 12 and max(part.bands for part in parts) > 1
    assert max(part.columns for part in parts) > 1
    _check(geometry, parts, *SCREEN)


def _cut_labels(part: MapPart, geometry: MapGeometry) -> tuple[list[Rect], list[Rect]]:
    """Flow labels across the edge of the pinned lane headers, and across the right edge."""
    frame = part.frame
    beside = [
        route.label.rect
        for route in geometry.flows.values()
        if route.label is not None
        and route.label.rect.top < frame.bottom
        and route.label.rect.bottom > frame.top
    ]
    at_headers, at_right = frame.left + LANE_HEADER_WIDTH, frame.right
    return (
        [label for label in beside if label.left < at_headers < label.right],
        [label for label in beside if label.left < at_right < label.right],
    )


def _could_move(part: MapPart, geometry: MapGeometry) -> bool:
    """Whether the part could have been moved sideways (left no further than its margin) so
    that the labels its right edge cuts are whole or out of it, with the steps it shows whole
    still whole and clear of the pinned lane headers, and no other label cut instead."""
    frame = part.frame
    at_left, at_right = _cut_labels(part, geometry)
    held = [
        box.footprint
        for box in geometry.steps.values()
        if _inside(box.rect, _content(part, geometry))
    ]
    for label in at_right:
        for shift in (label.right + 6.0 - frame.right, label.left - 6.0 - frame.right):
            if shift < -PART_MARGIN:
                continue
            left, right = frame.left + shift, frame.right + shift
            moved = replace(part, frame=Rect(left, frame.y, frame.width, frame.height))
            holds = all(left + LANE_HEADER_WIDTH + 6.0 <= b.left and b.right <= right for b in held)
            moved_left, moved_right = _cut_labels(moved, geometry)
            if holds and not moved_right and all(label in at_left for label in moved_left):
                return True
    return False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(20, 160), st.integers(0, 50), st.sampled_from([1.0, 0.6, 0.45]), st.booleans())
def test_a_part_cuts_no_flow_label_at_its_right_edge_when_it_can_help_it(
    steps: int, seed: int, screen: float, with_phases: bool
) -> None:
    path_map = generate_map(steps, seed=seed)
    if not with_phases:
        path_map = path_map.model_copy(update={"phases": []})
    width, height = SCREEN[0] * screen, SCREEN[1] * screen
    geometry = compute_geometry(path_map)
    if path_map.phases:
        parts = [part for phase in phase_parts(geometry, width, height, CAPTION) for part in phase]
    else:
        parts = cut_into_parts(geometry, width, height, CAPTION)
    _check(geometry, parts, width, height)  # moving a part never costs a step its home
    for part in parts:
        assert not _cut_labels(part, geometry)[1] or not _could_move(part, geometry)
        assert not any(_cut_labels(part, geometry)) or not _could_clear(part, geometry)


def _could_clear(part: MapPart, geometry: MapGeometry) -> bool:
    """Whether the part could have been moved sideways (left no further than its margin) so
    that no label is cut at either edge, with the steps it shows whole still whole and clear
    of the pinned lane headers."""
    frame = part.frame
    held = [
        box.footprint
        for box in geometry.steps.values()
        if _inside(box.rect, _content(part, geometry))
    ]
    at_left, at_right = _cut_labels(part, geometry)
    edges = ((frame.right, at_right), (frame.left + LANE_HEADER_WIDTH, at_left))
    for edge, cut in edges:
        for label in cut:
            for shift in (label.right + 6.0 - edge, label.left - 6.0 - edge):
                if shift < -PART_MARGIN:
                    continue
                left, right = frame.left + shift, frame.right + shift
                moved = replace(part, frame=Rect(left, frame.y, frame.width, frame.height))
                holds = all(
                    left + LANE_HEADER_WIDTH + 6.0 <= b.left and b.right <= right for b in held
                )
                if holds and not any(_cut_labels(moved, geometry)):
                    return True
    return False


def test_the_cardiology_sample_cuts_no_label_at_a_parts_right_edge() -> None:
    path_map = load_map(PROJECT_ROOT / "sample_maps" / "community-cardiology-as-is.pathmap.json")
    geometry = compute_geometry(path_map)
    for screen in (1.0, 0.93):  # a full 1080p screen, and with a window's frame and bars
        width, height = SCREEN[0] * screen, SCREEN[1] * screen
        phases = phase_parts(geometry, width, height, CAPTION)
        assert all(not _cut_labels(part, geometry)[1] for phase in phases for part in phase)


@st.composite
def spans_and_breaks(draw: st.DrawFn) -> tuple[list[tuple[float, float]], float, list[float]]:
    starts = draw(st.lists(st.integers(0, 2000), min_size=1, max_size=30))
    spans = [(float(a), float(a + draw(st.integers(0, 300)))) for a in starts]
    breaks = sorted({float(b) for b in draw(st.lists(st.integers(-50, 2400), max_size=12))})
    return spans, float(draw(st.integers(100, 800))), breaks


@settings(max_examples=300, deadline=None)
@given(spans_and_breaks())
def test_cover_holds_every_span_in_windows_none_of_them_needless(
    case: tuple[list[tuple[float, float]], float, list[float]],
) -> None:
    """No part of a presentation shows only what an earlier part already showed whole."""
    spans, size, breaks = case
    windows = cover(spans, size, breaks)

    def holds(window: tuple[float, float], span: tuple[float, float]) -> bool:
        return window[0] <= span[0] and span[1] <= window[1]

    assert all(any(holds(window, span) for window in windows) for span in spans)
    for number, window in enumerate(windows):
        longest = max(b - a for a, b in spans if holds(window, (a, b)))
        assert window[1] - window[0] <= max(size, longest) + 1e-9
        earlier = windows[:number]
        assert any(
            holds(window, span) and not any(holds(before, span) for before in earlier)
            for span in spans
        )
