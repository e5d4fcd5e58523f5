"""The What-if dock: how many weeks and runs, Run with progress and Cancel, and what the
simulation found: the headline figures, each step with capacity, and the busiest queue over the
weeks. The simulation runs on a worker (`SimulationRunner`), so the window goes on working; the
results are drawn on the map (`MapResults`) until the map changes, when they are cleared and the
dock says they are out of date (moving a step changes nothing a simulation uses, and keeps them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pathmapper.commands import Change, MapDocument
from pathmapper.export.simulation_figures import (
    busiest_step,
    days_text,
    headline_figures,
    settings_text,
    step_figures,
    step_name,
)
from pathmapper.layout.style import MUTED_INK
from pathmapper.simulation import SimulationResult, SimulationSettings
from pathmapper.ui.whatif.map_results import UNSTABLE_RED, MapResults
from pathmapper.ui.whatif.queue_chart import QueueChart, QueueLine
from pathmapper.ui.whatif.simulation_runner import CanSimulateFunction, SimulationRunner

DEFAULTS = SimulationSettings()
MOST_WEEKS = 520  # ten years: longer tells a room nothing a year does not
MOST_RUNS = 200
CHECK_DELAY_MS = 300
WHAT_TO_ADD = (
    "To simulate, select a start step and type its arrivals in Properties (e.g. 150 a week), "
    "and give the steps where patients queue a capacity (e.g. 2 physios). Arrows out of a "
    "decision can take a share of patients (e.g. 30%)."
)
STEP_COLUMNS = ("Step", "Sim wait", "Busy", "Queue at end")
DOCK_WIDTH = 520  # the table and chart readable beside the map


class WhatIfDock(QDockWidget):
    def __init__(
        self,
        document: MapDocument,
        runner: SimulationRunner,
        can_simulate_map: CanSimulateFunction,
        map_results: MapResults,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("What if", parent)
        self.setObjectName("whatif-dock")
        self.document = document
        self.runner = runner
        self.can_simulate_map = can_simulate_map
        self.map_results = map_results
        self.result: SimulationResult | None = None
        self.stale = False
        self._edits = 0  # changes to the map that a simulation would see
        self._edits_at_run = 0

        body = QWidget(self)
        column = QVBoxLayout(body)
        form = QFormLayout()
        self.weeks = self._spin("whatif-weeks", 1, MOST_WEEKS, DEFAULTS.weeks, " weeks")
        self.runs = self._spin("whatif-runs", 1, MOST_RUNS, DEFAULTS.runs, " runs")
        self.weeks.setToolTip(
            f"Weeks simulated after a {DEFAULTS.warmup_weeks}-week warm-up that is not counted"
        )
        self.runs.setToolTip("Independent runs: more runs, narrower ranges, longer to wait")
        form.addRow("Simulate", self.weeks)
        form.addRow("Repeat", self.runs)
        column.addLayout(form)
        buttons = QHBoxLayout()
        self.run_button = QPushButton("Run", body)
        self.run_button.setObjectName("whatif-run")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", body)
        self.cancel_button.setObjectName("whatif-cancel")
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.run_button, 1)
        buttons.addWidget(self.cancel_button)
        column.addLayout(buttons)
        self.progress = QProgressBar(body)
        self.progress.setObjectName("whatif-progress")
        self.progress.setFormat("%v of %m runs")
        self.progress.setValue(0)
        column.addWidget(self.progress)
        self.message = QLabel(body)
        self.message.setObjectName("whatif-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.message)
        self.headline = QLabel(body)
        self.headline.setObjectName("whatif-headline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.headline)
        self.table = QTableWidget(0, len(STEP_COLUMNS), body)
        self.table.setObjectName("whatif-steps")
        self.table.setHorizontalHeaderLabels(STEP_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for index in range(1, len(STEP_COLUMNS)):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        self.table.hide()  # until there are results
        column.addWidget(self.table)
        self.chart = QueueChart(body)
        column.addWidget(self.chart, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_map)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        runner.progressed.connect(self._progressed)
        runner.finished.connect(self._finished)
        runner.refused.connect(self._refused)
        runner.cancelled.connect(self._cancelled)
        runner.failed.connect(self._failed)
        self.visibilityChanged.connect(lambda shown: self.check_map() if shown else None)
        self._unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _spin(self, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    # -------------------------------------------------------------------------- running

    @property
    def settings(self) -> SimulationSettings:
        return SimulationSettings(weeks=self.weeks.value(), runs=self.runs.value())

    def check_map(self) -> str | None:
        """Say why the map cannot be simulated, and what to add; None when it can."""
        if self.runner.is_running:
            return None
        reason = self.can_simulate_map(self.document.path_map)
        self.run_button.setEnabled(reason is None)
        if reason is not None:
            self.message.setText(f"Cannot simulate this map: {reason}\n\n{WHAT_TO_ADD}")
        elif self.result is None or self.message.text().startswith("Cannot simulate"):
            self.message.setText(
                "Press Run to simulate the patients through the map "
                f"({settings_text(self.settings)})."
            )
        return reason

    def run(self) -> None:
        if self.runner.is_running or self.check_map() is not None:
            return
        settings = self.settings
        if not self.runner.start([self.document.path_map], settings):
            return
        self._edits_at_run = self._edits
        self._busy(True)
        self.progress.setRange(0, settings.runs)
        self.progress.setValue(0)
        self.message.setText(f"Simulating {settings_text(settings)}…")

    def cancel(self) -> None:
        if self.runner.is_running:
            self.runner.cancel()
            self.message.setText("Stopping…")
            self.cancel_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.weeks.setEnabled(not busy)
        self.runs.setEnabled(not busy)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, results: object) -> None:
        self._busy(False)
        if not isinstance(results, tuple) or not results:
            return
        result = results[0]
        if not isinstance(result, SimulationResult):
            return
        self.progress.setValue(self.progress.maximum())
        self.show_result(result, stale=self._edits != self._edits_at_run)

    def _refused(self, reason: str) -> None:
        self._busy(False)
        self.progress.setValue(0)
        self.message.setText(f"Cannot simulate this map: {reason}\n\n{WHAT_TO_ADD}")

    def _cancelled(self) -> None:
        self._busy(False)
        self.progress.setValue(0)
        before = " The results shown are from the run before." if self.result else ""
        self.message.setText("Cancelled." + before)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.progress.setValue(0)
        self.message.setText(f"The simulation could not finish: {message}")

    # -------------------------------------------------------------------------- showing

    def show_result(self, result: SimulationResult, stale: bool = False) -> None:
        self.result = result
        path_map = self.document.path_map
        rows = headline_figures(result)
        self.headline.setText(
            "<table>"
            + "".join(
                f'<tr><td style="color:{MUTED_INK}; padding-right:8px">{what}</td>'
                f"<td><b>{figure}</b></td></tr>"
                for what, figure in rows
            )
            + "</table>"
        )
        figures = step_figures(path_map, result)
        self.table.setRowCount(len(figures))
        for row, step in enumerate(figures):
            wait = step.wait
            if step.stated_wait != days_text(None):
                wait += f"\n(stated {step.stated_wait})"
            if step.unstable:
                wait += "\n⚠ queue grows"
            cells = (step.name, wait, step.utilisation, step.queue_at_end)
            for index, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(f"{step.name}: mean wait {step.wait} ({step.wait_range})")
                if step.unstable:
                    cell.setForeground(QBrush(QColor(UNSTABLE_RED)))
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, index, cell)
        self._fit_table()
        busiest = busiest_step(result)
        if busiest is None:
            self.chart.clear("No step has a capacity, so no patient queues.")
        else:
            name = step_name(path_map, busiest.id)
            wait = days_text(busiest.mean_wait_days.mean)
            self.chart.show_lines(
                f"Busiest queue: {name}, mean wait {wait}",
                (QueueLine(name, busiest.queue_by_week),),
            )
        self.mark_stale(stale)

    def clear_results(self) -> None:
        self.result = None
        self.stale = False
        self.map_results.clear()
        self.headline.clear()
        self.table.setRowCount(0)
        self.table.hide()
        self.chart.clear("Run the what-if to see the busiest queue over the weeks.")
        self.progress.setValue(0)
        self.message.clear()

    def _fit_table(self) -> None:
        """As tall as its rows (up to a dozen), so the dock scrolls once, not the table too."""
        self.table.show()
        self.table.resizeRowsToContents()
        shown = min(self.table.rowCount(), 12)
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(row) for row in range(shown))
        self.table.setFixedHeight(height + 2)

    def mark_stale(self, stale: bool) -> None:
        """Out of date: the map changed since the run. The map loses the results; the dock keeps
        them greyed, saying so."""
        self.stale = stale
        self.table.setEnabled(not stale)
        self.headline.setEnabled(not stale)
        self.chart.setEnabled(not stale)
        if stale:
            self.map_results.clear()
            self.message.setText(
                "The map has changed since this run: these results are out of date. Run again."
            )
        elif self.result is not None:
            self.map_results.show_result(self.result)
            unstable = len(self.result.unstable)
            grows = (
                f" The queue grows without end at {unstable} step"
                f"{'' if unstable == 1 else 's'}, marked in red on the map."
                if unstable
                else ""
            )
            self.message.setText(
                f"Done ({settings_text(self.result.settings)}): the results are on the map "
                "beside each step." + grows
            )

    def _on_change(self, change: Change) -> None:
        if change.action == "moved":
            return  # where a step is drawn changes nothing simulated
        self._edits += 1
        if change.action == "reset":  # another map: the results were of one no longer open
            self.runner.cancel()
            self.clear_results()
        elif self.result is not None and not self.stale:
            self.mark_stale(True)
        if self.isVisible():
            self._check_timer.start()

    def stop(self) -> None:
        """Before the window goes: stop a running simulation (bounded wait)."""
        self._check_timer.stop()
        self.runner.stop()
        self._busy(False)


__all__ = ["WhatIfDock"]
