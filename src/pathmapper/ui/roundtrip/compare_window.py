"""File > Compare with…: two maps side by side, read-only, with the figures between them, the
differences marked on both canvases and a list of the changes (click one to see it on both).

Each side has its own `MapDocument` (a copy: the open map is never touched) and a throwaway
`QUndoStack`; the views take no edits (`setInteractive(False)`), so nothing can change either
map here. Scrolling and zooming may be linked (a checkbox): the other view follows the centre
and zoom of the one moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pathmapper.analysis import Analysis
from pathmapper.analysis.compare import ElementChange, MapComparison, compare_maps
from pathmapper.analysis.compare_text import SECTIONS, describe_element_change
from pathmapper.commands import MapDocument
from pathmapper.model import STATE_NAMES, PathMap
from pathmapper.ui.canvas import MapScene, MapView
from pathmapper.ui.insight.reveal import centre_on, elements_rect
from pathmapper.ui.roundtrip.compare_marks import (
    MARK_STYLES,
    CompareMarks,
    Side,
    draw_compare_marks,
    element_on,
    mark_kind,
)
from pathmapper.ui.roundtrip.figure_table import FigureTable
from pathmapper.ui.whatif.compare_simulation import SimulationComparison

CHANGE_ROLE = Qt.ItemDataRole.UserRole  # the index of the change in `comparison.changes`
MIDDLE_WIDTH = 420
READABLE_ZOOM = 0.45  # the smallest zoom the maps open at


@dataclass
class CompareSide:
    """One side of the comparison: its map, drawn read-only."""

    side: Side
    name: str  # "A: title (file)"
    document: MapDocument
    undo_stack: QUndoStack
    scene: MapScene
    view: MapView
    marks: CompareMarks


def order_for_comparison(
    open_map: PathMap, open_name: str, other: PathMap, other_name: str
) -> tuple[tuple[PathMap, str], tuple[PathMap, str]]:
    """(A, B): the as-is map first when one of the two is as is and the other not; else the
    open map first."""
    if other.state == "as_is" and open_map.state != "as_is":
        return (other, other_name), (open_map, open_name)
    return (open_map, open_name), (other, other_name)


def _title(letter: str, path_map: PathMap, name: str) -> str:
    state = STATE_NAMES.get(path_map.state, path_map.state)
    title = path_map.title.strip() or "(untitled map)"
    return f"{letter}: {title} · {state} · {name}"


class CompareWindow(QMainWindow):
    """Two maps side by side. A is the first map (usually as is), B the second (to be).
    `first_analysis` / `second_analysis`: an analysis of that map already made (the open map's,
    from the window's findings), so it is not made again."""

    def __init__(
        self,
        first: PathMap,
        second: PathMap,
        first_name: str,
        second_name: str,
        parent: QWidget | None = None,
        first_analysis: Analysis | None = None,
        second_analysis: Analysis | None = None,
        colours_from: Side = "second",
    ) -> None:
        """`colours_from`: the side whose lane colours the other takes (the map open in the
        editor, whose colours the room knows), so one organisation is one colour on both."""
        super().__init__(parent)
        self.setObjectName("compare-window")
        self.setWindowTitle(
            f"Compare: {first.title or first_name} and {second.title or second_name}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.first_map = first.model_copy(deep=True)
        self.second_map = second.model_copy(deep=True)
        self.comparison: MapComparison = compare_maps(
            self.first_map, self.second_map, first_analysis, second_analysis
        )
        self._following = False
        self._shown = False

        self.first = self._make_side(
            "first",
            self.first_map,
            _title("A", first, first_name),
            beside=self.second_map if colours_from == "second" else None,
        )
        self.second = self._make_side(
            "second",
            self.second_map,
            _title("B", second, second_name),
            beside=self.first_map if colours_from == "first" else None,
        )
        self.figures = FigureTable(self.comparison, self)
        self.changes = self._make_change_list()
        self.link = QCheckBox("Link scrolling and zoom", self)
        self.link.setObjectName("compare-link")
        self.link.setChecked(True)
        self.whatif = SimulationComparison(self.first_map, self.second_map, self)

        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(QLabel("<b>Figures</b> (change is B minus A)", middle))
        column.addWidget(self.figures, 3)
        column.addWidget(self._legend(middle))
        column.addWidget(QLabel(f"<b>What changed</b> ({len(self.comparison.changes)})", middle))
        column.addWidget(self.changes, 4)
        column.addWidget(self.link)
        column.addWidget(self.whatif)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._panel(self.first))
        splitter.addWidget(middle)
        splitter.addWidget(self._panel(self.second))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([700, MIDDLE_WIDTH, 700])
        self.setCentralWidget(splitter)
        self._link_views(self.first.view, self.second.view)
        self._link_views(self.second.view, self.first.view)
        self.resize(1800, 1000)

    # ------------------------------------------------------------------------------ parts

    def _make_side(
        self, side: Side, path_map: PathMap, name: str, beside: PathMap | None = None
    ) -> CompareSide:
        document = MapDocument(path_map)
        stack = QUndoStack(self)  # throwaway: the views take no edits
        scene = MapScene(document, stack, self, colours_beside=beside)
        view = MapView(scene)
        view.setInteractive(False)
        view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        view.setObjectName(f"compare-view-{side}")
        marks = draw_compare_marks(scene, scene.geometry, self.comparison, side)
        return CompareSide(side, name, document, stack, scene, view, marks)

    def _panel(self, side: CompareSide) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(side.name, panel)
        title.setObjectName(f"compare-title-{side.side}")
        title.setStyleSheet("font-weight: bold; padding: 4px;")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(side.view, 1)
        return panel

    def _legend(self, parent: QWidget) -> QLabel:
        parts = []
        for kind, words in (
            ("added", "added (on B)"),
            ("removed", "removed (on A)"),
            ("changed", "moved or relabelled"),
        ):
            colour, text, ink = MARK_STYLES[kind]  # type: ignore[index]
            parts.append(
                f'<span style="background:{colour}; color:{ink}; font-weight:bold">'
                f"&nbsp;{text}&nbsp;</span> {words}"
            )
        label = QLabel("&nbsp;&nbsp; ".join(parts), parent)
        label.setObjectName("compare-legend")
        return label

    def _make_change_list(self) -> QListWidget:
        changes = QListWidget(self)
        changes.setObjectName("compare-changes")
        changes.setWordWrap(True)
        changes.setAlternatingRowColors(True)
        for kind, action, title in SECTIONS:
            found = [
                (index, change)
                for index, change in enumerate(self.comparison.changes)
                if change.kind == kind and change.action == action
            ]
            if not found:
                continue
            heading = QListWidgetItem(f"{title} ({len(found)})")
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not chosen, not greyed
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            changes.addItem(heading)
            for index, change in found:
                glyph = MARK_STYLES[mark_kind(change)][1]  # the badge its mark carries
                item = QListWidgetItem(f"{glyph}  {describe_element_change(change)}")
                item.setData(CHANGE_ROLE, index)
                item.setToolTip("Click to see it on both maps")
                changes.addItem(item)
        if not self.comparison.changes:
            changes.addItem("No steps or lanes were added, removed, moved or relabelled.")
        changes.currentItemChanged.connect(self._change_chosen)
        return changes

    # ------------------------------------------------------------------------- behaviour

    @property
    def sides(self) -> tuple[CompareSide, CompareSide]:
        return self.first, self.second

    def change_items(self) -> list[QListWidgetItem]:
        items = [self.changes.item(row) for row in range(self.changes.count())]
        return [item for item in items if item.data(CHANGE_ROLE) is not None]

    def _change_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None or item.data(CHANGE_ROLE) is None:
            return
        self.show_change(self.comparison.changes[int(item.data(CHANGE_ROLE))])

    def show_change(self, change: ElementChange) -> None:
        """Select the element on each map that has it, and centre both views on it."""
        self._following = True
        try:
            for side in self.sides:
                element_id = element_on(change, side.side)
                ids = [element_id] if element_id is not None else []
                side.scene.select_ids(ids)
                if ids:
                    centre_on(side.view, elements_rect(side.scene, ids))
        finally:
            self._following = False

    def _link_views(self, leader: MapView, follower: MapView) -> None:
        def follow(*_args: object) -> None:
            if self._following or not self.link.isChecked():
                return
            self._following = True
            try:
                follower.set_zoom(leader.zoom())
                follower.centerOn(leader.visible_scene_rect().center())
            finally:
                self._following = False

        leader.horizontalScrollBar().valueChanged.connect(follow)
        leader.verticalScrollBar().valueChanged.connect(follow)
        leader.zoomChanged.connect(follow)

    def show_start_of_maps(self) -> None:
        """Both maps at one zoom the room can read: every lane in height when that is at least
        READABLE_ZOOM (never above 100%), from the start of the pathway (the left)."""
        self._following = True
        try:
            zooms = []
            for side in self.sides:
                rect, viewport = side.scene.map_rect(), side.view.viewport().rect()
                if not rect.isEmpty() and not viewport.isEmpty():
                    zooms.append(viewport.height() / rect.height())
            zoom = max(READABLE_ZOOM, min([1.0, *zooms]))
            for side in self.sides:
                side.view.set_zoom(zoom)
                rect, viewport = side.scene.map_rect(), side.view.viewport().rect()
                side.view.centerOn(
                    rect.left() + viewport.width() / zoom / 2,
                    rect.top() + viewport.height() / zoom / 2,
                )
        finally:
            self._following = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self, self.show_start_of_maps)

    def kind_marked(self, side: Side, element_id: str) -> str | None:
        marks = self.first.marks if side == "first" else self.second.marks
        return marks.marked.get(element_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.whatif.stop()
        for side in self.sides:
            side.scene.detach()
        super().closeEvent(event)


__all__ = ["CompareSide", "CompareWindow", "order_for_comparison"]
