"""Programme standards (standards.md): each rule on small maps with hand-worked answers, bad
standards files, and `pathmapper check --standards` with its portfolio table."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.analysis import analyse
from pathmapper.analysis.findings import FINDING_CODES
from pathmapper.analysis.generate import generate_map
from pathmapper.cli.main import main
from pathmapper.io import save_map
from pathmapper.model import Lane, PathMap
from pathmapper.standards import (
    StandardResult,
    StandardsFileError,
    measure_standards,
    parse_standards,
)
from pathmapper.standards.standards_schema import schema_file, schema_text
from tests.analysis_maps import LANES, chain, flow, make_map, step
from tests.test_analysis_properties import random_maps

HEADER = 'format = "pathmapper-standards"\nversion = 1\ntitle = "Test standards"\n'


def standards(*blocks: str) -> str:
    return HEADER + "".join(f"\n[[standard]]\n{block.strip()}\n" for block in blocks)


def measure(path_map: PathMap, *blocks: str) -> list[StandardResult]:
    return measure_standards(analyse(path_map), parse_standards(standards(*blocks)))


def one(path_map: PathMap, block: str) -> StandardResult:
    (result,) = measure(path_map, block)
    return result


RTT = """
id = "rtt"
title = "Referral to treatment within 18 weeks"
severity = "error"
rule = "time_between"
from = { tag = "referral" }
to = { tag = "treatment" }
max = "P18W"
"""


def referral_map(*, wait: str | None = "P10W", between_wait: str | None = "P4W") -> PathMap:
    """start -> refer (referral, 1h) -> triage (decision, no time) -> clinic (wait) -> treat
    (treatment, wait) -> end. From refer to treat: refer's hour, clinic's wait and duration,
    treat's wait; the decision takes no time."""
    steps = [
        step("s", "start"),
        step("refer", duration="PT1H", tags=["Referral "]),
        step("triage", "decision", "cardio"),
        step("clinic", "activity", "cardio", wait=between_wait, duration="PT30M"),
        step("treat", "activity", "cardio", wait=wait, duration="PT2H", tags=["treatment"]),
        step("e", "end"),
    ]
    return make_map(steps, chain("s", "refer", "triage", "clinic", "treat", "e"))


# ---------------------------------------------------------------------------- time_between


def test_time_between_met_and_not_met() -> None:
    met = one(referral_map(), RTT)
    assert met.status == "met" and met.elements == ()
    # 1h at the referral, the clinic's 4w wait and 30m, the treatment's 10w wait: 14w 1h 30m.
    assert "at most 14w 1h from 'Step refer'" in met.message  # said to the hour
    late = one(referral_map(wait="P15W"), RTT)
    assert late.status == "not_met"
    assert late.elements == ("refer", "treat")
    assert late.message == (
        "The longest route takes 19w 1h from 'Step refer' in GP practice to 'Step treat' "
        "in Cardiology (standard 18w)."
    )


def test_time_between_unknown_unless_already_over() -> None:
    unknown = one(referral_map(between_wait=None, wait="P1W"), RTT)
    # The clinic has a duration, so its time is known; take it away too.
    assert unknown.status == "met"
    path_map = referral_map(wait="P1W")
    clinic = path_map.step("clinic")
    assert clinic is not None
    clinic.wait = clinic.duration = None
    result = one(path_map, RTT)
    assert result.status == "unknown"
    assert result.elements == ("refer", "clinic", "treat")
    assert "'Step clinic' in Cardiology has no time" in result.message
    treat = path_map.step("treat")
    assert treat is not None
    treat.wait = "P20W"  # what is known is already over 18 weeks
    assert one(path_map, RTT).status == "not_met"


def test_time_between_with_no_pair_is_not_applicable() -> None:
    path_map = make_map([step("s", "start"), step("e", "end")], chain("s", "e"))
    result = one(path_map, RTT)
    assert result.status == "not_applicable"
    assert "No route has a step with tag 'referral' followed by" in result.message


def test_time_between_takes_the_first_matching_step_after() -> None:
    steps = [
        step("s", "start", tags=["referral"]),
        step("t1", wait="P1W", tags=["treatment"]),
        step("t2", wait="P30W", tags=["treatment"]),
        step("e", "end"),
    ]
    assert one(make_map(steps, chain("s", "t1", "t2", "e")), RTT).status == "met"


# ---------------------------------------------------------------------------- every_route_passes

TRIAGE = """
id = "triage"
title = "Every referral is triaged"
rule = "every_route_passes"
through = { lane = " CARDIO " }
"""


def _two_routes() -> PathMap:
    steps = [
        step("s", "start"),
        step("d", "decision"),
        step("c", "activity", "cardio"),
        step("n", "activity", "community"),
        step("e", "end"),
    ]
    flows = [flow("s", "d"), flow("d", "c"), flow("d", "n"), flow("c", "e"), flow("n", "e")]
    return make_map(steps, flows)


def test_every_route_passes() -> None:
    result = one(_two_routes(), TRIAGE)
    assert result.status == "not_met"
    assert result.elements == ("s", "d", "n", "e")
    assert result.message.startswith("1 of 2 routes never pass a step with lane 'CARDIO'")
    straight = make_map(
        [step("s", "start"), step("c", "activity", "cardio"), step("e", "end")],
        chain("s", "c", "e"),
    )
    assert one(straight, TRIAGE).status == "met"


def test_a_route_standard_met_on_truncated_routes_is_unknown() -> None:
    passes_any = 'id = "any"\nrule = "every_route_passes"\nthrough = {}'
    result = one(generate_map(1000, seed=3), passes_any)
    assert result.status == "unknown"
    assert "Only the first 10,000 routes were followed" in result.message


# ---------------------------------------------------------------------------- route_max

ORGANISATIONS = """
id = "orgs"
title = "At most two organisations"
rule = "route_max"
measure = "organisations"
max = 2
"""


def test_route_max_counts_organisations_without_the_patient() -> None:
    lanes = (Lane(id="home", name="Patient"), *LANES)
    steps = [
        step("s", "start", "home"),
        step("g"),
        step("c", "activity", "cardio"),
        step("h", "activity", "home"),
        step("e", "end", "home"),
    ]
    path_map = make_map(steps, chain("s", "g", "c", "h", "e"), lanes=lanes)
    assert one(path_map, ORGANISATIONS).status == "met"
    steps.insert(3, step("n", "activity", "community"))
    three = make_map(steps, chain("s", "g", "c", "n", "h", "e"), lanes=lanes)
    result = one(three, ORGANISATIONS)
    assert result.status == "not_met"
    assert result.elements == ("s", "g", "c", "n", "h", "e")
    assert "The worst route meets 3 organisations" in result.message


LEAD = """
id = "lead"
rule = "route_max"
measure = "lead_time"
max = "P15W"
"""


def test_route_max_lead_time_unknown_and_decisions_take_no_time() -> None:
    assert one(referral_map(), LEAD).status == "met"  # the triage decision states no time
    path_map = referral_map()
    clinic = path_map.step("clinic")
    assert clinic is not None
    clinic.wait = clinic.duration = None
    assert one(path_map, LEAD).status == "unknown"
    assert one(referral_map(wait="P20W"), LEAD).status == "not_met"


def test_route_max_other_measures() -> None:
    path_map = _two_routes()
    handoffs = 'id = "h"\nrule = "route_max"\nmeasure = "handoffs"\nmax = 1'
    steps = 'id = "s"\nrule = "route_max"\nmeasure = "steps"\nmax = 4'
    cross = 'id = "x"\nrule = "route_max"\nmeasure = "cross_org_handoffs"\nmax = 2'
    contacts = 'id = "c"\nrule = "route_max"\nmeasure = "contacts"\nmax = 0'
    results = measure(path_map, handoffs, steps, cross, contacts)
    assert [r.status for r in results] == ["not_met", "met", "met", "met"]
    assert "has 2 handoffs" in results[0].message


# ---------------------------------------------------------------------------- no_findings, fields

TRAPS = """
id = "traps"
rule = "no_findings"
codes = ["gap.dead_end", "handoff.ping_pong"]
"""


def test_no_findings() -> None:
    dead_end = make_map([step("s", "start"), step("a"), step("e", "end")], chain("s", "a"))
    result = one(dead_end, TRAPS)
    assert result.status == "not_met" and result.elements == ("a",)
    assert "'Step a' in GP practice" in result.message
    fine = make_map([step("s", "start"), step("e", "end")], chain("s", "e"))
    assert one(fine, TRAPS).status == "met"


OWNERS = """
id = "owners"
rule = "every_step_has"
fields = ["owner", "tags"]
where = { kind = "activity" }
"""


def test_every_step_has() -> None:
    steps = [
        step("s", "start"),
        step("a", owner="Nurse", tags=["x"]),
        step("b", owner="  ", tags=["x"]),
        step("e", "end"),
    ]
    result = one(make_map(steps), OWNERS)
    assert result.status == "not_met" and result.elements == ("b",)
    assert result.message == "1 of 2 steps lack owner and tags: 'Step b' in GP practice."
    no_activity = make_map([step("s", "start"), step("e", "end")])
    result = one(no_activity, OWNERS)
    assert result.status == "not_applicable"
    assert result.message == "No step of the map is an activity step."


# ---------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("format = [", "is not valid TOML"),
        ('format = "other"\nversion = 1', "format: Input should be 'pathmapper-standards'"),
        (
            standards('id = "a"\nrule = "route_max"\nmeasure = "steps"\nmax = "P1W"'),
            "standard 'a': max: for steps give a whole number",
        ),
        (
            standards('id = "a"\nrule = "route_max"\nmeasure = "lead_time"\nmax = 3'),
            "standard 'a': max: for lead_time give a duration",
        ),
        (
            standards(RTT.replace('"P18W"', '"P3M"')),
            "standard 'rtt': max: 'P3M': months and years are ambiguous",
        ),
        (
            standards('id = "a"\nrule = "no_findings"\ncodes = ["gap.dead_ends"]'),
            "standard 'a': codes.0: 'gap.dead_ends' is not a finding code",
        ),
        (
            standards('id = "a"\nrule = "every_route_passes"\nthrough = { colour = "red" }'),
            "standard 'a': through.colour: is not a key of a selector",
        ),
        (
            standards('id = "a"\nrule = "every_route_passes"\nthrough = { kind = "meeting" }'),
            "standard 'a': through.kind: 'meeting' is not a step kind",
        ),
        (
            standards('id = "a"\nrule = "time_between"\nto = {}\nmax = "P1W"'),
            "standard 'a': from: is missing",
        ),
        (
            standards('id = "a"\nrule = "fastest"'),
            "standard 'a': rule 'fastest' is not one of time_between",
        ),
        (standards('id = "a"'), "standard 'a': rule is missing"),
        (
            standards('title = "no id"\nrule = "no_findings"\ncodes = ["gap.isolated"]'),
            "standard 1: id: is missing",
        ),
        (
            standards('id = "a"\nrule = "every_step_has"\nfields = ["colour"]'),
            "standard 'a': fields.0: Input should be 'owner'",
        ),
        (
            standards(
                'id = "a"\nrule = "no_findings"\ncodes = ["gap.isolated"]',
                'id = "a"\nrule = "no_findings"\ncodes = ["gap.isolated"]',
            ),
            "standard 'a': id is used by an earlier standard",
        ),
        (
            standards('id = "a"\nrule = "no_findings"\ncodes = ["gap.isolated"]\nmax = 3'),
            "standard 'a': max: is not a key of this rule",
        ),
    ],
)
def test_bad_standards_files_name_the_standard_and_key(text: str, problem: str) -> None:
    with pytest.raises(StandardsFileError) as raised:
        parse_standards(text, "programme.standards.toml")
    assert any(line.startswith(problem) for line in raised.value.problems), raised.value.problems


# ---------------------------------------------------------------------------- schema


def test_published_standards_schema_is_not_stale() -> None:
    assert schema_file().read_text(encoding="utf-8") == schema_text(), "run `make schema`"


def test_the_schema_accepts_the_design_example_and_refuses_an_unknown_key() -> None:
    import tomllib

    example = tomllib.loads(standards(RTT, TRIAGE, ORGANISATIONS, TRAPS, OWNERS))
    schema = json.loads(schema_text())
    jsonschema.validate(example, schema)
    example["standard"][0]["maximum"] = "P1W"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(example, schema)


# ---------------------------------------------------------------------------- the command


def _portfolio(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "portfolio"
    folder.mkdir()
    save_map(referral_map(), folder / "fast.pathmap.json")
    late = referral_map(wait="P20W")
    late.title = "Late"
    save_map(late, folder / "late.pathmap.json")
    rules = tmp_path / "programme.standards.toml"
    rules.write_text(standards(RTT, TRIAGE), encoding="utf-8")
    return folder, rules


def test_check_json_adds_the_standards_and_an_error_standard_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, rules = _portfolio(tmp_path)
    fast = str(folder / "fast.pathmap.json")
    assert main(["check", fast, "--standards", str(rules), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(s["id"], s["status"]) for s in document["standards"]] == [
        ("rtt", "met"),
        ("triage", "met"),
    ]
    late = str(folder / "late.pathmap.json")
    assert main(["check", late, "--standards", str(rules), "--format", "json"]) == 1
    (rtt, _triage) = json.loads(capsys.readouterr().out)["standards"]
    assert rtt["status"] == "not_met" and rtt["severity"] == "error"
    assert rtt["elements"] == ["refer", "treat"]


def test_check_a_folder_writes_the_portfolio_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, rules = _portfolio(tmp_path)
    out = tmp_path / "portfolio.csv"
    assert main(["check", str(folder), "--standards", str(rules), "--csv", str(out)]) == 1
    text = capsys.readouterr().out
    assert "Standards (Test standards): 1 of 2 met" in text
    assert "✗ not met [error] Referral to treatment within 18 weeks (rtt)" in text
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == [
        "pathway",
        "file",
        "Referral to treatment within 18 weeks",
        "Every referral is triaged",
        "standards not met",
        "worst case",
    ]
    assert [row[0] for row in rows[1:]] == ["Late", "Test map"]  # most failures first
    assert rows[1][2:5] == ["✗ not met", "✓ met", "1"]
    assert rows[1][5].startswith("Referral to treatment within 18 weeks: The longest route")
    assert rows[2][2:6] == ["✓ met", "✓ met", "0", ""]


def test_check_refuses_a_bad_standards_file_and_csv_without_standards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, rules = _portfolio(tmp_path)
    rules.write_text(standards('id = "a"\nrule = "route_max"\nmeasure = "steps"\nmax = -1'))
    assert main(["check", str(folder), "--standards", str(rules)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{rules}: standard 'a': max:")
    assert main(["check", str(folder), "--csv", str(tmp_path / "t.csv")]) == 2
    assert "give --standards FILE too" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "holds no .pathmap.json file" in capsys.readouterr().err


def test_the_finding_codes_a_standard_may_name_are_those_the_analysis_reports() -> None:
    sources = Path(__file__).resolve().parents[1] / "src" / "pathmapper" / "analysis"
    text = "".join(path.read_text(encoding="utf-8") for path in sources.glob("*.py"))
    reported = set(re.findall(r'"((?:gap|loop|handoff|duplication)\.[a-z_]+)"', text))
    assert reported == set(FINDING_CODES)


# ---------------------------------------------------------------------------- the sample portfolio

PORTFOLIO = Path(__file__).resolve().parents[1] / "sample_maps" / "msk-portfolio"


def test_the_msk_portfolio_meets_and_breaks_the_standards_for_the_write_ups_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = PORTFOLIO / "msk-programme.standards.toml"
    out = tmp_path / "portfolio.csv"
    assert main(["check", str(PORTFOLIO), "--standards", str(rules), "--csv", str(out)]) == 1
    capsys.readouterr()
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    not_met = {
        row[0].removeprefix("Integrated MSK: "): [
            rows[0][index] for index in range(2, 8) if row[index] == "✗ not met"
        ]
        for row in rows[1:]
    }
    assert not_met == {
        "Persistent pain": [
            "Referral to treatment within 18 weeks",
            "Every patient is triaged before treatment",
            "No re-referral loops",
        ],
        "Falls": ["A patient meets at most three organisations"],
        "Rheumatology": ["Every patient is triaged before treatment"],
        "First-contact physiotherapy": [],
        "Hip and knee orthopaedics": [],
        "Podiatry": [],
    }
    assert [row[0] for row in rows[1:4]] == [
        "Integrated MSK: Persistent pain",
        "Integrated MSK: Falls",
        "Integrated MSK: Rheumatology",
    ]


@pytest.mark.parametrize("path", sorted(PORTFOLIO.glob("*.pathmap.json")), ids=lambda p: p.name)
def test_the_portfolio_maps_are_canonical_and_without_errors(path: Path, tmp_path: Path) -> None:
    from pathmapper.io import load_map

    path_map = load_map(path)
    save_map(path_map, tmp_path / path.name)
    assert (tmp_path / path.name).read_bytes() == path.read_bytes()
    assert not analyse(path_map).has_errors()


def _brute_force_time_between(path_map: PathMap, limit: float) -> str:
    """The status of a time_between from tag 'a' to tag 'b', route by route, as written."""
    analysis = analyse(path_map)
    steps = {step.id: step for step in path_map.steps}
    statuses = set()
    for route in analysis.routes:
        ids = route.steps
        for i, first in enumerate(ids):
            if "a" not in steps[first].tags:
                continue
            later = next((j for j in range(i + 1, len(ids)) if "b" in steps[ids[j]].tags), None)
            if later is None:
                continue
            between = [steps[s] for s in ids[i + 1 : later]]
            minutes = (steps[first].duration_minutes or 0) + (steps[ids[later]].wait_minutes or 0)
            minutes += sum((s.wait_minutes or 0) + (s.duration_minutes or 0) for s in between)
            gap = any(
                s.kind != "decision" and s.wait is None and s.duration is None for s in between
            )
            statuses.add("not_met" if minutes > limit else "unknown" if gap else "met")
    for status in ("not_met", "unknown", "met"):
        if status in statuses:
            return status
    return "not_applicable"


@settings(max_examples=150, deadline=None)
@given(random_maps(), st.lists(st.sampled_from(["a", "b", "x"]), min_size=8, max_size=8))
def test_time_between_equals_a_route_by_route_count(path_map: PathMap, tags: list[str]) -> None:
    for step_, tag in zip(path_map.steps, tags, strict=False):
        step_.tags = [tag]
    rule = 'id = "t"\nrule = "time_between"\nfrom = { tag = "a" }\nto = { tag = "b" }\n'
    for limit in ("PT20M", "P3D"):
        result = one(path_map, rule + f'max = "{limit}"')
        expected = _brute_force_time_between(path_map, 20 if limit == "PT20M" else 3 * 1440)
        assert result.status == expected


def test_the_portfolio_pdf_has_the_table_and_a_page_per_failing_pathway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_pdf_support import page_count, pdf_text

    rules = PORTFOLIO / "msk-programme.standards.toml"
    out = tmp_path / "portfolio.pdf"
    assert main(["check", str(PORTFOLIO), "--standards", str(rules), "--pdf", str(out)]) == 1
    capsys.readouterr()
    assert page_count(out) == 4  # the table, then persistent pain, falls and rheumatology
    table = pdf_text(out, 1)
    assert "6 pathways against 6 standards" in table
    assert table.index("Persistent pain") < table.index("Falls") < table.index("Podiatry")
    assert "✗ not met" in table and "✓ met" in table
    pain = pdf_text(out, 2)
    assert "Persistent pain" in pain and "Referral to treatment within 18 weeks" in pain
    assert "The longest route takes 27w 1h" in pain
    assert "Falls" in pdf_text(out, 3) and "meets 4 organisations" in pdf_text(out, 3)


def test_a_standards_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    from pathmapper.standards import read_standards

    with pytest.raises(StandardsFileError) as missing:
        read_standards(tmp_path / "nowhere.standards.toml")
    assert missing.value.problems[0].startswith("cannot be read")
    binary = tmp_path / "binary.standards.toml"
    binary.write_bytes(b"\xff\xfe\x00format")
    with pytest.raises(StandardsFileError) as not_text:
        read_standards(binary)
    assert not_text.value.problems == ["is not UTF-8 text"]
