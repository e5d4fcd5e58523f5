"""The overview dock: the whole map small (a second view on the same scene, always fitted), with
the main view's visible area drawn on it. Click or drag in it to move the main view there.

It paints from a picture of the map, made again only when editing pauses: as a live second view
it repainted every step and arrow on each frame of a drag (50 ms frames on 5,000 steps instead
of 13 ms), and scrolling the main view only needs the rectangle moved over the picture."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QDockWidget, QGraphicsView, QWidget

from pathmapper.layout.style import SELECTION
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.pause_timer import PauseTimer

FIT_MARGIN = 12.0
QUIET_MS = 400  # the picture is made again this long after the map last changed...
LONGEST_MS = 1500  # ...and at least this often while it keeps changing


class OverviewView(QGraphicsView):
    """A non-interactive, fitted view of `main_view`'s scene."""

    def __init__(self, scene: MapScene, main_view: MapView) -> None:
        super().__init__(scene)
        self.setObjectName("overview-view")
        self.main_view = main_view
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click or drag to move the main view")
        self.setMinimumHeight(120)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.picture: QPixmap | None = None
        self.pictures_made = 0
        self._pause = PauseTimer(self.refresh_picture, QUIET_MS, LONGEST_MS, self)
        # Bound methods, not lambdas: Qt drops these connections when this view goes.
        scene.sceneRectChanged.connect(self._scene_changed)
        scene.changed.connect(self._scene_edited)
        for bar in (main_view.horizontalScrollBar(), main_view.verticalScrollBar()):
            bar.valueChanged.connect(self._main_view_moved)
            bar.rangeChanged.connect(self._main_view_moved)
        main_view.zoomChanged.connect(self._main_view_moved)

    def _scene_changed(self, _rect: QRectF) -> None:
        self.fit()

    def _scene_edited(self, _regions: object) -> None:
        self._pause.poke()  # wait for the edit (or the drag) to pause

    def refresh_picture(self) -> None:
        """Make the picture of the map again on the next paint."""
        self._pause.stop()
        self.picture = None
        self.viewport().update()

    def _make_picture(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        picture = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        picture.setDevicePixelRatio(ratio)
        picture.fill(self.palette().color(self.backgroundRole()))
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        source = self.mapToScene(self.viewport().rect()).boundingRect()
        self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        self.pictures_made += 1
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture is None or self.picture.deviceIndependentSize() != self.viewport().size():
            self.picture = self._make_picture()
        painter = QPainter(self.viewport())
        painter.drawPixmap(0, 0, self.picture)
        painter.setTransform(self.viewportTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.drawForeground(painter, self.sceneRect())
        painter.end()

    def _main_view_moved(self, *_values: object) -> None:
        self.viewport().update()

    def sizeHint(self) -> QSize:
        return QSize(300, 180)  # not the scene's size: the dock stays narrow

    def content_rect(self) -> QRectF:
        scene = self.scene()
        rect = scene.itemsBoundingRect() if scene.items() else scene.sceneRect()
        return rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)

    def fit(self) -> None:
        rect = self.content_rect()
        if rect.width() > 0 and rect.height() > 0:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.refresh_picture()

    def visible_area(self) -> QRectF:
        """The part of the scene the main view shows, in scene coordinates."""
        viewport = self.main_view.viewport().rect()
        return self.main_view.mapToScene(viewport).boundingRect()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        area = self.visible_area()
        outline = QPen(QColor(SELECTION), 0)  # cosmetic: one pixel whatever the scale
        outline.setWidth(2)
        outline.setCosmetic(True)
        painter.setPen(outline)
        fill = QColor(SELECTION)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.drawRect(area)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.centre_main_view(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.centre_main_view(event)

    def centre_main_view(self, event: QMouseEvent) -> None:
        self.main_view.centerOn(self.mapToScene(event.position().toPoint()))
        self.viewport().update()
        event.accept()


class OverviewDock(QDockWidget):
    def __init__(self, scene: MapScene, main_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__("Overview", parent)
        self.setObjectName("overview-dock")
        self.overview = OverviewView(scene, main_view)
        self.setWidget(self.overview)
