"""Rendering a map exactly as the editor draws it, headless: PNG and SVG.

The same MapScene the editor shows draws into an image or an SVG generator, with nothing
selected and the headers in their home places.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter, QUndoStack
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsItem

from pathmapper.commands import MapDocument
from pathmapper.export.safe_text import without_bidi_controls
from pathmapper.io import MapSaveError, write_bytes_atomically
from pathmapper.model import PathMap
from pathmapper.ui.canvas.scene import MapScene

DEFAULT_SCALE = 2.0  # pixels per point when no width is asked for: crisp on slides
MAX_PIXELS = 400_000_000  # width x height beyond which an image would not fit in memory
# With no width asked for, a big map is drawn smaller rather than refused: no side over
# MAX_SIDE pixels (what viewers and the --width option allow) and no more than
# DEFAULT_MAX_PIXELS in all (400 MB while drawn).
MAX_SIDE = 30_000
DEFAULT_MAX_PIXELS = 100_000_000


@dataclass(frozen=True)
class RenderedImage:
    size: QSize
    pixels_per_point: float

    @property
    def shrunk(self) -> bool:
        """Drawn at less than DEFAULT_SCALE because the map is too big for that."""
        return self.pixels_per_point < DEFAULT_SCALE


def default_scale(width: float, height: float) -> float:
    """Pixels per point for a map of `width` x `height` points when no width is asked for:
    DEFAULT_SCALE, or the largest scale (text as readable as can be) within the limits."""
    return min(
        DEFAULT_SCALE,
        MAX_SIDE / max(width, 1.0),
        MAX_SIDE / max(height, 1.0),
        math.sqrt(DEFAULT_MAX_PIXELS / max(width * height, 1.0)),
    )


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new one (offscreen when there is no display)."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])


def _scene_for(path_map: PathMap) -> tuple[MapScene, QUndoStack]:
    stack = QUndoStack()
    scene = MapScene(MapDocument(path_map.model_copy(deep=True)), stack)
    return scene, stack


def _draw(scene: MapScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    for item in scene.items():  # vectors in the SVG, full resolution in the PNG: no pixmaps
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def render_png(
    path_map: PathMap, out_path: str | Path, width_px: int | None = None
) -> RenderedImage:
    """Draw the map into a PNG; `width_px` wide (height to match), else 2 pixels per point,
    or fewer for a map too big for that (`default_scale`): without a width it always works.

    Returns the image's size and scale. Raises ValueError for an impossible size, OSError if
    the file cannot be written."""
    ensure_application()
    scene, _stack = _scene_for(path_map)
    source = scene.map_rect()
    if width_px:
        scale = width_px / source.width()
    else:
        scale = default_scale(source.width(), source.height())
    width, height = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise ValueError(f"an image of {width} x {height} pixels cannot be made; give a --width")
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(3780 * scale))
    image.setDotsPerMeterY(round(3780 * scale))
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        _draw(scene, painter, QRectF(0, 0, width, height), source)
    finally:
        painter.end()
    scene.detach()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"PNG")
    if not writer.write(image):
        raise OSError(f"{out_path}: the image could not be made ({writer.errorString()})")
    _write_file(Path(out_path), bytes(buffer.data().data()))
    return RenderedImage(image.size(), scale)


def render_svg(path_map: PathMap, out_path: str | Path) -> QSize:
    """Draw the map into an SVG file, one unit per point. Returns its size."""
    ensure_application()
    scene, _stack = _scene_for(path_map)
    source = scene.map_rect()
    size = QSize(round(source.width()), round(source.height()))
    generator = QSvgGenerator()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(72)
    generator.setTitle(path_map.title or "Pathway map")
    generator.setDescription("Drawn by pathmapper")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"{out_path}: the SVG could not be written there")
    try:
        _draw(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
    finally:
        painter.end()
    scene.detach()
    svg = bytes(buffer.data().data()).decode("utf-8")
    _write_file(Path(out_path), without_bidi_controls(svg).encode("utf-8"))
    return size


def _write_file(target: Path, data: bytes) -> None:
    """As every export: atomically, through a symbolic link, with the user's permissions."""
    try:
        write_bytes_atomically(target, data)
    except MapSaveError as error:
        raise OSError(str(error)) from None
