"""Severity icons drawn with QPainter: the shape tells the severity, the colour only helps.

error: a vermillion circle with "!"; warning: an orange triangle with "!"; info: a blue rounded
square with "i". Okabe-Ito colours from `layout.style`.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from pathmapper.layout.style import BLACK, BLUE, ORANGE, VERMILLION

SEVERITY_COLOURS = {"error": VERMILLION, "warning": ORANGE, "info": BLUE}
SEVERITY_NAMES = {"error": "Problem", "warning": "Warning", "info": "Note"}


def _draw(painter: QPainter, severity: str, size: float) -> None:
    colour = QColor(SEVERITY_COLOURS.get(severity, BLUE))
    inset = size * 0.06
    box = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    painter.setPen(QPen(QColor(BLACK), max(1.0, size / 24)))
    painter.setBrush(colour)
    text_colour = QColor("#FFFFFF")
    text_box = QRectF(box)
    if severity == "error":
        painter.drawEllipse(box)
    elif severity == "warning":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(box.center().x(), box.top()),
                    QPointF(box.right(), box.bottom()),
                    QPointF(box.left(), box.bottom()),
                ]
            )
        )
        text_colour = QColor(BLACK)  # black on orange reads better than white
        text_box = box.adjusted(0, box.height() * 0.28, 0, 0)
    else:
        painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, round(size * (0.62 if severity != "warning" else 0.55))))
    painter.setFont(font)
    painter.setPen(text_colour)
    painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "i" if severity == "info" else "!")


@cache
def severity_pixmap(severity: str, size: int = 20) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw(painter, severity, float(size))
    painter.end()
    return pixmap


@cache
def severity_icon(severity: str) -> QIcon:
    """The icon of "error", "warning" or "info", sharp at list and toolbar sizes."""
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        icon.addPixmap(severity_pixmap(severity, size))
    return icon
