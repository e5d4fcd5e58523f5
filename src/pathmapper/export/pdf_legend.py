"""The legend of symbols printed on every map page: step shapes, markers, flow styles, notes.

Items flow left to right and wrap to as many rows as the paper's width needs; `legend_height`
says how tall that is before the page is laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pathmapper.export.pdf_shapes import Canvas, badge, colour, font, step_outline
from pathmapper.layout import Rect, text_width
from pathmapper.layout.style import (
    COMMENT_STYLES,
    DURATION_BADGE_COLOUR,
    FLOW_CROSS_ORGANISATION,
    FLOW_EXPECTED_LOOP,
    FLOW_HANDOFF,
    FLOW_PLAIN,
    INK,
    MUTED_INK,
    PATIENT_CONTACT_COLOUR,
    STEP_STYLES,
    WAIT_BADGE_COLOUR,
    FlowStyle,
)
from pathmapper.model import KIND_NAMES

FONT_SIZE = 7.5
ROW_HEIGHT = 15.0
ICON_WIDTH = 26.0
ICON_HEIGHT = 11.0
ITEM_GAP = 12.0
HEADING = "Key"
BADGE_SIZE = 6.5
WAIT_SAMPLE = "wait 2d"
ACTIVE_SAMPLE = "takes 1h"

Icon = Callable[[Canvas, float, float], None]  # draws with its left edge and middle at (x, y)


@dataclass(frozen=True)
class LegendItem:
    text: str
    icon: Icon
    icon_width: float = ICON_WIDTH


def _step_icon(kind: str) -> Icon:
    def draw(canvas: Canvas, x: float, y: float) -> None:
        style = STEP_STYLES[kind]
        canvas.saveState()
        canvas.translate(x, y + ICON_HEIGHT / 2)
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(colour(style.outline))
        canvas.setFillColor(colour(style.fill))
        canvas.drawPath(step_outline(canvas, kind, Rect(0, 0, ICON_WIDTH, ICON_HEIGHT)), 1, 1)
        if style.glyph:
            canvas.setFillColor(colour(style.outline))
            canvas.setFont(font(bold=True), 6)
            canvas.drawCentredString(ICON_WIDTH / 2, -ICON_HEIGHT / 2 - 2.2, style.glyph)
        canvas.restoreState()

    return draw


def _flow_icon(style: FlowStyle) -> Icon:
    def draw(canvas: Canvas, x: float, y: float) -> None:
        canvas.setStrokeColor(colour(style.colour))
        canvas.setLineWidth(style.width * 0.8)
        canvas.setDash([value * 0.6 for value in style.dash] if style.dash else [])
        canvas.line(x, y, x + ICON_WIDTH - 6, y)
        canvas.setDash()
        path = canvas.beginPath()
        path.moveTo(x + ICON_WIDTH, y)
        path.lineTo(x + ICON_WIDTH - 7, y + 3.5)
        path.lineTo(x + ICON_WIDTH - 7, y - 3.5)
        path.close()
        canvas.setFillColor(colour(style.colour))
        canvas.drawPath(path, stroke=0, fill=1)

    return draw


def _note_icon(kind: str) -> Icon:
    def draw(canvas: Canvas, x: float, y: float) -> None:
        style = COMMENT_STYLES[kind]
        canvas.setLineWidth(0.8)
        canvas.setDash()
        canvas.setStrokeColor(colour(style.outline))
        canvas.setFillColor(colour(style.fill))
        canvas.rect(x, y - ICON_HEIGHT / 2, ICON_HEIGHT + 3, ICON_HEIGHT, 1, 1)
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(bold=True), 7)
        canvas.drawCentredString(x + (ICON_HEIGHT + 3) / 2, y - 2.4, style.glyph)

    return draw


def _contact_icon(canvas: Canvas, x: float, y: float) -> None:
    canvas.setFillColor(colour(PATIENT_CONTACT_COLOUR))
    canvas.setStrokeColor(colour("#FFFFFF"))
    canvas.circle(x + 5, y, 4.5, 0, 1)


def _badge_icon(text: str, ink: str) -> Icon:
    def draw(canvas: Canvas, x: float, y: float) -> None:
        badge(canvas, text, x, y, BADGE_SIZE, ink)

    return draw


def _badge_width(text: str) -> float:
    return text_width(text, BADGE_SIZE) + BADGE_SIZE


def legend_items() -> list[LegendItem]:
    items = [LegendItem(KIND_NAMES[kind], _step_icon(kind)) for kind in STEP_STYLES]
    items += [
        LegendItem("Patient contact", _contact_icon, 10),
        LegendItem(
            "Waiting time", _badge_icon(WAIT_SAMPLE, WAIT_BADGE_COLOUR), _badge_width(WAIT_SAMPLE)
        ),
        LegendItem(
            "Active time",
            _badge_icon(ACTIVE_SAMPLE, DURATION_BADGE_COLOUR),
            _badge_width(ACTIVE_SAMPLE),
        ),
        LegendItem("Flow in a lane", _flow_icon(FLOW_PLAIN)),
        LegendItem("Handoff between lanes", _flow_icon(FLOW_HANDOFF)),
        LegendItem("Handoff between organisations", _flow_icon(FLOW_CROSS_ORGANISATION)),
        LegendItem("Expected loop", _flow_icon(FLOW_EXPECTED_LOOP)),
    ]
    items += [
        LegendItem(style.name, _note_icon(kind), ICON_HEIGHT + 3)
        for kind, style in COMMENT_STYLES.items()
    ]
    return items


def _item_width(item: LegendItem) -> float:
    return item.icon_width + 4 + text_width(item.text, FONT_SIZE) + ITEM_GAP


def _heading_width() -> float:
    return text_width(HEADING, FONT_SIZE, bold=True) + ITEM_GAP


def _rows(width: float) -> list[list[LegendItem]]:
    rows: list[list[LegendItem]] = [[]]
    used = _heading_width()
    for item in legend_items():
        needed = _item_width(item)
        if rows[-1] and used + needed > width:
            rows.append([])
            used = _heading_width()
        rows[-1].append(item)
        used += needed
    return rows


def legend_height(width: float) -> float:
    return len(_rows(width)) * ROW_HEIGHT


def draw_legend(canvas: Canvas, band: Rect) -> None:
    """The legend in `band` (page points, x, y = bottom-left)."""
    canvas.saveState()
    canvas.setStrokeColor(colour("#C8D0D9"))
    canvas.setLineWidth(0.5)
    canvas.line(band.x, band.y + band.height + 3, band.x + band.width, band.y + band.height + 3)
    middle = band.y + band.height - ROW_HEIGHT / 2
    canvas.setFillColor(colour(MUTED_INK))
    canvas.setFont(font(bold=True), FONT_SIZE)
    canvas.drawString(band.x, middle - FONT_SIZE * 0.35, HEADING)
    for row in _rows(band.width):
        x = band.x + _heading_width()
        for item in row:
            item.icon(canvas, x, middle)
            canvas.setFillColor(colour(INK))
            canvas.setFont(font(), FONT_SIZE)
            canvas.drawString(x + item.icon_width + 4, middle - FONT_SIZE * 0.35, item.text)
            x += _item_width(item)
        middle -= ROW_HEIGHT
    canvas.restoreState()


def place_legend(canvas: Canvas, band: Rect) -> None:
    """The legend in `band`, written into the PDF once as a form and placed on every page that
    asks for it: a document of thousands of tiles carries one copy."""
    name = f"Key{band.x:.0f}_{band.y:.0f}_{band.width:.0f}_{band.height:.0f}"
    if not canvas.hasForm(name):
        canvas.beginForm(name)
        draw_legend(canvas, band)
        canvas.endForm()
    canvas.doForm(name)
