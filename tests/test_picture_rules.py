"""The rules of a good picture (geometry.md) hold on every sample, on automatic layouts, on
generated maps and on maps placed by hand anywhere, as `layout.picture_rules` checks them;
and the checker itself catches each kind of break."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathmapper.analysis.generate import generate_map
from pathmapper.io import load_map
from pathmapper.layout import auto_layout, compute_geometry
from pathmapper.layout.picture_rules import breaks_at_word_ends, picture_breaks
from pathmapper.layout.primitives import FlowRoute, Rect
from pathmapper.model import Comment, Flow, Lane, PathMap, Phase, Step
from tests.conftest import SAMPLE_MAPS


def _messages(path_map: PathMap) -> list[str]:
    return [
        f"rule {b.rule}: {b.message}" for b in picture_breaks(path_map, compute_geometry(path_map))
    ]


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: Path(p).name)
def test_every_sample_keeps_every_rule_as_placed_and_laid_out(path: Path) -> None:
    path_map = load_map(path)
    assert _messages(path_map) == []
    assert _messages(auto_layout(path_map)) == []


@pytest.mark.parametrize(
    ("steps", "seed"),
    [
        (100, 3),
        (300, 3),
        # Two decisions one above the other, the upper's flow to elsewhere leaving by the
        # corner the lower's flow from elsewhere enters by: neither end can move off the line.
        (250, 21),
        # The same, where no nearby track is free either: one of the two is routed again.
        (80, 36),
    ],
)
def test_generated_maps_keep_every_rule(steps: int, seed: int) -> None:
    assert _messages(generate_map(steps, seed=seed)) == []


KINDS = ["activity", "activity", "decision", "wait", "information", "start", "end"]
LABELS = ["", "Triage call", "Echocardiogram", "self-management plan", "yes", "Clinic letter"]


@st.composite
def hand_placed_maps(draw: st.DrawFn) -> PathMap:
    """Maps of a few lanes whose steps sit in random cells of a coarse grid (as a facilitator
    drags them anywhere, never on top of each other), with random flows, labels and notes."""
    lane_count = draw(st.integers(1, 4))
    step_count = draw(st.integers(2, 12))
    path_map = PathMap(title="Hand placed")
    path_map.lanes = [Lane(id=f"l{i}", name=f"Lane {i}") for i in range(lane_count)]
    cells = draw(
        st.lists(
            st.tuples(st.integers(0, lane_count - 1), st.integers(0, 7), st.integers(0, 1)),
            min_size=step_count,
            max_size=step_count,
            unique=True,
        )
    )
    for index, (lane, column, row) in enumerate(cells):
        kind = draw(st.sampled_from(KINDS))
        path_map.steps.append(
            Step(
                id=f"s{index}",
                kind=kind,  # type: ignore[arg-type]
                label=draw(st.sampled_from(LABELS)),
                lane=f"l{lane}",
                x=130.0 + column * 260 + draw(st.integers(-20, 20)),
                y=70.0 + row * 170 + draw(st.integers(0, 20)),
                wait=draw(st.sampled_from([None, "P3D"])),
                duration=draw(st.sampled_from([None, "PT20M"])),
                patient_contact=draw(st.booleans()),
            )
        )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, step_count - 1), st.integers(0, step_count - 1)),
            max_size=step_count * 2,
            unique=True,
        )
    )
    for index, (source, target) in enumerate(pairs):
        if source != target:
            label = draw(st.sampled_from(["", "", "yes", "no: refer back", "urgent"]))
            path_map.flows.append(
                Flow(id=f"f{index}", source=f"s{source}", target=f"s{target}", label=label)
            )
    for index in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from([f"s{i}" for i in range(step_count)] + [None, "l0"]))
        path_map.comments.append(
            Comment(id=f"c{index}", target=target, kind="idea", text="Could the clinic do this?")
        )
    return path_map


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(hand_placed_maps())
def test_a_map_placed_anywhere_by_hand_keeps_the_rules(path_map: PathMap) -> None:
    """Every rule; only a label on a flow squeezed between two boxes too close for it may
    have to sit further from its flow than beside it (it still covers nothing)."""
    breaks = [m for m in _messages(path_map) if not m.endswith("is not beside its flow")]
    assert breaks == []


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(hand_placed_maps())
def test_automatic_layout_keeps_the_rules_and_reads_left_to_right(path_map: PathMap) -> None:
    laid_out = auto_layout(path_map)
    assert _messages(laid_out) == []
    assert auto_layout(path_map) == laid_out  # the same map, the same layout
    geometry = compute_geometry(laid_out)
    for band in geometry.lanes:  # lanes no taller than their content needs
        inside = [
            b.footprint for b in geometry.steps.values() if band.rect.contains(*b.rect.centre)
        ]
        notes = [n.rect for n in geometry.notes.values() if band.rect.contains(*n.rect.centre)]
        bottom = max([r.bottom for r in inside + notes], default=band.rect.top)
        assert band.rect.bottom - bottom <= 18 + 26 + 0.5 or not inside


def test_lanes_share_columns_and_the_map_is_much_narrower_than_one_column_a_step() -> None:
    path_map = generate_map(300, seed=0)
    centres = {round(box.rect.centre[0]) for box in compute_geometry(path_map).steps.values()}
    assert len(centres) < len(path_map.steps) / 2


def test_the_checker_sees_a_flow_through_a_box_and_two_flows_on_one_line() -> None:
    path_map = PathMap(lanes=[Lane(id="a", name="A")])
    for index, x in enumerate((100.0, 400.0, 700.0)):
        path_map.steps.append(Step(id=f"s{index}", kind="activity", lane="a", x=x, y=80.0))
    path_map.flows += [
        Flow(id="f1", source="s0", target="s2"),
        Flow(id="f2", source="s1", target="s2"),
    ]
    geometry = compute_geometry(path_map)
    assert picture_breaks(path_map, geometry) == []
    s0, s1, s2 = (geometry.steps[f"s{i}"].rect for i in range(3))
    y = s0.centre[1]
    geometry.flows["f1"] = FlowRoute("f1", ((s0.right, y), (s2.left, y)), False, None, "s0", "s2")
    geometry.flows["f2"] = FlowRoute("f2", ((s1.right, y), (s2.left, y)), False, None, "s1", "s2")
    rules = sorted(b.rule for b in picture_breaks(path_map, geometry))
    assert 1 in rules and 2 not in rules  # f2 ends on s2 with f1: a merge may share its end
    geometry.flows["f2"] = FlowRoute(
        "f2", ((s1.right, y), (s1.right + 40, y), (s1.right + 40, y + 200)), False, None, "s1", "s2"
    )
    assert 2 in {b.rule for b in picture_breaks(path_map, geometry)}


def test_text_breaks_only_at_spaces_and_hyphens() -> None:
    assert breaks_at_word_ends("Echocardiogram at the clinic", ["Echocardiogram", "at the clinic"])
    assert not breaks_at_word_ends("Echocardiogram", ["Echocardiog", "ram"])
    assert breaks_at_word_ends("self-management plan", ["self-", "management plan"])
    assert breaks_at_word_ends("Pneumonoultramicroscopic", ["Pneumonoultra-", "microscopic"])
    assert not breaks_at_word_ends("self-management", ["self-managemen", "t"])


def test_a_long_word_widens_its_box_instead_of_breaking() -> None:
    path_map = PathMap(lanes=[Lane(id="a", name="A")], phases=[Phase(id="p", name="P")])
    path_map.steps.append(
        Step(
            id="s", kind="activity", lane="a", phase="p", label="Echocardiography-department review"
        )
    )
    box = compute_geometry(path_map).steps["s"]
    assert "Echocardiography-" in box.lines and box.rect.width > 150
    assert breaks_at_word_ends("Echocardiography-department review", box.lines)


def test_a_character_the_label_font_lacks_is_never_an_empty_box() -> None:
    from reportlab.pdfbase import pdfmetrics

    from pathmapper.layout.text import REPLACEMENT, drawable, registered_font, registered_runs

    label = "Clinic 诊所 ✓"
    for font_name, piece in registered_runs(drawable(label)):
        font = pdfmetrics.getFont(font_name)
        covered = set(font.face.charToGlyph) if font_name != "Helvetica" else set()
        assert all(ord(c) in covered or c == " " for c in piece) or REPLACEMENT in piece
    assert registered_font("DejaVuSans") == "DejaVuSans"


def test_badges_notes_and_labels_sit_beside_what_they_belong_to() -> None:
    path_map = PathMap(lanes=[Lane(id="a", name="A"), Lane(id="b", name="B")])
    path_map.steps += [
        Step(id="d", kind="decision", lane="a", label="Urgent?", x=120, y=80, wait="P2D"),
        Step(id="u", kind="activity", lane="a", label="Same day", x=420, y=80, duration="PT1H"),
        Step(id="r", kind="activity", lane="b", label="Routine list", x=420, y=90),
    ]
    path_map.flows += [
        Flow(id="yes", source="d", target="u", label="yes"),
        Flow(id="no", source="d", target="r", label="no"),
    ]
    path_map.comments.append(Comment(id="c", target="u", kind="gap", text="No slots on Fridays"))
    geometry = compute_geometry(path_map)
    assert picture_breaks(path_map, geometry) == []
    yes, no = geometry.flows["yes"], geometry.flows["no"]
    assert yes.points[0] != no.points[0]  # the branches leave from distinct corners
    note = geometry.notes["c"].rect
    step = geometry.steps["u"].footprint
    assert abs(note.top - step.bottom) < 12 or abs(note.left - step.right) < 12
    lane_b = geometry.lane_band("b")
    assert lane_b is not None and not note.intersects(lane_b.rect)  # the lane grew to hold it
    wait = geometry.steps["d"].badges[0]
    assert wait.text == "wait 2d" and wait.rect.bottom <= geometry.steps["d"].rect.top
    assert Rect(0, 0, 1, 1).intersects(Rect(0.5, 0.5, 1, 1))


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: Path(p).name)
def test_a_note_on_a_flow_stays_in_its_lane_and_off_every_line(path: Path) -> None:
    """Where there is room near it (there is, on every sample): no arrow seems to run into the
    note, no lane's edge through it."""
    path_map = load_map(path)
    geometry = compute_geometry(path_map)
    flows = {flow.id for flow in path_map.flows}
    for comment in path_map.comments:
        if comment.target not in flows:
            continue
        note = geometry.notes[comment.id].rect
        lane_id = geometry.lane_at(geometry.flows[comment.target].label_anchor[1])
        band = geometry.lane_band(lane_id) if lane_id is not None else None
        assert band is not None
        assert band.rect.top <= note.top and note.bottom <= band.rect.bottom, comment.id
        for route in geometry.flows.values():
            for (x0, y0), (x1, y1) in zip(route.points, route.points[1:], strict=False):
                assert not note.crossed_by((x0, y0), (x1, y1)), f"{route.flow_id} runs into it"
