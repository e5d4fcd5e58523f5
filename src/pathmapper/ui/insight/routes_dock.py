"""The routes dock: every way through the pathway with its figures, longest lead time first.

Selecting a route highlights it on the canvas (the controller's route layer); "Walk the
pathway" walks the selected route, or the longest when none is selected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pathmapper.analysis import MAX_ROUTES, Analysis, Route
from pathmapper.analysis.route_titles import RouteTitles
from pathmapper.model import describe_minutes

ModelIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # the invisible root, as a default argument
COLUMNS = ("Route", "Lead time", "Waiting", "Contacts", "Handoffs", "Steps")
TITLE_MIN_WIDTH = 160  # pixels of the Route column, however narrow the dock


def lead_time_words(route: Route) -> str:
    prefix = "≥ " if route.lead_time_is_lower_bound else ""
    return prefix + describe_minutes(route.lead_time_minutes)


class RoutesModel(QAbstractTableModel):
    """The routes of an analysis, longest lead time first (ties: fewer steps first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.routes: list[Route] = []
        self._route_titles: RouteTitles | None = None
        # Titles of the rows shown so far: made when first asked for, since reading a route's
        # steps back costs its length and a big map has 10,000 routes.
        self._titles: dict[int, str] = {}

    def set_analysis(self, analysis: Analysis) -> None:
        self.beginResetModel()
        self.routes = sorted(
            analysis.routes, key=lambda route: (-route.lead_time_minutes, route.step_count)
        )
        self._route_titles = RouteTitles(analysis.graph.path_map)
        self._titles = {}
        self.endResetModel()

    def title(self, row: int) -> str:
        """The route's title (`RouteTitles`): the ways it takes, "urgent → admitted"."""
        if row not in self._titles:
            titles = self._route_titles
            self._titles[row] = titles.of(self.routes[row].steps) if titles is not None else ""
        return self._titles[row]

    def row_of(self, steps: tuple[str, ...]) -> int:
        """The row of the route through exactly these steps; -1 if none."""
        if not steps:
            return -1
        ends = (steps[0], steps[-1], len(steps))
        for row, route in enumerate(self.routes):
            # the cheap figures first: a route's steps are read back from the search's tree
            same_ends = (route.first_step, route.last_step, route.step_count) == ends
            if same_ends and route.steps == steps:
                return row
        return -1

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.routes)

    def columnCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return str(section + 1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        route = self.routes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.title(index.row())
            if column == 1:
                return lead_time_words(route)
            if column == 2:
                return describe_minutes(route.waiting_minutes)
            if column == 3:
                return f"{route.patient_contacts:,}"
            if column == 4:
                return f"{route.handoffs:,} ({route.cross_org_handoffs:,} between organisations)"
            return f"{route.step_count:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{self.title(index.row())}\n"
                f"Lead time {lead_time_words(route)}, waiting "
                f"{describe_minutes(route.waiting_minutes)}, adding value "
                f"{describe_minutes(route.value_adding_minutes)}; "
                f"{route.patient_contacts:,} patient contacts; {route.handoffs:,} handoffs; "
                f"organisations met: {', '.join(route.organisations)}"
            )
        return None


class RoutesDock(QDockWidget):
    """`routeChosen(Route | None)` when the selection changes; `walkRequested(Route)`."""

    routeChosen = Signal(object)
    walkRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Routes", parent)
        self.setObjectName("routes-dock")
        self.model = RoutesModel(self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel("Checking the map…", body)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableView(body)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # The route's title gets most of a narrow dock and the lead time the rest; the other
        # figures are a scroll away (and in every row's tooltip).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(False)
        # Routes share their first ways (every one starts at the same decisions): a title cut
        # short keeps its end, where they part.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.request_walk())
        layout.addWidget(self.table, 1)
        self.walk_button = QPushButton("Walk the pathway (F9)", body)
        self.walk_button.setToolTip(
            "Step through the selected route (the longest if none is selected) one step at a "
            "time: Ctrl+Right or Page Down for the next step, Ctrl+Left or Page Up back, Esc ends"
        )
        self.walk_button.clicked.connect(self.request_walk)
        layout.addWidget(self.walk_button)
        self.setWidget(body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            width = self.table.viewport().width()
            self.table.horizontalHeader().resizeSection(0, max(TITLE_MIN_WIDTH, width * 6 // 10))
        return False

    def show_analysis(self, analysis: Analysis) -> None:
        chosen = self.chosen_route()
        self.table.selectionModel().blockSignals(True)
        self.model.set_analysis(analysis)
        self.table.selectionModel().blockSignals(False)
        count = len(analysis.routes)
        if not count:
            self.summary.setText("No route leads from a start step to an end step yet.")
        else:
            more = (
                f" (stopped after {MAX_ROUTES:,}: there are more)"
                if analysis.routes_truncated
                else ""
            )
            self.summary.setText(f"{count:,} routes from start to end{more}, longest first.")
        self.walk_button.setEnabled(bool(count))
        row = self.model.row_of(chosen.steps) if chosen is not None else -1
        if row >= 0:
            self.select_row(row)
        elif chosen is not None:
            self.routeChosen.emit(None)  # the route is gone from the map

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def chosen_route(self) -> Route | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.routes[rows[0].row()] if rows else None

    def request_walk(self) -> None:
        route = self.chosen_route()
        if route is None and self.model.routes:
            route = self.model.routes[0]
        if route is not None:
            self.walkRequested.emit(route)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.routeChosen.emit(self.chosen_route())
