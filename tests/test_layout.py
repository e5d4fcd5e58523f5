"""The shared geometry and the automatic layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.io import load_map
from pathmapper.layout import (
    LANE_HEADER_WIDTH,
    PHASE_HEADER_HEIGHT,
    auto_layout,
    compute_geometry,
    step_size,
    wrap_text,
)
from pathmapper.layout.text import text_width
from pathmapper.model import Flow, Lane, PathMap, Phase, Step
from tests.conftest import SAMPLE_MAPS


def chain_map(positions: bool = False) -> PathMap:
    path_map = PathMap(title="Chain")
    path_map.lanes += [Lane(id="gp", name="GP"), Lane(id="acute", name="Acute")]
    path_map.phases += [Phase(id="ref", name="Referral"), Phase(id="tx", name="Treatment")]
    kinds = ["start", "activity", "decision", "activity", "activity", "end"]
    lanes = ["gp", "gp", "gp", "acute", "gp", "acute"]
    phases = ["ref", "ref", "ref", "tx", "tx", "tx"]
    for index, (kind, lane, phase) in enumerate(zip(kinds, lanes, phases, strict=True)):
        path_map.steps.append(
            Step(id=f"s{index}", kind=kind, lane=lane, phase=phase, label=f"Step {index}")  # type: ignore[arg-type]
        )
    for source, target, label in [
        (0, 1, ""),
        (1, 2, ""),
        (2, 3, "urgent"),
        (2, 4, "routine"),
        (3, 5, ""),
        (4, 5, ""),
        (4, 1, "re-referral"),
    ]:
        path_map.flows.append(
            Flow(id=f"f{source}{target}", source=f"s{source}", target=f"s{target}", label=label)
        )
    return auto_layout(path_map) if positions else path_map


def test_wrapping_keeps_lines_within_the_width() -> None:
    lines = wrap_text("Patient presents with breathlessness and swollen ankles", 12, 110)
    assert len(lines) > 1
    assert all(text_width(line, 12) <= 110 for line in lines)
    assert " ".join(lines) == "Patient presents with breathlessness and swollen ankles"


def test_wrapping_keeps_line_breaks_and_breaks_long_words() -> None:
    assert wrap_text("ECG\nand bloods", 12, 200) == ["ECG", "and bloods"]
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    pieces = wrap_text(long_word, 12, 60)
    assert all(piece.endswith("-") for piece in pieces[:-1])  # hyphenated, visibly
    assert "".join(piece.removesuffix("-") for piece in pieces) == long_word
    room = text_width("management", 12) + 2
    assert wrap_text("self-management plan", 12, room) == ["self-", "management", "plan"]


def test_very_long_labels_are_cut_with_an_ellipsis() -> None:
    lines = wrap_text("word " * 500, 12, 100)
    assert len(lines) == 12 and lines[-1].endswith("…")


def test_shapes_grow_to_fit_their_text() -> None:
    short = Step(id="a", kind="activity", lane="l", label="ECG")
    long = Step(id="b", kind="activity", lane="l", label="A long label " * 6)
    assert step_size(long)[1] > step_size(short)[1]
    decision = Step(id="c", kind="decision", lane="l", label="Urgent?")
    assert step_size(decision)[0] > step_size(short)[0]


def test_steps_without_positions_are_laid_out_left_to_right_in_their_lanes() -> None:
    path_map = chain_map()
    geometry = compute_geometry(path_map)
    rects = {step_id: box.rect for step_id, box in geometry.steps.items()}
    assert len(rects) == 6
    assert rects["s0"].centre[0] < rects["s1"].centre[0] < rects["s2"].centre[0]
    assert rects["s2"].centre[0] < rects["s3"].centre[0] < rects["s5"].centre[0]
    for step in path_map.steps:  # every step inside its own lane band
        band = geometry.lane_band(step.lane)
        assert band is not None
        assert band.rect.top <= rects[step.id].top and rects[step.id].bottom <= band.rect.bottom


def test_no_two_steps_overlap_in_the_sample_maps() -> None:
    for path in SAMPLE_MAPS:
        boxes = list(compute_geometry(load_map(path)).steps.values())
        for index, box in enumerate(boxes):
            for other in boxes[index + 1 :]:
                assert not box.rect.intersects(other.rect), (path.name, box.step_id, other.step_id)


def test_phase_columns_hold_their_steps() -> None:
    path_map = chain_map()
    geometry = compute_geometry(path_map)
    columns = {column.phase_id: column.rect for column in geometry.phases}
    for step in path_map.steps:
        x = geometry.steps[step.id].rect.centre[0]
        assert columns[step.phase].left <= x <= columns[step.phase].right  # type: ignore[index]
    assert columns["ref"].right == columns["tx"].left


def test_headers_sit_left_of_and_above_the_lanes() -> None:
    geometry = compute_geometry(chain_map())
    assert geometry.lanes[0].header.left == -LANE_HEADER_WIDTH
    assert geometry.lanes[0].header.right == 0
    assert geometry.phases[0].header.top == -PHASE_HEADER_HEIGHT
    assert geometry.bounds.left == -LANE_HEADER_WIDTH


def test_flow_routes_are_orthogonal_and_join_their_steps() -> None:
    path_map = chain_map(positions=True)
    geometry = compute_geometry(path_map)
    for flow in path_map.flows:
        route = geometry.flows[flow.id]
        for (x0, y0), (x1, y1) in zip(route.points, route.points[1:], strict=False):
            assert x0 == pytest.approx(x1) or y0 == pytest.approx(y1)
        source = geometry.steps[flow.source].rect
        target = geometry.steps[flow.target].rect
        start, end = route.points[0], route.points[-1]
        assert source.left - 0.5 <= start[0] <= source.right + 0.5
        assert source.top - 0.5 <= start[1] <= source.bottom + 0.5
        assert target.left - 0.5 <= end[0] <= target.right + 0.5
        assert target.top - 0.5 <= end[1] <= target.bottom + 0.5
    assert geometry.flows["f23"].crosses_lanes and not geometry.flows["f01"].crosses_lanes


def test_a_flow_back_to_an_earlier_step_runs_below_the_steps() -> None:
    geometry = compute_geometry(chain_map(positions=True))
    route = geometry.flows["f41"]
    lowest = max(y for _x, y in route.points)
    assert lowest > geometry.steps["s4"].rect.bottom


def test_decision_branches_leave_from_different_sides() -> None:
    geometry = compute_geometry(chain_map(positions=True))
    starts = {geometry.flows[f].points[0] for f in ("f23", "f24")}
    assert len(starts) == 2


def test_auto_layout_keeps_lanes_and_phases_and_is_stable(tmp_path: Path) -> None:
    path_map = chain_map()
    laid_out = auto_layout(path_map)
    assert [(s.lane, s.phase) for s in laid_out.steps] == [
        (s.lane, s.phase) for s in path_map.steps
    ]
    assert all(step.has_position for step in laid_out.steps)
    assert auto_layout(laid_out) == laid_out
    assert path_map.steps[0].x is None  # the input is not changed


def test_layout_of_a_large_map_places_every_step() -> None:
    path_map = PathMap()
    path_map.lanes += [Lane(id=f"l{i}", name=f"Lane {i}") for i in range(6)]
    for index in range(2000):
        path_map.steps.append(Step(id=f"s{index}", kind="activity", lane=f"l{index % 6}"))
        if index:
            path_map.flows.append(Flow(id=f"f{index}", source=f"s{index - 1}", target=f"s{index}"))
        if index % 50 == 49:
            path_map.flows.append(Flow(id=f"b{index}", source=f"s{index}", target=f"s{index - 40}"))
    geometry = compute_geometry(path_map)
    assert len(geometry.steps) == 2000 and len(geometry.flows) == len(path_map.flows)


def test_every_style_glyph_exists_in_the_shipped_font() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from pathmapper.layout.style import COMMENT_STYLES, PATIENT_CONTACT_GLYPH, STEP_STYLES
    from pathmapper.resources import resource_path

    font = TTFont("GlyphCheck", str(resource_path("fonts", "DejaVuSans.ttf")))
    glyphs = [style.glyph for style in STEP_STYLES.values() if style.glyph]
    glyphs += [style.glyph for style in COMMENT_STYLES.values()] + [PATIENT_CONTACT_GLYPH]
    assert all(ord(glyph) in font.face.charToGlyph for glyph in glyphs)


def test_blend_and_lane_tints() -> None:
    from pathmapper.layout.style import blend, lane_tint

    assert blend("#000000", "#FFFFFF", 0.5) == "#808080"
    assert lane_tint(0, "#0072B2").startswith("#") and lane_tint(0, None) != lane_tint(1, None)


def test_every_sample_step_sits_in_its_phase_column_and_phases_fit_their_steps() -> None:
    from pathmapper.layout import COLUMN_SPACING

    for path in SAMPLE_MAPS:
        path_map = load_map(path)
        geometry = compute_geometry(path_map)
        columns = {column.phase_id: column.rect for column in geometry.phases}
        for step in path_map.steps:
            if step.phase is None:
                continue
            x = geometry.steps[step.id].rect.centre[0]
            assert columns[step.phase].left <= x <= columns[step.phase].right, (path.name, step.id)
        for phase in path_map.phases:  # no wider than its steps side by side, with room
            count = sum(1 for step in path_map.steps if step.phase == phase.id)
            assert columns[phase.id].width <= max(1, count) * COLUMN_SPACING * 1.5, phase.id


def test_a_loop_back_to_an_earlier_phase_does_not_stretch_the_phases() -> None:
    path_map = chain_map()
    before = [column.rect.width for column in compute_geometry(path_map).phases]
    path_map.flows.append(Flow(id="back", source="s4", target="s0", label="re-referral"))
    path_map.flows.append(Flow(id="back2", source="s3", target="s1"))
    after = [column.rect.width for column in compute_geometry(path_map).phases]
    assert after == before


def test_geometry_without_flows_has_the_same_lanes_and_boxes() -> None:
    path_map = load_map(SAMPLE_MAPS[0])
    full, frame = compute_geometry(path_map), compute_geometry(path_map, with_flows=False)
    assert frame.flows == {} and full.flows
    assert (frame.lanes, frame.phases, frame.steps, frame.body) == (
        full.lanes,
        full.phases,
        full.steps,
        full.body,
    )


def test_every_sample_flow_label_sits_on_its_flow_clear_of_its_source_step() -> None:
    for path in SAMPLE_MAPS:
        path_map = load_map(path)
        geometry = compute_geometry(path_map)
        for flow in path_map.flows:
            route = geometry.flows[flow.id]
            if not flow.label.strip():
                assert route.label is None
                continue
            assert route.label is not None and route.label.text == flow.label
            assert not route.label.rect.intersects(geometry.steps[flow.source].rect)
