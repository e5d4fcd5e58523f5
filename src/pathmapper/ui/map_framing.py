"""Where the editor's view sits on a map: just opened, and after View > Fit map to window.

Opening shows the map at a size its step text can be read (EDITOR_LABEL_PIXELS), the start of
the pathway in view; Fit map to window shows it whole when it can then be read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF

from pathmapper.layout import LABEL_FONT_SIZE, LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.canvas.painting import font_metrics

# Readable means a step label at least MIN_LABEL_PIXELS tall on the screen (about what a 12 pt
# label needs to be legible from 8 metres on a 1080p projector): the label font's line height in
# scene units times the view's scale.
MIN_LABEL_PIXELS = 20.0
LEGIBLE_LABEL_PIXELS = 14.0  # the least a label can be and still be read on a 1080-line screen
EDITOR_LABEL_PIXELS = 12.0  # the least step text the editor opens with, on a 1080-line screen
FRAME_MARGIN = 24.0  # scene units around a framed phase or lane


def label_pixels(view: MapView) -> float:
    """How tall (in screen pixels) a step label's line is at the view's current zoom."""
    return float(font_metrics(LABEL_FONT_SIZE).height() * view.transform().m11())


def readable_zoom(pixels: float = MIN_LABEL_PIXELS) -> float:
    """The smallest zoom at which step labels are `pixels` tall (from the back row of the room:
    MIN_LABEL_PIXELS; on the facilitator's own screen, LEGIBLE_LABEL_PIXELS will do)."""
    return pixels / float(font_metrics(LABEL_FONT_SIZE).height())


def phase_rect(scene: MapScene, index: int) -> QRectF | None:
    """A phase's column with its header, and room at the left for the pinned lane headers."""
    phases = scene.geometry.phases
    if not 0 <= index < len(phases):
        return None
    column = phases[index].rect
    return QRectF(
        column.left - LANE_HEADER_WIDTH - FRAME_MARGIN,
        -PHASE_HEADER_HEIGHT,
        column.width + LANE_HEADER_WIDTH + 2 * FRAME_MARGIN,
        column.height + PHASE_HEADER_HEIGHT + FRAME_MARGIN,
    )


def show_start_of_map(view: MapView, scene: MapScene) -> None:
    """Open at a size that can be read: the whole map when its step text is then at least
    EDITOR_LABEL_PIXELS tall, else that size (every lane in height when it fits) from the top;
    the start of the pathway (the left) in view. The overview dock shows the whole."""
    rect = scene.map_rect()
    viewport = view.viewport().rect()
    if rect.isEmpty() or viewport.isEmpty():
        return
    readable = readable_zoom(EDITOR_LABEL_PIXELS)
    whole = min(viewport.width() / rect.width(), viewport.height() / rect.height())
    if whole >= readable:
        view.zoom_to_fit()
        return
    zoom = min(1.0, max(readable, viewport.height() / rect.height()))
    view.set_zoom(zoom)
    view.centerOn(
        rect.left() + viewport.width() / zoom / 2, rect.top() + viewport.height() / zoom / 2
    )


def fit_map(view: MapView, scene: MapScene, say: Callable[[str], None]) -> None:
    """View > Fit map to window: the whole map when its words can then be read (step text at
    least LEGIBLE_LABEL_PIXELS); else its first phase (or its start) at that size, and the
    status bar says so: a whole map of wordless blobs tells no one anything, and the Overview
    dock shows the whole shape."""
    rect = scene.map_rect()
    viewport = view.viewport().rect()
    legible = readable_zoom(LEGIBLE_LABEL_PIXELS)
    if (
        rect.isEmpty()
        or viewport.isEmpty()
        or min(viewport.width() / rect.width(), viewport.height() / rect.height()) >= legible
    ):
        view.zoom_to_fit()
        return
    phases = scene.path_map.phases
    part = phase_rect(scene, 0) if phases else None
    shown = part if part is not None else rect
    fit = min(viewport.width() / shown.width(), viewport.height() / shown.height())
    zoom = max(legible, min(fit, 1.0))
    view.set_zoom(zoom)
    width, height = viewport.width() / zoom, viewport.height() / zoom
    view.centerOn(
        shown.center().x() if shown.width() <= width else shown.left() + width / 2,
        shown.center().y() if shown.height() <= height else shown.top() + height / 2,
    )
    view.pin_headers()
    where = f"phase 1 of {len(phases)}, {phases[0].name}" if part else "its start"
    say(
        f"The map is too big to read whole here: showing {where}. The Overview dock shows all of it"
    )
