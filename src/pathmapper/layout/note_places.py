"""Sticky notes: their text as drawn, their size, and where they go.

A note on a step hangs below it (beside it when something is in the way), in the step's lane,
which grows to hold it; a reply joins its note's stack; notes on a lane and on the whole map
stand in a column right of the map, level with their lane or at the top; a note on a flow goes
to free space near the flow's label or middle. Nothing is placed over a step, a badge, a label,
another note or an arrowhead: the canvas and every export draw these places.
"""

from __future__ import annotations

from collections.abc import Iterable

from pathmapper.layout.primitives import (
    NOTE_FONT_SIZE,
    NOTE_GAP,
    NOTE_GLYPH_WIDTH,
    NOTE_LINES,
    NOTE_PADDING,
    NOTE_WIDTH,
    NoteBox,
    Rect,
)
from pathmapper.layout.spatial import RectIndex
from pathmapper.layout.text import line_height, wrap_text
from pathmapper.model import Comment, PathMap

MAP_NOTE_MARGIN = 24.0  # between the map's right edge and the column of lane and map notes
VOTE_ROOM = 5.0  # the vote dots straddle a note's bottom edge


def note_lines(comment: Comment) -> tuple[str, ...]:
    text = comment.text.strip() or "(empty note)"
    room = NOTE_WIDTH - 2 * NOTE_PADDING - NOTE_GLYPH_WIDTH
    return tuple(wrap_text(text, NOTE_FONT_SIZE, room, max_lines=NOTE_LINES))


def note_height(lines: int) -> float:
    return round(max(1, lines) * line_height(NOTE_FONT_SIZE) + 2 * NOTE_PADDING, 1)


def note_box(comment: Comment, left: float, top: float) -> NoteBox:
    lines = note_lines(comment)
    rect = Rect(left, top, NOTE_WIDTH, note_height(len(lines)))
    return NoteBox(comment.id, comment.target, rect, lines, comment.kind, comment.votes)


def root_targets(path_map: PathMap) -> dict[str, str | None]:
    """Each comment's first target that is not itself a comment (None: the whole map)."""
    comments = {comment.id: comment for comment in path_map.comments}
    roots: dict[str, str | None] = {}
    for comment in path_map.comments:
        target, seen = comment.target, {comment.id}
        while target in comments and target not in seen:
            seen.add(target)
            target = comments[target].target
        roots[comment.id] = None if target in comments else target
    return roots


def notes_by_target(path_map: PathMap) -> dict[str | None, list[Comment]]:
    """The comments of each element they are (through replies) about, in map order; under None
    those about the whole map."""
    roots = root_targets(path_map)
    grouped: dict[str | None, list[Comment]] = {}
    for comment in path_map.comments:
        grouped.setdefault(roots[comment.id], []).append(comment)
    return grouped


def stack_height(comments: Iterable[Comment]) -> float:
    """The height of notes stacked with NOTE_GAP between them (and before the first)."""
    return sum(NOTE_GAP + note_height(len(note_lines(c))) + VOTE_ROOM for c in comments)


def place_step_notes(
    step_rect: Rect,
    comments: list[Comment],
    taken: RectIndex[str],
    lane_top: float,
) -> list[NoteBox]:
    """The notes of one step: stacked below it, else right of it, else left of it, the first
    place that covers nothing in `taken`; below it, pushed down, when nothing else is free."""
    height = stack_height(comments)
    candidates = [
        (step_rect.left, step_rect.bottom),
        (step_rect.right + NOTE_GAP, step_rect.top - NOTE_GAP),
        (step_rect.left - NOTE_WIDTH - NOTE_GAP, step_rect.top - NOTE_GAP),
    ]
    chosen: tuple[float, float] | None = None
    for left, top in candidates:
        area = Rect(left, top + NOTE_GAP, NOTE_WIDTH, height - NOTE_GAP)  # the notes themselves
        if left >= 0 and top >= lane_top and not taken.hits(area.grown(2)):
            chosen = (left, top)
            break
    if chosen is None:
        left, top = step_rect.left, step_rect.bottom
        while taken.hits(Rect(left, top + NOTE_GAP, NOTE_WIDTH, height - NOTE_GAP).grown(2)):
            top += 20.0
        chosen = (left, top)
    return _stacked(comments, *chosen)


def _stacked(comments: list[Comment], left: float, top: float) -> list[NoteBox]:
    placed: list[NoteBox] = []
    for comment in comments:
        top += NOTE_GAP
        box = note_box(comment, left, top)
        placed.append(box)
        top = box.rect.bottom + VOTE_ROOM
    return placed


def place_column_notes(comments: list[Comment], left: float, top: float) -> list[NoteBox]:
    """Notes in the column right of the map, from `top` down."""
    return _stacked(comments, left, top - NOTE_GAP)


def place_free_note(
    comment: Comment,
    near: tuple[float, float],
    taken: RectIndex[str],
    body: Rect,
    lines: RectIndex[str] | None = None,
    lane: Rect | None = None,
) -> NoteBox:
    """A note as close to the point `near` as it can be without covering anything in `taken`,
    inside the map's body where it can. Better still, and first looked for: a place that
    covers no flow's line either (in `lines`) and stays inside `lane`, so that no arrow seems
    to run into the note and no lane's edge through it."""
    lines_found = note_lines(comment)
    height = note_height(len(lines_found))
    tidy = _nearest_free(near, height, body, taken, lines, lane)
    best = tidy if tidy is not None else _nearest_free(near, height, body, taken)
    if best is None:  # nowhere near is free: beside the map, where nothing else is
        best = Rect(
            body.right + MAP_NOTE_MARGIN + NOTE_WIDTH + NOTE_GAP,
            max(near[1], 0.0),
            NOTE_WIDTH,
            height,
        )
        while taken.hits(best.grown(2)):
            best = best.moved(0, 20)
    return NoteBox(comment.id, comment.target, best, lines_found, comment.kind, comment.votes)


def _nearest_free(
    near: tuple[float, float],
    height: float,
    body: Rect,
    taken: RectIndex[str],
    lines: RectIndex[str] | None = None,
    lane: Rect | None = None,
) -> Rect | None:
    """The first free place for a note of `height`, ring by ring out from `near`."""
    x, y = near
    for ring in range(0, 12):
        distance = ring * 24.0
        for dx, dy in ((1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1), (1, 0), (-1, 0)):
            left = x + 12 if dx > 0 else (x - 12 - NOTE_WIDTH if dx < 0 else x - NOTE_WIDTH / 2)
            top = y + 12 if dy > 0 else (y - 12 - height if dy < 0 else y - height / 2)
            area = Rect(left + dx * distance, top + dy * distance, NOTE_WIDTH, height)
            if area.left < body.left or area.top < body.top:
                continue
            if lane is not None and not (lane.top <= area.top and area.bottom <= lane.bottom):
                continue
            clear = area.grown(2)
            if not taken.hits(clear) and (lines is None or not lines.hits(clear)):
                return area
    return None
