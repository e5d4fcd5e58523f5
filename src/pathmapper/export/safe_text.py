"""Text made safe for where it goes: PDF drawing, report markup, spreadsheet cells, XML
numbers, file names, and any output without the characters that reorder text on screen.

A label typed in a workshop may hold anything (`<b>`, `&`, `=SUM(A1)`, a tab, Welsh accents); every
export passes it through here so it prints literally and never breaks or attacks the output.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The characters that reorder text on screen (Unicode's Bidi_Control set: U+202E, RIGHT-TO-LEFT
# OVERRIDE, and kin). In a label they can make a reader see other words than are there, so the
# exports drop them; right-to-left scripts still show in their own direction without them.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{BIDI_CONTROLS}]")
_NOT_FILE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def without_bidi_controls(text: str) -> str:
    """`text` without the characters that reorder it on screen (see BIDI_CONTROLS): for a
    whole output file (draw.io, BPMN, SVG), where they never carry meaning."""
    return _BIDI_CONTROL.sub("", text)


def printable(text: str) -> str:
    """One line for drawing: control characters (bidirectional ones too) dropped, tabs and line
    breaks as spaces."""
    return _CONTROL.sub("", text.replace("\t", " ").replace("\r", " ").replace("\n", " "))


def markup(text: str) -> str:
    """Text for a reportlab Paragraph: `<`, `>` and `&` escaped, so they print literally;
    line breaks kept as `<br/>` and control characters (bidirectional ones too) dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # html's escape, not xml.sax's: the same three characters, and no import of urllib (and
    # through it ssl and http) into the editor's start.
    return "<br/>".join(
        escape(_CONTROL.sub("", line.replace("\t", " ")), quote=False) for line in lines
    )


def spreadsheet_cell(value: object) -> str:
    """A value as a spreadsheet cell that Excel or LibreOffice will never run as a formula:
    text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
    Numbers pass through as written (a negative number is data, not a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def coordinate(value: float) -> str:
    """A number for an XML attribute (draw.io, BPMN): at most two decimals, no `.0`."""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def file_stem(title: str, fallback: str = "pathway-map") -> str:
    """A file name (without extension) from a map title: accents folded to ASCII, characters
    that some systems refuse removed, spaces as hyphens, at most 80 characters."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    cleaned = _NOT_FILE_NAME.sub(" ", folded)
    stem = re.sub(r"[\s-]+", "-", cleaned.strip()).strip(".-_")[:80].strip(".-_").lower()
    if stem.split(".")[0] in _WINDOWS_DEVICE_NAMES:
        stem = f"map-{stem}"  # Windows refuses CON, NUL.txt and the like as file names
    return stem or fallback


_WINDOWS_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)
