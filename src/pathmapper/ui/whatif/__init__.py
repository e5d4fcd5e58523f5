"""What if, in the editor: simulate demand and capacity through the open map (`simulation.md`).

    whatif = install_whatif(context)   # the window's EditorContext

Adds the What-if dock (hidden until asked for: View > What-if, WHATIF_KEY), which runs
`pathmapper.simulation.simulate` on a worker and draws the results on the map. The engine is a
parameter (`simulate_map`, `can_simulate_map`) so a stand-in can drive the dock.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from pathmapper.simulation import can_simulate, simulate
from pathmapper.ui.context import EditorContext
from pathmapper.ui.whatif.map_results import MapResults
from pathmapper.ui.whatif.simulation_runner import (
    CanSimulateFunction,
    SimulateFunction,
    SimulationRunner,
)
from pathmapper.ui.whatif.whatif_dock import DOCK_WIDTH, WhatIfDock

__all__ = ["WHATIF_KEY", "WhatIfPanel", "install_whatif"]

WHATIF_KEY = "F12"  # beside the analysis's F6 to F9; no canvas table binds it


@dataclass
class WhatIfPanel:
    """Everything `install_whatif` made, by name (the window keeps it; the tests use it)."""

    dock: WhatIfDock
    runner: SimulationRunner
    map_results: MapResults
    action: QAction

    window: QMainWindow

    def open(self) -> None:
        """Show the dock in front, wide enough to read, and check the map (as the key does)."""
        self.dock.show()
        self.dock.raise_()
        if self.dock.width() < DOCK_WIDTH:
            self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.dock.check_map()


class _StopOnClose(QObject):
    """Stops a running simulation when its window closes, before Qt takes the window down.

    The window hides only once its close is accepted (a close the person cancels leaves the
    simulation running); minimising hides it too, but spontaneously, and stops nothing."""

    def __init__(self, dock: WhatIfDock) -> None:
        super().__init__(dock)
        self.dock = dock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.dock.stop()
        return False


def install_whatif(
    context: EditorContext,
    simulate_map: SimulateFunction = simulate,
    can_simulate_map: CanSimulateFunction = can_simulate,
) -> WhatIfPanel:
    window = context.window
    runner = SimulationRunner(simulate_map, window)
    map_results = MapResults(context.scene, window)
    dock = WhatIfDock(context.document, runner, can_simulate_map, map_results, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if context.properties is not None:
        window.tabifyDockWidget(context.properties, dock)
    dock.hide()  # opened when asked for: the canvas keeps the room's attention

    action = QAction("&What-if dock", window)
    action.setObjectName("whatif-action")
    action.setShortcut(QKeySequence(WHATIF_KEY))
    action.setStatusTip("Simulate demand and capacity through the map: waits, queues, lead time")
    action.setToolTip(f"What if: simulate demand and capacity ({WHATIF_KEY})")
    panel = WhatIfPanel(dock, runner, map_results, action, window)
    action.triggered.connect(panel.open)
    window.addAction(action)  # the key works with the menu closed
    context.menus.view.addAction(action)
    window.installEventFilter(_StopOnClose(dock))
    return panel
