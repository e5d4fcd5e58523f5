"""The editor's parts beyond mapping itself, installed on a window's `EditorContext` in one call:
analysis (findings, figures, overlays, walk), workshop (presentation, room view, capture,
notes, find, tidy), round trip (import, compare, send a copy, merge), export, programme
standards, preferences and the what-if.

Their modules are imported inside `install_features`, not at the top of the window's module,
so starting the editor imports none of them: `pathmapper MAP` paints the map first and installs
these on the turn of the event loop after (the window's `install_features`); a window made any
other way installs them at once. Each part adds its actions to the menus the window already
has, so the menus read the same whichever way the parts came.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pathmapper.ui.context import EditorContext

if TYPE_CHECKING:
    from pathmapper.ui.export_dialog import ExportController
    from pathmapper.ui.insight import AnalysisPanel
    from pathmapper.ui.preferences_dialog import PreferencesController
    from pathmapper.ui.roundtrip import RoundTripActions
    from pathmapper.ui.standards_menu import StandardsController
    from pathmapper.ui.whatif import WhatIfPanel
    from pathmapper.ui.workshop import Workshop


@dataclass
class EditorFeatures:
    """Everything `install_features` made, by part (the window keeps it; the tests use it)."""

    analysis: AnalysisPanel
    workshop: Workshop
    roundtrip: RoundTripActions
    exporter: ExportController
    standards: StandardsController
    preferences: PreferencesController
    whatif: WhatIfPanel


def install_features(context: EditorContext) -> EditorFeatures:
    from pathmapper.ui.export_dialog import install_export
    from pathmapper.ui.insight import install_analysis
    from pathmapper.ui.preferences_dialog import install_preferences
    from pathmapper.ui.roundtrip import install_roundtrip
    from pathmapper.ui.standards_menu import install_standards
    from pathmapper.ui.whatif import install_whatif
    from pathmapper.ui.workshop import install_workshop

    analysis = install_analysis(context)  # findings, overlays, figures, walk
    workshop = install_workshop(context)  # present, capture, notes, tidy, find
    roundtrip = install_roundtrip(context)  # compare, send a copy, merge, import
    exporter = install_export(context)  # File > Export: PDF, report, PNG, SVG, CSV
    # File > Programme standards..., beside File > Export...
    standards = install_standards(context, exporter.action)
    preferences = install_preferences(context)  # Edit > Preferences: theme, paper
    whatif = install_whatif(context)  # View > What-if dock: simulate demand and capacity
    return EditorFeatures(analysis, workshop, roundtrip, exporter, standards, preferences, whatif)
