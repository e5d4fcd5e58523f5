"""MapView: the scrolling, zooming window onto a MapScene.

Ctrl+wheel zooms about the pointer; the wheel scrolls; space-drag and middle-drag pan. Lane
headers stay at the left edge while scrolling right and phase headers at the top while
scrolling down (the scene moves those header items to the visible edges).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from pathmapper.ui.canvas.far_view import FAR_ZOOM
from pathmapper.ui.canvas.scene import MapScene
from pathmapper.ui.keys import KeyRouter

MIN_ZOOM = 0.05
MAX_ZOOM = 6.0
ZOOM_STEP = 1.25


class MapView(QGraphicsView):
    """The canvas widget. `zoomChanged(float)` reports the scale (1.0 is 100%)."""

    zoomChanged = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # A window resized, or a dock or tool bar coming or going, leaves the map where it is
        # (the top lanes and the start of the pathway, where opening put them, stay in sight).
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._pan_from: QPoint | None = None
        self._space_held = False
        self.horizontalScrollBar().valueChanged.connect(self.pin_headers)
        self.verticalScrollBar().valueChanged.connect(self.pin_headers)
        scene.geometryChanged.connect(self.pin_headers)
        # The view repaints only what lies inside the map's extent: when the extent shrinks
        # (a lane undone), what was drawn outside the new one must go too, or it stays on
        # screen as a ghost of something no longer on the map.
        scene.sceneRectChanged.connect(self._extent_changed)
        self.keys = KeyRouter(self, typing=lambda: scene.interaction.editor is not None)
        bind_editing_keys(self.keys, scene)

    # ---------------------------------------------------------------------------- zoom

    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if abs(factor - self.zoom()) < 1e-9:
            return
        self.scale(factor / self.zoom(), factor / self.zoom())
        self._zoomed()

    def zoom_in(self) -> None:
        self._zoom_about_centre(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_about_centre(self.zoom() / ZOOM_STEP)

    def zoom_to_100(self) -> None:
        self._zoom_about_centre(1.0)

    def zoom_to_fit(self) -> None:
        """The whole map in the window (never larger than 100%)."""
        rect = self.map_scene.map_rect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        factor = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self.set_zoom(max(MIN_ZOOM, factor))
        self.centerOn(rect.center())
        self.pin_headers()

    def _zoom_about_centre(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(factor)
        self.setTransformationAnchor(anchor)

    def _zoomed(self) -> None:
        self.map_scene.show_far(self.zoom() < FAR_ZOOM)
        self.pin_headers()
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * (1.15**steps))
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------------------- pan

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space_held and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            point = event.position().toPoint()
            delta = point - self._pan_from
            self._pan_from = point
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.map_scene.interaction.editor is not None
        if event.key() == Qt.Key.Key_Space and not editing:
            if not event.isAutoRepeat():
                self._space_held = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_held:
            self._space_held = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _extent_changed(self, _rect: QRectF) -> None:
        self.viewport().update()

    # -------------------------------------------------------------------- pinned headers

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def pin_headers(self) -> None:
        if not shiboken6.isValid(self.map_scene):
            return
        visible = self.visible_scene_rect()
        self.map_scene.pin_headers(visible.left(), visible.top(), visible.right())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.pin_headers()


def bind_editing_keys(keys: KeyRouter, scene: MapScene) -> None:
    """The canvas's own table: the keys that work on whatever is selected."""
    act = scene.interaction
    select_all = [
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.SelectAll)
    ]

    def select_everything() -> bool:
        scene.select_all()
        return True

    keys.bind("editing", select_all, "select every step, arrow and note", select_everything)
    keys.bind("editing", ("Del", "Backspace"), "delete the selection", act.delete_selection)
    keys.bind(
        "editing",
        "F2",
        "rename the selected step, arrow, note, lane or phase",
        act.rename_selection,
    )
    keys.bind("editing", "Left", "nudge the selected steps left", lambda: act.nudge(-1, 0))
    keys.bind("editing", "Right", "nudge the selected steps right", lambda: act.nudge(1, 0))
    keys.bind("editing", "Up", "nudge the selected steps up", lambda: act.nudge(0, -1))
    keys.bind("editing", "Down", "nudge the selected steps down", lambda: act.nudge(0, 1))
    keys.bind(
        "editing", "Esc", "cancel a drag, back to the select tool, select nothing", act.escape
    )
