"""The map in PDF: text present and searchable, pages for fit and tile, fonts embedded, escaping,
pages not blank, title block and footer on every page, and the command line."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from pathmapper.cli.main import main
from pathmapper.export.pdf_document import PdfOptions, map_pdf_bytes, write_map_pdf
from pathmapper.export.pdf_legend import legend_height
from pathmapper.export.pdf_pages import (
    MARGIN,
    PageSetup,
    PageSetupError,
    page_bands,
    tile_grid,
)
from pathmapper.io import load_map
from pathmapper.layout import compute_geometry
from pathmapper.model import PathMap
from tests.conftest import SAMPLE_MAPS
from tests.test_pdf_support import (
    embedded_fonts,
    ink_share,
    normalise,
    page_count,
    pdf_text,
)

CARDIOLOGY = next(path for path in SAMPLE_MAPS if "cardiology" in path.name)


def write(path_map: PathMap, target: Path, **setup: Any) -> Path:
    write_map_pdf(path_map, target, PdfOptions(PageSetup(**setup), file_name="map.pathmap.json"))
    return target


def expected_lines(path_map: PathMap) -> list[str]:
    """Every lane name and every line of every step label, as drawn."""
    geometry = compute_geometry(path_map)
    lines = [lane.name for lane in path_map.lanes]
    for box in geometry.steps.values():
        lines.extend(line for line in box.lines if line.strip())
    return lines


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_fit_puts_every_lane_and_step_label_on_one_page(sample: Path, tmp_path: Path) -> None:
    path_map = load_map(sample)
    pdf = write(path_map, tmp_path / "fit.pdf", paper="A3")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    missing = [line for line in expected_lines(path_map) if normalise(line) not in text]
    assert missing == []
    assert ink_share(pdf, 1) > 0.01


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_tiles_cover_every_label_and_no_tile_is_blank(sample: Path, tmp_path: Path) -> None:
    path_map = load_map(sample)
    pdf = write(path_map, tmp_path / "tiles.pdf", paper="A2", tile=True)
    pages = page_count(pdf)
    assert pages > 1
    text = pdf_text(pdf)
    assert [line for line in expected_lines(path_map) if normalise(line) not in text] == []
    for page in (1, pages):
        assert ink_share(pdf, page) > 0.01


def test_tile_count_for_a3_landscape_at_full_size(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    setup = PageSetup("A3", "landscape", tile=True)
    bands = page_bands(setup, legend_height(setup.page_size[0] - 2 * MARGIN))
    tiles = tile_grid(compute_geometry(path_map), bands.content, 1.0)
    assert (tiles[-1].rows, tiles[-1].columns) == (2, 7)
    pdf = write(path_map, tmp_path / "tiles.pdf", paper="A3", tile=True)
    assert page_count(pdf) == 14
    assert "row 2, column 7 (of 2 × 7)" in pdf_text(pdf, 14)


def test_every_tile_repeats_the_lane_names_when_one_row_holds_them(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    pdf = write(path_map, tmp_path / "tiles.pdf", paper="A1", tile=True)
    pages = page_count(pdf)
    assert pages > 1
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page)
        assert all(normalise(lane.name) in text for lane in path_map.lanes), page


def test_every_page_has_the_title_block_and_page_n_of_m(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    pdf = write(path_map, tmp_path / "tiles.pdf", paper="A2", tile=True)
    pages = page_count(pdf)
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page)
        assert normalise(path_map.title) in text
        assert "As is" in text and "version of 22 November 2026" in text
        assert "map.pathmap.json" in text
        assert f"page {page} of {pages}" in text


def test_scale_smaller_gives_fewer_tiles(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    full = write(path_map, tmp_path / "full.pdf", paper="A3", tile=True, scale=1.0)
    half = write(path_map, tmp_path / "half.pdf", paper="A3", tile=True, scale=0.5)
    assert 1 < page_count(half) < page_count(full)


@pytest.mark.parametrize("paper", ["A4", "A3", "A2", "A1", "Letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_page_size_follows_paper_and_orientation(paper: str, orientation: str) -> None:
    setup = PageSetup(paper.lower(), orientation)  # type: ignore[arg-type]
    width, height = setup.page_size
    assert (width > height) == (orientation == "landscape")
    if paper == "A4":
        assert math.isclose(min(width, height), 595.2755, abs_tol=0.01)


def test_bad_paper_and_scale_are_refused_with_a_reason() -> None:
    with pytest.raises(PageSetupError, match="unknown paper 'B5'"):
        PageSetup("B5")
    with pytest.raises(PageSetupError, match="out of range"):
        PageSetup("A4", scale=0)


def test_dejavu_is_embedded_and_text_is_not_outlines(tmp_path: Path) -> None:
    pdf = write(load_map(CARDIOLOGY), tmp_path / "fit.pdf")
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(pdf)


def test_markup_like_labels_print_literally(small_document: dict[str, Any], tmp_path: Path) -> None:
    small_document["steps"][1]["label"] = "<b>Echo</b> & report"
    small_document["lanes"][0]["name"] = "GP & <i>practice</i>"
    small_document["flows"][0]["label"] = "refer <br/>"
    small_document["title"] = "Echo & <script>"
    path_map = PathMap.model_validate(small_document)
    pdf = write(path_map, tmp_path / "escaped.pdf")
    text = pdf_text(pdf)
    for literal in (
        "<b>Echo</b> & report",
        "GP & <i>practice</i>",
        "refer <br/>",
        "Echo & <script>",
    ):
        assert literal in text


def test_accents_and_welsh_labels_survive(small_document: dict[str, Any], tmp_path: Path) -> None:
    small_document["steps"][1]["label"] = "Ŵyl ŷd café – naïve"
    pdf = write(PathMap.model_validate(small_document), tmp_path / "welsh.pdf")
    assert "Ŵyl ŷd café – naïve" in pdf_text(pdf)


def test_an_empty_map_still_prints_one_framed_page(tmp_path: Path) -> None:
    pdf = write(PathMap(title="Nothing yet"), tmp_path / "empty.pdf", tile=True)
    assert page_count(pdf) == 1
    assert "Nothing yet" in pdf_text(pdf)


def test_pdf_bytes_start_and_end_like_a_pdf(small_document: dict[str, Any]) -> None:
    data = map_pdf_bytes(PathMap.model_validate(small_document))
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_cli_writes_pdf_and_refuses_the_input(tmp_path: Path, write_map: Any) -> None:
    source = write_map(load_map(CARDIOLOGY).to_document())
    out = tmp_path / "out.pdf"
    args = ["export", str(source), "--pdf", str(out), "--paper", "A4", "--orientation", "portrait"]
    assert main(args) == 0
    assert page_count(out) == 1
    before = source.read_bytes()
    assert main(["export", str(source), "--pdf", str(source)]) == 2
    assert source.read_bytes() == before


def test_cli_tile_and_report_need_pdf(tmp_path: Path, write_map: Any, capsys: Any) -> None:
    source = write_map(load_map(CARDIOLOGY).to_document())
    assert main(["export", str(source), "--tile"]) == 2
    assert "--tile needs --pdf OUT" in capsys.readouterr().err
    assert main(["export", str(source), "--pdf", str(tmp_path / "x.pdf"), "--paper", "B5"]) == 2
    assert "unknown paper 'B5'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, write_map: Any) -> None:
    source = write_map(load_map(CARDIOLOGY).to_document())
    out = tmp_path / "out.pdf"
    out.write_bytes(b"an older export")
    assert main(["export", str(source), "--pdf", str(out), "--scale", "900", "--tile"]) == 2
    assert out.read_bytes() == b"an older export"
    assert main(["export", str(source), "--pdf", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []
    assert main(["export", str(source), "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_long_title_is_cut_short_before_the_page_note() -> None:
    from pathmapper.export.pdf_frame import DETAIL_FONT_SIZE, TitleBlock, draw_title_block
    from pathmapper.layout import Rect, text_width

    class RecordingCanvas:
        def __init__(self) -> None:
            self.font: tuple[str, float] = ("", 0.0)
            self.strings: list[tuple[tuple[str, float], str]] = []

        def setFont(self, name: str, size: float) -> None:
            self.font = (name, size)

        def drawString(self, _x: float, _y: float, text: str) -> None:
            self.strings.append((self.font, text))

        def __getattr__(self, _name: str) -> Any:
            return lambda *args, **kwargs: None

    canvas = RecordingCanvas()
    band = Rect(0, 0, 500, 36)
    note = "row 1, column 1"
    draw_title_block(canvas, band, TitleBlock.of(PathMap(title="Wide " * 60), "x"), note)
    (name, size), title = canvas.strings[0]
    room = band.width - text_width(note, DETAIL_FONT_SIZE + 1, bold=True) - 24
    assert "Bold" in name and title.endswith("…")
    assert text_width(title, size, bold=True) <= room
