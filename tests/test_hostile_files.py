"""Hostile and broken files: every outcome of loading is a valid map or a clean error.

Never a traceback, a hang or a write. Structures come from hypothesis; bytes come from
mutating the sample maps. A map that loads must also save (canonically, as UTF-8).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathmapper.io import MapFileError, dumps_map, load_map, loads_map
from pathmapper.io.mapfile import MAX_FLOWS, MAX_JSON_VALUES, MAX_STEPS, json_value_count
from pathmapper.model import PathMap
from tests.conftest import HOSTILE_MAPS, SAMPLE_MAPS, SMALL_MAP


def outcome(data: bytes | str) -> PathMap | MapFileError:
    """Load, and for a map that loads, prove it saves; any other exception fails the test."""
    try:
        path_map = loads_map(data, "fuzz.pathmap.json")
    except MapFileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        str(error).encode("utf-8")  # the message itself can always be printed
        return error
    text = dumps_map(path_map)
    text.encode("utf-8")
    assert dumps_map(loads_map(text)) == text
    assert path_map.problems() == []
    return path_map


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = {
    "map": ["id", "title", "description", "state", "created", "modified", "lanes", "steps"],
    "lanes": ["id", "name", "organisation", "colour", "height"],
    "phases": ["id", "name", "width"],
    "steps": [
        "id",
        "kind",
        "label",
        "lane",
        "phase",
        "x",
        "y",
        "duration",
        "wait",
        "value_added",
        "patient_contact",
        "owner",
        "notes",
        "tags",
    ],
    "flows": ["id", "source", "target", "label", "expected_loop"],
    "comments": ["id", "target", "kind", "text", "author", "organisation", "created", "votes"],
}
SMART_VALUES = st.sampled_from(
    [
        "s1",
        "s2",
        "gp",
        "echo",
        "f1",
        "P1M",
        "PT30M",
        "P2D",
        "",
        " ",
        "start",
        "decision",
        "as_is",
        "idea",
        "#FF0000",
        "2026-11-22T10:00:00Z",
        1e308,
        -1,
        0,
        True,
        None,
        [],
        {},
    ]
)


@st.composite
def damaged_maps(draw: st.DrawFn) -> dict[str, Any]:
    """The small valid map with a few fields replaced by odd values or removed."""
    document: dict[str, Any] = json.loads(json.dumps(SMALL_MAP))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        collection = draw(st.sampled_from(list(FIELDS)))
        field = draw(st.sampled_from(FIELDS[collection]))
        if collection == "map":
            target = document
        else:
            items = document.setdefault(collection, [])
            if not isinstance(items, list) or not items:
                continue
            target = items[draw(st.integers(min_value=0, max_value=len(items) - 1))]
            if not isinstance(target, dict):
                continue
        if draw(st.booleans()):
            target.pop(field, None)
        else:
            target[field] = draw(SMART_VALUES | json_values)
    return document


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_maps())
def test_damaged_structures_load_or_fail_cleanly(document: dict[str, Any]) -> None:
    outcome(json.dumps(document))


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_value_loads_or_fails_cleanly(value: Any) -> None:
    outcome(json.dumps(value))


def test_byte_level_mutations_of_the_sample_maps() -> None:
    assert mutate_and_load(SAMPLE_MAPS, rounds=250) == 250 * len(SAMPLE_MAPS)


def test_byte_level_mutations_of_the_hostile_corpus() -> None:
    """The maps that once broke a reader (bidirectional text, 5,000-digit numbers, a complete
    graph), damaged further."""
    assert HOSTILE_MAPS
    assert mutate_and_load(HOSTILE_MAPS, rounds=40) == 40 * len(HOSTILE_MAPS)


def mutate_and_load(paths: list[Path], rounds: int) -> int:
    generator = random.Random(20261122)
    cases = 0
    for path in paths:
        original = path.read_bytes()
        for _ in range(rounds):
            data = bytearray(original)
            for _ in range(generator.randint(1, 8)):
                operation = generator.choice(("flip", "delete", "insert", "truncate", "swap"))
                position = generator.randrange(len(data))
                if operation == "flip":
                    data[position] = generator.randrange(256)
                elif operation == "delete":
                    del data[position : position + generator.randint(1, 40)]
                elif operation == "insert":
                    data[position:position] = generator.choice(
                        [b"{", b"}", b"[", b'"', b"\\u", b"\xff", b"\x00", b"NaN", b",", b"\r\n"]
                    )
                elif operation == "truncate":
                    del data[position:]
                elif operation == "swap" and len(data) > 2:
                    other = generator.randrange(len(data))
                    data[position], data[other] = data[other], data[position]
                if not data:
                    break
            outcome(bytes(data))
            cases += 1
    return cases


def test_loading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "broken.pathmap.json"
    path.write_bytes(SAMPLE_MAPS[0].read_bytes()[:-200])
    before = sorted(tmp_path.iterdir()), path.stat().st_mtime_ns
    with pytest.raises(MapFileError, match="truncated"):
        load_map(path)
    assert (sorted(tmp_path.iterdir()), path.stat().st_mtime_ns) == before


def test_lone_surrogates_are_refused_before_they_can_break_saving() -> None:
    document = dict(SMALL_MAP, title="\ud800 broken")
    text = json.dumps(document)  # ensure_ascii writes the escape \\ud800
    error = outcome(text)
    assert isinstance(error, MapFileError)
    assert "not valid Unicode" in error.problems[0]


def test_escaped_emoji_are_fine() -> None:
    path_map = outcome(json.dumps(dict(SMALL_MAP, title="Clinic 😀")))
    assert isinstance(path_map, PathMap) and path_map.title == "Clinic 😀"


def test_deep_nesting_in_unknown_fields_is_refused() -> None:
    deep: Any = "bottom"
    for _ in range(200):
        deep = {"inner": deep}
    error = outcome(json.dumps(dict(SMALL_MAP, workshop=deep)))
    assert isinstance(error, MapFileError) and "nested more than" in error.problems[0]


def test_moderate_nesting_in_unknown_fields_is_kept() -> None:
    nested: Any = [1]
    for _ in range(20):
        nested = {"more": nested}
    path_map = outcome(json.dumps(dict(SMALL_MAP, workshop=nested)))
    assert isinstance(path_map, PathMap)


def test_huge_strings_load_and_save() -> None:
    document = json.loads(json.dumps(SMALL_MAP))
    document["steps"][0]["notes"] = "x" * 2_000_000
    path_map = outcome(json.dumps(document))
    assert isinstance(path_map, PathMap) and len(path_map.steps[0].notes) == 2_000_000


def test_huge_numbers_for_positions_are_refused_or_kept_finite() -> None:
    document = json.loads(json.dumps(SMALL_MAP))
    document["steps"][0]["x"] = 1e400  # json reads this as infinity
    error = outcome(json.dumps(document).replace("Infinity", "1e400"))
    assert isinstance(error, MapFileError)
    assert any("step s1" in problem and "x" in problem for problem in error.problems)


# ------------------------------------------------------------- size blow-ups under 50 MB (#18)


def test_millions_of_empty_lists_are_refused_before_they_are_built() -> None:
    """A 48 MB file of 16 million `[]` once took 24 s and 2.4 GB; the count comes first."""
    junk = "[" + ",".join(["[]"] * (MAX_JSON_VALUES + 10)) + "]"
    text = json.dumps(SMALL_MAP)[:-1] + f', "workshop": {junk}}}'
    error = outcome(text)
    assert isinstance(error, MapFileError)
    assert f"a map file holds at most {MAX_JSON_VALUES:,}" in error.problems[0]


def test_commas_inside_text_are_not_counted_as_values() -> None:
    document = json.loads(json.dumps(SMALL_MAP))
    document["steps"][0]["notes"] = "," * (MAX_JSON_VALUES + 10)
    assert json_value_count(json.dumps(document)) < 200
    assert isinstance(outcome(json.dumps(document)), PathMap)


def many(kind: str, count: int) -> dict[str, Any]:
    document = json.loads(json.dumps(SMALL_MAP))
    if kind == "steps":
        document["steps"] += [
            {"id": f"extra{n}", "kind": "activity", "label": "", "lane": "gp"} for n in range(count)
        ]
    else:
        document["flows"] += [
            {"id": f"extra{n}", "source": "s1", "target": "s2"} for n in range(count)
        ]
    return document


@pytest.mark.parametrize(("kind", "limit"), [("steps", MAX_STEPS), ("flows", MAX_FLOWS)])
def test_more_steps_or_arrows_than_any_pathway_are_refused(kind: str, limit: int) -> None:
    error = outcome(json.dumps(many(kind, limit)))
    assert isinstance(error, MapFileError)
    assert error.problems == [
        f"has {limit + len(SMALL_MAP[kind]):,} {'steps' if kind == 'steps' else 'arrows'}; "
        f"a map has at most {limit:,}"
    ]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(SMALL_MAP)[:-1] + ', "weight": ' + "9" * 5000 + "}",
        json.dumps(SMALL_MAP).replace('"x": 40', '"x": ' + "1" * 4301, 1),
    ],
    ids=["unknown field", "position"],
)
def test_integers_too_long_to_read_are_refused_in_words(text: str) -> None:
    error = outcome(text)
    assert isinstance(error, MapFileError)
    assert error.problems == [
        "holds a number of more than 4,300 digits; a map's numbers are far shorter"
    ]
