"""Near-duplicate steps (analysis.md, Duplication): the indexed search finds exactly what a
search of every pair of steps finds, and the bound it relies on holds."""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pathmapper.analysis import analyse
from pathmapper.analysis.duplication import RULE_OUT_BELOW, SIMILARITY
from pathmapper.model import Lane, PathMap, normalise_label
from tests.analysis_maps import LANES, make_map, step

MAP_LANES = (Lane(id="patient", name="Patient"), *LANES)
ORGANISATION = {lane.id: lane.organisation for lane in LANES}
# Words that make near-duplicates often: plurals, typos, a word more or less.
VOCABULARY = (
    "Blood test",
    "Blood tests",
    "Bloods test",
    "blood-test",
    "Review",
    "Reviews",
    "Revew",
    "Review results",
    "Review result",
    "Chest X-ray",
    "Chest X ray",
    "Chest xray",
    "ECG",
    "Echo",
    "Echocardiogram",
    "Echocardiograms",
    "Refer to cardiology",
    "Referral to cardiology",
    "",
    "   ",
)
# Short strings of few letters: ratios land on and around the threshold.
SHORT_LABELS = st.text(alphabet="abc d", min_size=1, max_size=14)


def similar_steps(path_map: PathMap) -> list[tuple[str, ...]]:
    findings = analyse(path_map).findings
    return [f.elements for f in findings if f.code == "duplication.similar_steps"]


def ratio(first: str, second: str) -> float:
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcd -", max_size=40), st.text(alphabet="abcd -", max_size=40))
def test_rapidfuzz_ratio_is_never_below_difflibs(first: str, second: str) -> None:
    """The bound the search rules pairs out with: difflib's matching blocks are a common
    subsequence, and rapidfuzz's ratio counts the longest one."""
    assert fuzz.ratio(first, second) / 100 >= ratio(first, second) - 1e-12
    assert fuzz.ratio(first, second) / 100 >= ratio(second, first) - 1e-12


def test_a_pair_exactly_at_the_threshold_is_kept() -> None:
    shorter, longer = "abcdefghijklmnopq", "abcdefghijklmnopqrtuvw"  # 2 * 17 / 40 = 0.85
    assert ratio(shorter, longer) >= SIMILARITY
    assert fuzz.ratio(shorter, longer) >= RULE_OUT_BELOW
    path_map = make_map(
        [step("a", label=shorter, lane="gp"), step("b", label=longer, lane="cardio")]
    )
    assert similar_steps(path_map) == [("a", "b")]


def naive_similar_steps(path_map: PathMap) -> list[tuple[str, str]]:
    """Every pair of steps, straight from the definition. difflib's ratio is not symmetric:
    the shorter label is the first sequence and, of two as long, the label met first in the
    file (among steps of an organisation)."""
    organisation = {s.id: ORGANISATION.get(s.lane) for s in path_map.steps}
    normal = {s.id: normalise_label(s.label) for s in path_map.steps}
    first_met: dict[str, int] = {}
    for position, s in enumerate(path_map.steps):
        if organisation[s.id] is not None:
            first_met.setdefault(normal[s.id], position)
    found = []
    for a, b in combinations(path_map.steps, 2):
        if None in (organisation[a.id], organisation[b.id]):
            continue
        if organisation[a.id] == organisation[b.id] or not normal[a.id] or not normal[b.id]:
            continue
        shorter, longer = sorted(
            (normal[a.id], normal[b.id]), key=lambda label: (len(label), first_met[label])
        )
        if shorter == longer or ratio(shorter, longer) >= SIMILARITY:
            found.append((a.id, b.id))
    return found


@st.composite
def edited(draw: st.DrawFn, base: str) -> str:
    """`base` with a few letters inserted, removed or changed: ratios near the threshold."""
    label = list(base)
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(label)))
        letter = draw(st.sampled_from("abe s"))
        match draw(st.sampled_from(("insert", "remove", "change"))):
            case "insert":
                label.insert(where, letter)
            case "remove" if where < len(label):
                del label[where]
            case "change" if where < len(label):
                label[where] = letter
    return "".join(label)


@st.composite
def labelled_maps(draw: st.DrawFn) -> PathMap:
    count = draw(st.integers(min_value=0, max_value=24))
    bases = draw(st.lists(st.one_of(st.sampled_from(VOCABULARY), SHORT_LABELS), min_size=1))
    labels = st.sampled_from(bases).flatmap(edited)
    lanes = st.sampled_from([lane.id for lane in MAP_LANES])
    steps = [step(f"s{n}", lane=draw(lanes), label=draw(labels)) for n in range(count)]
    return make_map(steps, lanes=MAP_LANES)


@settings(max_examples=200, deadline=None)
@given(labelled_maps())
def test_similar_steps_are_those_a_search_of_every_pair_finds(path_map: PathMap) -> None:
    assert similar_steps(path_map) == naive_similar_steps(path_map)
