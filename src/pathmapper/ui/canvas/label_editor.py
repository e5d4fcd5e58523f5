"""The in-place text editor: typed straight onto a step, a lane header, a phase header, an
arrow's label or a note. Enter commits, Shift+Enter starts a new line, Esc cancels; clicking
elsewhere commits too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from pathmapper.layout.style import INK, SELECTION
from pathmapper.ui.canvas.painting import brush, colour, pen
from pathmapper.ui.fonts import drawing_font

EDITOR_Z = 100.0


class InlineTextEditor(QGraphicsTextItem):
    """Edits one piece of text; calls `on_commit(text)` or `on_cancel()` exactly once."""

    def __init__(
        self,
        text: str,
        rect: QRectF,
        font_size: float,
        on_commit: Callable[[str], None],
        on_cancel: Callable[[], None],
    ) -> None:
        super().__init__()
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self.finished = False
        self.setZValue(EDITOR_Z)
        self.setFont(drawing_font(font_size))
        self.setDefaultTextColor(colour(INK))
        self.setPlainText(text)
        self.setTextWidth(max(60.0, rect.width()))
        self.setPos(rect.x(), rect.y())
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def text(self) -> str:
        return self.toPlainText()

    def commit(self) -> None:
        if self.finished:
            return
        self.finished = True
        text = self.toPlainText()
        self._close()
        self._on_commit(text)

    def cancel(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._close()
        self._on_cancel()

    def _close(self) -> None:
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.clearFocus()
        self.hide()
        scene = self.scene()
        if scene is not None:
            # Removed on the next turn of the event loop, not inside its own event handler.
            QTimer.singleShot(0, lambda: scene.removeItem(self) if self.scene() else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
            else:
                self.commit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(pen(SELECTION, 2.0))
        painter.setBrush(brush("#FFFFFF"))
        painter.drawRect(self.boundingRect())
        # PySide's stub for QGraphicsTextItem.paint wants a widget; Qt itself accepts none.
        super().paint(painter, option, widget)  # type: ignore[arg-type]
