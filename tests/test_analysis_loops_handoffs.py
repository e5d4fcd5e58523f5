"""Loops, handoffs and duplication: small maps with and without each finding."""

from __future__ import annotations

from pathmapper.analysis import analyse, normalise_label
from pathmapper.model import Lane
from tests.analysis_maps import chain, codes, flow, found, make_map, simple_map, step

REFERRAL_LOOP = [
    step("s", "start"),
    step("g", label="GP referral"),
    step("c", "activity", "cardio", label="Clinic"),
    step("d", "decision", "cardio", label="Complete?"),
    step("e", "end"),
]


def test_unplanned_loop_names_the_organisations_it_crosses() -> None:
    flows = [*chain("s", "g", "c", "d"), flow("d", "e", "yes"), flow("d", "g", "no")]
    loops = found(make_map(REFERRAL_LOOP, flows), "loop.cycle")
    assert [(f.severity, f.elements) for f in loops] == [("warning", ("g", "c", "d"))]
    assert loops[0].message.startswith(
        "The patient is sent back from 'Complete?' in Cardiology to 'GP referral' in GP practice"
    )
    assert "from GP practice to Acute trust, then back from Acute trust to GP practice" in (
        loops[0].message
    )
    assert found(simple_map(), "loop.cycle") == []


def test_a_loop_with_one_expected_flow_is_expected() -> None:
    flows = [*chain("s", "g", "c", "d"), flow("d", "e", "yes"), flow("d", "g", "no", expected=True)]
    analysis = analyse(make_map(REFERRAL_LOOP, flows))
    assert codes(analysis, "loop.cycle") == []
    assert [f.elements for f in codes(analysis, "loop.expected")] == [("g", "c", "d")]
    assert analysis.summary["loops"] == 0 and analysis.summary["expected_loops"] == 1


def test_expected_on_any_of_parallel_flows_counts() -> None:
    flows = [*chain("s", "a", "e"), flow("a", "a", id="x1"), flow("a", "a", expected=True, id="x2")]
    analysis = analyse(make_map(simple_map().steps, flows))
    assert [f.elements for f in codes(analysis, "loop.expected")] == [("a",)]
    assert analysis.cycles == [("a",)]


def test_handoffs_between_lanes_and_organisations() -> None:
    steps = [
        step("s", "start"),
        step("a", "activity", "nurse"),
        step("b", "activity", "cardio"),
        step("e", "end", "cardio"),
    ]
    flows = [flow("s", "a"), flow("a", "b", "referral letter"), flow("b", "e")]
    analysis = analyse(make_map(steps, flows))
    assert analysis.handoff_flows == ["s-a", "a-b"]
    assert analysis.cross_org_flows == ["a-b"]
    assert analysis.handoff_matrix == {("GP practice", "Acute trust"): 1}
    cross = codes(analysis, "handoff.cross_organisation")
    assert [f.elements for f in cross] == [("a-b",)]
    assert "from GP practice to Acute trust" in cross[0].message
    assert codes(analysis, "handoff.unlabelled") == []
    assert analysis.summary["handoffs"] == 2 and analysis.summary["cross_org_handoffs"] == 1


def test_unlabelled_cross_organisation_handoff() -> None:
    steps = [step("s", "start"), step("b", "activity", "cardio"), step("e", "end", "cardio")]
    path_map = make_map(steps, [flow("s", "b", " "), flow("b", "e")])
    assert [f.elements for f in found(path_map, "handoff.unlabelled")] == [("s-b",)]


def test_normalising_labels() -> None:
    assert normalise_label("Blood Tests (FBC, U&Es)") == "blood test fbc u es"
    assert normalise_label("  ECGs  ") == "ecg"  # longer than three letters: plural dropped
    assert normalise_label("Bus") == "bus"  # three letters: kept
    assert normalise_label("Results's") == "result s"
    assert normalise_label("   ") == ""


def test_similar_steps_in_different_organisations() -> None:
    steps = [
        step("a", label="Record 12-lead ECG"),
        step("b", "activity", "cardio", label="Record 12 lead ECGs"),
        step("c", "activity", "nurse", label="Record 12-lead ECG"),  # same organisation as a
        step("d", "activity", "community", label="Home visit"),
        step("e", "activity", "echo", label="   "),
        step("f", "activity", "community", label=""),
    ]
    similar = found(make_map(steps), "duplication.similar_steps")
    assert sorted(f.elements for f in similar) == [("a", "b"), ("b", "c")]
    assert all(f.severity == "info" for f in similar)


def test_near_identical_labels_match_at_the_threshold() -> None:
    # "echocardiogram" vs "echocardiogramme": ratio 2*14/30 = 0.93.
    steps = [
        step("a", label="Echocardiogram"),
        step("b", "activity", "cardio", label="Echocardiogramme"),
    ]
    assert len(found(make_map(steps), "duplication.similar_steps")) == 1
    different = [step("a", label="Echo"), step("b", "activity", "cardio", label="Chest X-ray")]
    assert found(make_map(different), "duplication.similar_steps") == []


def test_blank_organisation_means_the_lane_name() -> None:
    lanes = [
        Lane(id="gp", name="GP practice"),
        Lane(id="gp2", name="GP practice", organisation=" "),
    ]
    steps = [step("a", label="Review"), step("b", "activity", "gp2", label="Review")]
    analysis = analyse(make_map(steps, lanes=lanes))
    assert codes(analysis, "duplication.similar_steps") == []
    assert analysis.summary["organisations"] == 1
