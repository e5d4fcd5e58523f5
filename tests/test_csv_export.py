"""CSV tables for spreadsheets: four files, UTF-8 with BOM, formulas neutralised, both durations."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.analysis import analyse
from pathmapper.cli.main import main
from pathmapper.export.csv_tables import write_csv_tables
from pathmapper.export.safe_text import FORMULA_STARTS, file_stem, markup, spreadsheet_cell
from pathmapper.model import PathMap
from tests.conftest import SAMPLE_MAPS


def read_table(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read accents"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_four_tables_with_every_row(small_document: dict[str, Any], tmp_path: Path) -> None:
    path_map = PathMap.model_validate(small_document)
    written = write_csv_tables(path_map, tmp_path / "tables")
    assert [path.name for path in written] == [
        "steps.csv",
        "flows.csv",
        "findings.csv",
        "comments.csv",
    ]
    steps = read_table(tmp_path / "tables" / "steps.csv")
    assert [row["label"] for row in steps] == ["Patient presents", "Echo", "Results to GP"]
    first = steps[0]
    assert first["duration (ISO 8601)"] == "PT15M" and first["duration (minutes)"] == "15"
    assert first["wait (ISO 8601)"] == "P2D" and first["wait (minutes)"] == "2880"
    assert first["lane"] == "GP practice" and first["phase"] == "Referral"
    assert first["value adding"] == "yes" and first["patient contact"] == "yes"
    flows = read_table(tmp_path / "tables" / "flows.csv")
    assert flows[0]["from step"] == "Patient presents" and flows[0]["to step"] == "Echo"
    assert flows[0]["cross-organisation handoff"] == "yes"
    findings = read_table(tmp_path / "tables" / "findings.csv")
    assert [row["message"] for row in findings] == [
        finding.message for finding in analyse(path_map).findings
    ]
    comments = read_table(tmp_path / "tables" / "comments.csv")
    assert comments[0]["text"] == "Six week wait for echo"
    assert comments[0]["on"] == "Echo (Echo department)"
    assert comments[0]["kind"] == "Pain point"


def test_formula_cells_are_neutralised(small_document: dict[str, Any], tmp_path: Path) -> None:
    dangerous = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    for step, text in zip(small_document["steps"], dangerous, strict=False):
        step["label"] = text
    small_document["steps"][0]["owner"] = dangerous[3]
    small_document["comments"][0]["text"] = dangerous[4]
    small_document["flows"][0]["label"] = dangerous[5]
    write_csv_tables(PathMap.model_validate(small_document), tmp_path)
    cells = [
        cell
        for name in ("steps.csv", "flows.csv", "findings.csv", "comments.csv")
        for row in read_table(tmp_path / name)
        for cell in row.values()
    ]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for text in dangerous:
        assert "'" + text in cells


def test_accents_survive(small_document: dict[str, Any], tmp_path: Path) -> None:
    small_document["steps"][1]["label"] = "Ŵyl café – naïve"
    write_csv_tables(PathMap.model_validate(small_document), tmp_path)
    assert read_table(tmp_path / "steps.csv")[1]["label"] == "Ŵyl café – naïve"


def test_every_sample_map_exports(tmp_path: Path) -> None:
    for sample in SAMPLE_MAPS:
        from pathmapper.io import load_map

        path_map = load_map(sample)
        folder = tmp_path / sample.name
        write_csv_tables(path_map, folder)
        assert len(read_table(folder / "steps.csv")) == len(path_map.steps)
        assert len(read_table(folder / "flows.csv")) == len(path_map.flows)
        assert len(read_table(folder / "comments.csv")) == len(path_map.comments)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_a_cell_never_starts_a_formula_and_keeps_its_text(text: str) -> None:
    cell = spreadsheet_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


def test_numbers_stay_numbers() -> None:
    assert spreadsheet_cell(-5) == "-5"
    assert spreadsheet_cell(2.5) == "2.5"
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell(True) == "yes"


def test_markup_escapes_and_keeps_line_breaks() -> None:
    assert markup("<b>a</b> & b\nc") == "&lt;b&gt;a&lt;/b&gt; &amp; b<br/>c"


def test_file_stem_from_title() -> None:
    assert file_stem("Community cardiology - as is") == "community-cardiology-as-is"
    assert file_stem("Ŵyl / café: <plan>?") == "wyl-cafe-plan"
    assert file_stem("../../etc") == "etc"
    assert file_stem("???") == "pathway-map"


def test_cli_csv(small_document: dict[str, Any], tmp_path: Path, write_map: Any) -> None:
    source = write_map(small_document)
    assert main(["export", str(source), "--csv", str(tmp_path / "out")]) == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "comments.csv",
        "findings.csv",
        "flows.csv",
        "steps.csv",
    ]


def test_tables_reach_the_disk_before_they_replace_the_old_ones(
    small_document: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    import os

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    write_csv_tables(PathMap.model_validate(small_document), tmp_path)
    assert len(synced) >= 4  # each table flushed to disk before its rename
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_a_table_that_cannot_be_written_is_refused_in_words(
    small_document: dict[str, Any], tmp_path: Path
) -> None:
    import pytest

    from pathmapper.export.csv_tables import CsvExportError

    (tmp_path / "steps.csv").mkdir()  # a folder where a table should go
    with pytest.raises(CsvExportError, match="cannot write the CSV tables"):
        write_csv_tables(PathMap.model_validate(small_document), tmp_path)
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []
