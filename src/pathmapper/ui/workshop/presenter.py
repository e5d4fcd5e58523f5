"""Present on a second screen: the projector shows a clean view of the same scene, live, while
the facilitator keeps the editor on the laptop.

The projector's view follows the editor's: it shows what the editor's canvas shows, scaled to
the projector's size with the same top-left corner, so the lane and phase headers (which the
editor's view pins to its visible edges) sit at the projector's edges too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import QGraphicsView, QWidget

from pathmapper.ui.canvas import MapScene, MapView


class FollowingView(MapView):
    """A read-only MapView that shows whatever part of the map another view shows."""

    def __init__(self, scene: MapScene, leader: MapView, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.leader = leader
        self.setInteractive(False)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        leader.horizontalScrollBar().valueChanged.connect(self.follow)
        leader.verticalScrollBar().valueChanged.connect(self.follow)
        leader.zoomChanged.connect(self.follow)
        scene.geometryChanged.connect(self.follow)

    def pin_headers(self) -> None:
        """The leader pins the headers; both views share its top-left corner."""

    def follow(self, *_args: object) -> None:
        shown = self.leader.visible_scene_rect()
        viewport = self.viewport().rect()
        if shown.isEmpty() or viewport.isEmpty():
            return
        zoom = min(viewport.width() / shown.width(), viewport.height() / shown.height())
        # As far as the leader shows, past the end of the map too (a part framed there).
        self.setSceneRect(self.map_scene.sceneRect().united(shown))
        self.resetTransform()
        self.scale(zoom, zoom)
        self.centerOn(
            shown.left() + viewport.width() / zoom / 2, shown.top() + viewport.height() / zoom / 2
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.follow()


def second_screen() -> QScreen | None:
    """The screen that is not the primary one, when there is one."""
    primary = QGuiApplication.primaryScreen()
    others = [screen for screen in QGuiApplication.screens() if screen is not primary]
    return others[0] if others else None


class PresenterWindow(QWidget):
    """A frameless window holding the following view; `show_on(screen)` fills that screen."""

    def __init__(self, scene: MapScene, leader: MapView) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenter-window")
        self.setWindowTitle("pathmapper — projector")
        self.view = FollowingView(scene, leader, self)
        self.view.setFrameShape(QGraphicsView.Shape.NoFrame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view.setGeometry(self.rect())

    def show_on(self, screen: QScreen | None) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.show()
        self.view.follow()
