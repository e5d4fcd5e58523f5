"""Comments as small sticky notes near what they are about: the kind's colour and glyph, and
the start of the text. The full text is in the comments dock and the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pathmapper.layout.primitives import (
    NOTE_FONT_SIZE,
    NOTE_GLYPH_WIDTH,
    NOTE_PADDING,
    NoteBox,
)
from pathmapper.layout.style import COMMENT_STYLES, INK, SELECTION
from pathmapper.layout.text import line_height
from pathmapper.model import Comment
from pathmapper.ui.canvas.painting import LOW_DETAIL, brush, colour, font_metrics, pen
from pathmapper.ui.fonts import drawing_font

COMMENT_Z = 15.0
GLYPH_WIDTH = NOTE_GLYPH_WIDTH
VOTE_DOT_RADIUS = 4.5
VOTE_DOTS_SHOWN = 5  # more votes show as dots and "+n"


class CommentItem(QGraphicsItem):
    """A sticky note. `apply(comment, note)` redraws it where the layout placed it."""

    element_kind = "comment"

    def __init__(self, comment_id: str) -> None:
        super().__init__()
        self.element_id = comment_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(COMMENT_Z)
        self._rect = QRectF()
        self._kind = "idea"
        self._lines: list[tuple[QPointF, str]] = []
        self.votes = 0
        self.note: NoteBox | None = None

    def apply(self, comment: Comment, note: NoteBox) -> None:
        self.prepareGeometryChange()
        self.note = note
        self._kind = comment.kind
        self.votes = comment.votes
        self.setPos(note.rect.x, note.rect.y)
        lines = note.lines
        self._rect = QRectF(0, 0, note.rect.width, note.rect.height)
        ascent = font_metrics(NOTE_FONT_SIZE).ascent()
        step = line_height(NOTE_FONT_SIZE)
        self._lines = [
            (QPointF(NOTE_PADDING + GLYPH_WIDTH, NOTE_PADDING + i * step + ascent), line)
            for i, line in enumerate(lines)
        ]
        style = COMMENT_STYLES.get(comment.kind)
        name = style.name if style else comment.kind
        votes = (
            f" ({comment.votes} vote{'s' if comment.votes != 1 else ''})" if comment.votes else ""
        )
        self.setToolTip(f"{name}{votes}: {comment.text}")
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2 + VOTE_DOT_RADIUS)

    def _paint_votes(self, painter: QPainter, hex_colour: str) -> None:
        """Dot-voting: one dot per vote on the note's bottom edge, from the right."""
        shown = min(self.votes, VOTE_DOTS_SHOWN)
        painter.setPen(pen("#FFFFFF", 1.2))
        painter.setBrush(brush(hex_colour))
        step = VOTE_DOT_RADIUS * 2 + 2
        right = self._rect.right() - VOTE_DOT_RADIUS - 4
        for index in range(shown):
            centre = QPointF(right - index * step, self._rect.bottom())
            painter.drawEllipse(centre, VOTE_DOT_RADIUS, VOTE_DOT_RADIUS)
        if self.votes > shown:
            painter.setPen(colour(hex_colour))
            painter.setFont(drawing_font(NOTE_FONT_SIZE, bold=True))
            left = right - shown * step - 22
            box = QRectF(left, self._rect.bottom() - 7, 24, 14)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"+{self.votes - shown}")

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = COMMENT_STYLES.get(self._kind, COMMENT_STYLES["idea"])
        painter.setPen(pen(SELECTION if self.isSelected() else style.outline, 1.5))
        painter.setBrush(brush(style.fill))
        painter.drawRect(self._rect)
        if self.votes:
            self._paint_votes(painter, style.outline)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOW_DETAIL:
            return
        painter.setPen(colour(style.outline))
        painter.setFont(drawing_font(NOTE_FONT_SIZE + 1, bold=True))
        painter.drawText(
            QRectF(2, 2, GLYPH_WIDTH + 2, line_height(NOTE_FONT_SIZE) + 2 * NOTE_PADDING - 4),
            Qt.AlignmentFlag.AlignCenter,
            style.glyph,
        )
        painter.setPen(colour(INK))
        painter.setFont(drawing_font(NOTE_FONT_SIZE))
        for point, line in self._lines:
            painter.drawText(point, line)
