"""The shipped DejaVu Sans for drawing, so the canvas wraps and measures text as the PDF does.

The layout wraps labels with DejaVu Sans metrics at a size in points; the scene's unit is one
point, so a font whose pixel size equals that size draws the same lines the same width on the
canvas (at 100%), in the PNG and SVG renders and in the PDF.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from pathmapper.layout.text import FONT_FILES, FONT_REGULAR
from pathmapper.resources import resource_path

FALLBACK_FAMILY = "DejaVu Sans"


@cache
def shipped_family() -> str:
    """Register the shipped fonts with Qt once (needs a QGuiApplication); their family name."""
    family = ""
    for file_name in FONT_FILES.values():
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", file_name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
    return family or FALLBACK_FAMILY


@cache
def drawing_font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans `size` scene units tall (one unit is one point), unhinted like the PDF."""
    font = QFont(shipped_family())
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)
    return font


def regular_family_name() -> str:
    """The name the layout measures with (for messages and tests)."""
    return FONT_REGULAR
