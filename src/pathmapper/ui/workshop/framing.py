"""Framing the map for the room: which part of the map to show, at a zoom the back row can read.

Readable means a step label at least MIN_LABEL_PIXELS tall on the screen (about what a 12 pt
label needs to be legible from 8 metres on a 1080p projector): the label font's line height in
scene units times the view's scale. Zooming to a phase or a lane never goes below that; when the
phase or lane is too big to fit at that zoom, its start (left, top) is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

from pathmapper.layout import LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.map_framing import FRAME_MARGIN, readable_zoom
from pathmapper.ui.workshop.map_parts import MapPart, cut_into_parts, phase_parts

MAX_FRAME_ZOOM = 3.0
CAPTION_ROOM_PIXELS = 64  # kept clear at the bottom of a part for the caption naming it


def readable_whole(view: MapView, rect: QRectF) -> bool:
    """Whether `rect` fits the view at a zoom the back of the room can read."""
    viewport = view.viewport().rect()
    if rect.isEmpty() or viewport.isEmpty():
        return True
    fit = min(viewport.width() / rect.width(), viewport.height() / rect.height())
    return fit >= readable_zoom()


def frame(view: MapView, rect: QRectF, floor: float | None = None) -> float:
    """Show `rect` as large as fits (at most MAX_FRAME_ZOOM), never below `floor` (the readable
    zoom unless given); the start of `rect` when it does not fit. The zoom used. The view's
    scrolling reaches past the map as far as that takes until `follow_the_map(view)`."""
    viewport = view.viewport().rect()
    if rect.isEmpty() or viewport.isEmpty():
        return float(view.zoom())
    minimum = readable_zoom() if floor is None else floor
    fit = min(viewport.width() / rect.width(), viewport.height() / rect.height())
    zoom = max(minimum, min(fit, MAX_FRAME_ZOOM))
    view.set_zoom(zoom)
    zoom = float(view.zoom())
    shown_width, shown_height = viewport.width() / zoom, viewport.height() / zoom
    x = rect.center().x() if rect.width() <= shown_width else rect.left() + shown_width / 2
    y = rect.center().y() if rect.height() <= shown_height else rect.top() + shown_height / 2
    # A part at the bottom or right of the map is shown from its top left like any other: the
    # view may scroll past the end of the map (empty room there). Held to the map's own
    # extent, it would move back and show a strip of the lane above, or of the phase before,
    # under the pinned headers, without its name.
    shown = QRectF(x - shown_width / 2, y - shown_height / 2, shown_width, shown_height)
    view.setSceneRect(view.map_scene.sceneRect().united(shown))
    view.centerOn(x, y)
    view.pin_headers()
    return zoom


def follow_the_map(view: MapView) -> None:
    """The view scrolls over the map's extent again, following it as it grows and shrinks."""
    view.setSceneRect(QRectF())


def lane_rect(scene: MapScene, index: int) -> QRectF | None:
    """A lane's steps, from its first to its last, with the phase headers above them and room
    at the left for the pinned lane header (so a lane whose steps start far to the right does
    not open on its empty start). A lane without steps: from its header."""
    geometry = scene.geometry
    if not 0 <= index < len(geometry.lanes):
        return None
    band = geometry.lanes[index]
    boxes = [
        box.rect
        for step_id, box in geometry.steps.items()
        if (step := scene.path_map.step(step_id)) is not None and step.lane == band.lane_id
    ]
    left = min(b.left for b in boxes) - LANE_HEADER_WIDTH - FRAME_MARGIN if boxes else None
    right = max(b.right for b in boxes) + FRAME_MARGIN if boxes else band.rect.right
    left = max(-LANE_HEADER_WIDTH, left) if left is not None else -LANE_HEADER_WIDTH
    top = band.rect.top - (PHASE_HEADER_HEIGHT if geometry.phases else 0.0)
    return QRectF(left, top, right - left, band.rect.bottom - top + FRAME_MARGIN)


def shown_at_readable_zoom(view: MapView) -> tuple[float, float, float]:
    """What the view shows at the readable zoom, in scene units: width, height, and the room
    kept at the bottom for the caption that names the part."""
    viewport = view.viewport().rect()
    zoom = readable_zoom()
    return viewport.width() / zoom, viewport.height() / zoom, CAPTION_ROOM_PIXELS / zoom


def readable_parts(view: MapView, scene: MapScene) -> list[MapPart]:
    """A map without phases cut into parts the view shows readably: columns left to right
    and, when its lanes do not fit the height, bands of lanes (`map_parts.py`)."""
    width, height, caption = shown_at_readable_zoom(view)
    return cut_into_parts(scene.geometry, width, height, caption)


def readable_phase_parts(view: MapView, scene: MapScene) -> list[list[MapPart]]:
    """Each phase cut into parts the view shows readably (one part when the phase fits)."""
    width, height, caption = shown_at_readable_zoom(view)
    return phase_parts(scene.geometry, width, height, caption)


def part_rect(part: MapPart) -> QRectF:
    frame = part.frame
    return QRectF(frame.x, frame.y, frame.width, frame.height)
