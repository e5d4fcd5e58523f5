"""The workshop report: summary, route chart, handoff matrix, every finding, every comment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis import analyse
from pathmapper.cli.main import main
from pathmapper.export.pdf_chart import TOP_ROUTES, TimeAxis, longest_routes
from pathmapper.export.pdf_document import PdfOptions, map_page_plan, write_map_pdf
from pathmapper.export.pdf_marks import MARK_FONT_SIZE
from pathmapper.export.pdf_pages import PageSetup
from pathmapper.export.pdf_report import TOP_FINDINGS, finding_marks, plural, ranked_findings
from pathmapper.io import load_map
from pathmapper.layout import compute_geometry
from pathmapper.model import COMMENT_KIND_NAMES, PathMap
from tests.analysis_maps import chain, make_map, step
from tests.conftest import SAMPLE_MAPS
from tests.test_pdf_support import (
    all_fonts,
    ink_share,
    normalise,
    page_count,
    page_size,
    pdf_text,
    text_runs,
)

CARDIOLOGY = next(path for path in SAMPLE_MAPS if "cardiology" in path.name)


def report_pages(pdf: Path) -> list[int]:
    """The pages of the report (not the map pages between them), from 1."""
    return [
        page for page in range(1, page_count(pdf) + 1) if "Workshop report" in pdf_text(pdf, page)
    ]


def body_text(pdf: Path) -> str:
    """The text of the report's pages without their title block and footer, so a paragraph
    that runs on to the next page reads whole."""
    parts = []
    for page in report_pages(pdf):
        text = pdf_text(pdf, page)
        text = text[text.index("Workshop report") + len("Workshop report") :]
        parts.append(text[: text.rindex("Made with pathmapper")].strip())
    return " ".join(parts)


def report_pdf(path_map: PathMap, target: Path, paper: str = "A3") -> Path:
    """The report as the command line writes it by default: maps on `paper`, report on A4."""
    options = PdfOptions(PageSetup(paper), report=True, file_name="x.pathmap.json")
    write_map_pdf(path_map, target, options)
    return target


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_report_holds_every_finding_once_and_each_kind_of_advice_once(
    sample: Path, tmp_path: Path
) -> None:
    path_map = load_map(sample)
    analysis = analyse(path_map)
    pdf = report_pdf(path_map, tmp_path / "report.pdf")
    text = body_text(pdf)
    details = text[text.index("All findings") :]
    for finding in analysis.findings:
        assert normalise(finding.message) in details
    kinds: dict[str, list[str]] = {}
    for finding in analysis.findings:
        if finding.suggestion:
            kinds.setdefault(finding.code, []).append(normalise(finding.suggestion))
    assert details.count("What to do") == len(kinds)
    for suggestions in kinds.values():
        assert sum(details.count(suggestion) for suggestion in set(suggestions)) == 1
    for comment in path_map.comments:
        assert normalise(comment.text) in text
    pages = report_pages(pdf)
    assert pages[0] == 1 and len(pages) > 1
    for page in pages:
        assert page_size(pdf, page) == pytest.approx((595.28, 841.89), abs=0.1)  # A4 portrait
        assert ink_share(pdf, page) > 0.005
        # No orphan page: each report page carries several lines, not a stray heading.
        assert len(body_lines(pdf, page)) >= 5, page


def body_lines(pdf: Path, page: int) -> list[str]:
    """The distinct baselines of a page's text between its title block and footer."""
    runs = text_runs(pdf, page)
    top, bottom = page_size(pdf, page)[1] - 70, 40
    return sorted({f"{run.y:.0f}" for run in runs if bottom < run.y < top})


def test_page_one_is_the_summary_with_the_top_findings_ranked(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    analysis = analyse(path_map)
    pdf = report_pdf(path_map, tmp_path / "report.pdf")
    first = pdf_text(pdf, 1)
    assert normalise(path_map.title) in first and "Workshop report" in first
    assert first.index("Summary") < first.index("Top findings")
    assert "Routes from a start to an end 11" in first
    ranked = ranked_findings(path_map, analysis)
    shown = [item for item in ranked[:TOP_FINDINGS] if normalise(item.finding.message) in first]
    assert len(shown) >= 3
    assert [item.number for item in shown] == list(range(1, len(shown) + 1))
    positions = [first.index(f"{item.number}. ") for item in shown]
    assert positions == sorted(positions)
    assert f"on {plural(shown[0].routes, 'route')}" in first
    # The same numbers are marked on the map: the overview (page 2) shows the whole map.
    marks = {
        run.text
        for run in text_runs(pdf, 2)
        if run.font == "DejaVuSans-Bold" and run.size == pytest.approx(MARK_FONT_SIZE)
    }
    drawn = finding_marks(compute_geometry(path_map), shown)
    assert {mark.text for mark in drawn} <= marks
    assert len(drawn) == len(shown)


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_findings_rank_errors_first_then_by_routes_touched(sample: Path) -> None:
    path_map = load_map(sample)
    ranked = ranked_findings(path_map, analyse(path_map))
    order = {"error": 0, "warning": 1, "info": 2}
    keys = [(order[item.finding.severity], -item.routes) for item in ranked]
    assert keys == sorted(keys)
    assert [item.number for item in ranked] == list(range(1, len(ranked) + 1))


def test_one_error_and_unknown_times_read_as_such(
    small_document: dict[str, Any], tmp_path: Path
) -> None:
    small_document["steps"][2]["kind"] = "activity"  # no end step: one error
    for fields in small_document["steps"]:
        fields.pop("wait", None)
        fields.pop("duration", None)
    path_map = PathMap.model_validate(small_document)
    assert analyse(path_map).summary["errors"] == 1
    text = pdf_text(report_pdf(path_map, tmp_path / "report.pdf"))
    assert "1 error, " in text and "1 errors" not in text
    assert "Waiting time, all steps unknown" in text
    assert "Value-adding time, all steps unknown" in text
    assert " 0m" not in text
    assert text.index("1. Error") < text.index("Top findings") + 200


def test_page_one_stays_one_page_when_every_route_passes_many_steps(tmp_path: Path) -> None:
    steps = [step("s0", "start"), *(step(f"s{n}") for n in range(1, 60)), step("s60", "end")]
    path_map = make_map(steps, chain(*(item.id for item in steps)))
    pdf = report_pdf(path_map, tmp_path / "report.pdf", paper="A1")
    first, second = pdf_text(pdf, 1), pdf_text(pdf, 2)
    assert "Top findings" in first and "and 51 more, listed after the map" in first
    assert "Workshop report" not in second  # page 2 is the map
    text = body_text(pdf)
    assert "Steps every route passes through (59)" in text
    assert all(f"Step s{n} (GP practice)" in text for n in range(1, 60))


def test_plurals() -> None:
    assert plural(1, "error") == "1 error"
    assert plural(0, "note") == "0 notes"
    assert plural(3, "vote") == "3 votes"


def test_report_sections_come_in_order_and_comments_top_voted_first(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    text = "Workshop report " + body_text(report_pdf(path_map, tmp_path / "report.pdf"))
    headings = [
        "Summary",
        "Top findings",
        "Waiting and value-adding time per route",
        "Handoffs between organisations",
        "All findings",
        "Comments from the workshop",
    ]
    positions = [text.index("Workshop report")]
    for heading in headings:  # each found after the one before (raises if missing)
        positions.append(text.index(heading, positions[-1]))
    comments_part = text[positions[-1] :]
    kinds = [
        COMMENT_KIND_NAMES[kind]
        for kind in COMMENT_KIND_NAMES
        if any(comment.kind == kind for comment in path_map.comments)
    ]
    kind_positions = [comments_part.index(name) for name in kinds]
    assert kind_positions == sorted(kind_positions)
    questions = sorted(
        (comment for comment in path_map.comments if comment.kind == "question"),
        key=lambda comment: -comment.votes,
    )
    order = [comments_part.index(normalise(comment.text)) for comment in questions]
    assert order == sorted(order)


def test_the_map_pages_sit_between_page_one_and_the_details(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    pdf = report_pdf(path_map, tmp_path / "report.pdf")
    pages = report_pages(pdf)
    plan = map_page_plan(path_map, PageSetup("A3"))
    assert pages == [1, *range(2 + plan.page_count, page_count(pdf) + 1)]
    overview = pdf_text(pdf, 2)
    assert "overview of" in overview
    # The overview's page numbers count the report's page 1 too.
    assert all(f"page {2 + tile.number}" in overview for tile in plan.tiles)
    assert f"tile 1 of {len(plan.tiles)}" in pdf_text(pdf, 3)
    assert "continues on page 4" in pdf_text(pdf, 3)
    assert page_size(pdf, 2) == pytest.approx(PageSetup("A3").page_size, abs=0.1)
    fonts = all_fonts(pdf)
    assert "Helvetica" not in fonts and all(fonts.values()), fonts


def test_chart_names_routes_by_branches_and_has_a_time_axis(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    analysis = analyse(path_map)
    pdf = report_pdf(path_map, tmp_path / "report.pdf")
    text = body_text(pdf)
    chart = text[text.index("Waiting and value-adding time per route") :]
    chart = chart[: chart.index("Handoffs between organisations")]
    bars = longest_routes(path_map, analysis.routes)
    names = [bar.name for bar in bars]
    assert len(set(names)) == len(names)  # every bar its own title
    assert names[0].startswith("Route 1: routine")
    for bar in bars:
        assert normalise(bar.name) in chart or normalise(bar.name)[:40] in chart
    for tick in ("1h", "1d", "1w"):
        assert f" {tick} " in chart
    assert "time (log scale)" in chart
    # Both kinds of time visible: each bar's figures in words, and neither drawn as nothing.
    assert chart.count("waiting ") >= len(bars) and chart.count("adding value ") >= len(bars)
    axis = TimeAxis.for_bars(bars, 400)
    assert all(axis.x(bar.value_adding) > 10 for bar in bars if bar.value_adding > 0)


def test_handoff_matrix_names_the_organisations(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    analysis = analyse(path_map)
    text = pdf_text(report_pdf(path_map, tmp_path / "report.pdf", paper="A3"))
    matrix_part = text[
        text.index("Handoffs between organisations", text.index("Workshop report")) :
    ]
    for source, target in analysis.handoff_matrix:
        assert source in matrix_part and target in matrix_part


def test_an_organisation_named_at_great_length_still_makes_a_report(tmp_path: Path) -> None:
    """A table row cannot break across pages: the handoff table cuts the name short."""
    path_map = load_map(CARDIOLOGY)
    long_name = "Community health provider " * 400
    lanes = [
        lane.model_copy(update={"organisation": long_name})
        if lane.organisation == "Community health provider"
        else lane
        for lane in path_map.lanes
    ]
    text = pdf_text(report_pdf(path_map.model_copy(update={"lanes": lanes}), tmp_path / "r.pdf"))
    matrix_part = text[
        text.index("Handoffs between organisations", text.index("Workshop report")) :
    ]
    assert "Community health provider Community" in matrix_part


def test_chart_says_when_it_shows_only_the_longest_routes(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    routes = len(analyse(path_map).routes)
    text = pdf_text(report_pdf(path_map, tmp_path / "report.pdf"))
    if routes > TOP_ROUTES:
        assert f"The {TOP_ROUTES} routes with the longest lead time, of {routes} routes" in text
    else:
        assert f"All {routes} routes, longest lead time first." in text
    assert "Route 1:" in text and "lead time" in text


def test_report_escapes_map_text(small_document: dict[str, Any], tmp_path: Path) -> None:
    small_document["comments"][0]["text"] = "<b>not bold</b> & <para>"
    small_document["steps"][1]["label"] = "Echo <unclosed & friends"
    small_document["description"] = "A & B <i>"
    pdf = report_pdf(PathMap.model_validate(small_document), tmp_path / "report.pdf")
    text = pdf_text(pdf)
    assert "<b>not bold</b> & <para>" in text
    assert "On Echo <unclosed & friends (Echo department)" in text
    assert "A & B <i>" in text


def test_report_of_a_map_with_no_routes_or_comments(tmp_path: Path) -> None:
    pdf = report_pdf(PathMap(title="Blank"), tmp_path / "report.pdf")
    text = pdf_text(pdf)
    assert "There is no route from a start step to an end step to chart." in text
    assert "No comments were added to this map." in text


def test_cli_report(tmp_path: Path, write_map: Any) -> None:
    source = write_map(load_map(CARDIOLOGY).to_document())
    out = tmp_path / "report.pdf"
    assert main(["export", str(source), "--pdf", str(out), "--report", "--paper", "A3"]) == 0
    text = pdf_text(out)
    assert "Workshop report" in text and "Comments from the workshop" in text
