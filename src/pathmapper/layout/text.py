"""Measuring and wrapping label text, the same way for the canvas and the PDF.

Both draw with the shipped DejaVu Sans (resources/fonts), so measuring it here with reportlab's
font metrics gives the same line breaks on screen, on paper and on every machine. The metrics
of the shipped fonts come from a table made from them with reportlab (`font_metrics`), so
laying out a map neither imports reportlab nor parses the fonts; reportlab is imported for a
character DejaVu Sans lacks and for drawing a PDF (`registered_font`, `registered_runs`). Lines
break at spaces and after hyphens only; a word wider than the line is hyphenated with a visible
hyphen (step boxes grow first, see `geometry.step_size`). A character DejaVu Sans lacks is drawn
from the first font on the machine that has it (`font_runs`), or as U+FFFD, never as an empty
box.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

from pathmapper.layout.font_metrics import METRICS_FILE, FontMetrics, in_points, load_metrics
from pathmapper.resources import resource_path

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT_REGULAR: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
FALLBACK_FONTS = {FONT_REGULAR: "Helvetica", FONT_BOLD: "Helvetica-Bold"}
LINE_SPACING = 1.25  # line height as a multiple of the font size
MAX_LABEL_LINES = 12
ELLIPSIS = "…"
HYPHEN = "-"
REPLACEMENT = "\ufffd"
MAX_FALLBACK_FONTS = 40  # system fonts looked at for a missing character, at most
FALLBACK_FONT_NAMES = ("Noto", "DejaVu", "Arial", "Segoe", "Liberation", "FreeSans")


@cache
def registered_font(name: str) -> str:
    """Register a shipped font with reportlab once; the name to draw with in a PDF.

    Falls back to a built-in PDF font if the file is missing, so text is never lost."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

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


@cache
def _shipped_metrics() -> dict[str, FontMetrics]:
    return load_metrics(resource_path("fonts", METRICS_FILE))


@cache
def _metrics(font_name: str) -> FontMetrics | None:
    """The table's metrics of a shipped font whose file is there; None for any other font, and
    for a shipped font whose file is missing (measured as the built-in font it falls back to)."""
    file_name = FONT_FILES.get(font_name)
    if file_name is None or not resource_path("fonts", file_name).is_file():
        return None
    return _shipped_metrics().get(font_name)


@cache
def label_font(bold: bool = False) -> str:
    """The name of the font labels are measured in: the shipped font, or the built-in font it
    falls back to if its file is missing."""
    name = FONT_BOLD if bold else FONT_REGULAR
    return name if _metrics(name) is not None else registered_font(name)


@cache
def _covered(font_name: str) -> AbstractSet[str]:
    """The characters a font can draw."""
    metrics = _metrics(font_name)
    if metrics is not None:
        return metrics.covered
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)  # built-in Type 1 fonts have no character map
    char_to_glyph = getattr(face, "charToGlyph", None)
    if not isinstance(char_to_glyph, dict):
        return frozenset(map(chr, range(32, 256)))
    return frozenset(map(chr, char_to_glyph))


def _font_folders() -> list[Path]:
    home = Path.home()
    folders = [home / ".fonts", home / ".local/share/fonts"]
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    elif sys.platform == "darwin":
        folders += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    else:
        folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    return folders


@cache
def _system_fonts() -> tuple[Path, ...]:
    """TrueType fonts on this machine, likely general ones first, a bounded number."""
    found: list[Path] = []
    for folder in _font_folders():
        try:
            found += [p for p in folder.rglob("*.ttf") if p.is_file()]
        except OSError:
            continue
    found.sort(key=lambda p: (not p.name.startswith(FALLBACK_FONT_NAMES), p.name))
    return tuple(found[:MAX_FALLBACK_FONTS])


@cache
def _fallback_font(codepoint: int) -> str | None:
    """The name of a registered system font that has this character, if any."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in _system_fonts():
        name = "fallback-" + path.stem
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception:  # not a font reportlab can embed (a collection, a bad file)
                continue
        if chr(codepoint) in _covered(name):
            return name
    return None


def drawable(text: str, bold: bool = False) -> str:
    """`text` with every character no font here can draw replaced by U+FFFD."""
    covered = _covered(label_font(bold))
    if all(c in covered or c in "\n\r\t" for c in text):
        return text
    return "".join(
        c if c in covered or c in "\n\r\t" or _fallback_font(ord(c)) else REPLACEMENT for c in text
    )


def font_runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """(font name, piece of text) in order: the label font where it has the characters, a
    fallback font where it does not. A name may be that of a shipped font not yet registered
    with reportlab: draw with `registered_runs`."""
    main = label_font(bold)
    covered = _covered(main)
    run_font, run = main, ""
    for character in text:
        font = main if character in covered else (_fallback_font(ord(character)) or main)
        if font != run_font and run:
            yield run_font, run
            run = ""
        run_font = font
        run += character
    if run:
        yield run_font, run


def registered_runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """`font_runs` in fonts registered with reportlab, to draw into a PDF."""
    for font, piece in font_runs(text, bold):
        yield (registered_font(font) if font in FONT_FILES else font), piece


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of text: the sum of its font runs' widths, each as reportlab's
    `pdfmetrics.stringWidth` gives it."""
    metrics = _metrics(label_font(bold))
    if metrics is not None:
        try:  # the usual line, all in the label font: one run, measured without font_runs
            return in_points(sum(map(metrics.widths.__getitem__, text)), size)
        except KeyError:
            pass
    return sum(_run_width(piece, font, size) for font, piece in font_runs(text, bold))


def _run_width(text: str, font_name: str, size: float) -> float:
    metrics = _metrics(font_name)
    if metrics is not None:
        return metrics.string_width(text, size)
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, font_name, size))


def line_height(size: float) -> float:
    return size * LINE_SPACING


def widest_word(text: str, size: float, bold: bool = False) -> float:
    """The width of the longest unbreakable piece of `text` (words split after hyphens)."""
    pieces = [piece for word in text.split() for piece in _hyphen_pieces(word)]
    return max((text_width(piece, size, bold) for piece in pieces), default=0.0)


def wrap_text(
    text: str, size: float, max_width: float, bold: bool = False, max_lines: int = MAX_LABEL_LINES
) -> list[str]:
    """Lines of `text` no wider than `max_width`: explicit line breaks kept, lines broken at
    spaces and after hyphens, a word too long for a line hyphenated, and an ellipsis after
    `max_lines` lines."""
    text = drawable(text, bold)
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


def _hyphen_pieces(word: str) -> list[str]:
    """A word cut after each inner hyphen ("self-management" -> "self-", "management")."""
    pieces: list[str] = []
    current = ""
    for index, character in enumerate(word):
        current += character
        if character in "-\u2010" and 0 < index < len(word) - 1:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _wrap_paragraph(paragraph: str, size: float, max_width: float, bold: bool) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    space = text_width(" ", size, bold)
    lines: list[str] = []
    current = ""
    current_width = 0.0
    for word in words:
        for index, piece in enumerate(_hyphen_pieces(word)):
            joiner = "" if index else " "
            width = text_width(piece, size, bold)
            gap = space if joiner else 0.0
            if current and current_width + gap + width <= max_width:
                current += joiner + piece
                current_width += gap + width
                continue
            if current:
                lines.append(current)
            if width <= max_width:
                current, current_width = piece, width
            else:
                parts = _hyphenate(piece, size, max_width, bold)
                lines.extend(parts[:-1])
                current = parts[-1]
                current_width = text_width(current, size, bold)
    lines.append(current)
    return lines


def _hyphenate(word: str, size: float, max_width: float, bold: bool) -> list[str]:
    """A word wider than a line, in pieces that fit, each but the last ending in a hyphen."""
    pieces: list[str] = []
    current = ""
    for character in word:
        if len(current) > 1 and text_width(current + character + HYPHEN, size, bold) > max_width:
            pieces.append(current + HYPHEN)
            current = character
        else:
            current += character
    pieces.append(current)
    return pieces
