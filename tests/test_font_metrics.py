"""The shipped fonts' metrics table: it is what reportlab reads from the fonts, and measuring
from it gives reportlab's widths to the last bit, without importing reportlab."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pathmapper.layout.font_metrics import METRICS_FILE, load_metrics
from pathmapper.layout.font_metrics_build import metrics_json
from pathmapper.layout.text import (
    FONT_BOLD,
    FONT_FILES,
    FONT_REGULAR,
    registered_font,
    registered_runs,
    text_width,
)
from pathmapper.resources import resource_path, sample_maps_dir

FONTS = resource_path("fonts")
TABLE = load_metrics(FONTS / METRICS_FILE)
COVERED = {name: sorted(TABLE[name].covered) for name in FONT_FILES}
SIZES = st.one_of(
    st.sampled_from([6, 7, 8, 8.5, 9, 10, 10.5, 11, 12, 14, 18]),
    st.integers(min_value=1, max_value=96),
    st.floats(min_value=0.25, max_value=500, allow_nan=False, allow_infinity=False),
)
# Characters DejaVu Sans lacks: some that other fonts often have (DejaVu Sans Mono and Serif,
# Noto), so a line falls into several font runs, and some no font may have (private use,
# unassigned), measured at the label font's default width.
LACKING = "⌒⌓˯ᴤ𝗔𝗕诊所ก\u0a85🩺\U000f0000\U0010ffff"


def test_the_committed_table_is_what_the_generator_makes_from_the_shipped_fonts() -> None:
    committed = (FONTS / METRICS_FILE).read_text(encoding="utf-8")
    assert committed == metrics_json(FONTS), (
        "the fonts or reportlab changed: run python -m pathmapper.layout.font_metrics_build"
    )


def test_the_table_holds_exactly_what_reportlab_reads_from_each_font() -> None:
    for name, file_name in FONT_FILES.items():
        face = TTFont(f"table-check-{name}", str(FONTS / file_name)).face
        metrics = TABLE[name]
        assert set(metrics.covered) == set(map(chr, face.charToGlyph))
        assert dict(metrics.widths) == {chr(code): width for code, width in face.charWidths.items()}
        assert metrics.default_width == face.defaultWidth


@st.composite
def label_text(draw: st.DrawFn, bold: bool) -> str:
    covered = COVERED[FONT_BOLD if bold else FONT_REGULAR]
    return draw(st.text(alphabet=st.sampled_from(covered), max_size=60))


@settings(max_examples=400, deadline=None)  # the first example registers the fonts
@given(data=st.data(), size=SIZES, bold=st.booleans())
def test_text_width_is_reportlabs_string_width_of_the_registered_font(
    data: st.DataObject, size: float, bold: bool
) -> None:
    text = data.draw(label_text(bold))
    font = registered_font(FONT_BOLD if bold else FONT_REGULAR)
    assert font == (FONT_BOLD if bold else FONT_REGULAR)
    assert text_width(text, size, bold) == pdfmetrics.stringWidth(text, font, size)


@settings(max_examples=200, deadline=None)  # and here the machine's fallback fonts
@given(data=st.data(), size=SIZES, bold=st.booleans())
def test_a_line_with_characters_the_font_lacks_is_the_sum_of_its_runs_in_reportlab(
    data: st.DataObject, size: float, bold: bool
) -> None:
    alphabet = st.one_of(st.sampled_from(COVERED[FONT_REGULAR][:400]), st.sampled_from(LACKING))
    text = data.draw(st.text(alphabet=alphabet, max_size=40))
    expected = sum(
        float(pdfmetrics.stringWidth(piece, font, size))
        for font, piece in registered_runs(text, bold)
    )
    assert text_width(text, size, bold) == expected


def test_a_table_that_is_missing_or_not_a_table_gives_no_metrics(tmp_path: Path) -> None:
    assert load_metrics(tmp_path / "none.json") == {}
    for text in ("{", "[]", '{"format": 99, "fonts": {}}', '{"format": 1, "fonts": {"x": 1}}'):
        (tmp_path / "bad.json").write_text(text, encoding="utf-8")
        assert load_metrics(tmp_path / "bad.json") == {}


def _run(code: str, resources: Path | None = None) -> str:
    """What `code` prints in a fresh interpreter (nothing cached, nothing imported yet)."""
    env = dict(os.environ)
    if resources is not None:
        env["PATHMAPPER_RESOURCES"] = str(resources)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    return done.stdout.strip()


def test_laying_out_a_map_and_starting_the_editor_import_no_reportlab() -> None:
    sample = str(sample_maps_dir() / "community-cardiology-as-is.pathmap.json")
    code = (
        "import sys\n"
        "from pathmapper.io.mapfile import load_map\n"
        "from pathmapper.layout import compute_geometry\n"
        "from pathmapper.layout.text import wrap_text\n"
        f"compute_geometry(load_map({sample!r}))\n"
        "wrap_text('Échocardiogramme – ✓ review', 9, 80, True)\n"
        "import pathmapper.ui.app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PIL')))"
    )
    assert _run(code) == "[]"


def test_without_the_font_files_text_is_measured_in_the_built_in_fonts(tmp_path: Path) -> None:
    """As before the table: a missing font file measures (and draws) in Helvetica."""
    (tmp_path / "fonts").mkdir()
    shutil.copy(FONTS / METRICS_FILE, tmp_path / "fonts" / METRICS_FILE)
    code = (
        "from pathmapper.layout.text import text_width, font_runs\n"
        "print(text_width('Triage nurse', 10), text_width('Triage nurse', 10, True),"
        " list(font_runs('ab', True)))"
    )
    regular = pdfmetrics.stringWidth("Triage nurse", "Helvetica", 10)
    bold = pdfmetrics.stringWidth("Triage nurse", "Helvetica-Bold", 10)
    assert _run(code, tmp_path) == f"{regular} {bold} [('Helvetica-Bold', 'ab')]"


def test_without_the_table_the_fonts_are_measured_with_reportlab(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    for file_name in FONT_FILES.values():
        shutil.copy(FONTS / file_name, tmp_path / "fonts" / file_name)
    code = "from pathmapper.layout.text import text_width\nprint(text_width('Triage – ✓', 9.5))"
    assert _run(code, tmp_path) == str(text_width("Triage – ✓", 9.5))
