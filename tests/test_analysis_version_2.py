"""The version 2 definitions of analysis.md on small maps with hand-worked answers: the patient's
own lane, loops by the flow that sends the patient back, and bounces A, B, A, B on a route."""

from __future__ import annotations

import pytest

from pathmapper.analysis import analyse
from pathmapper.model import Lane, PathMap, is_patient_lane_name
from tests.analysis_maps import LANES, chain, codes, flow, found, make_map, step

PATIENT = Lane(id="patient", name="Patient")
WITH_PATIENT = (PATIENT, *LANES)


# ---------------------------------------------------------------- the patient's lane


@pytest.mark.parametrize(
    "name",
    [
        "Patient",
        "patients",
        "Patient and carer",
        "Patient & carer",
        "Patient/Carer",
        "Carers",
        "Family",
        "  PATIENT  AND   FAMILY ",
    ],
)
def test_lanes_named_for_the_patient_are_the_patients(name: str) -> None:
    assert Lane(id="l", name=name).is_patient
    assert is_patient_lane_name(name)


@pytest.mark.parametrize(
    "name", ["GP practice", "Patient transport", "Family hubs", "Carers' centre", "", "Patient 1"]
)
def test_other_names_are_not_the_patients(name: str) -> None:
    assert not Lane(id="l", name=name).is_patient


def test_the_patient_field_decides_over_the_name() -> None:
    assert Lane(id="l", name="Service user", patient=True).is_patient
    assert not Lane(id="l", name="Patient", patient=False).is_patient
    assert Lane(id="l", name="Patient").care_organisation is None
    assert Lane(id="l", name="Patient", patient=False).care_organisation == "Patient"


def test_the_patient_field_is_written_only_when_set() -> None:
    assert "patient" not in Lane(id="l", name="Patient").to_document()
    assert Lane(id="l", name="GP", patient=False).to_document() == {
        "id": "l",
        "name": "GP",
        "patient": False,
    }


def _self_care_map(patient_lane: Lane) -> PathMap:
    """GP advice, the patient looks after themselves, back to the GP, then to hospital; the
    patient's step has the same label as a GP step."""
    steps = [
        step("s", "start"),
        step("advice", label="Self-care advice"),
        step("home", "activity", patient_lane.id, label="Self-care advice"),
        step("review", label="Review"),
        step("clinic", "activity", "cardio"),
        step("e", "end", "cardio"),
    ]
    flows = chain("s", "advice", "home", "review", "clinic", "e")
    return make_map(steps, flows, lanes=(patient_lane, *LANES))


def test_a_patient_lane_is_no_organisation_in_any_count() -> None:
    analysis = analyse(_self_care_map(PATIENT))
    assert analysis.cross_org_flows == ["review-clinic"]
    assert analysis.handoff_flows == ["advice-home", "home-review", "review-clinic"]
    assert analysis.handoff_matrix == {("GP practice", "Acute trust"): 1}
    assert codes(analysis, "handoff.ping_pong") == []
    assert codes(analysis, "duplication.similar_steps") == []
    assert analysis.summary["organisations"] == 3  # GP practice, Acute trust, Community
    assert analysis.summary["cross_org_handoffs"] == 1
    assert analysis.organisations_met_max == 2
    (route,) = analysis.routes
    assert route.organisations == ("GP practice", "Acute trust")
    assert route.cross_org_handoffs == 1 and route.handoffs == 3
    handoffs, cross = _self_care_map(PATIENT).handoff_flow_ids()
    assert cross == {"review-clinic"} and len(handoffs) == 3


def test_a_lane_marked_not_the_patients_is_an_organisation() -> None:
    named_patient = Lane(id="patient", name="Patient", patient=False)
    analysis = analyse(_self_care_map(named_patient))
    assert analysis.cross_org_flows == ["advice-home", "home-review", "review-clinic"]
    assert analysis.summary["organisations"] == 4
    assert analysis.organisations_met_max == 3
    assert [f.elements for f in codes(analysis, "duplication.similar_steps")] == [
        ("advice", "home")
    ]


def test_a_lane_marked_the_patients_whatever_its_name() -> None:
    service_user = Lane(id="patient", name="Service user", patient=True)
    analysis = analyse(_self_care_map(service_user))
    assert analysis.cross_org_flows == ["review-clinic"]
    assert analysis.summary["organisations"] == 3


def test_a_map_of_the_patient_alone_has_no_organisation() -> None:
    steps = [step("s", "start", "patient"), step("e", "end", "patient")]
    analysis = analyse(make_map(steps, chain("s", "e"), lanes=(PATIENT,)))
    assert analysis.summary["organisations"] == 0
    assert analysis.organisations_met_max == 0
    assert analysis.routes[0].organisations == ()


# ---------------------------------------------------------------- loops


def test_one_loop_per_flow_that_sends_back_not_per_path_round_it() -> None:
    # Two ways from a to d, and one arrow back from d to a: two elementary cycles, one loop.
    steps = [step(i) for i in ("a", "b", "c", "d")]
    steps = [step("s", "start"), *steps, step("e", "end")]
    flows = [*chain("s", "a", "b", "d", "e"), *chain("a", "c", "d"), flow("d", "a")]
    analysis = analyse(make_map(steps, flows))
    assert [f.elements for f in codes(analysis, "loop.cycle")] == [("a", "b", "d")]
    assert analysis.cycles == [("a", "b", "d")]
    assert analysis.summary["loops"] == 1


def test_loops_through_shared_steps_are_one_per_flow_back() -> None:
    # a -> b -> c, and from c back to a and back to b: the search meets both flows back.
    steps = [step("s", "start"), step("a"), step("b"), step("c"), step("e", "end")]
    flows = [*chain("s", "a", "b", "c", "e"), flow("c", "a"), flow("c", "b")]
    loops = found(make_map(steps, flows), "loop.cycle")
    assert [f.elements for f in loops] == [("a", "b", "c"), ("b", "c")]
    assert "sent back from 'Step c' in GP practice to 'Step b' in GP practice" in loops[1].message


def test_parallel_flows_back_are_one_loop() -> None:
    steps = [step("s", "start"), step("a"), step("b"), step("e", "end")]
    flows = [*chain("s", "a", "b", "e"), flow("b", "a", id="back1"), flow("b", "a", id="back2")]
    assert [f.elements for f in found(make_map(steps, flows), "loop.cycle")] == [("a", "b")]
    planned = [*flows[:-1], flow("b", "a", expected=True, id="back2")]
    analysis = analyse(make_map(steps, planned))
    assert codes(analysis, "loop.cycle") == []
    assert [f.elements for f in codes(analysis, "loop.expected")] == [("a", "b")]


def test_the_search_starts_at_the_start_steps() -> None:
    # Listed b, a, s: searched from b first, the flow a -> b would send back; from the start
    # s, the patient goes s, a, b, and b -> a is the flow that sends back.
    steps = [step("b"), step("a"), step("s", "start")]
    flows = [flow("a", "b"), flow("b", "a"), flow("s", "a")]
    (loop,) = found(make_map(steps, flows), "loop.cycle")
    assert loop.elements == ("a", "b")
    assert "sent back from 'Step b' in GP practice to 'Step a' in GP practice" in loop.message


def test_steps_no_start_reaches_are_searched_in_file_order() -> None:
    steps = [step("y"), step("x")]
    (loop,) = found(make_map(steps, [flow("x", "y"), flow("y", "x")]), "loop.cycle")
    assert loop.elements == ("y", "x")


def test_a_step_flowing_to_itself_is_a_loop() -> None:
    steps = [step("s", "start"), step("a", label="Chase results"), step("e", "end")]
    flows = [*chain("s", "a", "e"), flow("a", "a")]
    (loop,) = found(make_map(steps, flows), "loop.cycle")
    assert loop.elements == ("a",)
    assert "sent from 'Chase results' in GP practice straight back to itself" in loop.message
    assert "stays within GP practice" in loop.message


def test_a_loop_through_the_patient_crosses_no_organisation() -> None:
    steps = [step("s", "start"), step("a"), step("p", "activity", "patient"), step("e", "end")]
    flows = [*chain("s", "a", "p", "e"), flow("p", "a")]
    (loop,) = found(make_map(steps, flows, lanes=WITH_PATIENT), "loop.cycle")
    assert "The loop stays within GP practice." in loop.message
    home = [step("s", "start", "patient"), step("p", "activity", "patient"), step("e", "end")]
    (alone,) = found(
        make_map(home, [*chain("s", "p", "e"), flow("p", "p")], lanes=WITH_PATIENT), "loop.cycle"
    )
    assert "The loop stays with the patient." in alone.message


# ---------------------------------------------------------------- bounces


def test_a_referral_and_reply_is_not_a_bounce() -> None:
    steps = [
        step("s", "start"),
        step("refer", label="Refer"),
        step("clinic", "activity", "cardio", label="Clinic"),
        step("letter", "activity", "cardio", label="Clinic letter"),
        step("read", label="GP reads the letter"),
        step("e", "end"),
    ]
    flows = chain("s", "refer", "clinic", "letter", "read", "e")
    assert found(make_map(steps, flows), "handoff.ping_pong") == []


def test_a_re_referral_is_a_bounce() -> None:
    steps = [
        step("s", "start"),
        step("refer", label="Refer"),
        step("clinic", "activity", "cardio", label="Clinic"),
        step("letter", "activity", "nurse", label="Nurse reads the letter"),
        step("again", "activity", "echo", label="Echo"),
        step("e", "end"),
    ]
    flows = chain("s", "refer", "clinic", "letter", "again", "e")
    (bounce,) = found(make_map(steps, flows), "handoff.ping_pong")
    assert bounce.severity == "warning"
    # Every flow between the GP practice and the acute trust on the route, either way.
    assert bounce.elements == ("refer-clinic", "clinic-letter", "letter-again", "again-e")
    assert bounce.message.startswith(
        "The patient is passed back and forth between GP practice and Acute trust: on one route"
    )
    assert "'Refer' in GP practice → 'Clinic' in Cardiology" in bounce.message


def test_one_bounce_per_pair_of_organisations_with_the_flows_of_the_routes_where_it_happens() -> (
    None
):
    steps = [
        step("s", "start"),
        step("d", "decision", label="Which clinic?"),
        step("x", "activity", "cardio"),
        step("y"),
        step("z", "activity", "echo"),
        step("w", "activity", "cardio"),  # a single referral: no bounce on this route
        step("e", "end"),
        step("v", "activity", "echo"),  # a second bouncing route through z
    ]
    flows = [
        flow("s", "d"),
        flow("d", "x"),
        flow("x", "y"),
        flow("y", "z"),
        flow("z", "e"),
        flow("d", "w"),
        flow("w", "e"),
        flow("y", "v"),
        flow("v", "e"),
    ]
    analysis = analyse(make_map(steps, flows))
    (bounce,) = codes(analysis, "handoff.ping_pong")
    assert bounce.elements == ("d-x", "x-y", "y-z", "z-e", "y-v", "v-e")
    assert "on 2 routes" in bounce.message


def test_steps_of_the_patient_between_steps_of_one_organisation_are_no_change() -> None:
    # NHS 111 advises self-care, the patient rings back, 111 sends an ambulance: 111, patient,
    # 111 is one stay with 111, so 111, ambulance service, 111 is a referral and reply only.
    lanes = (
        PATIENT,
        Lane(id="nhs111", name="NHS 111"),
        Lane(id="ambulance", name="Ambulance service"),
    )
    steps = [
        step("s", "start", "patient"),
        step("call", "activity", "nhs111"),
        step("crew", "activity", "ambulance"),
        step("advice", "activity", "nhs111"),
        step("selfcare", "activity", "patient"),
        step("again", "activity", "nhs111"),
        step("e", "end", "patient"),
    ]
    flows = chain("s", "call", "crew", "advice", "selfcare", "again", "e")
    assert found(make_map(steps, flows, lanes=lanes), "handoff.ping_pong") == []
    # With the ambulance again after the second call it is a bounce.
    steps.append(step("crew2", "activity", "ambulance"))
    flows = [*flows[:-1], *chain("again", "crew2", "e")]
    (bounce,) = found(make_map(steps, flows, lanes=lanes), "handoff.ping_pong")
    assert bounce.elements == ("call-crew", "crew-advice", "again-crew2")
