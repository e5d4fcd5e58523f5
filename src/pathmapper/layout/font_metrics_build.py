"""Write the shipped fonts' metrics table (`font_metrics.METRICS_FILE`) from the fonts.

    python -m pathmapper.layout.font_metrics_build

Run it after changing a font in resources/fonts (or reportlab's reading of them) and commit the
table; `tests/test_font_metrics.py` fails while the committed table differs from what this
makes. The widths are taken from reportlab's own reading of each font, so measuring from the
table gives what `pdfmetrics.stringWidth` gives for the registered font.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pathmapper.layout.font_metrics import FORMAT, METRICS_FILE
from pathmapper.layout.text import FONT_FILES
from pathmapper.resources import resource_path


@dataclass(frozen=True)
class _FontEntry:
    units_per_em: int
    default: int  # font units
    ranges: list[tuple[int, list[int]]]  # first code point, advance widths in font units


def _font_entry(path: Path) -> _FontEntry:
    """What reportlab reads from one font: its units per em, default width, and the code points
    it can draw, as runs of consecutive code points with their advance widths in font units."""
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("metrics-source", str(path)).face
    units_per_em = int(face.unitsPerEm)
    char_to_glyph: dict[int, int] = face.charToGlyph
    char_widths: dict[int, float] = face.charWidths
    if not set(char_widths) <= set(char_to_glyph):
        raise ValueError(f"{path.name}: a width for a character with no glyph")

    def units(width: float) -> int:
        whole = round(width * units_per_em / 1000)
        if whole * (1000 / units_per_em) != width:
            raise ValueError(f"{path.name}: a width that is not a whole number of font units")
        return whole

    default = float(face.defaultWidth)
    ranges: list[tuple[int, list[int]]] = []
    previous = -2
    for codepoint in sorted(char_to_glyph):
        advance = units(char_widths.get(codepoint, default))
        if codepoint == previous + 1:
            ranges[-1][1].append(advance)
        else:
            ranges.append((codepoint, [advance]))
        previous = codepoint
    return _FontEntry(units_per_em, units(default), ranges)


def metrics_json(fonts_dir: Path) -> str:
    """The table's text for the fonts in `fonts_dir`: one line per run of code points, so a
    change to a font shows in a diff as the lines it touches."""
    fonts = []
    for name, file_name in sorted(FONT_FILES.items()):
        entry = _font_entry(fonts_dir / file_name)
        ranges = ",\n".join(
            f"[{first}, [{','.join(map(str, widths))}]]" for first, widths in entry.ranges
        )
        fonts.append(
            f'"{name}": {{\n"file": "{file_name}",\n"units_per_em": {entry.units_per_em},\n'
            f'"default": {entry.default},\n"ranges": [\n{ranges}\n]\n}}'
        )
    return f'{{\n"format": {FORMAT},\n"fonts": {{\n' + ",\n".join(fonts) + "\n}\n}\n"


def main() -> int:
    fonts_dir = resource_path("fonts")
    target = fonts_dir / METRICS_FILE
    target.write_text(metrics_json(fonts_dir), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
