"""Measuring and wrapping label text, the same way for the canvas and the PDF.

Both draw with the shipped DejaVu Sans (resources/fonts), so measuring it here with reportlab's
font metrics gives the same line breaks on screen, on paper and on every machine.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pathmapper.resources import resource_path

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT_REGULAR: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
FALLBACK_FONTS = {FONT_REGULAR: "Helvetica", FONT_BOLD: "Helvetica-Bold"}
LINE_SPACING = 1.25  # line height as a multiple of the font size
MAX_LABEL_LINES = 12
ELLIPSIS = "…"


@cache
def registered_font(name: str) -> str:
    """Register a shipped font with reportlab once; the name to draw and measure with.

    Falls back to a built-in PDF font if the file is missing, so text is never lost."""
    try:
        pdfmetrics.getFont(name)
        return name
    except KeyError:
        pass
    path = resource_path("fonts", FONT_FILES[name])
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except Exception:  # a missing or unreadable font file: measure with a built-in font
        return FALLBACK_FONTS[name]
    return name


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of text."""
    font = registered_font(FONT_BOLD if bold else FONT_REGULAR)
    return float(pdfmetrics.stringWidth(text, font, size))


def line_height(size: float) -> float:
    return size * LINE_SPACING


def wrap_text(
    text: str, size: float, max_width: float, bold: bool = False, max_lines: int = MAX_LABEL_LINES
) -> list[str]:
    """Lines of `text` no wider than `max_width`: explicit line breaks kept, words wrapped,
    a word too long for a line broken, and an ellipsis after `max_lines` lines."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, size, max_width, bold))
        if len(lines) > max_lines:
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + ELLIPSIS, size, bold) > max_width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def _wrap_paragraph(paragraph: str, size: float, max_width: float, bold: bool) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    space = text_width(" ", size, bold)
    lines: list[str] = []
    current = ""
    current_width = 0.0
    for word in words:
        width = text_width(word, size, bold)
        if current and current_width + space + width <= max_width:
            current += " " + word
            current_width += space + width
            continue
        if current:
            lines.append(current)
        if width <= max_width:
            current, current_width = word, width
        else:
            pieces = _break_word(word, size, max_width, bold)
            lines.extend(pieces[:-1])
            current = pieces[-1]
            current_width = text_width(current, size, bold)
    lines.append(current)
    return lines


def _break_word(word: str, size: float, max_width: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for character in word:
        if current and text_width(current + character, size, bold) > max_width:
            pieces.append(current)
            current = character
        else:
            current += character
    pieces.append(current)
    return pieces
