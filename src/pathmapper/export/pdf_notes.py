"""Workshop comments as sticky notes on the PDF map, where the shared layout placed them
(beside their step, in the column right of the map, or near their flow): the kind's colour and
glyph, the text as the layout wrapped it, and the votes."""

from __future__ import annotations

from pathmapper.export.pdf_shapes import Canvas, colour, text_line, up
from pathmapper.layout.primitives import (
    NOTE_FONT_SIZE,
    NOTE_GLYPH_WIDTH,
    NOTE_PADDING,
    NoteBox,
)
from pathmapper.layout.style import COMMENT_STYLES, INK


def draw_note(canvas: Canvas, note: NoteBox) -> None:
    """A note: the kind's fill and outline and its glyph (so colour is not the only cue), the
    lines of its text, and its votes."""
    style = COMMENT_STYLES.get(note.kind, COMMENT_STYLES["idea"])
    rect = note.rect
    canvas.setLineWidth(0.9)
    canvas.setDash()
    canvas.setStrokeColor(colour(style.outline))
    canvas.setFillColor(colour(style.fill))
    canvas.rect(rect.left, up(rect.bottom), rect.width, rect.height, 1, 1)
    size = NOTE_FONT_SIZE
    baseline = up(rect.top) - NOTE_PADDING - size * 0.95
    canvas.setFillColor(colour(style.outline))
    text_line(
        canvas, style.glyph, rect.left + 2 + NOTE_GLYPH_WIDTH / 2, baseline, size + 1, True, True
    )
    canvas.setFillColor(colour(INK))
    for line in note.lines:
        text_line(canvas, line, rect.left + NOTE_PADDING + NOTE_GLYPH_WIDTH, baseline, size)
        baseline -= size * 1.25
    if note.votes:
        votes = f"{note.votes} vote{'s' if note.votes != 1 else ''}"
        canvas.setFillColor(colour(style.outline))
        text_line(canvas, votes, rect.right - 30, up(rect.bottom) + 2, size - 2, True, True)
