"""What if, as is against to be: in the compare window, both maps simulated alike (the default
settings, the same seed) and their figures side by side: lead time, patients completed a week,
the busiest step's wait, and both busiest queues on one chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pathmapper.export.simulation_figures import (
    busiest_step,
    comparison_figures,
    has_demand,
    settings_text,
    step_name,
)
from pathmapper.layout.style import BLUE, VERMILLION
from pathmapper.model import PathMap
from pathmapper.simulation import SimulationResult, SimulationSettings, simulate
from pathmapper.ui.whatif.queue_chart import QueueChart, QueueLine
from pathmapper.ui.whatif.simulation_runner import SimulateFunction, SimulationRunner

COMPARE_SETTINGS = SimulationSettings()


class SimulationComparison(QWidget):
    """`first` is A (usually as is), `second` B (to be)."""

    def __init__(
        self,
        first: PathMap,
        second: PathMap,
        parent: QWidget | None = None,
        simulate_map: SimulateFunction = simulate,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whatif-compare")
        self.first, self.second = first, second
        self.results: tuple[SimulationResult, SimulationResult] | None = None
        self.runner = SimulationRunner(simulate_map, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.run_button = QPushButton("What if: simulate both", self)
        self.run_button.setObjectName("whatif-compare-run")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("whatif-compare-cancel")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.run_button, 1)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v of %m runs")
        self.progress.setValue(0)
        column.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("whatif-compare-message")
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("whatif-compare-table")
        self.table.setHorizontalHeaderLabels(["", "A", "B"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        column.addWidget(self.table)
        self.chart = QueueChart(self)
        self.chart.setMinimumHeight(200)
        self.chart.hide()
        column.addWidget(self.chart)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.runner.progressed.connect(self._progressed)
        self.runner.finished.connect(self._finished)
        self.runner.refused.connect(lambda reason: self._ended(f"Cannot simulate: {reason}"))
        self.runner.cancelled.connect(lambda: self._ended("Cancelled."))
        self.runner.failed.connect(lambda why: self._ended(f"Could not finish: {why}"))
        missing = [name for name, m in (("A", first), ("B", second)) if not has_demand(m)]
        if missing:
            self.run_button.setEnabled(False)
            which = " and ".join(missing)
            self.message.setText(
                f"{which} states no arrivals at a start step, so there is nothing to simulate: "
                "add them (e.g. 150 a week) and capacity (e.g. 2 physios) in Properties."
            )
        else:
            self.message.setText(f"Simulates both maps alike: {settings_text(COMPARE_SETTINGS)}.")

    def run(self) -> None:
        if self.runner.start([self.first, self.second], COMPARE_SETTINGS):
            self.run_button.setEnabled(False)
            self.cancel_button.setEnabled(True)
            self.progress.setRange(0, 2 * COMPARE_SETTINGS.runs)
            self.progress.setValue(0)
            self.message.setText("Simulating both maps…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _ended(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.message.setText(message)

    def _finished(self, results: object) -> None:
        if not isinstance(results, tuple) or len(results) != 2:
            return
        first, second = results
        if not isinstance(first, SimulationResult) or not isinstance(second, SimulationResult):
            return
        self.show_results(first, second)

    def show_results(self, first: SimulationResult, second: SimulationResult) -> None:
        self.results = (first, second)
        self._ended(f"Both maps simulated alike: {settings_text(first.settings)}.")
        rows = comparison_figures(self.first, first, self.second, second)
        self.table.setRowCount(len(rows))
        for number, cells in enumerate(rows):
            for index, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if index == 0:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, index, cell)
        self.table.show()  # before measuring: a hidden table's columns have no width yet
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        self.table.setFixedHeight(height + 2)
        lines = []
        for letter, path_map, result, colour, dashed in (
            ("A", self.first, first, VERMILLION, True),
            ("B", self.second, second, BLUE, False),
        ):
            busiest = busiest_step(result)
            if busiest is not None:
                name = f"{letter}: {step_name(path_map, busiest.id)}"
                lines.append(QueueLine(name, busiest.queue_by_week, colour, dashed))
        if lines:
            self.chart.show_lines("The busiest queue on each map", tuple(lines))
            self.chart.show()

    def stop(self) -> None:
        self.runner.stop()
