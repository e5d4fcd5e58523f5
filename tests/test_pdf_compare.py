"""The PDF compare page (`pathmapper export TO_BE --pdf OUT --compare AS_IS`): read back as
text, it holds both maps' figures, the change with better/worse, and the changed steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis.compare import compare_maps
from pathmapper.analysis.compare_text import (
    change_text,
    describe_element_change,
    first_amount,
    second_amount,
    verdict,
)
from pathmapper.cli.main import main
from pathmapper.export.pdf_compare import MAX_LISTED
from pathmapper.export.pdf_document import PdfOptions, write_map_pdf
from pathmapper.export.pdf_marks import MARK_FONT_SIZE
from pathmapper.export.pdf_pages import PageSetup
from pathmapper.io import load_map
from pathmapper.model import PathMap
from tests.conftest import PROJECT_ROOT, SAMPLE_MAPS
from tests.test_pdf_support import (
    all_fonts,
    ink_share,
    normalise,
    page_count,
    page_size,
    pdf_text,
    text_runs,
)

SAMPLES = PROJECT_ROOT / "sample_maps"
PAIRS = [
    (SAMPLES / f"{name}-as-is.pathmap.json", SAMPLES / f"{name}-to-be.pathmap.json")
    for name in ("msk-single-point-of-access", "multiple-long-term-conditions")
]


def compare_pages_text(pdf: Path) -> str:
    """The text of the compare pages, without title blocks and footers."""
    parts = []
    for page in range(1, page_count(pdf) + 1):
        text = pdf_text(pdf, page)
        if "Compared with the other map" not in text:
            continue
        text = text[text.rindex("Compared with the other map") :]
        parts.append(text[: text.rindex("Made with pathmapper")])
    return normalise(" ".join(parts))


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair[0].name)
def test_cli_compare_page_holds_figures_and_changed_steps(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    as_is, to_be = pair
    out = tmp_path / "compare.pdf"
    assert main(["export", str(to_be), "--pdf", str(out), "--compare", str(as_is)]) == 0
    comparison = compare_maps(load_map(as_is), load_map(to_be))
    text = compare_pages_text(out)
    assert text, "no compare page"
    assert as_is.name in text and to_be.name in text
    for figure in comparison.figures:
        row = " ".join(
            part
            for part in (
                figure.name,
                first_amount(figure),
                second_amount(figure),
                change_text(figure),
                {"better": "better", "worse": "worse"}.get(verdict(figure), ""),
            )
            if part
        )
        assert normalise(row) in text, row
    for change in comparison.changes[:MAX_LISTED]:
        assert normalise(describe_element_change(change)) in text
    assert ink_share(out, page_count(out)) > 0.005


def test_compare_page_comes_after_the_report(tmp_path: Path) -> None:
    as_is, to_be = PAIRS[0]
    out = tmp_path / "both.pdf"
    assert main(["export", str(to_be), "--pdf", str(out), "--report", "--compare", str(as_is)]) == 0
    pages = [pdf_text(out, page) for page in range(1, page_count(out) + 1)]
    report = [i for i, text in enumerate(pages) if "Workshop report" in text]
    pictures = next(i for i, text in enumerate(pages) if "The two maps compared" in text)
    compare = next(i for i, text in enumerate(pages) if "Compared with the other map" in text)
    assert report[0] == 0 and report[-1] < pictures < compare


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair[0].name)
def test_the_two_maps_are_drawn_with_their_changes_marked(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    as_is, to_be = pair
    out = tmp_path / "compare.pdf"
    assert main(["export", str(to_be), "--pdf", str(out), "--compare", str(as_is)]) == 0
    first, second = load_map(as_is), load_map(to_be)
    comparison = compare_maps(first, second)
    page = next(
        page
        for page in range(1, page_count(out) + 1)
        if "The two maps compared" in pdf_text(out, page)
    )
    width, height = page_size(out, page)
    assert width > height  # the map's paper, A3 landscape
    text = pdf_text(out, page)
    assert f"A: {normalise(first.title)}" in text and f"B: {normalise(second.title)}" in text
    for lane in [*first.lanes, *second.lanes]:
        assert normalise(lane.name).split()[0] in text
    tags = [
        run.text
        for run in text_runs(out, page)
        if run.font == "DejaVuSans-Bold" and run.size == pytest.approx(MARK_FONT_SIZE)
    ]
    for action in ("added", "removed", "moved", "relabelled"):
        steps = [c for c in comparison.changes_of("step", action)]
        assert tags.count(action) == len(steps) + 1, action  # one on each step, one in the key
    # Each map's tag sits on its own half: removed steps on A (above), the rest on B.
    runs = text_runs(out, page)
    removed = [run.y for run in runs if run.text == "removed" and run.size < 8]
    added = [run.y for run in runs if run.text == "added" and run.size < 8]
    key_y = min(run.y for run in runs if run.text in ("removed", "added"))
    assert min(y for y in removed if y > key_y) > max(added)
    fonts = all_fonts(out)
    assert "Helvetica" not in fonts and all(fonts.values()), fonts


def _map(labels: dict[str, str]) -> PathMap:
    document: dict[str, Any] = {
        "title": "T & <b>",
        "lanes": [{"id": "l1", "name": "Clinic <i>"}],
        "steps": [
            {"id": sid, "kind": "activity", "label": label, "lane": "l1"}
            for sid, label in labels.items()
        ],
    }
    return PathMap.model_validate(document)


def test_map_text_prints_literally(tmp_path: Path) -> None:
    first = _map({"a": "Echo & ECG", "b": "Review"})
    second = _map({"a": "Echo <b>now</b>", "c": "Call & <u>text</u>"})
    out = tmp_path / "literal.pdf"
    options = PdfOptions(
        PageSetup("A4", "portrait"), comparison=compare_maps(first, second), file_name="b.json"
    )
    write_map_pdf(second, out, options)
    text = compare_pages_text(out)
    assert "'Echo & ECG' is now 'Echo <b>now</b>' (Clinic <i>)" in text
    assert "'Call & <u>text</u>' (Clinic <i>)" in text
    assert "'Review' (Clinic <i>)" in text


def test_compare_needs_pdf_and_a_readable_map(tmp_path: Path, capsys: Any) -> None:
    as_is, to_be = PAIRS[0]
    assert (
        main(["export", str(to_be), "--json", str(tmp_path / "x.json"), "--compare", str(as_is)])
        == 2
    )
    assert "--compare needs --pdf" in capsys.readouterr().err
    missing = tmp_path / "missing.pathmap.json"
    assert (
        main(["export", str(to_be), "--pdf", str(tmp_path / "o.pdf"), "--compare", str(missing)])
        == 2
    )
    assert not (tmp_path / "o.pdf").exists()


def test_a_bad_as_is_map_or_paper_stops_the_export_before_anything_is_written(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.pathmap.json"
    broken.write_text("{", encoding="utf-8")
    sample = str(SAMPLE_MAPS[0])
    json_out, pdf_out = tmp_path / "out.pathmap.json", tmp_path / "out.pdf"
    assert (
        main(
            [
                "export",
                sample,
                "--json",
                str(json_out),
                "--pdf",
                str(pdf_out),
                "--compare",
                str(broken),
            ]
        )
        == 2
    )
    assert (
        main(["export", sample, "--json", str(json_out), "--pdf", str(pdf_out), "--paper", "A9"])
        == 2
    )
    assert not json_out.exists() and not pdf_out.exists()
