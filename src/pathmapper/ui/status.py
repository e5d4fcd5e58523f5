"""The status bar: zoom, what the map holds, what is selected, and short messages for the room
(an edit that was refused, a file saved)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pathmapper.model import PathMap

MESSAGE_MILLISECONDS = 10_000


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class EditorStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-bar")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("status-selection")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("status-counts")
        self.zoom_label = QLabel("100%", self)
        self.zoom_label.setObjectName("status-zoom")
        self.zoom_label.setMinimumWidth(60)
        for label in (self.selection_label, self.counts_label, self.zoom_label):
            label.setContentsMargins(10, 0, 10, 0)
            self.addPermanentWidget(label)

    def show_counts(self, path_map: PathMap) -> None:
        self.counts_label.setText(
            " · ".join(
                [
                    _plural(len(path_map.lanes), "lane"),
                    _plural(len(path_map.steps), "step"),
                    _plural(len(path_map.flows), "arrow"),
                    _plural(len(path_map.comments), "comment"),
                ]
            )
        )

    def show_selection(self, count: int) -> None:
        self.selection_label.setText(f"{count} selected" if count else "")

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def say(self, message: str) -> None:
        self.showMessage(message, MESSAGE_MILLISECONDS)
