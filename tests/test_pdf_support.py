"""Reading PDFs back for the PDF tests (pdftotext, pdftoppm, pypdf), and checks of the readers."""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or one page, from 1) as pdftotext reads it, whitespace collapsed."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    result = subprocess.run([*command, str(path), "-"], capture_output=True, check=True)
    return normalise(result.stdout.decode("utf-8"))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def parse_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary greyscale PGM (P5, 8 bits)."""
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        start = position
        while not data[position : position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    assert fields[0] == b"P5", "not a binary PGM"
    width, height, maximum = int(fields[1]), int(fields[2]), int(fields[3])
    assert maximum == 255
    pixels = data[position + 1 : position + 1 + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def ink_share(path: Path, page: int) -> float:
    """The share of a page's pixels that are not white, rendered in grey at 30 dpi."""
    result = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    )
    _width, _height, pixels = parse_pgm(result.stdout)
    dark = sum(1 for value in pixels if value < 235)
    return dark / len(pixels)


def embedded_fonts(path: Path) -> set[str]:
    """Base names of the fonts embedded as TrueType programs, subset tags removed."""
    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]).split("+")[-1].lstrip("/"))
    return names


@dataclass(frozen=True)
class TextRun:
    """A piece of text as pypdf extracts it: where it starts on the page (points, y up), how
    high it prints (the font size through every transform) and its font's name."""

    text: str
    x: float
    y: float
    size: float
    font: str


def text_runs(path: Path, page: int) -> list[TextRun]:
    """The text runs of one page (from 1), blank ones left out."""
    runs: list[TextRun] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        # The text matrix, then the current transformation: how text space lands on the page.
        _a, _b, c, d, e, f = tm
        ca, cb, cc, cd, ce, cf = cm
        x = e * ca + f * cc + ce
        y = e * cb + f * cd + cf
        scale_y = math.hypot(c * ca + d * cc, c * cb + d * cd)
        name = str(font.get("/BaseFont", "")) if font is not None else ""
        runs.append(TextRun(text.strip(), x, y, size * scale_y, name.split("+")[-1].lstrip("/")))

    PdfReader(str(path)).pages[page - 1].extract_text(visitor_text=visit)
    return runs


def page_size(path: Path, page: int) -> tuple[float, float]:
    box = PdfReader(str(path)).pages[page - 1].mediabox
    return float(box.width), float(box.height)


def all_fonts(path: Path) -> dict[str, bool]:
    """Every font any page uses, by base name, and whether its program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for reference in page.get("/Resources", {}).get_object().get("/Font", {}).values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"]).split("+")[-1].lstrip("/")] = embedded
    return fonts


def test_text_runs_give_position_size_and_font(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from pathmapper.export.pdf_shapes import font

    target = tmp_path / "runs.pdf"
    canvas = Canvas(str(target), pagesize=(400, 300), initialFontName=font())
    canvas.saveState()
    canvas.translate(100, 50)
    canvas.scale(0.5, 0.5)
    canvas.setFont(font(bold=True), 12)
    canvas.drawString(20, 40, "Echo clinic")
    canvas.restoreState()
    canvas.save()
    (run,) = text_runs(target, 1)
    assert run.text == "Echo clinic" and run.font == "DejaVuSans-Bold"
    assert math.isclose(run.size, 6.0, abs_tol=0.01)
    assert math.isclose(run.x, 110, abs_tol=0.01) and math.isclose(run.y, 70, abs_tol=0.01)
    assert all_fonts(target) == {"DejaVuSans-Bold": True}


def test_parse_pgm_reads_header_comments_and_pixels() -> None:
    data = b"P5\n# made by hand\n3 2\n255\n" + bytes([0, 255, 128, 255, 255, 10])
    width, height, pixels = parse_pgm(data)
    assert (width, height) == (3, 2)
    assert list(pixels) == [0, 255, 128, 255, 255, 10]


def test_normalise_collapses_line_breaks_and_runs_of_spaces() -> None:
    assert normalise(" GP\n practice \t lane ") == "GP practice lane"
