"""Help > Quick start, Help > About, and File > Open sample.

Everything here works offline: the quick start is an HTML guide shipped in resources/help/,
shown in a QTextBrowser; the samples are the maps in sample_maps/ (inside the build in a frozen
app). Wiring is one call from the main window, after its menus exist:

    install_help_menu(self, self.menuBar(), self.open_path)
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pathmapper import __version__
from pathmapper.resources import resource_path, sample_maps_dir
from pathmapper.ui.autosave import recovery_folder

QUICK_START_FILE = "quick-start.html"
LARGEST_SAMPLE_BYTES = 5 * 1024 * 1024  # sample maps are small; anything bigger is not one


def help_folder() -> Path:
    return resource_path("help")


def quick_start_path() -> Path:
    return help_folder() / QUICK_START_FILE


# --- sample maps -----------------------------------------------------------------------------


def _sample_title(path: Path) -> str:
    """The map's own title; the file name when the title cannot be read."""
    fallback = path.name.removesuffix(".json").removesuffix(".pathmap").replace("-", " ")
    try:
        if path.stat().st_size > LARGEST_SAMPLE_BYTES:
            return fallback
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return fallback
    title = document.get("title") if isinstance(document, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else fallback


def sample_map_entries(folder: Path | None = None) -> list[tuple[str, str]]:
    """(title, path) of every sample map, by title, for File > Open sample."""
    folder = sample_maps_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    entries = [(_sample_title(path), str(path)) for path in folder.glob("*.pathmap.json")]
    return sorted(entries, key=lambda entry: (entry[0].casefold(), entry[1]))


# --- About -----------------------------------------------------------------------------------


def about_html(recovery: Path | None = None) -> str:
    recovery = recovery_folder() if recovery is None else recovery
    return f"""
<h2>pathmapper {html.escape(__version__)}</h2>
<p>Map patient pathways live as swimlanes, and find their gaps, loops and handoffs.</p>
<p><b>Licence:</b> MIT. pathmapper is free to use, copy, change and share; the full text is in
the LICENSE file that comes with it.</p>
<p><b>Fonts:</b> maps are drawn in DejaVu Sans, shipped with pathmapper under the DejaVu fonts
licence (a free licence based on the Bitstream Vera licence; the text is in
resources/fonts/LICENSE-DejaVu.txt). It may be shared and changed, but not sold on its own.</p>
<p><b>Built with</b> Qt {html.escape(qVersion())} through Qt for Python (PySide6), under the
GNU LGPL version 3.</p>
<p><b>Unsaved work:</b> while you edit, pathmapper keeps a recovery copy of the open map in
<br><code>{html.escape(str(recovery))}</code><br>If the computer stops before you save,
pathmapper offers that copy the next time it starts.</p>
"""


class AboutDialog(QDialog):
    """Version, licences and where unsaved work is kept."""

    def __init__(self, parent: QWidget | None = None, recovery: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About pathmapper")
        self.recovery = recovery_folder() if recovery is None else recovery
        self.text = QLabel(about_html(self.recovery))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.show_recovery = QPushButton("Show recovery folder")
        self.show_recovery.setToolTip("Open the folder of recovery copies in the file manager")
        self.show_recovery.setEnabled(self.recovery.is_dir())
        self.show_recovery.clicked.connect(self._open_recovery_folder)
        buttons.addButton(self.show_recovery, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _open_recovery_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.recovery)))


# --- Quick start -----------------------------------------------------------------------------


class QuickStartWindow(QDialog):
    """The illustrated guide, from resources/help; its pictures load from beside it."""

    def __init__(self, parent: QWidget | None = None, page: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("pathmapper quick start")
        self.page = quick_start_path() if page is None else page
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # offline: the guide links only within itself
        self.browser.setSearchPaths([str(self.page.parent)])
        if self.page.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        else:
            self.browser.setPlainText(
                f"The quick start guide is missing from this installation ({self.page}). "
                "Reinstalling pathmapper puts it back."
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)


# --- menus -----------------------------------------------------------------------------------


@dataclass
class HelpMenuEntries:
    """What install_help_menu added (the window keeps it; the tests look at it)."""

    quick_start: QAction
    about: QAction
    open_sample_menu: QMenu
    quick_start_window: QuickStartWindow | None = None


def _plain(text: str) -> str:
    return text.replace("&", "").strip().casefold()


def _find_or_add_menu(bar: QMenuBar, title: str) -> QMenu:
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and _plain(action.text()) == _plain(title):
            return menu
    return bar.addMenu(title)


def _fill_sample_menu(menu: QMenu, open_path: Callable[[str], object]) -> None:
    menu.clear()
    entries = sample_map_entries()
    for title, path in entries:
        action = menu.addAction(title)
        action.setToolTip(path)
        action.triggered.connect(lambda _checked=False, path=path: open_path(path))
    if not entries:
        menu.addAction("No sample maps found").setEnabled(False)


def install_help_menu(
    window: QWidget,
    menu_bar_or_menu: QMenuBar | QMenu,
    open_path: Callable[[str], object],
) -> HelpMenuEntries:
    """Add File > Open sample, Help > Quick start and Help > About pathmapper.

    Given the menu bar, the entries go in its File and Help menus (made when missing): Open
    sample before File's first separator, Quick start first in Help, About last. Given a single
    menu, all three go in it. `open_path` opens a map (the window's usual way, with its
    unsaved-changes question).
    """
    if isinstance(menu_bar_or_menu, QMenuBar):
        file_menu = _find_or_add_menu(menu_bar_or_menu, "&File")
        help_menu = _find_or_add_menu(menu_bar_or_menu, "&Help")
    else:
        file_menu = help_menu = menu_bar_or_menu

    sample_menu = QMenu("Open &sample", window)
    sample_menu.setToolTip("Open one of the example maps that come with pathmapper")
    sample_menu.aboutToShow.connect(lambda: _fill_sample_menu(sample_menu, open_path))
    _fill_sample_menu(sample_menu, open_path)
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    if separators:
        file_menu.insertMenu(separators[0], sample_menu)
    else:
        file_menu.addMenu(sample_menu)

    quick_start = QAction("&Quick start", window)
    quick_start.setToolTip("An illustrated guide to mapping a pathway in a workshop")
    about = QAction("&About pathmapper", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    existing = help_menu.actions()
    if existing and menu_bar_or_menu is not help_menu:
        help_menu.insertAction(existing[0], quick_start)
    else:
        help_menu.addAction(quick_start)
    help_menu.addSeparator()
    help_menu.addAction(about)

    entries = HelpMenuEntries(quick_start, about, sample_menu)

    def show_quick_start() -> None:
        if entries.quick_start_window is None:
            entries.quick_start_window = QuickStartWindow(window)
        entries.quick_start_window.show()
        entries.quick_start_window.raise_()
        entries.quick_start_window.activateWindow()

    quick_start.triggered.connect(show_quick_start)
    about.triggered.connect(lambda: AboutDialog(window).exec())
    return entries
