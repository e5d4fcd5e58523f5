"""Reading PDFs back for the PDF tests (pdftotext, pdftoppm, pypdf), and checks of the readers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

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


def test_parse_pgm_reads_header_comments_and_pixels() -> None:
    data = b"P5\n# made by hand\n3 2\n255\n" + bytes([0, 255, 128, 255, 255, 10])
    width, height, pixels = parse_pgm(data)
    assert (width, height) == (3, 2)
    assert list(pixels) == [0, 255, 128, 255, 255, 10]


def test_normalise_collapses_line_breaks_and_runs_of_spaces() -> None:
    assert normalise(" GP\n practice \t lane ") == "GP practice lane"
