"""Find (Ctrl+F): a bar along the bottom that searches step labels, notes and owners, lane
names and organisations, phase names and comment texts. Enter or F3 goes to the next hit,
Shift+F3 to the one before (selected on the canvas, the view centred on it); "3 of 7" says
where you are; Esc closes the bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QToolBar

from pathmapper.model import PathMap
from pathmapper.ui.canvas import MapScene, MapView

FIND_KEY = QKeySequence.StandardKey.Find
NEXT_KEY = "F3"
PREVIOUS_KEY = "Shift+F3"


def find_hits(
    path_map: PathMap, text: str, reading_order: dict[str, tuple[float, float]]
) -> list[str]:
    """Ids of the elements whose words contain `text` (any case): lanes, phases, then steps in
    reading order (left to right, top to bottom), then comments."""
    needle = text.strip().casefold()
    if not needle:
        return []

    def matches(*values: str) -> bool:
        return any(needle in value.casefold() for value in values)

    hits = [lane.id for lane in path_map.lanes if matches(lane.name, lane.organisation or "")]
    hits += [phase.id for phase in path_map.phases if matches(phase.name)]
    steps = [step for step in path_map.steps if matches(step.label, step.notes, step.owner)]
    far = (float("inf"), float("inf"))
    steps.sort(key=lambda step: reading_order.get(step.id, far))
    hits += [step.id for step in steps]
    hits += [comment.id for comment in path_map.comments if matches(comment.text)]
    return hits


class FindBar(QToolBar):
    """The find bar of one window: `open()`, `next()`, `previous()`, `hits`, `position`."""

    def __init__(self, window: QMainWindow, scene: MapScene, view: MapView) -> None:
        super().__init__("Find", window)
        self.setObjectName("find-bar")
        self.setMovable(False)
        self.scene = scene
        self.view = view
        self.hits: list[str] = []
        self.position = -1
        self.field = QLineEdit(self)
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find a step, lane, owner or note…")
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(420)
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self.next)
        self.field.installEventFilter(self)
        self.count = QLabel("", self)
        self.count.setObjectName("find-count")
        self.count.setMinimumWidth(110)
        self.addWidget(QLabel(" Find: ", self))
        self.addWidget(self.field)
        self.addWidget(self.count)

        self.open_action = QAction("&Find…", window)
        self.open_action.setShortcuts(QKeySequence.keyBindings(FIND_KEY))
        self.open_action.triggered.connect(self.open)
        self.next_action = QAction("Find &next", window)
        self.next_action.setShortcut(QKeySequence(NEXT_KEY))
        self.next_action.triggered.connect(self.next)
        self.previous_action = QAction("Find p&revious", window)
        self.previous_action.setShortcut(QKeySequence(PREVIOUS_KEY))
        self.previous_action.triggered.connect(self.previous)
        for action in (self.open_action, self.next_action, self.previous_action):
            window.addAction(action)
        self.addAction(self.previous_action)
        self.addAction(self.next_action)
        close = self.addAction("Close")
        close.triggered.connect(self.close_bar)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self)
        self.hide()
        # The map changes while the bar is open (a step renamed, deleted, added): the hits
        # follow, so F3 never goes to something no longer there or no longer matching.
        scene.geometryChanged.connect(self._refresh)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search(self, text: str) -> None:
        reading = {
            step_id: (box.rect.left, box.rect.top)
            for step_id, box in self.scene.geometry.steps.items()
        }
        hidden = self.scene.hidden_comment_kinds
        path_map: PathMap = self.scene.document.path_map
        self.hits = [
            element_id
            for element_id in find_hits(path_map, text, reading)
            if (comment := path_map.comment(element_id)) is None or comment.kind not in hidden
        ]
        self.position = -1
        self._show_count()

    def _refresh(self) -> None:
        """Search again after an edit, staying on the hit shown when it still matches."""
        if self.isHidden() or not self.field.text().strip():
            return
        current = self.hits[self.position] if 0 <= self.position < len(self.hits) else None
        self._search(self.field.text())
        if current in self.hits:
            self.position = self.hits.index(current)
            self._show_count()

    def next(self) -> None:
        self._go(1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if self.isHidden():
            self.open()
        if not self.hits:
            self._show_count()
            return
        if self.position < 0:
            self.position = 0 if step > 0 else len(self.hits) - 1
        else:
            self.position = (self.position + step) % len(self.hits)
        element_id = self.hits[self.position]
        self.scene.select_ids([element_id])
        item = self.scene.items_by_id.get(element_id)
        if item is not None:
            self.view.centerOn(item)
            self.view.pin_headers()
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText("  not found")
        elif self.position < 0:
            total = len(self.hits)
            self.count.setText(f"  {total} found" if total != 1 else "  1 found")
        else:
            self.count.setText(f"  {self.position + 1} of {len(self.hits)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return False
