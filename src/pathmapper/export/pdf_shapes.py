"""Vector shapes of the PDF map: step outlines, rounded flow lines, arrowheads, badges, notes.

Everything here draws in "page-up" map coordinates: x as the layout gives it, y negated (the
layout's y grows downwards, PDF's upwards). The caller sets the one transform that places the
map on the page, so a shape never converts coordinates itself beyond `up(y) = -y`.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, HexColor

from pathmapper.export.safe_text import printable
from pathmapper.layout import FONT_BOLD, FONT_REGULAR, Rect, registered_font, text_width
from pathmapper.layout.style import CORNER_RADIUS, INK
from pathmapper.layout.text import registered_runs

Canvas = Any  # reportlab.pdfgen.canvas.Canvas (reportlab has no type hints)
Point = tuple[float, float]


@cache
def colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


def up(y: float) -> float:
    """A layout y (downwards) as a PDF y (upwards)."""
    return -y


def font(bold: bool = False) -> str:
    return registered_font(FONT_BOLD if bold else FONT_REGULAR)


def elide(text: str, size: float, room: float, bold: bool = False) -> str:
    """`text` on one line no wider than `room`, cut short with an ellipsis if need be."""
    if text_width(text, size, bold) <= room:
        return text
    while text and text_width(text + "…", size, bold) > room:
        text = text[:-1]
    return text + "…"


def step_outline(canvas: Canvas, kind: str, rect: Rect) -> Any:
    """The path of a step's shape: a pill for start and end, a rounded box for an activity, a
    diamond for a decision, a square-cornered box for a wait, a document with a wavy bottom for
    information."""
    left, right = rect.left, rect.right
    top, bottom = up(rect.top), up(rect.bottom)
    path = canvas.beginPath()
    if kind in ("start", "end"):
        path.roundRect(left, bottom, rect.width, rect.height, rect.height / 2)
    elif kind == "decision":
        centre_x, centre_y = rect.centre[0], up(rect.centre[1])
        path.moveTo(centre_x, top)
        path.lineTo(right, centre_y)
        path.lineTo(centre_x, bottom)
        path.lineTo(left, centre_y)
        path.close()
    elif kind == "wait":
        path.rect(left, bottom, rect.width, rect.height)
    elif kind == "information":
        wave = min(8.0, rect.height / 6)
        path.moveTo(left, top)
        path.lineTo(right, top)
        path.lineTo(right, bottom + wave)
        third = rect.width / 3
        path.curveTo(right - third, bottom - wave, left + third, bottom + 3 * wave, left, bottom)
        path.close()
    else:
        path.roundRect(left, bottom, rect.width, rect.height, CORNER_RADIUS)
    return path


def rounded_polyline(canvas: Canvas, points: list[Point], radius: float = CORNER_RADIUS) -> Any:
    """A path through `points` (already page-up) with its corners rounded."""
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for index in range(1, len(points) - 1):
        before, corner, after = points[index - 1], points[index], points[index + 1]
        into = math.dist(before, corner)
        out = math.dist(corner, after)
        bend = min(radius, into / 2, out / 2)
        if bend < 0.5:
            path.lineTo(*corner)
            continue
        start = _towards(corner, before, bend)
        end = _towards(corner, after, bend)
        path.lineTo(*start)
        path.curveTo(
            *_towards(start, corner, bend * 0.55), *_towards(end, corner, bend * 0.55), *end
        )
    path.lineTo(*points[-1])
    return path


def _towards(origin: Point, target: Point, distance: float) -> Point:
    length = math.dist(origin, target)
    if length == 0:
        return origin
    share = distance / length
    return (
        origin[0] + (target[0] - origin[0]) * share,
        origin[1] + (target[1] - origin[1]) * share,
    )


def arrowhead(canvas: Canvas, tail: Point, tip: Point, size: float, fill: str) -> None:
    """A filled triangle pointing from `tail` to `tip`, its point at `tip`."""
    angle = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
    spread = 0.42
    left = (tip[0] - size * math.cos(angle - spread), tip[1] - size * math.sin(angle - spread))
    right = (tip[0] - size * math.cos(angle + spread), tip[1] - size * math.sin(angle + spread))
    path = canvas.beginPath()
    path.moveTo(*tip)
    path.lineTo(*left)
    path.lineTo(*right)
    path.close()
    canvas.setFillColor(colour(fill))
    canvas.setDash()
    canvas.drawPath(path, stroke=0, fill=1)


def shorten(points: list[Point], amount: float) -> list[Point]:
    """The polyline with its last segment pulled back by `amount` (room for the arrowhead)."""
    if len(points) < 2:
        return points
    tail, tip = points[-2], points[-1]
    length = math.dist(tail, tip)
    if length <= amount:
        return points
    return [*points[:-1], _towards(tip, tail, amount)]


def label_patch_size(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    """Width and height of the white patch `label_on_white` draws for `text`."""
    return text_width(printable(text), size, bold) + 2 * size * 0.35, size * 1.25


def label_on_white(
    canvas: Canvas, text: str, centre: Point, size: float, ink: str = INK, bold: bool = False
) -> None:
    """Centred text on a white rounded patch, so it reads over lines."""
    text = printable(text)
    if not text:
        return
    width = text_width(text, size, bold)
    pad = size * 0.35
    canvas.setFillColor(colour("#FFFFFF"))
    canvas.setStrokeColor(colour("#FFFFFF"))
    canvas.roundRect(
        centre[0] - width / 2 - pad, centre[1] - size * 0.45, width + 2 * pad, size * 1.25, 2, 0, 1
    )
    canvas.setFillColor(colour(ink))
    canvas.setFont(font(bold), size)
    canvas.drawCentredString(centre[0], centre[1] - size * 0.3, text)


def badge(canvas: Canvas, text: str, left: float, middle: float, size: float, ink: str) -> float:
    """A small white rounded badge with a coloured outline and text; its width."""
    text = printable(text)
    width = text_width(text, size) + size
    height = size * 1.45
    canvas.setLineWidth(0.8)
    canvas.setDash()
    canvas.setStrokeColor(colour(ink))
    canvas.setFillColor(colour("#FFFFFF"))
    canvas.roundRect(left, middle - height / 2, width, height, height / 2, 1, 1)
    canvas.setFillColor(colour(ink))
    canvas.setFont(font(), size)
    canvas.drawString(left + size / 2, middle - size * 0.35, text)
    return width


def text_line(
    canvas: Canvas,
    text: str,
    x: float,
    baseline: float,
    size: float,
    bold: bool = False,
    centred: bool = False,
) -> None:
    """One line of text from `x` (or centred on it), each character in a font that has it."""
    text = printable(text)
    if centred:
        x -= text_width(text, size, bold) / 2
    for font_name, piece in registered_runs(text, bold):
        canvas.setFont(font_name, size)
        canvas.drawString(x, baseline, piece)
        x += canvas.stringWidth(piece, font_name, size)


def centred_lines(
    canvas: Canvas, lines: tuple[str, ...] | list[str], centre: Point, size: float, bold: bool
) -> None:
    """Lines of text centred as a block on `centre` (page-up)."""
    step = size * 1.25
    first_baseline = centre[1] + (len(lines) - 1) * step / 2 - size * 0.35
    for index, line in enumerate(lines):
        text_line(canvas, line, centre[0], first_baseline - index * step, size, bold, True)
