"""The advance widths of the shipped fonts, read from a table made from them, without reportlab.

Measuring a label needs only each character's advance width. Reading those from the TTF files
with reportlab means importing reportlab (and PIL with it) at every editor start and parsing
both fonts on the first layout, about 0.1 s between them; the table (`METRICS_FILE`, beside the
fonts) loads in about a millisecond. `font_metrics_build` writes it from the fonts with
reportlab, and a test checks it still matches them, so the two cannot drift apart.

The table holds what reportlab's `TTFont(...).face` gives: the characters of its `charToGlyph`
(the ones the font can draw) with their `charWidths`, and its `defaultWidth` for the rest, as
whole font units with the font's units per em. A width in thousandths of the font size is
`units * (1000 / units_per_em)`, the very product reportlab computes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

METRICS_FILE = "DejaVuSans-metrics.json"
FORMAT = 1


@dataclass(frozen=True)
class FontMetrics:
    """One font's advance widths, in thousandths of the font size."""

    widths: Mapping[str, float]  # by character; only the characters the font can draw
    default_width: float  # what reportlab measures a character the font lacks as

    @property
    def covered(self) -> AbstractSet[str]:
        """The characters the font can draw."""
        return self.widths.keys()

    def string_width(self, text: str, size: float) -> float:
        """The width in points of `text`, as reportlab's `TTFont.stringWidth` gives it.

        reportlab sums the widths in order, then multiplies by 0.001 and then by the size; the
        widths are multiples of 1/256 (1000/2048 units), so the sum is exact in any order and
        the two products round as reportlab's do."""
        get = self.widths.get
        default = self.default_width
        return in_points(sum(get(character, default) for character in text), size)


def in_points(thousandths: float, size: float) -> float:
    """A width summed in thousandths of the font size, in points at `size`, with reportlab's
    two products in reportlab's order (so the float is the one it gives)."""
    return thousandths * 0.001 * size


def _scale(units_per_em: int) -> float:
    return 1000 / units_per_em


def metrics_from_json(data: object) -> dict[str, FontMetrics]:
    """Every font's metrics in a parsed table; ValueError or TypeError if it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a font metrics table of a known format")
    fonts = data.get("fonts")
    if not isinstance(fonts, dict):
        raise ValueError("a font metrics table with no fonts")
    return {name: _font_metrics(font) for name, font in fonts.items()}


def _font_metrics(font: object) -> FontMetrics:
    if not isinstance(font, dict):
        raise ValueError("bad font metrics")
    units_per_em, default, ranges = (font.get(k) for k in ("units_per_em", "default", "ranges"))
    if not (isinstance(units_per_em, int) and isinstance(default, int)):
        raise ValueError("bad font metrics")
    if not isinstance(ranges, list):
        raise ValueError("bad font metrics")
    scale = _scale(units_per_em)
    codepoints: list[int] = []
    advances: list[int] = []
    for first, units in ranges:
        codepoints.extend(range(first, first + len(units)))
        advances.extend(units)
    widths = dict(
        zip(map(chr, codepoints), [int(advance) * scale for advance in advances], strict=True)
    )
    return FontMetrics(widths, default * scale)


def load_metrics(path: Path) -> dict[str, FontMetrics]:
    """Every font's metrics in the table at `path`; none if it is missing or unreadable (the
    caller then measures with reportlab)."""
    try:
        return metrics_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}
