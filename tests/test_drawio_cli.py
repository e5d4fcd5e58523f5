"""`pathmapper import` (draw.io and CSV) and `pathmapper export --drawio/--bpmn` from the
command line: summaries on stdout, one-line reasons on stderr, nothing overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathmapper.cli.main import main
from pathmapper.io import load_map

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "drawio"
EXAMPLE_CSV = Path(__file__).resolve().parents[1] / "sample_maps" / "steps-example.csv"


def test_import_drawio_writes_a_valid_map_and_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "two-pages.drawio"
    shutil.copy(FIXTURES / "two-pages.drawio", source)
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "4 lanes, 9 steps, 7 flows, 2 comments" in out
    assert "the diagram has 2 pages" in out
    assert "Not imported (3):" in out
    written = load_map(tmp_path / "two-pages.pathmap.json")
    assert written.title == "Cardiology referral"
    assert written.created is not None


def test_import_reads_and_decodes_the_diagram_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathmapper.io import drawio_read

    calls: list[str] = []
    real = drawio_read.decode_drawio

    def counting(data: bytes, source: str) -> list[drawio_read.DrawioPage]:
        calls.append(source)
        return real(data, source)

    monkeypatch.setattr(drawio_read, "decode_drawio", counting)
    output = tmp_path / "two.pathmap.json"
    assert main(["import", str(FIXTURES / "two-pages.drawio"), "-o", str(output)]) == 0
    assert calls == ["two-pages.drawio"]


def test_import_page_by_name_and_refusing_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "ooh.pathmap.json"
    source = str(FIXTURES / "two-pages.drawio")
    assert main(["import", source, "--page", "Out of hours", "-o", str(output)]) == 0
    before = output.read_bytes()
    capsys.readouterr()
    assert main(["import", source, "--page", "1", "-o", str(output)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert output.read_bytes() == before
    assert main(["import", source, "--page", "1", "-o", str(output), "--force"]) == 0
    assert load_map(output).title == "Cardiology referral"


def test_import_csv_and_bad_input_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "falls.pathmap.json"
    assert main(["import", str(EXAMPLE_CSV), "-o", str(output)]) == 0
    assert len(load_map(output).steps) == 11
    capsys.readouterr()

    bad = tmp_path / "bad.csv"
    bad.write_text("step,lane,wait\nReferral,GP,soon\n", encoding="utf-8")
    assert main(["import", str(bad), "-o", str(tmp_path / "bad.pathmap.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pathmapper: bad.csv: row 2 ('Referral'): wait")
    assert not (tmp_path / "bad.pathmap.json").exists()

    hostile = str(FIXTURES / "external-entity.drawio")
    assert main(["import", hostile, "-o", str(tmp_path / "x.pathmap.json")]) == 2
    assert "declares XML entities" in capsys.readouterr().err

    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert main(["import", str(other)]) == 2
    assert "cannot import this kind of file" in capsys.readouterr().err


def test_import_with_layout_lays_every_step_out_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(FIXTURES / "pool-rows.drawio")
    kept, laid_out = tmp_path / "kept.pathmap.json", tmp_path / "laid-out.pathmap.json"
    assert main(["import", source, "-o", str(kept)]) == 0
    assert "laid out again" not in capsys.readouterr().out  # its places fit: kept
    assert main(["import", source, "--layout", "-o", str(laid_out)]) == 0
    assert "the steps were laid out again as asked" in capsys.readouterr().out
    before, after = load_map(kept), load_map(laid_out)
    lane_names = [
        [(step.id, {lane.id: lane.name for lane in m.lanes}[step.lane]) for step in m.steps]
        for m in (before, after)
    ]
    assert lane_names[0] == lane_names[1]
    assert {s.id: (s.x, s.y) for s in before.steps} != {s.id: (s.x, s.y) for s in after.steps}
    assert after.problems() == []
