"""Cutting a map the room cannot read whole into parts it can: columns left to right and, when
the lanes do not fit the screen's height, bands of lanes top to bottom. Every step box lies
whole inside at least one part, and every part fits the screen at the readable zoom.

Pure geometry (no Qt): the sizes are in scene units, what the view shows at the readable zoom.
A part's frame leaves room at its left for the lane headers the view pins to its left edge, at
its top for the pinned phase headers (when the map has phases) and at its bottom for the
caption that says which part the room is looking at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, MapGeometry, Rect

PART_MARGIN = 24.0  # scene units around what a part shows
LABEL_CLEARANCE = 6.0  # between a part's edge and a flow label left just outside it

Span = tuple[float, float]  # (start, end) along one axis


@dataclass(frozen=True)
class MapPart:
    """One readable part: `frame` is the scene rectangle to show, of which the room is meant
    to see down to `shown_bottom` (the foot of its last whole lane, where the part ends: the
    screen hides what lies below, whole in another part); the lanes it holds (indexes from the
    top, first and last) and where it sits among the columns and bands."""

    frame: Rect
    shown_bottom: float
    lanes: tuple[int, int]
    column: int  # from 0, left to right
    columns: int
    band: int  # from 0, top to bottom
    bands: int


def cover(spans: Sequence[Span], size: float, breaks: Sequence[float] = ()) -> list[Span]:
    """Windows along one axis such that every span lies whole inside one of them, each
    holding whole some span no window before it does: each at most `size` long (longer only
    for a span longer than `size`), starting and ending on one of `breaks` (lane edges, say)
    where that still holds the span it starts from, and holding the spans inside it."""
    remaining = sorted(spans)
    ordered = sorted(breaks)
    windows: list[Span] = []
    previous = float("-inf")
    while remaining:
        first_start, first_end = remaining[0]
        starts = [b for b in ordered if previous < b <= first_start and first_end - b <= size]
        start = starts[-1] if starts else first_start
        limit = start + max(size, first_end - start)
        ends = [b for b in ordered if first_end <= b <= limit]
        end = ends[-1] if ends else limit
        windows.append((start, end))
        remaining = [span for span in remaining if not (span[0] >= start and span[1] <= end)]
        previous = start
    return windows


def cut_into_parts(
    geometry: MapGeometry,
    shown_width: float,
    shown_height: float,
    caption_height: float = 0.0,
    region: Span | None = None,
    catch: Span | None = None,
) -> list[MapPart]:
    """The parts of the map (or of the columns `region`, a phase) that a view showing
    `shown_width` x `shown_height` scene units can show, band by band, left to right in each.
    The steps covered are those whose centre lies in `catch` (all when None). A region that
    fits is one part, framed tightly."""
    lanes = geometry.lanes
    all_boxes = list(geometry.steps.values())
    boxes = [
        box.rect
        for box in all_boxes
        if catch is None or catch[0] <= box.rect.x + box.rect.width / 2 <= catch[1]
    ]
    labels = [route.label.rect for route in geometry.flows.values() if route.label is not None]
    body = geometry.body
    left, right = region if region is not None else (body.left, body.right)
    top_room = PHASE_HEADER_HEIGHT if geometry.phases else PART_MARGIN
    width = max(1.0, shown_width - LANE_HEADER_WIDTH - 2 * PART_MARGIN)
    height = max(1.0, shown_height - top_room - PART_MARGIN - caption_height)
    top = min([b.top for b in boxes] + ([lanes[0].rect.top] if lanes else []), default=0.0)
    bottom = max(
        [b.bottom for b in boxes] + ([lanes[-1].rect.bottom] if lanes else []), default=0.0
    )
    left = min([left, *(b.left for b in boxes)])
    right = max([right, *(b.right for b in boxes)])
    if right - left <= width and bottom - top <= height:
        frame = Rect(
            left - LANE_HEADER_WIDTH - PART_MARGIN,
            top - top_room,
            right - left + LANE_HEADER_WIDTH + 2 * PART_MARGIN,
            bottom - top + top_room + PART_MARGIN + caption_height,
        )
        return [MapPart(frame, bottom + PART_MARGIN, (0, max(0, len(lanes) - 1)), 0, 1, 0, 1)]
    columns = cover([(b.left, b.right) for b in boxes] or [(left, left)], width, [left])
    # A band of lanes takes the whole height above the caption: the footer under the caption
    # hides what lies below the band's last lane, so the lane's own room below its steps is
    # the margin there.
    edges = sorted({edge for lane in lanes for edge in (lane.rect.top, lane.rect.bottom)})
    content_height = shown_height - top_room - caption_height
    bands = cover([(b.top, b.bottom) for b in boxes] or [(top, top)], content_height, edges)
    bands = [_raised(band, edges, content_height) for band in bands]
    parts: list[MapPart] = []
    shown_whole: set[int] = set()  # the boxes a part before shows whole
    for band_index, (band_top, band_bottom) in enumerate(bands):
        held = [
            index
            for index, lane in enumerate(lanes)
            if lane.rect.top < band_bottom and lane.rect.bottom > band_top
        ] or [0]
        for column_index, (column_left, column_right) in enumerate(columns):
            if not any(
                column_left <= b.left
                and b.right <= column_right
                and band_top <= b.top
                and b.bottom <= band_bottom
                and number not in shown_whole
                for number, b in enumerate(boxes)
            ):
                continue  # nothing there a part before did not show: no part to show
            # A phase's first part shows from the phase's edge, with no margin before it in
            # which the end of the phase before would show, cut by the pinned lane headers.
            opens_phase = region is not None and column_index == 0 and column_left >= region[0]
            frame = Rect(
                column_left - LANE_HEADER_WIDTH - (0.0 if opens_phase else PART_MARGIN),
                band_top - top_room,
                shown_width,
                shown_height,
            )
            shown = Rect(
                frame.x + LANE_HEADER_WIDTH,
                band_top,
                frame.width - LANE_HEADER_WIDTH,
                band_bottom - band_top,
            )
            whole = [box.footprint for box in all_boxes if _within(box.rect, shown)]
            frame = uncut_labels(frame, whole, labels)
            shown = Rect(frame.x + LANE_HEADER_WIDTH, shown.y, shown.width, shown.height)
            shown_whole |= {number for number, b in enumerate(boxes) if _within(b, shown)}
            parts.append(
                MapPart(
                    frame,
                    band_bottom,
                    (held[0], held[-1]),
                    column_index,
                    len(columns),
                    band_index,
                    len(bands),
                )
            )
    return parts


def _raised(band: Span, edges: Sequence[float], content_height: float) -> Span:
    """The last band, which would show empty room below the map, starts higher, at a lane edge,
    to show the lanes above it instead: the screen filled, and no lane cut at the top to a
    strip without its name."""
    start, end = band
    if start + content_height <= max(edges, default=end):
        return band  # the map goes on below it: no empty room to fill
    higher = [edge for edge in edges if end - content_height <= edge <= start]
    return (min(higher), end) if higher else band


def uncut_labels(frame: Rect, whole: Sequence[Rect], labels: Sequence[Rect]) -> Rect:
    """`frame` moved sideways, as little as will do, so that no flow label is cut by its right
    edge or by the lane headers pinned at its left (half a label reads as another word): the
    edges are tried just past each cut label, either side. Only while the steps it shows whole
    (`whole`, with their badges) stay whole and clear of the pinned headers, and it moves left
    no further than its margin (further, the end of the part before would show at the pinned
    headers, cut). When no move leaves every label whole, the right edge is still mended if
    that cuts none at the left that was not cut before. Else `frame` as it was."""
    at_left, at_right = cut_labels(frame, labels)
    if not at_left and not at_right:
        return frame
    shown_left = frame.left + LANE_HEADER_WIDTH
    shifts = sorted(
        {
            past - edge
            for edge, cut in ((frame.right, at_right), (shown_left, at_left))
            for label in cut
            for past in (label.left - LABEL_CLEARANCE, label.right + LABEL_CLEARANCE)
        },
        key=abs,
    )
    mended: Rect | None = None
    for shift in shifts:
        if shift < -PART_MARGIN:
            continue
        moved = Rect(frame.x + shift, frame.y, frame.width, frame.height)
        holds = all(
            moved.left + LANE_HEADER_WIDTH + LABEL_CLEARANCE <= box.left
            and box.right <= moved.right
            for box in whole
        )
        if not holds:
            continue
        moved_left, moved_right = cut_labels(moved, labels)
        if not moved_left and not moved_right:
            return moved
        no_new_cut = all(label in at_left for label in moved_left)
        if mended is None and at_right and not moved_right and no_new_cut:
            mended = moved
    return mended if mended is not None else frame


def cut_labels(frame: Rect, labels: Sequence[Rect]) -> tuple[list[Rect], list[Rect]]:
    """The labels across the edge of the lane headers pinned at the left of `frame`, and
    those across its right edge."""
    beside = [label for label in labels if label.top < frame.bottom and label.bottom > frame.top]
    shown_left = frame.left + LANE_HEADER_WIDTH
    return (
        [label for label in beside if label.left < shown_left < label.right],
        [label for label in beside if label.left < frame.right < label.right],
    )


def _within(box: Rect, area: Rect) -> bool:
    return (
        area.left <= box.left
        and box.right <= area.right
        and area.top <= box.top
        and box.bottom <= area.bottom
    )


def phase_parts(
    geometry: MapGeometry, shown_width: float, shown_height: float, caption_height: float = 0.0
) -> list[list[MapPart]]:
    """The parts of each phase, in order: a phase's steps are those whose centre lies from its
    column's left edge to the next column's (the first phase takes any before it, the last any
    after it), so every step is in the parts of one phase."""
    phases = geometry.phases
    inf = float("inf")
    result = []
    for index, phase in enumerate(phases):
        catch = (
            -inf if index == 0 else phase.rect.left,
            inf if index == len(phases) - 1 else phases[index + 1].rect.left,
        )
        region = (phase.rect.left, phase.rect.right)
        result.append(
            cut_into_parts(geometry, shown_width, shown_height, caption_height, region, catch)
        )
    return result
