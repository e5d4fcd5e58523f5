"""The hostile-input corpus (tests/fixtures/hostile, issue #18) through every command.

Each file there once broke a reader or an export: bidirectional control characters in labels,
integers of 5,000 digits, a complete graph whose report took minutes, a small draw.io file that
inflates to millions of elements, a draw.io page with no steps, a CSV cell of 131,073
characters, a CSV row naming 58 next steps. Every command ends with exit 0, 1 or 2, a reason on
stderr for 2, no traceback, and no output written for an input refused.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from pathmapper.analysis import analyse
from pathmapper.cli.main import main
from pathmapper.export.pdf_report import MAX_FINDINGS_LISTED, findings_section, ranked_findings
from pathmapper.export.safe_text import BIDI_CONTROLS
from pathmapper.io import load_map
from pathmapper.io.csv_steps import CsvImportError, steps_csv_to_map
from pathmapper.io.mapfile import MAX_FLOWS
from tests.conftest import HOSTILE_CORPUS, HOSTILE_MAPS
from tests.test_pdf_support import pdf_text

BIDI = re.compile(f"[{BIDI_CONTROLS}]")
IMPORTS = sorted(HOSTILE_CORPUS.glob("*.csv")) + sorted(HOSTILE_CORPUS.glob("*.drawio"))

REFUSED_MAPS = {
    "huge-integer-position.pathmap.json": "holds a number of more than 4,300 digits",
    "huge-integer-unknown-field.pathmap.json": "holds a number of more than 4,300 digits",
}
REFUSED_IMPORTS = {
    "element-bomb.drawio": "holds more than 500,000 XML elements",
    "no-steps.drawio": "found no steps to import; nothing was written",
    "wide-cell.csv": "row 3: a cell is longer than 131,072 characters",
    "many-next-steps.csv": "58 next steps; a step leads to at most 50",
}


def test_the_corpus_is_what_make_corpus_writes() -> None:
    from tests.fixtures.hostile.make_corpus import CORPUS

    assert sorted(CORPUS) == sorted(path.name for path in [*HOSTILE_MAPS, *IMPORTS])
    for name, make in CORPUS.items():
        assert (HOSTILE_CORPUS / name).read_text(encoding="utf-8") == make(), name


@pytest.mark.parametrize("path", HOSTILE_MAPS, ids=lambda path: path.name)
def test_every_map_command_ends_cleanly(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    exports = [
        ["--json", str(out / "map.pathmap.json")],
        ["--drawio", str(out / "map.drawio"), "--bpmn", str(out / "map.bpmn")],
        ["--pdf", str(out / "map.pdf"), "--report", "--csv", str(out / "tables")],
    ]
    out.mkdir()
    refused = REFUSED_MAPS.get(path.name)
    statuses = [main(["validate", str(path)]), main(["check", str(path), "--format", "json"])]
    statuses += [main(["export", str(path), *options]) for options in exports]
    error = capsys.readouterr().err
    if refused is None:
        assert set(statuses) <= {0, 1}, error
    else:
        assert statuses == [2] * len(statuses)
        assert error.count(refused) == len(statuses)
        assert list(out.iterdir()) == []


@pytest.mark.parametrize("path", IMPORTS, ids=lambda path: path.name)
def test_every_import_ends_cleanly(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported.pathmap.json"
    status = main(["import", str(path), "-o", str(out)])
    error = capsys.readouterr().err
    refused = REFUSED_IMPORTS.get(path.name)
    if refused is None:
        assert status == 0, error
        load_map(out)
    else:
        assert status == 2
        assert refused in error
        assert not out.exists()


def test_bidirectional_controls_never_reach_the_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = HOSTILE_CORPUS / "bidi-labels.pathmap.json"
    assert BIDI.search(source.read_text(encoding="utf-8"))
    outputs = [tmp_path / name for name in ("map.drawio", "map.bpmn", "map.pdf")]
    options = ["--drawio", str(outputs[0]), "--bpmn", str(outputs[1])]
    assert main(["export", str(source), *options, "--pdf", str(outputs[2]), "--report"]) == 0
    texts = [path.read_text(encoding="utf-8") for path in outputs[:2]] + [pdf_text(outputs[2])]
    for path, text in zip(outputs, texts, strict=True):
        assert not BIDI.search(text), path.name
        assert "Pay 0001 now" in text, path.name  # the words themselves are kept
    assert "Invoice fdp.exe" in texts[2]


def test_the_report_lists_a_bounded_number_of_findings() -> None:
    """A complete graph of 25 steps in 25 lanes raises hundreds of findings of a kind;
    typesetting them all took the report minutes."""
    path_map = load_map(HOSTILE_CORPUS / "complete-graph-25.pathmap.json")
    analysis = analyse(path_map)
    categories = {finding.category for finding in analysis.findings}
    counts = Counter(finding.category for finding in analysis.findings)
    assert max(counts.values()) > MAX_FINDINGS_LISTED
    story = findings_section(ranked_findings(path_map, analysis))
    assert len(story) <= 1 + len(categories) * (MAX_FINDINGS_LISTED + 2)
    notes = [part.text for part in story if isinstance(part, Paragraph)]
    assert any("pathmapper check lists them all" in note for note in notes)


def test_csv_next_steps_are_counted_while_reading() -> None:
    """2,000 rows naming 200 next steps each would make 400,000 arrows: refused part-way."""
    rows = [
        f"{n},Team {n % 7},Step {n}," + ";".join(str(m) for m in range(1, 201))
        for n in range(1, 2001)
    ]
    text = "number,lane,step,next\n" + "\n".join(rows) + "\n"
    with pytest.raises(CsvImportError) as refused:
        steps_csv_to_map(text, "wide.csv")
    assert refused.value.problems == [
        f"names more than {MAX_FLOWS:,} next steps by row 252; a map has at most {MAX_FLOWS:,} "
        "arrows"
    ]


def test_check_goes_on_past_a_refused_map(capsys: pytest.CaptureFixture[str]) -> None:
    path = HOSTILE_CORPUS / "huge-integer-position.pathmap.json"
    assert main(["check", str(path), str(HOSTILE_CORPUS / "bidi-labels.pathmap.json")]) == 2
    captured = capsys.readouterr()
    assert "holds a number of more than 4,300 digits" in captured.err
    assert "Invoice" in captured.out  # the other map is still checked
