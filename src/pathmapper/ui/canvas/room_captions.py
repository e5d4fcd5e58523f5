"""Captions over the canvas for the room (the walk's, the presentation part's): they keep clear
of each other and of what they describe, at any window size.

Each caption has a `rank` (lower is placed first: the walk's caption, which describes the step
being talked about, comes before the presentation's part name) and offers its places in order
of preference. It takes the first place that covers no caption of a lower rank and no area any
shown caption keeps clear (the walk's current step); when every place covers something, the
one that covers least. Showing, moving or hiding a caption places those of a higher rank again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QWidget

EDGE_MARGIN = 16  # pixels between a caption and the canvas's edges or another caption
TOP_CLEAR = 60  # pixels: below the pinned phase names, when a caption goes at the top


class RoomCaption(QLabel):
    """A caption on the canvas's viewport; subclasses say where it may go (`places`)."""

    def __init__(self, parent: QWidget, rank: int) -> None:
        super().__init__(parent)
        self.rank = rank
        self.keep_clear: QRect | None = None  # in the parent's pixels
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def places(self) -> list[QRect]:
        """Where this caption may go, best first, at its present size."""
        parent = self.parentWidget()
        if parent is None:
            return []
        x = parent.width() - self.width() - EDGE_MARGIN
        return [
            QRect(x, parent.height() - self.height() - EDGE_MARGIN, self.width(), self.height()),
            QRect(x, TOP_CLEAR, self.width(), self.height()),
        ]

    def others(self) -> list[RoomCaption]:
        parent = self.parentWidget()
        if parent is None:
            return []
        return [
            caption
            for caption in parent.findChildren(
                RoomCaption, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if caption is not self and caption.isVisible()
        ]

    def place(self) -> None:
        others = self.others()
        avoid = [caption.geometry() for caption in others if caption.rank < self.rank]
        avoid += [
            caption.keep_clear for caption in [self, *others] if caption.keep_clear is not None
        ]
        places = self.places()
        parent = self.parentWidget()
        for caption in others:
            if caption.rank < self.rank and parent is not None:  # above or below a caption
                before = caption.geometry()
                x = min(before.right(), parent.width() - EDGE_MARGIN) - self.width()
                places.append(
                    QRect(x, before.top() - self.height() - 8, self.width(), self.height())
                )
                places.append(QRect(x, before.bottom() + 8, self.width(), self.height()))
        if places:
            best = min(places, key=lambda place: sum(covered(place, area) for area in avoid))
            self.move(best.topLeft())
        if self.isVisible():
            self._place_later_ones(others)

    def _place_later_ones(self, others: list[RoomCaption]) -> None:
        for caption in sorted(others, key=lambda c: c.rank):
            if caption.rank > self.rank:
                caption.place()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._place_later_ones(self.others())


def covered(place: QRect, area: QRect) -> int:
    """How many pixels of `area` a caption at `place` would cover."""
    overlap = place.intersected(area)
    return overlap.width() * overlap.height() if not overlap.isEmpty() else 0
