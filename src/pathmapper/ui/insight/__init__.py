"""Analysis in the editor: the findings, figures and routes docks, overlays on the canvas and
the patient's walk, all fed by a runner that re-analyses the map as it changes.

    panel = install_analysis(context)   # the window's EditorContext

It uses the context's document, scene, view, key tables (the walk's) and View menu; the docks
go on the right, tabbed with the Properties and Overview docks when the context has them. The
context's `analysis` slot is filled with the runner, for whoever wants the latest analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from pathmapper.analysis import Analysis, Finding, Route
from pathmapper.model import PathMap
from pathmapper.standards.live import analyse_with_standards
from pathmapper.ui.context import EditorContext
from pathmapper.ui.insight.figure_docks import FiguresDock, HandoffsDock
from pathmapper.ui.insight.findings_dock import FindingsDock
from pathmapper.ui.insight.overlays import OverlayController
from pathmapper.ui.insight.reveal import reveal_elements
from pathmapper.ui.insight.routes_dock import RoutesDock
from pathmapper.ui.insight.runner import DEFAULT_DELAY_MS, AnalysisRunner
from pathmapper.ui.insight.walk import PatientWalk

__all__ = ["AnalysisPanel", "install_analysis"]

WALK_KEY = "F9"
FIGURES_HEIGHT = 130  # a low strip: the map keeps most of the screen


@dataclass
class AnalysisPanel:
    """Everything `install_analysis` made, by name (the window keeps it; the tests use it)."""

    context: EditorContext
    runner: AnalysisRunner
    findings: FindingsDock
    figures: FiguresDock
    handoffs: HandoffsDock
    routes: RoutesDock
    overlays: OverlayController
    walk: PatientWalk
    walk_action: QAction
    overlay_menu: QMenu
    toolbar: QToolBar

    @property
    def analysis(self) -> Analysis | None:
        return self.runner.latest

    def show_finding(self, finding: Finding) -> None:
        """Select a finding's elements on the canvas and centre the view on them."""
        reveal_elements(self.context.scene, self.context.view, finding.elements)

    def walk_route(self, route: Route) -> None:
        if self.walk.start(route, self.context.document.path_map):
            self.overlays.show_route(route)

    def detach(self) -> None:
        self.walk.end()
        self.runner.stop()
        self.overlays.detach()


def install_analysis(context: EditorContext, delay_ms: int = DEFAULT_DELAY_MS) -> AnalysisPanel:
    """Add the live analysis to a main window: runner, docks, overlays, walk, menus, toolbar.
    The standards file a map names is found beside the map's file."""
    window, document, scene, view = context.window, context.document, context.scene, context.view

    def analyse_map(path_map: PathMap) -> Analysis:
        saved = context.files.path
        return analyse_with_standards(path_map, saved.parent if saved is not None else None)

    runner = AnalysisRunner(
        document, delay_ms=delay_ms, analyse_function=analyse_map, parent=window
    )
    findings = FindingsDock(window)
    figures = FiguresDock(window)
    handoffs = HandoffsDock(window)
    routes = RoutesDock(window)
    overlays = OverlayController(scene, window)
    walk = PatientWalk(view, overlays, context.keys, window)

    walk_action = QAction("&Walk the pathway", window)
    walk_action.setShortcut(QKeySequence(WALK_KEY))
    walk_action.setToolTip(
        f"Step through a route one step at a time ({WALK_KEY}; Ctrl+Right or Page Down next, "
        "Ctrl+Left or Page Up back, Esc ends)"
    )
    window.addAction(walk_action)

    view_menu = context.menus.view
    view_menu.addSeparator()
    overlay_menu = view_menu.addMenu("Over&lays")
    overlay_menu.addActions(list(overlays.actions.values()))
    for action in overlays.actions.values():
        window.addAction(action)  # the keys work with the menu closed
    view_menu.addAction(walk_action)
    view_menu.addSeparator()
    for dock, text in (
        (findings, "&Findings"),
        (routes, "&Routes"),
        (handoffs, "&Handoffs between organisations"),
        (figures, "Fi&gures"),
    ):
        toggle = dock.toggleViewAction()
        toggle.setText(text)
        view_menu.addAction(toggle)

    toolbar = context.toolbars.analysis
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addActions(list(overlays.actions.values()))
    toolbar.addSeparator()
    toolbar.addAction(walk_action)

    right = Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(right, findings)
    window.addDockWidget(right, routes)
    window.addDockWidget(right, handoffs)
    neighbour = context.properties
    if neighbour is not None and window.dockWidgetArea(neighbour) == right:
        window.tabifyDockWidget(neighbour, findings)
    window.tabifyDockWidget(findings, routes)
    overview = context.overview
    if overview is not None and window.dockWidgetArea(overview) == right:
        window.tabifyDockWidget(overview, handoffs)  # under the findings, beside the overview
    else:
        window.tabifyDockWidget(routes, handoffs)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, figures)
    window.resizeDocks([figures], [FIGURES_HEIGHT], Qt.Orientation.Vertical)
    findings.raise_()

    context.analysis = runner
    panel = AnalysisPanel(
        context=context,
        runner=runner,
        findings=findings,
        figures=figures,
        handoffs=handoffs,
        routes=routes,
        overlays=overlays,
        walk=walk,
        walk_action=walk_action,
        overlay_menu=overlay_menu,
        toolbar=toolbar,
    )
    runner.analysed.connect(findings.show_analysis)
    runner.analysed.connect(figures.show_analysis)
    runner.analysed.connect(handoffs.show_analysis)
    runner.analysed.connect(routes.show_analysis)
    runner.analysed.connect(overlays.set_analysis)
    runner.busyChanged.connect(findings.show_busy)
    findings.findingChosen.connect(panel.show_finding)
    routes.routeChosen.connect(overlays.show_route)
    routes.walkRequested.connect(panel.walk_route)
    walk_action.triggered.connect(routes.request_walk)
    runner.analyse_soon()  # not now: the window is being built and is not on screen yet
    return panel
