"""Hostile files through the whole pipeline (issue #10): load -> check -> export.

Maps made by damaging the structure of a valid map (hypothesis), and byte-level mutations of the
sample maps, go through `loads_map`, then the analysis as `pathmapper check` reports it, then the
PDF (map and report) and the CSV tables. Every outcome is a map that exports, or a clean error
(`MapFileError` at load, the exporters' own errors); never a traceback, a hang (pytest-timeout)
or a write outside the test's own temporary folder (an audit hook watches every file opened for
writing, renamed, removed or made while the pipeline runs).
"""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pathmapper.analysis import analyse
from pathmapper.export.csv_tables import CsvExportError, write_csv_tables
from pathmapper.export.pdf_document import PdfExportError, PdfOptions, map_pdf_bytes, write_map_pdf
from pathmapper.export.safe_text import file_stem
from pathmapper.io import MapFileError, loads_map
from tests.conftest import HOSTILE_MAPS, SAMPLE_MAPS, SMALL_MAP

# ------------------------------------------------------------------ writes outside the sandbox

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WATCHED_EVENTS = {"os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir", "shutil.move"}


class WriteWatch:
    """Records paths written outside `allowed` while active. An audit hook cannot be removed,
    so one is installed once and switched on and off."""

    def __init__(self) -> None:
        self.allowed: Path | None = None
        self.outside: list[str] = []

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.allowed is None:
            return
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS
            )
            if writing:
                self._check(path)
        elif event in _WATCHED_EVENTS:
            for path in args[:2]:
                self._check(path)

    def _check(self, path: Any) -> None:
        if isinstance(path, int) or path is None or self.allowed is None:
            return  # an already open descriptor: its opening was checked
        text = os.fsdecode(path) if isinstance(path, bytes | os.PathLike) else str(path)
        resolved = os.path.realpath(text)
        if not resolved.startswith(str(self.allowed) + os.sep) and resolved != "/dev/null":
            self.outside.append(resolved)

    @contextmanager
    def only_inside(self, folder: Path) -> Iterator[None]:
        self.allowed = Path(os.path.realpath(folder))
        try:
            yield
        finally:
            self.allowed = None


WATCH = WriteWatch()
sys.addaudithook(WATCH.hook)

# ---------------------------------------------------------------------------- the pipeline

CLEAN_EXPORT_ERRORS = (PdfExportError, CsvExportError)


def run_pipeline(data: bytes, out: Path, report: bool, to_file: bool) -> str:
    """Load, check, export. Returns "refused" or "exported"; anything else raises."""
    with WATCH.only_inside(out):
        try:
            path_map = loads_map(data, "hostile.pathmap.json")
        except MapFileError as error:
            assert error.problems and all(problem.strip() for problem in error.problems)
            assert error.describe().startswith("hostile.pathmap.json")
            return "refused"
        analysis = analyse(path_map)
        check_json = json.dumps(analysis.to_json("hostile.pathmap.json"), allow_nan=False)
        assert json.loads(check_json)["title"] == path_map.title
        try:
            options = PdfOptions(report=report, file_name="hostile.pathmap.json")
            if to_file:
                write_map_pdf(path_map, out / "map.pdf", options, analysis)
                pdf = (out / "map.pdf").read_bytes()
            else:
                pdf = map_pdf_bytes(path_map, options, analysis)
            assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
            written = write_csv_tables(path_map, out / "csv", analysis)
            assert [path.name for path in written] == [
                "steps.csv",
                "flows.csv",
                "findings.csv",
                "comments.csv",
            ]
        except CLEAN_EXPORT_ERRORS as error:
            assert str(error).strip()
            return "refused"
    return "exported"


@pytest.fixture
def sandbox() -> Iterator[Callable[[], Path]]:
    """A fresh folder for each example, all under one temporary folder for the test."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as root:
        counter = iter(range(1_000_000))

        def fresh() -> Path:
            folder = Path(root) / f"case-{next(counter)}"
            folder.mkdir()
            return folder

        yield fresh
    assert WATCH.outside == [], f"the pipeline wrote outside its folder: {WATCH.outside[:5]}"


# ----------------------------------------------------------------- damaged structures

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "<b>bold</b> & <i>",
            "</para><font size=200>",
            "=SUM(A1:A9)",
            "+cmd|' /C calc'!A0",
            "@import",
            "-2+3",
            "\t\r\n\x00\x07\x1b[31m",
            "\u202eevil\u202c",
            "\ufeff\u200b\u2028\u2029",
            "Ysbyty Gwynedd – ‘Cŵn’ ✓ 😀",
            "%PDF-1.4 endobj trailer",
            "Pay \u202e0001\u202c now \u2066isolated\u2069 \u200fmark",  # bidirectional controls
            "\\) Tj ET (",
            "x" * 20_000,
            "word " * 2_000,
            "",
            "   ",
        ]
    ),
)
# Any number at all: the model bounds positions and sizes to ten million points, so a step at
# x = 1e12 (which used to make flow routing run for ever) or a lane 1e300 high (which made
# reportlab raise "number too large") is refused on load with a clear reason.
LARGEST = 1e308
NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e12, -1e12, 1e7, 1.0000001e7]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1e-300, -1e-300, LARGEST, -LARGEST, True, None, "12", [], {}]),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=20,
)
TEXT_FIELDS = {
    "lanes": ("name", "organisation"),
    "phases": ("name",),
    "steps": ("label", "owner", "notes"),
    "flows": ("label",),
    "comments": ("text", "author", "organisation"),
}
COLLECTIONS = ("lanes", "phases", "steps", "flows", "comments")


def hostile_content(document: dict[str, Any], data: st.DataObject) -> None:
    """One act of hostile but well-formed content: odd text, extreme numbers, many steps,
    loops, unknown fields. The document keeps its shape; the map may or may not be valid."""
    kind = data.draw(
        st.sampled_from(
            ["text", "map_text", "number", "extent", "more_steps", "loops", "unknown_field"]
        )
    )
    collection = data.draw(st.sampled_from(COLLECTIONS))
    items = document[collection]
    item = data.draw(st.sampled_from(items)) if items else None
    if kind == "text" and item is not None:
        item[data.draw(st.sampled_from(TEXT_FIELDS[collection]))] = data.draw(HOSTILE_TEXT)
    elif kind == "map_text":
        document[data.draw(st.sampled_from(["title", "description"]))] = data.draw(HOSTILE_TEXT)
    elif kind == "number" and document["steps"]:
        step = data.draw(st.sampled_from(document["steps"]))
        step[data.draw(st.sampled_from(["x", "y"]))] = data.draw(NUMBERS)
    elif kind == "extent":
        lane_or_phase = data.draw(st.sampled_from(["lanes", "phases"]))
        if document[lane_or_phase]:
            target = data.draw(st.sampled_from(document[lane_or_phase]))
            target["height" if lane_or_phase == "lanes" else "width"] = data.draw(NUMBERS)
    elif kind == "more_steps":
        lanes = [lane["id"] for lane in document["lanes"]] or ["gp"]
        for number in range(data.draw(st.integers(min_value=1, max_value=30))):
            document["steps"].append(
                {
                    "id": f"extra-{len(document['steps'])}",
                    "kind": data.draw(st.sampled_from(["activity", "decision", "wait", "end"])),
                    "label": data.draw(HOSTILE_TEXT) if number % 7 == 0 else f"Extra {number}",
                    "lane": data.draw(st.sampled_from(lanes)),
                    "x": data.draw(st.floats(min_value=-1e5, max_value=1e5)),
                    "y": data.draw(st.floats(min_value=-1e4, max_value=1e4)),
                    "wait": data.draw(st.sampled_from([None, "P6W", "PT0S", "P9999Y", "PT-1M"])),
                }
            )
    elif kind == "loops" and document["steps"]:
        steps = [step["id"] for step in document["steps"]]
        for number in range(data.draw(st.integers(min_value=1, max_value=12))):
            source, target = data.draw(st.sampled_from(steps)), data.draw(st.sampled_from(steps))
            document["flows"].append({"id": f"loop-{number}", "source": source, "target": target})
    elif kind == "unknown_field":
        where = item if item is not None else document
        where[data.draw(st.text(min_size=1, max_size=8))] = data.draw(JSON_VALUES)


def broken_structure(document: dict[str, Any], data: st.DataObject) -> None:
    """One act of structural damage: a dangling reference, a duplicate id, a missing key, a
    value of the wrong type, an emptied list."""
    kind = data.draw(
        st.sampled_from(["dangling", "duplicate_id", "drop_key", "wrong_type", "empty_list"])
    )
    collection = data.draw(st.sampled_from(COLLECTIONS))
    items = document[collection]
    item = data.draw(st.sampled_from(items)) if items else None
    where: dict[str, Any] = item if item is not None else document
    if kind == "dangling":
        document["flows"].append({"id": "dangling", "source": "s1", "target": "no-such-step"})
    elif kind == "duplicate_id" and item is not None:
        items.append(copy.deepcopy(item))
    elif kind == "drop_key" and where:
        where.pop(data.draw(st.sampled_from(sorted(where))))
    elif kind == "wrong_type" and where:
        where[data.draw(st.sampled_from(sorted(where)))] = data.draw(JSON_VALUES)
    elif kind == "empty_list":
        document[collection] = []


# Each example runs the whole pipeline, PDF included: kept to a number that finishes far inside
# the per-test timeout on a slow, busy machine (a timeout mid-run becomes a failure that
# hypothesis then spends many minutes shrinking).
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_damaged_structures_load_check_and_export_cleanly(
    sandbox: Callable[[], Path], data: st.DataObject
) -> None:
    document = copy.deepcopy(SMALL_MAP)
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        hostile_content(document, data)
    if data.draw(st.booleans()):
        broken_structure(document, data)
    raw = json.dumps(document, ensure_ascii=data.draw(st.booleans())).encode("utf-8")
    report = data.draw(st.booleans())
    event(run_pipeline(raw, sandbox(), report=report, to_file=data.draw(st.booleans())))


# ------------------------------------------------------------------ mutated sample maps


def mutate(original: bytes, data: st.DataObject) -> bytes:
    result = bytearray(original)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        size = len(result)
        position = data.draw(st.integers(min_value=0, max_value=max(size - 1, 0)))
        kind = data.draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate"]))
        if kind == "flip" and size:
            result[position] ^= 1 << data.draw(st.integers(min_value=0, max_value=7))
        elif kind == "delete":
            del result[position : position + data.draw(st.integers(min_value=1, max_value=40))]
        elif kind == "insert":
            result[position:position] = data.draw(st.binary(min_size=1, max_size=12))
        elif kind == "duplicate":
            end = position + data.draw(st.integers(min_value=1, max_value=400))
            result[position:position] = result[position:end]
        elif kind == "truncate":
            del result[position:]
    return bytes(result)


# The sample maps, and the small maps of the hostile corpus (bidirectional text, 5,000-digit
# numbers); its complete graph is left to tests/test_hostile_corpus.py, as its report takes
# seconds.
MUTATION_SEEDS = SAMPLE_MAPS + [path for path in HOSTILE_MAPS if path.stat().st_size < 10_000]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_sample_maps_load_check_and_export_cleanly(
    sandbox: Callable[[], Path], data: st.DataObject
) -> None:
    sample = data.draw(st.sampled_from(MUTATION_SEEDS))
    mutated = mutate(sample.read_bytes(), data)
    event(run_pipeline(mutated, sandbox(), report=data.draw(st.booleans()), to_file=False))


def test_every_sample_map_goes_through_the_whole_pipeline(sandbox: Callable[[], Path]) -> None:
    assert len(SAMPLE_MAPS) >= 5
    for sample in SAMPLE_MAPS:
        assert run_pipeline(sample.read_bytes(), sandbox(), report=True, to_file=True) == (
            "exported"
        )


def test_the_write_watch_sees_writes_outside(tmp_path: Path) -> None:
    """The audit hook used above does catch a write outside the allowed folder."""
    watch = WriteWatch()
    watch.allowed = Path(os.path.realpath(tmp_path / "inside"))
    watch.hook("open", (str(tmp_path / "elsewhere.txt"), "w", 0))
    watch.hook("open", (str(tmp_path / "inside" / "fine.txt"), "w", 0))
    watch.hook("open", (str(tmp_path / "read-only.txt"), "r", os.O_RDONLY))
    watch.hook("os.replace", (str(tmp_path / "inside" / "a"), str(tmp_path / "b")))
    assert watch.outside == [
        os.path.realpath(tmp_path / "elsewhere.txt"),
        os.path.realpath(tmp_path / "b"),
    ]


# ------------------------------------------------------------- file names from map titles


@pytest.mark.parametrize(
    "title",
    [
        "../../etc",
        "../../etc/passwd",
        "a/b",
        "a\\b",
        "..",
        ".",
        "",
        "   ",
        "x" * 5_000,
        "\x00\x1f\u202e",
        "C:\\Windows\\system32",
        "~/.bashrc",
        'name: with * ? " < > |',
        "CON",
        "nul.txt",
        "Com1",
        "LPT9.pathmap",
    ],
)
def test_file_names_from_hostile_titles_are_safe(title: str, tmp_path: Path) -> None:
    stem = file_stem(title)
    assert stem
    assert len(stem) <= 80
    assert "/" not in stem and "\\" not in stem and ":" not in stem
    assert stem not in {".", ".."} and not stem.startswith(".")
    assert all(character.isascii() and character.isprintable() for character in stem)
    windows_devices = {"con", "prn", "aux", "nul"} | {
        f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)
    }
    assert stem.split(".")[0].lower() not in windows_devices
    # The name stays inside the folder it is written to.
    target = tmp_path / f"{stem}.pdf"
    assert target.resolve().parent == tmp_path.resolve()
    target.write_bytes(b"%PDF-")
    assert target.exists()
