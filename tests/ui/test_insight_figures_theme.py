"""Figures and the handoff matrix stay readable in a dark window theme: they are on paper."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from pathmapper.layout.style import INK, MUTED_INK
from pathmapper.ui.insight.figures import FiguresDock, HandoffsDock
from pathmapper.ui.theme import apply_theme, contrast_ratio


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
