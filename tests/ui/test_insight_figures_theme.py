"""Figures and the handoff matrix stay readable: on paper in a dark window theme, and the
matrix's column headings clear of each other."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

from pathmapper.layout.style import INK, MUTED_INK
from pathmapper.ui.app_theme import apply_theme, contrast_ratio
from pathmapper.ui.insight.figure_docks import FiguresDock, HandoffHeatMap, HandoffsDock


def test_figures_keep_dark_ink_on_white_in_the_dark_theme(qtbot: Any) -> None:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    apply_theme(application, "dark")
    try:
        for dock in (FiguresDock(), HandoffsDock()):
            qtbot.addWidget(dock)
            body = dock.widget()
            window = body.palette().color(QPalette.ColorRole.Window)
            assert window == QColor("#FFFFFF") and body.autoFillBackground()
            for ink in (INK, MUTED_INK):
                assert contrast_ratio(QColor(ink), window) >= 4.5
        assert application.palette().color(QPalette.ColorRole.Window).lightness() < 128
    finally:
        apply_theme(application, "system")


def test_heat_map_columns_are_wide_enough_for_their_initials(qtbot: Any) -> None:
    heat_map = HandoffHeatMap()
    qtbot.addWidget(heat_map)
    names = ["Patient", "GP practice", "Community pharmacy", "Community health trust", "Acute"]
    heat_map.show_matrix(names, {("Patient", "GP practice"): 2})
    assert heat_map.shorts == ["Pat", "GP", "CP", "CHT", "Acu"]
    metrics = QFontMetricsF(heat_map.heading_font)
    column = heat_map.column_width(heat_map.MIN_CELL)
    for short in heat_map.shorts:  # drawn in a box 2 px narrower than the column, never touching
        assert metrics.horizontalAdvance(short) + 4 <= column - 2
    assert heat_map.minimumWidth() >= heat_map.LABEL_WIDTH + column * len(names)
