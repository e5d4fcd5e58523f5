"""Workshop comments as small notes on the PDF map, placed beside what they are about.

A note on a step or a flow goes to the first spot around it that covers no step and no other
note; a note on a lane sits in the lane's header (drawn with the headers, so it repeats on every
tile). A note on the whole map has no place on the drawing: the report lists it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.export.pdf_shapes import Canvas, colour, font, up
from pathmapper.export.safe_text import printable
from pathmapper.layout import MapGeometry, Rect, wrap_text
from pathmapper.layout.style import COMMENT_STYLES, INK
from pathmapper.model import Comment, PathMap

NOTE_WIDTH = 150.0
NOTE_FONT_SIZE = 7.0
NOTE_LINES = 3
NOTE_PADDING = 4.0
NOTE_GAP = 6.0  # between a note and its target


@dataclass(frozen=True)
class PlacedNote:
    comment: Comment
    rect: Rect  # layout coordinates
    title: str
    lines: tuple[str, ...]
    target_point: tuple[float, float]  # where the leader line meets the target


def note_title(comment: Comment) -> str:
    style = COMMENT_STYLES[comment.kind]
    votes = f" · {comment.votes} vote{'s' if comment.votes != 1 else ''}" if comment.votes else ""
    return f"{style.glyph} {style.name}{votes}"


def note_lines(comment: Comment, width: float = NOTE_WIDTH) -> tuple[str, ...]:
    text = printable(comment.text) or "(no text)"
    inner = width - 2 * NOTE_PADDING
    return tuple(wrap_text(text, NOTE_FONT_SIZE, inner, max_lines=NOTE_LINES))


def note_height(line_count: int) -> float:
    return (line_count + 1) * NOTE_FONT_SIZE * 1.25 + 2 * NOTE_PADDING


def place_notes(path_map: PathMap, geometry: MapGeometry) -> list[PlacedNote]:
    """Notes for every comment on a step or a flow, each beside its target."""
    obstacles = [box.rect for box in geometry.steps.values()]
    placed: list[PlacedNote] = []
    for comment in path_map.comments:
        if comment.target is None:
            continue
        if comment.target in geometry.steps:
            target = geometry.steps[comment.target].rect
        elif comment.target in geometry.flows:
            anchor = geometry.flows[comment.target].label_anchor
            target = Rect(anchor[0] - 30, anchor[1] - 8, 60, 16)
        else:
            continue
        lines = note_lines(comment)
        height = note_height(len(lines))
        rect = _free_spot(target, height, obstacles, geometry.body)
        obstacles.append(rect)
        placed.append(
            PlacedNote(comment, rect, note_title(comment), lines, _nearest_point(target, rect))
        )
    return placed


def _free_spot(target: Rect, height: float, obstacles: list[Rect], body: Rect) -> Rect:
    width = NOTE_WIDTH
    candidates = [
        Rect(target.right - width * 0.4, target.top - NOTE_GAP - height, width, height),
        Rect(target.left - width * 0.6, target.top - NOTE_GAP - height, width, height),
        Rect(target.right - width * 0.4, target.bottom + NOTE_GAP, width, height),
        Rect(target.left - width * 0.6, target.bottom + NOTE_GAP, width, height),
        Rect(target.right + NOTE_GAP, target.top - height * 0.6, width, height),
        Rect(target.left - NOTE_GAP - width, target.top - height * 0.6, width, height),
    ]
    inside = [rect for rect in candidates if _within(rect, body)] or candidates
    for rect in inside:
        if not any(rect.intersects(other) for other in obstacles if _near(rect, other)):
            return rect
    return inside[0]


def _within(rect: Rect, body: Rect) -> bool:
    return (
        rect.left >= body.left
        and rect.right <= body.right
        and rect.top >= body.top
        and (rect.bottom <= body.bottom)
    )


def _near(rect: Rect, other: Rect) -> bool:
    return (
        abs(rect.centre[0] - other.centre[0]) < 400 and abs(rect.centre[1] - other.centre[1]) < 300
    )


def _nearest_point(target: Rect, note: Rect) -> tuple[float, float]:
    x = min(max(note.centre[0], target.left + 8), target.right - 8)
    y = target.top if note.centre[1] < target.centre[1] else target.bottom
    return (x, y)


def draw_leader(canvas: Canvas, note: PlacedNote) -> None:
    """A thin line from the note to its target (drawn under the steps)."""
    style = COMMENT_STYLES[note.comment.kind]
    rect = note.rect
    x = min(max(note.target_point[0], rect.left + 6), rect.right - 6)
    y = rect.bottom if note.target_point[1] >= rect.bottom else rect.top
    canvas.setStrokeColor(colour(style.outline))
    canvas.setLineWidth(0.8)
    canvas.setDash()
    canvas.line(x, up(y), note.target_point[0], up(note.target_point[1]))


def draw_note(
    canvas: Canvas, rect: Rect, comment: Comment, title: str, lines: tuple[str, ...]
) -> None:
    """A note: the kind's fill and outline, its glyph and name (so colour is not the only cue),
    then the first lines of the text."""
    style = COMMENT_STYLES[comment.kind]
    canvas.setLineWidth(0.9)
    canvas.setDash()
    canvas.setStrokeColor(colour(style.outline))
    canvas.setFillColor(colour(style.fill))
    canvas.rect(rect.left, up(rect.bottom), rect.width, rect.height, 1, 1)
    size = NOTE_FONT_SIZE
    baseline = up(rect.top) - NOTE_PADDING - size * 0.95
    canvas.setFillColor(colour(INK))
    canvas.setFont(font(bold=True), size)
    canvas.drawString(rect.left + NOTE_PADDING, baseline, printable(title))
    canvas.setFont(font(), size)
    for line in lines:
        baseline -= size * 1.25
        canvas.drawString(rect.left + NOTE_PADDING, baseline, printable(line))
