"""The map in PDF: text present and searchable, pages for fit and tile, fonts embedded, escaping,
pages not blank, title block and footer on every page, and the command line."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pathmapper.cli.main import main
from pathmapper.export.pdf_document import (
    PdfOptions,
    map_bands,
    map_page_plan,
    map_pdf_bytes,
    write_map_pdf,
)
from pathmapper.export.pdf_headers import STRIPE_WIDTH
from pathmapper.export.pdf_pages import (
    CUT_CLEARANCE,
    MIN_SCALE,
    MIN_TEXT_POINTS,
    PageSetup,
    PageSetupError,
    Tile,
    _blocked,
    keep_whole,
    page_breaks,
)
from pathmapper.io import load_map
from pathmapper.layout import (
    HEADER_FONT_SIZE,
    LANE_HEADER_WIDTH,
    PHASE_HEADER_HEIGHT,
    MapGeometry,
    compute_geometry,
    wrap_text,
)
from pathmapper.model import Lane, PathMap
from tests.analysis_maps import LANES, chain, make_map, step
from tests.conftest import PROJECT_ROOT, SAMPLE_MAPS
from tests.test_pdf_support import (
    all_fonts,
    embedded_fonts,
    ink_share,
    normalise,
    page_count,
    pdf_text,
    text_runs,
)

CARDIOLOGY = next(path for path in SAMPLE_MAPS if "cardiology" in path.name)
SMALLEST = next(path for path in SAMPLE_MAPS if "conditions-to-be" in path.name)


def write(path_map: PathMap, target: Path, **setup: Any) -> Path:
    write_map_pdf(path_map, target, PdfOptions(PageSetup(**setup), file_name="map.pathmap.json"))
    return target


def lane_name_lines(path_map: PathMap, lanes: list[Lane] | None = None) -> list[str]:
    """Every line of every lane name, wrapped as the lane headers draw them."""
    room = LANE_HEADER_WIDTH - STRIPE_WIDTH - 16
    return [
        line
        for lane in (path_map.lanes if lanes is None else lanes)
        for line in wrap_text(lane.name, HEADER_FONT_SIZE, room, True, 3)
    ]


def expected_lines(path_map: PathMap) -> list[str]:
    """Every lane name and every line of every step label, as drawn."""
    geometry = compute_geometry(path_map)
    lines = lane_name_lines(path_map)
    for box in geometry.steps.values():
        lines.extend(line for line in box.lines if line.strip())
    return lines


def step_label_runs(
    pdf: Path, page: int, tile: Tile, geometry: MapGeometry
) -> dict[str, list[Any]]:
    """For every step box the tile shows, the runs printed inside its box on the page that
    are lines of its label."""
    runs = text_runs(pdf, page)
    found: dict[str, list[Any]] = {}
    scale, window = tile.scale, tile.window
    for box in geometry.steps.values():
        if not box.rect.intersects(window):
            continue
        left = tile.body_left + (box.rect.left - window.left) * scale
        top = tile.body_top - (box.rect.top - window.top) * scale
        right, bottom = left + box.rect.width * scale, top - box.rect.height * scale
        lines = {normalise(line) for line in box.lines}
        found[box.step_id] = [
            run
            for run in runs
            if left - 2 <= run.x <= right + 2
            and bottom - 2 <= run.y <= top + 2
            and normalise(run.text) in lines
        ]
    return found


def lane_name_runs(pdf: Path, page: int, tile: Tile) -> list[Any]:
    """The runs printed in the tile's lane header column."""
    return [
        run
        for run in text_runs(pdf, page)
        if tile.headers_left - 1 <= run.x <= tile.body_left
        and run.y <= tile.body_top
        and run.y >= tile.body_top - tile.window.height * tile.scale
    ]


def assert_readable_tile(pdf: Path, page: int, tile: Tile, path_map: PathMap) -> int:
    """Every step the tile shows prints every line of its label, whole and at least 6 pt;
    every lane it shows prints its name at least 6 pt. Returns how many steps it shows."""
    geometry = compute_geometry(path_map)
    labels = step_label_runs(pdf, page, tile, geometry)
    for step_id, runs in labels.items():
        lines = [line for line in geometry.steps[step_id].lines if line.strip()]
        assert {normalise(run.text) for run in runs} == {normalise(line) for line in lines}, (
            page,
            step_id,
        )
        assert min(run.size for run in runs) >= MIN_TEXT_POINTS, (page, step_id)
    shown = [
        lane
        for lane in path_map.lanes
        if geometry.lane_band(lane.id).rect.intersects(tile.window)  # type: ignore[union-attr]
    ]
    names = {normalise(line) for line in lane_name_lines(path_map, shown)}
    printed = [run for run in lane_name_runs(pdf, page, tile) if normalise(run.text) in names]
    assert {normalise(run.text) for run in printed} == names, page
    assert min(run.size for run in printed) >= MIN_TEXT_POINTS, page
    return len(labels)


def test_a_map_that_reads_on_one_page_fills_it(tmp_path: Path) -> None:
    path_map = load_map(SMALLEST)
    pdf = write(path_map, tmp_path / "fit.pdf", paper="A1")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert [line for line in expected_lines(path_map) if normalise(line) not in text] == []
    plan = map_page_plan(path_map, PageSetup("A1"))
    (tile,) = plan.tiles
    assert plan.overview is None and not plan.tiled_because
    assert assert_readable_tile(pdf, 1, tile, path_map) == len(path_map.steps)
    assert ink_share(pdf, 1) > 0.01
    # Centred across and down the map area, so the paper's height is used as well as its width.
    area = map_bands(PageSetup("A1")).content
    printed = tile.page_rect()
    assert printed.y - area.y == pytest.approx(
        area.y + area.height - (printed.y + printed.height + PHASE_HEADER_HEIGHT * tile.scale),
        abs=1,
    )


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_a_map_too_big_for_one_page_is_tiled_legibly(sample: Path, tmp_path: Path) -> None:
    path_map = load_map(sample)
    pdf = write(path_map, tmp_path / "a3.pdf", paper="A3")
    plan = map_page_plan(path_map, PageSetup("A3"))
    assert "too small to read" in plan.tiled_because
    pages = page_count(pdf)
    assert pages == plan.page_count == len(plan.tiles) + 1
    overview = pdf_text(pdf, 1)
    assert f"overview of {len(plan.tiles)} tiles" in overview
    assert all(f"page {page}" in overview for page in range(2, pages + 1))
    shown = 0
    notes = [note.rect for note in compute_geometry(path_map).notes.values()]
    for tile in plan.tiles:
        showing = assert_readable_tile(pdf, 1 + tile.number, tile, path_map)
        holds_notes = any(note.intersects(tile.window) for note in notes)
        assert showing > 0 or holds_notes, f"tile {tile.number} shows no step and no note"
        shown += showing
    assert shown >= len(path_map.steps)  # every step on a tile (one may show on two)


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_page_breaks_never_cut_a_step_box(sample: Path, paper: str) -> None:
    path_map = load_map(sample)
    geometry = compute_geometry(path_map)
    plan = map_page_plan(path_map, PageSetup(paper, tile=True))
    whole = [rect for rect in keep_whole(geometry) if rect.bottom > geometry.body.top]
    for tile in plan.tiles:
        window = tile.window
        for rect in whole:
            if rect.intersects(window):
                assert window.left <= rect.left and rect.right <= window.right
                assert window.top <= rect.top and rect.bottom <= window.bottom
    covered = [rect for rect in whole if any(rect.intersects(t.window) for t in plan.tiles)]
    assert len(covered) == len(whole)


def test_the_lanes_fit_the_page_height_where_they_can() -> None:
    path_map = load_map(
        PROJECT_ROOT / "sample_maps" / "multiple-long-term-conditions-to-be.pathmap.json"
    )
    plan = map_page_plan(path_map, PageSetup("A3", tile=True))
    assert {tile.rows for tile in plan.tiles} == {1}
    assert MIN_SCALE <= plan.tiles[0].scale <= 1.0
    # On A4 the cardiology lanes cannot fit at a readable scale: the smallest, more rows.
    small = map_page_plan(load_map(CARDIOLOGY), PageSetup("A4", tile=True))
    assert small.tiles[0].scale == pytest.approx(MIN_SCALE)
    assert max(tile.rows for tile in small.tiles) > 1


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(
        st.tuples(st.floats(0, 5000), st.floats(5, 300)).map(lambda p: (p[0], p[0] + p[1])),
        max_size=40,
    ),
    window=st.floats(400, 2000),
    preferred=st.lists(st.floats(0, 5300), max_size=10),
)
def test_page_breaks_fall_between_blocks(
    spans: list[tuple[float, float]], window: float, preferred: list[float]
) -> None:
    blocked = _blocked(spans)
    end = max((high for _low, high in spans), default=10.0) + 10
    cuts = page_breaks(0.0, end, window, blocked, preferred)
    assert cuts[0] == 0.0 and cuts[-1] == end
    assert all(0 < later - earlier <= window + 1e-9 for earlier, later in itertools.pairwise(cuts))
    for cut in cuts[1:-1]:
        inside = [(low, high) for low, high in blocked if low < cut < high]
        # Only a block longer than a page may be cut through.
        assert all(high - low > window / 2 for low, high in inside), (cut, inside)


# A run of boxes dragged onto each other, longer than a page (found by hypothesis in CI).
CHAINED_OVER_A_PAGE = [(0, x, 40) for x in (100, 100, 659, 511, 846, 100, 772, 100, 100)]


@settings(max_examples=25, deadline=None)
@example(places=CHAINED_OVER_A_PAGE, paper="A4", orientation="portrait", tile=False)
@given(
    # Lane, centre x and y from the lane's top: inside the lane body, as the editor places steps.
    places=st.lists(
        st.tuples(st.integers(0, 4), st.integers(100, 9000), st.integers(40, 200)),
        min_size=1,
        max_size=40,
    ),
    paper=st.sampled_from(["A4", "A3", "A1"]),
    orientation=st.sampled_from(["landscape", "portrait"]),
    tile=st.booleans(),
)
def test_any_map_prints_readably_on_whole_tiles(
    places: list[tuple[int, int, int]], paper: str, orientation: str, tile: bool
) -> None:
    steps = [
        step(f"s{number}", lane=LANES[lane].id, x=x, y=y, label=f"Step number {number}")
        for number, (lane, x, y) in enumerate(places)
    ]
    path_map = make_map(steps, chain(*(item.id for item in steps)))
    geometry = compute_geometry(path_map)
    plan = map_page_plan(path_map, PageSetup(paper, orientation, tile))  # type: ignore[arg-type]
    assert all(tile.scale >= MIN_SCALE - 1e-9 for tile in plan.tiles)
    boxes = [box.rect for box in geometry.steps.values()]
    # Boxes dragged onto each other can form a run longer than a page: something in such a run
    # must be cut, and only there may a page edge cross a box.
    whole = keep_whole(geometry)
    across = _blocked([(r.left - CUT_CLEARANCE, r.right + CUT_CLEARANCE) for r in whole])
    in_body = [r for r in whole if r.bottom > geometry.body.top]
    down = _blocked([(r.top - CUT_CLEARANCE, r.bottom + CUT_CLEARANCE) for r in in_body])

    page_width = max(page.window.width for page in plan.tiles)
    page_height = max(page.window.height for page in plan.tiles)

    def in_run_longer_than(
        low: float, high: float, runs: list[tuple[float, float]], page: float
    ) -> bool:
        return any(a <= low and high <= b and b - a > page for a, b in runs)

    for page in plan.tiles:
        meets = [rect for rect in boxes if rect.intersects(page.window)]
        assert meets, "a tile with no step"
        window = page.window
        for rect in meets:
            if not (window.left <= rect.left and rect.right <= window.right):
                assert in_run_longer_than(rect.left, rect.right, across, page_width), rect
            if not (window.top <= rect.top and rect.bottom <= window.bottom):
                assert in_run_longer_than(rect.top, rect.bottom, down, page_height), rect
    assert all(any(rect.intersects(page.window) for page in plan.tiles) for rect in boxes)
    assert (plan.overview is not None) == (len(plan.tiles) > 1)


def test_explicit_scale_is_kept_and_tiles_say_where_they_continue(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    plan = map_page_plan(path_map, PageSetup("A3", tile=True, scale=1.0))
    assert {tile.scale for tile in plan.tiles} == {1.0}
    pdf = write(path_map, tmp_path / "tiles.pdf", paper="A3", tile=True, scale=1.0)
    assert page_count(pdf) == plan.page_count
    second = pdf_text(pdf, 3)
    assert f"tile 2 of {len(plan.tiles)}" in second
    assert "continues from page 2" in second


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
    with pytest.raises(PageSetupError, match=r"3\.6 pt high, too small to read: use 50% or more"):
        PageSetup("A4", tile=True, scale=0.3)


def test_dejavu_is_embedded_and_no_font_is_left_out(tmp_path: Path) -> None:
    pdf = write(load_map(CARDIOLOGY), tmp_path / "fit.pdf")
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(pdf)
    fonts = all_fonts(pdf)
    assert "Helvetica" not in fonts and all(fonts.values()), fonts


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
    assert page_count(out) > 2  # too big to read on one A4 page: an overview and tiles
    before = source.read_bytes()
    assert main(["export", str(source), "--pdf", str(source)]) == 2
    assert source.read_bytes() == before


def test_cli_tiles_a_map_too_small_to_read_and_says_so(
    tmp_path: Path, write_map: Any, capsys: Any
) -> None:
    source = write_map(load_map(CARDIOLOGY).to_document())
    out = tmp_path / "out.pdf"
    assert main(["export", str(source), "--pdf", str(out)]) == 0
    said = capsys.readouterr().out
    plan = map_page_plan(load_map(CARDIOLOGY), PageSetup("A3"))
    assert re.match(r"export: the whole map on one A3 page would print at \d+%", said)
    assert f"printing it on {plan.page_count} pages instead" in said
    assert page_count(out) == plan.page_count
    assert main(["export", str(source), "--pdf", str(out), "--tile", "--scale", "30"]) == 2
    assert "too small to read: use 50% or more" in capsys.readouterr().err


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
