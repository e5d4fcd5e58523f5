"""Render the SVG icons in resources/icons to the PNG, ICO and ICNS files the builds ship.

    .venv/bin/python packaging/render_icons.py

Writes, beside the SVGs:
  hicolor/<N>x<N>/apps/pathmapper.png                          (Linux desktop, N = ICON_SIZES)
  hicolor/<N>x<N>/mimetypes/application-x-pathmapper+json.png  (the map file type)
  pathmapper.ico, application-x-pathmapper+json.ico            (Windows: exe, installer, files)
  pathmapper.icns                                              (macOS bundle)

Qt's SVG renderer draws offscreen, so this runs on a machine without a display. The outputs are
committed: a build does not need to run this unless the SVGs change.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
APP_ICON = "pathmapper"
MAP_ICON = "application-x-pathmapper+json"
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_png(svg_path: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg_path} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit(f"render_icons: could not encode {svg_path.name} at {size} px")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory = b""
    images = b""
    offset = len(header) + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + directory + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    elements = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in sorted(pngs.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ICONS_DIR.parents[1])}")


def render_all(icons_dir: Path = ICONS_DIR) -> None:
    for name, context in ((APP_ICON, "apps"), (MAP_ICON, "mimetypes")):
        svg = icons_dir / f"{name}.svg"
        pngs = {size: render_png(svg, size) for size in ICON_SIZES}
        for size, png in pngs.items():
            write_if_changed(
                icons_dir / "hicolor" / f"{size}x{size}" / context / f"{name}.png", png
            )
        write_if_changed(icons_dir / f"{name}.ico", ico_bytes(pngs))
        if name == APP_ICON:
            mac_pngs = {size: pngs.get(size) or render_png(svg, size) for size in ICNS_TYPES}
            write_if_changed(icons_dir / f"{name}.icns", icns_bytes(mac_pngs))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    render_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
