"""Drawing helpers shared by the canvas items: colours, pens, shapes, text placement.

Everything here builds Qt objects from `layout.style` and `layout.geometry` values; the items
call these when their geometry changes and keep the results, so `paint()` only draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen, QPolygonF

from pathmapper.layout.primitives import LABEL_FONT_SIZE, SHAPES, TEXT_PADDING
from pathmapper.layout.style import CORNER_RADIUS, FlowStyle
from pathmapper.layout.text import line_height
from pathmapper.ui.fonts import drawing_font

# Below this level of detail (scene units per pixel inverted) items draw plain shapes, no text.
LOW_DETAIL = 0.3
GRID_SIZE = 10.0
WAVE_DEPTH = 7.0  # of the information (document) shape's wavy bottom


@cache
def font_metrics(size: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(drawing_font(size, bold))


@cache
def colour(hex_colour: str) -> QColor:
    return QColor(hex_colour)


@cache
def pen(hex_colour: str, width: float, dash: tuple[float, ...] = ()) -> QPen:
    """A pen (shared: do not change it)."""
    result = QPen(colour(hex_colour), width)
    result.setCosmetic(False)
    result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    result.setCapStyle(Qt.PenCapStyle.RoundCap if not dash else Qt.PenCapStyle.FlatCap)
    if dash:
        result.setDashPattern([value / width for value in dash])
    return result


@cache
def brush(hex_colour: str) -> QBrush:
    return QBrush(colour(hex_colour))


def snap(value: float, grid: float = GRID_SIZE) -> float:
    return round(value / grid) * grid


def step_outline(kind: str, width: float, height: float) -> QPainterPath:
    """The symbol of a step kind in a width x height box at the origin."""
    path = QPainterPath()
    if kind in ("start", "end"):
        path.addRoundedRect(QRectF(0, 0, width, height), height / 2, height / 2)
    elif kind == "decision":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(width / 2, 0),
                    QPointF(width, height / 2),
                    QPointF(width / 2, height),
                    QPointF(0, height / 2),
                    QPointF(width / 2, 0),
                ]
            )
        )
        path.closeSubpath()
    elif kind == "wait":
        path.addRect(QRectF(0, 0, width, height))
    elif kind == "information":
        bottom = height - WAVE_DEPTH
        path.moveTo(0, 0)
        path.lineTo(width, 0)
        path.lineTo(width, bottom)
        path.cubicTo(
            width * 0.75,
            bottom - WAVE_DEPTH * 1.4,
            width * 0.5,
            height + WAVE_DEPTH * 0.6,
            width * 0.25,
            bottom + WAVE_DEPTH * 0.4,
        )
        path.quadTo(width * 0.1, bottom, 0, bottom)
        path.closeSubpath()
    else:
        path.addRoundedRect(QRectF(0, 0, width, height), CORNER_RADIUS, CORNER_RADIUS)
    return path


def hourglass(x: float, y: float, size: float) -> QPainterPath:
    """A small hourglass, the second cue of a wait step."""
    path = QPainterPath()
    half = size / 2
    path.moveTo(x - half * 0.7, y - half)
    path.lineTo(x + half * 0.7, y - half)
    path.lineTo(x - half * 0.7, y + half)
    path.lineTo(x + half * 0.7, y + half)
    path.closeSubpath()
    return path


def label_baselines(
    lines: Sequence[str], kind: str, width: float, height: float
) -> list[tuple[QPointF, str]]:
    """Where each wrapped label line is drawn: centred in the shape, as the PDF centres it."""
    if not lines:
        return []
    metrics = font_metrics(LABEL_FONT_SIZE)
    spec = SHAPES.get(kind, SHAPES["activity"])
    step = line_height(LABEL_FONT_SIZE)
    usable_height = height - (WAVE_DEPTH if kind == "information" else 0.0)
    block = len(lines) * step
    top = (usable_height - block) / 2
    ascent_offset = (step - (metrics.ascent() + metrics.descent())) / 2 + metrics.ascent()
    placed: list[tuple[QPointF, str]] = []
    max_text = width * spec.text_share - 2 * TEXT_PADDING
    for index, line in enumerate(lines):
        line_width = min(metrics.horizontalAdvance(line), max_text + 2)
        x = (width - line_width) / 2
        placed.append((QPointF(x, top + index * step + ascent_offset), line))
    return placed


def rounded_polyline(points: Sequence[tuple[float, float]], radius: float) -> QPainterPath:
    """An orthogonal polyline with its corners rounded."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    for index in range(1, len(points) - 1):
        px, py = points[index - 1]
        cx, cy = points[index]
        nx, ny = points[index + 1]
        before = ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5
        after = ((nx - cx) ** 2 + (ny - cy) ** 2) ** 0.5
        r = min(radius, before / 2, after / 2)
        if r <= 0.01:
            path.lineTo(cx, cy)
            continue
        path.lineTo(cx + (px - cx) * r / before, cy + (py - cy) * r / before)
        path.quadTo(cx, cy, cx + (nx - cx) * r / after, cy + (ny - cy) * r / after)
    path.lineTo(*points[-1])
    return path


def path_pieces(path: QPainterPath) -> list[tuple[QPainterPath, float]]:
    """A path cut into its straight stretches and corners, each with the length of the path
    before it (so a dashed pen can start each piece where the whole path's dashes would be)."""
    pieces: list[tuple[QPainterPath, float]] = []
    done = 0.0
    index, count = 1, path.elementCount()
    current = path.elementAt(0) if count else None
    while current is not None and index < count:
        element = path.elementAt(index)
        piece = QPainterPath(QPointF(current.x, current.y))
        if element.type == QPainterPath.ElementType.CurveToElement and index + 2 < count:
            control, end = path.elementAt(index + 1), path.elementAt(index + 2)
            piece.cubicTo(element.x, element.y, control.x, control.y, end.x, end.y)
            current, index = end, index + 3
        else:
            piece.lineTo(element.x, element.y)
            current, index = element, index + 1
        pieces.append((piece, done))
        done += piece.length()
    return pieces


def arrowhead(
    points: Sequence[tuple[float, float]], style: FlowStyle
) -> tuple[QPolygonF, list[tuple[float, float]]]:
    """The arrowhead at the end of a route, and the route shortened so the line stops under it."""
    if len(points) < 2:
        return QPolygonF(), list(points)
    (px, py), (tx, ty) = points[-2], points[-1]
    length = ((tx - px) ** 2 + (ty - py) ** 2) ** 0.5 or 1.0
    ux, uy = (tx - px) / length, (ty - py) / length
    size = 8.0 + 1.6 * style.width
    half = size * 0.45
    base_x, base_y = tx - ux * size, ty - uy * size
    head = QPolygonF(
        [
            QPointF(tx, ty),
            QPointF(base_x - uy * half, base_y + ux * half),
            QPointF(base_x + uy * half, base_y - ux * half),
        ]
    )
    cut = min(size * 0.8, length)
    shortened = [*points[:-1], (tx - ux * cut, ty - uy * cut)]
    return head, shortened
