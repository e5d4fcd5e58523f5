"""Gap findings: one small map per code, with a case that must report it and one that must not."""

from __future__ import annotations

from pathmapper.analysis import analyse
from pathmapper.model import Comment, Lane
from tests.analysis_maps import chain, flow, found, make_map, simple_map, step


def test_a_connected_timed_map_has_no_gap_except_empty_lanes() -> None:
    codes = {finding.code for finding in analyse(simple_map()).findings}
    assert codes == {"gap.empty_lane"}


def test_an_empty_map_has_no_start_or_end_finding() -> None:
    assert analyse(make_map([], lanes=[])).findings == []


def test_no_start_and_no_end_are_errors_with_no_elements() -> None:
    path_map = make_map([step("a"), step("b")], chain("a", "b"))
    no_start = found(path_map, "gap.no_start")
    no_end = found(path_map, "gap.no_end")
    assert [(f.severity, f.elements) for f in no_start + no_end] == [("error", ()), ("error", ())]
    assert found(simple_map(), "gap.no_start") == []
    assert found(simple_map(), "gap.no_end") == []


def test_isolated_step_is_not_also_unreachable_or_dead_end() -> None:
    path_map = make_map(
        [*simple_map().steps, step("lonely", label="Falls clinic")], chain("s", "a", "e")
    )
    isolated = found(path_map, "gap.isolated")
    assert [f.elements for f in isolated] == [("lonely",)]
    assert "'Falls clinic' in GP practice" in isolated[0].message
    assert isolated[0].suggestion
    assert found(path_map, "gap.unreachable") == []
    assert found(path_map, "gap.dead_end") == []


def test_a_self_loop_is_not_isolated() -> None:
    path_map = make_map([*simple_map().steps, step("x")], [*chain("s", "a", "e"), flow("x", "x")])
    assert found(path_map, "gap.isolated") == []


def test_unreachable_steps_only_when_a_start_exists() -> None:
    steps = [*simple_map().steps, step("b"), step("c")]
    flows = [*chain("s", "a", "e"), flow("b", "c"), flow("c", "e")]
    assert [f.elements for f in found(make_map(steps, flows), "gap.unreachable")] == [
        ("b",),
        ("c",),
    ]
    no_start = make_map([step("a"), step("e", "end")], chain("a", "e"))
    assert found(no_start, "gap.unreachable") == []


def test_dead_end_is_a_step_other_than_an_end_with_no_flow_out() -> None:
    path_map = make_map(
        [*simple_map().steps, step("d", label="Letter to GP")],
        [*chain("s", "a", "e"), flow("a", "d")],
    )
    dead = found(path_map, "gap.dead_end")
    assert [f.elements for f in dead] == [("d",)]
    assert "'Letter to GP' in GP practice" in dead[0].message
    assert found(simple_map(), "gap.dead_end") == []  # the end step has no flow out: fine


def test_a_trap_is_a_loop_no_flow_leaves() -> None:
    steps = [*simple_map().steps, step("x"), step("y"), step("z")]
    flows = [*chain("s", "a", "e"), flow("a", "x"), flow("x", "y"), flow("y", "x"), flow("a", "z")]
    flows.append(flow("z", "z"))
    traps = found(make_map(steps, flows), "gap.no_route_to_end")
    assert sorted(f.elements for f in traps) == [("x", "y"), ("z",)]
    # A way out of the loop, or an end inside it, means no trap.
    escaped = make_map(steps, [*flows, flow("y", "e"), flow("z", "e")])
    assert found(escaped, "gap.no_route_to_end") == []
    looping_end = make_map([step("s", "start"), step("e", "end")], [flow("s", "e"), flow("e", "s")])
    assert found(looping_end, "gap.no_route_to_end") == []


def test_decision_needs_two_distinct_targets() -> None:
    steps = [step("s", "start"), step("d", "decision", label="Urgent?"), step("e", "end")]
    one = make_map(steps, [flow("s", "d"), flow("d", "e", "yes"), flow("d", "e", "no", id="f2")])
    finding = found(one, "gap.decision_branches")
    assert [f.elements for f in finding] == [("d",)]
    assert "'Urgent?' in GP practice" in finding[0].message
    two = make_map(
        [*steps, step("e2", "end")], [flow("s", "d"), flow("d", "e", "yes"), flow("d", "e2", "no")]
    )
    assert found(two, "gap.decision_branches") == []


def test_unlabelled_branch_only_out_of_a_decision_with_two_flows_out() -> None:
    steps = [step("s", "start"), step("d", "decision"), step("e", "end"), step("e2", "end")]
    path_map = make_map(steps, [flow("s", "d"), flow("d", "e", "yes"), flow("d", "e2", "  ")])
    assert [f.elements for f in found(path_map, "gap.unlabelled_branch")] == [("d-e2",)]
    single = make_map(steps[:3], [flow("s", "d"), flow("d", "e")])
    assert found(single, "gap.unlabelled_branch") == []


def test_duplicate_flow_lists_the_flows_after_the_first() -> None:
    flows = [*chain("s", "a", "e"), flow("a", "e", id="again"), flow("a", "e", id="third")]
    duplicate = found(make_map(simple_map().steps, flows), "gap.duplicate_flow")
    assert [f.elements for f in duplicate] == [("again", "third")]
    assert found(simple_map(), "gap.duplicate_flow") == []


def test_unlabelled_step_counts_spaces_as_empty() -> None:
    path_map = make_map(
        [step("s", "start"), step("a", label="   "), step("e", "end")], chain("s", "a", "e")
    )
    finding = found(path_map, "gap.unlabelled_step")
    assert [f.elements for f in finding] == [("a",)]
    assert "unlabelled activity step in GP practice" in finding[0].message
    assert found(simple_map(), "gap.unlabelled_step") == []


def test_empty_lane() -> None:
    lanes = [Lane(id="gp", name="GP practice"), Lane(id="hospice", name="Hospice")]
    path_map = make_map(simple_map().steps, chain("s", "a", "e"), lanes=lanes)
    empty = found(path_map, "gap.empty_lane")
    assert [f.elements for f in empty] == [("hospice",)]
    assert "'Hospice'" in empty[0].message


def test_missing_time_is_one_finding_only_when_some_step_has_a_time() -> None:
    steps = [step("s", "start"), step("a", wait="P2D"), step("b"), step("c"), step("e", "end")]
    missing = found(make_map(steps, chain("s", "a", "b", "c", "e")), "gap.missing_time")
    assert [f.elements for f in missing] == [("b", "c")]
    untimed = [step("s", "start"), step("b"), step("e", "end")]
    assert found(make_map(untimed, chain("s", "b", "e")), "gap.missing_time") == []
    assert found(simple_map(), "gap.missing_time") == []


def test_flagged_gap_comment_names_its_target() -> None:
    comments = [
        Comment(id="c1", target="a", kind="gap", text="No weekend cover"),
        Comment(id="c2", kind="gap", text="Nobody owns follow-up"),
        Comment(id="c3", target="a", kind="idea", text="One-stop clinic"),
    ]
    path_map = make_map(simple_map().steps, chain("s", "a", "e"), comments=comments)
    flagged = found(path_map, "gap.flagged")
    assert [(f.severity, f.elements) for f in flagged] == [
        ("warning", ("c1", "a")),
        ("warning", ("c2",)),
    ]
    assert "'Step a' in GP practice" in flagged[0].message
    assert "No weekend cover" in flagged[0].message
