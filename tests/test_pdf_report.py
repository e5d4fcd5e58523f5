"""The workshop report: summary, route chart, handoff matrix, every finding, every comment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis import analyse
from pathmapper.cli.main import main
from pathmapper.export.pdf_chart import TOP_ROUTES
from pathmapper.export.pdf_document import PdfOptions, write_map_pdf
from pathmapper.export.pdf_pages import PageSetup
from pathmapper.io import load_map
from pathmapper.model import COMMENT_KIND_NAMES, PathMap
from tests.conftest import SAMPLE_MAPS
from tests.test_pdf_support import ink_share, normalise, page_count, pdf_text

CARDIOLOGY = next(path for path in SAMPLE_MAPS if "cardiology" in path.name)


def body_text(pdf: Path) -> str:
    """The text of every page without its title block and footer, so a paragraph that runs on
    to the next page reads whole."""
    parts = []
    for page in range(1, page_count(pdf) + 1):
        text = pdf_text(pdf, page)
        if "Workshop report" in text:
            text = text[text.index("Workshop report") + len("Workshop report") :]
        parts.append(text[: text.rindex("Made with pathmapper")].strip())
    return " ".join(parts)


def report_pdf(path_map: PathMap, target: Path, paper: str = "A4") -> Path:
    options = PdfOptions(PageSetup(paper, "portrait"), report=True, file_name="x.pathmap.json")
    write_map_pdf(path_map, target, options)
    return target


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda path: path.name)
def test_report_holds_every_finding_and_comment(sample: Path, tmp_path: Path) -> None:
    path_map = load_map(sample)
    analysis = analyse(path_map)
    pdf = report_pdf(path_map, tmp_path / "report.pdf")
    assert "Workshop report" in pdf_text(pdf, 2)
    text = body_text(pdf)
    assert "Summary" in text
    for finding in analysis.findings:
        assert normalise(finding.message) in text
        if finding.suggestion:
            assert normalise(finding.suggestion) in text
    for comment in path_map.comments:
        assert normalise(comment.text) in text
    assert page_count(pdf) > 1
    assert all(ink_share(pdf, page) > 0.005 for page in range(1, page_count(pdf) + 1))


def test_report_sections_come_in_order_and_comments_top_voted_first(tmp_path: Path) -> None:
    path_map = load_map(CARDIOLOGY)
    text = "Workshop report " + body_text(report_pdf(path_map, tmp_path / "report.pdf"))
    headings = [
        "Summary",
        "Waiting and value-adding time per route",
        "Handoffs between organisations",
        "Findings",
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
