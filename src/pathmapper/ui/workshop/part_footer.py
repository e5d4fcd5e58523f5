"""The foot of the canvas while a part of the map is shown: a strip across it, in the canvas's
own colour, where the caption naming the part sits. It reaches up to the foot of the part's
last whole lane: what lies below (a lane cut in half, steps whole in the next part) is hidden
instead of half in sight around the caption."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from pathmapper.ui.canvas import MapView


class PartFooter(QWidget):
    def __init__(self, view: MapView, height: int) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.strip_height = height
        self.below: float | None = None  # the scene's height the strip hides from
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def cover(self, below: float | None = None) -> None:
        """Show the strip across the bottom of the canvas, under any caption: from the scene's
        height `below` down, when that is in the view, and at least its own height."""
        if below is not None:
            self.below = below
        viewport = self.view.viewport()
        top = viewport.height() - self.strip_height
        if self.below is not None:
            top = max(0, min(top, self.view.mapFromScene(QPointF(0.0, self.below)).y()))
        self.setGeometry(0, top, viewport.width(), viewport.height() - top)
        self.show()
        self.lower()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The canvas's colour: the view's surround where it has one (the dark theme), else the
        # scene's page.
        surround = self.view.backgroundBrush()
        colour = (
            surround
            if surround.style() != Qt.BrushStyle.NoBrush
            else self.view.map_scene.backgroundBrush()
        )
        painter = QPainter(self)
        painter.fillRect(self.rect(), QBrush(colour))
        painter.end()
