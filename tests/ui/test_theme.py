"""The chrome's themes: readable dark and light palettes, applied to the running application,
"system" putting back what the application started with, and the start-up path reading the
stored preference."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from pathmapper.ui.app_theme import (
    FUSION,
    TEXT_PAIRS,
    applied_theme,
    apply_theme,
    contrast_ratio,
    dark_palette,
    is_dark,
    light_palette,
    remember_start_appearance,
)

Role = QPalette.ColorRole
WCAG_AA = 4.5


@pytest.fixture
def application(qapp: Any) -> Iterator[QApplication]:
    remember_start_appearance(qapp)
    yield qapp
    apply_theme(qapp, "system")


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


@pytest.mark.parametrize("palette", [dark_palette(), light_palette()], ids=["dark", "light"])
def test_every_text_role_is_readable_on_its_background(palette: QPalette) -> None:
    for text, background in TEXT_PAIRS:
        ratio = contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= WCAG_AA, f"{text.name} on {background.name}: {ratio:.2f}"


def test_greyed_out_text_stays_legible_but_dimmer_in_the_dark() -> None:
    palette = dark_palette()
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.WindowText)
    active = palette.color(QPalette.ColorGroup.Active, Role.WindowText)
    window = palette.color(Role.Window)
    assert 3.0 <= contrast_ratio(disabled, window) < contrast_ratio(active, window)


def test_dark_and_light_are_fusion_with_their_palettes(application: QApplication) -> None:
    apply_theme(application, "dark")
    assert applied_theme() == "dark"
    assert application.style().name().casefold() == FUSION.casefold()
    assert is_dark(application.palette())
    assert application.palette().color(Role.Window) == QColor("#2B2F33")
    apply_theme(application, "light")
    assert applied_theme() == "light"
    assert application.style().name().casefold() == FUSION.casefold()
    assert not is_dark(application.palette())
    assert application.palette().color(Role.Window).lightness() > 200


def test_system_puts_back_the_start_style_and_palette(application: QApplication) -> None:
    start = remember_start_appearance(application)
    apply_theme(application, "dark")
    apply_theme(application, "system")
    assert applied_theme() == "system"
    assert application.style().name().casefold() == start.style_name.casefold()
    for role in (Role.Window, Role.WindowText, Role.Base, Role.Text, Role.Highlight):
        assert application.palette().color(role) == start.palette.color(role)


def test_open_widgets_follow_the_theme(application: QApplication, qtbot: Any) -> None:
    from PySide6.QtWidgets import QListWidget

    widget = QListWidget()
    qtbot.addWidget(widget)
    widget.show()
    apply_theme(application, "dark")
    qtbot.waitUntil(lambda: widget.palette().color(Role.Base) == QColor("#1F2326"))
    apply_theme(application, "light")
    qtbot.waitUntil(lambda: widget.palette().color(Role.Base) == QColor("#FFFFFF"))


def test_an_unknown_theme_is_refused(application: QApplication) -> None:
    with pytest.raises(ValueError, match="unknown theme 'neon'"):
        apply_theme(application, "neon")  # type: ignore[arg-type]


def _start_and_report(config_home: Path) -> str:
    script = (
        "from pathmapper.ui.app import create_application\n"
        "from PySide6.QtGui import QPalette\n"
        "app = create_application()\n"
        "print(app.style().name(), app.palette().color(QPalette.ColorRole.Window).name())\n"
    )
    environment = dict(os.environ, XDG_CONFIG_HOME=str(config_home), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_editor_starts_in_the_stored_theme(tmp_path: Path) -> None:
    settings = tmp_path / "pathmapper" / "pathmapper.conf"
    settings.parent.mkdir()
    settings.write_text("[appearance]\ntheme=dark\n", encoding="utf-8")
    style, window = _start_and_report(tmp_path).split()
    assert style.casefold() == "fusion" and window == "#2b2f33"
    settings.write_text("[appearance]\ntheme=light\n", encoding="utf-8")
    style, window = _start_and_report(tmp_path).split()
    assert style.casefold() == "fusion" and QColor(window).lightness() > 200
