"""The look of the window chrome (menus, docks, dialogs, lists): the computer's own, light or dark.

`apply_theme(app, theme)` sets the application's style and palette:

- "light": the Fusion style with a light palette;
- "dark": Fusion with a dark palette whose text roles reach WCAG AA contrast (4.5:1) on the
  backgrounds they are drawn on (`DARK_TEXT_PAIRS`, checked by the tests);
- "system": the style and palette the application had before the first theme was applied.

The map itself is always drawn light, as on paper and in the PDF (the projector look is the
canvas's own, `ui.canvas.theme`). Only its surroundings follow the chrome: `dress_map_view`
gives a view a dark background outside the map when the chrome is dark (the canvas's own white
otherwise). Windows hear of a change through `theme_signals().themeApplied`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsView, QStyleFactory

from pathmapper.ui.preferences import THEMES, Theme

FUSION = "Fusion"
Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Colour roles of the dark palette. Text roles are bright on the dark backgrounds they sit on.
DARK_COLOURS: dict[Role, str] = {
    Role.Window: "#2B2F33",
    Role.WindowText: "#ECEFF1",
    Role.Base: "#1F2326",
    Role.AlternateBase: "#272B2F",
    Role.Text: "#ECEFF1",
    Role.PlaceholderText: "#A9B1B8",
    Role.Button: "#363B40",
    Role.ButtonText: "#ECEFF1",
    Role.BrightText: "#FF8A80",
    Role.ToolTipBase: "#3A4046",
    Role.ToolTipText: "#ECEFF1",
    Role.Highlight: "#2F6DB5",
    Role.HighlightedText: "#FFFFFF",
    Role.Link: "#8AB4F8",
    Role.LinkVisited: "#C9A8F5",
    Role.Light: "#4D545B",
    Role.Midlight: "#42484E",
    Role.Mid: "#30353A",
    Role.Dark: "#1A1D20",
    Role.Shadow: "#0B0C0D",
}
# Greyed-out entries (disabled menu items, buttons): dimmer, still legible.
DARK_DISABLED: dict[Role, str] = {
    Role.WindowText: "#8E979F",
    Role.Text: "#8E979F",
    Role.ButtonText: "#8E979F",
    Role.HighlightedText: "#C9D1D9",
    Role.Highlight: "#3A4046",
}
LIGHT_COLOURS: dict[Role, str] = {
    Role.Window: "#EFF1F3",
    Role.WindowText: "#1A1D20",
    Role.Base: "#FFFFFF",
    Role.AlternateBase: "#F4F6F8",
    Role.Text: "#1A1D20",
    Role.PlaceholderText: "#5F6B76",
    Role.Button: "#E6E9EC",
    Role.ButtonText: "#1A1D20",
    Role.BrightText: "#B00020",
    Role.ToolTipBase: "#FFFFE1",
    Role.ToolTipText: "#1A1D20",
    Role.Highlight: "#2F6DB5",
    Role.HighlightedText: "#FFFFFF",
    Role.Link: "#1A5FB4",
    Role.LinkVisited: "#6A3DAD",
    Role.Light: "#FFFFFF",
    Role.Midlight: "#F4F6F8",
    Role.Mid: "#B8C0C8",
    Role.Dark: "#9AA4AE",
    Role.Shadow: "#4A5058",
}
LIGHT_DISABLED: dict[Role, str] = {
    Role.WindowText: "#7A848E",
    Role.Text: "#7A848E",
    Role.ButtonText: "#7A848E",
}

# (text role, background role) pairs that carry words a person has to read.
TEXT_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
)

# Outside the map in the dark theme: a desk-grey the light map stands out from.
DARK_SURROUND = "#3A3F44"


def palette_from(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    for role, value in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(value))
    return palette


def dark_palette() -> QPalette:
    return palette_from(DARK_COLOURS, DARK_DISABLED)


def light_palette() -> QPalette:
    return palette_from(LIGHT_COLOURS, LIGHT_DISABLED)


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black .. 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio (1..21); 4.5 is AA for body text."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    """Whether a palette's windows are dark (their text lighter than their background)."""
    return relative_luminance(palette.color(Role.Window)) < relative_luminance(
        palette.color(Role.WindowText)
    )


@dataclass(frozen=True)
class StartAppearance:
    """What the application looked like before any theme: what "system" goes back to."""

    style_name: str
    palette: QPalette


class ThemeSignals(QObject):
    themeApplied = Signal(str)  # the theme's name, after the application has it


_start: StartAppearance | None = None
_applied: Theme = "system"
_signals: ThemeSignals | None = None


def theme_signals() -> ThemeSignals:
    global _signals
    if _signals is None:
        _signals = ThemeSignals()
    return _signals


def remember_start_appearance(app: QApplication) -> StartAppearance:
    """The style and palette of `app` before the first theme (remembered once)."""
    global _start
    if _start is None:
        style = app.style()
        _start = StartAppearance(style.name() if style is not None else FUSION, app.palette())
    return _start


def applied_theme() -> Theme:
    """The theme last applied ("system" before any)."""
    return _applied


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Give the application `theme`'s style and palette, now (open windows follow)."""
    global _applied
    if theme not in THEMES:
        raise ValueError(f"unknown theme '{theme}': choose one of {', '.join(THEMES)}")
    start = remember_start_appearance(app)
    if theme == "system":
        style_name, palette = start.style_name, QPalette(start.palette)
    else:
        style_name = FUSION
        palette = dark_palette() if theme == "dark" else light_palette()
    current = app.style()
    if current is None or current.name().casefold() != style_name.casefold():
        style = QStyleFactory.create(style_name)
        if style is not None:
            app.setStyle(style)
    app.setPalette(palette)
    _applied = theme
    theme_signals().themeApplied.emit(theme)


def dress_map_view(view: QGraphicsView, dark: bool) -> None:
    """The view's background outside the map: desk-grey when the chrome is dark (the dark
    theme, or a dark computer under "system"); otherwise the canvas's own white. The map's
    lanes, steps and notes paint over it unchanged."""
    if dark:
        view.setBackgroundBrush(QBrush(QColor(DARK_SURROUND)))
    else:
        view.setBackgroundBrush(QBrush())  # no brush: the scene draws its own background
    view.viewport().update()
