"""Edit > Preferences...: the theme, and the paper and orientation a PDF export starts with.

OK stores the choices (`Preferences`, QSettings) and applies a changed theme at once; Cancel
changes nothing. `install_preferences(window)` adds the menu entry (the platform's Preferences
key, Ctrl+, where it has none) and keeps the window's map views dressed for the theme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsView,
    QLabel,
    QWidget,
)

from pathmapper.ui.app_theme import apply_theme, dress_map_view, is_dark, theme_signals
from pathmapper.ui.context import EditorContext
from pathmapper.ui.preferences import (
    PAPER_SIZES,
    THEME_NAMES,
    THEMES,
    Orientation,
    PaperSize,
    Preferences,
    Theme,
)

PREFERENCES_FALLBACK_KEY = "Ctrl+,"  # where the platform has no Preferences key
ORIENTATION_NAMES: dict[Orientation, str] = {"landscape": "Landscape", "portrait": "Portrait"}
ThemeApplier = Callable[[Theme], None]


def apply_to_application(theme: Theme) -> None:
    application = QApplication.instance()
    if isinstance(application, QApplication):
        apply_theme(application, theme)


class PreferencesDialog(QDialog):
    """The three choices, shown as stored. Accepting writes them and applies the theme."""

    def __init__(
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        apply: ThemeApplier = apply_to_application,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.preferences = preferences
        self.apply = apply
        self.theme = self._combo((theme, THEME_NAMES[theme]) for theme in THEMES)
        self.paper = self._combo((paper, paper) for paper in PAPER_SIZES)
        self.orientation = self._combo(ORIENTATION_NAMES.items())
        self._show(preferences.theme, preferences.paper_size, preferences.orientation)

        form = QFormLayout(self)
        form.addRow("&Theme", self.theme)
        note = QLabel("Maps are always drawn light, as they print.")
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow("PDF &paper", self.paper)
        form.addRow("PDF &orientation", self.orientation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _combo(names: Iterable[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for value, name in names:
            combo.addItem(name, value)
        return combo

    def _show(self, theme: Theme, paper: PaperSize, orientation: Orientation) -> None:
        shown = ((self.theme, theme), (self.paper, paper), (self.orientation, orientation))
        for combo, value in shown:
            combo.setCurrentIndex(combo.findData(value))

    def chosen_theme(self) -> Theme:
        theme: Theme = self.theme.currentData()
        return theme

    def chosen_paper(self) -> PaperSize:
        paper: PaperSize = self.paper.currentData()
        return paper

    def chosen_orientation(self) -> Orientation:
        orientation: Orientation = self.orientation.currentData()
        return orientation

    def accept(self) -> None:
        changed_theme = self.chosen_theme() != self.preferences.theme
        self.preferences.theme = self.chosen_theme()
        self.preferences.paper_size = self.chosen_paper()
        self.preferences.orientation = self.chosen_orientation()
        self.preferences.settings.sync()
        if changed_theme:
            self.apply(self.chosen_theme())
        super().accept()


class PreferencesController(QObject):
    """Edit > Preferences... on one window, and its map views' surroundings for the theme."""

    def __init__(self, context: EditorContext, preferences: Preferences | None = None) -> None:
        window = context.window
        super().__init__(window)
        self.context = context
        self.window = window
        self.preferences = preferences if preferences is not None else Preferences()
        self.dialog: PreferencesDialog | None = None
        self.action = QAction("Pre&ferences...", window)
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.action.setShortcuts(standard or [QKeySequence(PREFERENCES_FALLBACK_KEY)])
        self.action.setToolTip("Theme, and the paper a PDF export starts with")
        self.action.triggered.connect(self.open_dialog)
        window.addAction(self.action)  # the key works while menus are hidden (presenting)
        theme_signals().themeApplied.connect(self.dress_views)
        self.dress_views()

    def map_views(self) -> list[QGraphicsView]:
        """The window's views of its map: the canvas and the overview."""
        views: list[QGraphicsView] = [self.context.view]
        if self.context.overview is not None:
            views.append(self.context.overview.overview)
        return views

    def dress_views(self, _theme: str = "") -> None:
        dark = is_dark(QApplication.palette())
        for view in self.map_views():
            dress_map_view(view, dark)

    def open_dialog(self) -> PreferencesDialog:
        """The dialog, open beside the window (window-modal, not blocking the caller)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        self.dialog = PreferencesDialog(self.preferences, self.window)
        self.dialog.open()
        return self.dialog


def install_preferences(
    context: EditorContext, preferences: Preferences | None = None
) -> PreferencesController:
    """Add Edit > Preferences... to an editor window; one call."""
    controller = PreferencesController(context, preferences)
    edit_menu = context.menus.edit
    edit_menu.addSeparator()
    edit_menu.addAction(controller.action)
    return controller
