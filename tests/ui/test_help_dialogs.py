"""Help > Quick start, Help > About and File > Open sample."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QPixmap, QTextDocument
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from pathmapper import __version__
from pathmapper.layout.style import STEP_STYLES
from pathmapper.resources import resource_path
from pathmapper.ui.help_dialogs import (
    AboutDialog,
    QuickStartWindow,
    about_html,
    install_help_menu,
    quick_start_path,
    sample_map_entries,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FILES = sorted((PROJECT_ROOT / "sample_maps").glob("*.pathmap.json"))


def menu_texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_sample_entries_are_every_sample_map_by_its_title() -> None:
    entries = sample_map_entries()
    assert len(entries) == len(SAMPLE_FILES) >= 1
    titles = {json.loads(path.read_text(encoding="utf-8"))["title"] for path in SAMPLE_FILES}
    assert {title for title, _ in entries} == titles
    assert [title.casefold() for title, _ in entries] == sorted(
        title.casefold() for title, _ in entries
    )
    assert all(Path(path).is_file() for _, path in entries)


def test_a_sample_without_a_readable_title_is_named_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "msk-triage.pathmap.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "blank-title.pathmap.json").write_text('{"title": "  "}', encoding="utf-8")
    (tmp_path / "named.pathmap.json").write_text('{"title": "Cardiology"}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    titles = [title for title, _ in sample_map_entries(tmp_path)]
    assert titles == ["blank title", "Cardiology", "msk triage"]


def test_no_sample_folder_means_no_entries(tmp_path: Path) -> None:
    assert sample_map_entries(tmp_path / "missing") == []


def test_about_names_version_licences_and_the_recovery_folder(qtbot: QtBot, tmp_path: Path) -> None:
    recovery = tmp_path / "recovery"
    dialog = AboutDialog(recovery=recovery)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"pathmapper {__version__}" in text
    assert "MIT" in text
    assert "DejaVu" in text and "LICENSE-DejaVu.txt" in text
    assert str(recovery) in text
    assert not dialog.show_recovery.isEnabled()  # nothing to show until a copy was written
    recovery.mkdir()
    again = AboutDialog(recovery=recovery)
    qtbot.addWidget(again)
    assert again.show_recovery.isEnabled()


def test_about_uses_the_editors_recovery_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATHMAPPER_RECOVERY_DIR", str(tmp_path / "kiosk-recovery"))
    assert str(tmp_path / "kiosk-recovery") in about_html()


def test_about_escapes_a_folder_name_that_looks_like_markup(tmp_path: Path) -> None:
    odd = tmp_path / "<b>recovery</b>"
    assert "&lt;b&gt;recovery&lt;/b&gt;" in about_html(odd)


def test_quick_start_shows_the_guide_with_its_pictures(qtbot: QtBot) -> None:
    window = QuickStartWindow()
    qtbot.addWidget(window)
    plain = window.browser.toPlainText()
    assert "pathmapper quick start" in plain
    assert "Step kinds" in plain and "Keyboard shortcuts" in plain
    page = quick_start_path().read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', page)
    assert len(pictures) >= 7
    window.show()
    qtbot.waitExposed(window)
    image_resource = QTextDocument.ResourceType.ImageResource.value
    for picture in pictures:
        # Drawn pictures are cached in the document as pixmaps: the SVG was read and rendered.
        drawn = window.browser.document().resource(image_resource, QUrl(picture))
        assert isinstance(drawn, QPixmap) and not drawn.isNull(), picture


def test_quick_start_is_offline() -> None:
    page = quick_start_path().read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page
    for picture in re.findall(r'<img src="([^"]+)"', page):
        assert (quick_start_path().parent / picture).is_file(), picture


def test_step_pictures_use_the_canvas_colours_of_their_kind() -> None:
    for kind, style in STEP_STYLES.items():
        picture = resource_path("help", "images", f"step-{kind}.svg").read_text(encoding="utf-8")
        assert f'fill="{style.fill}"' in picture, kind
        assert f'stroke="{style.outline}"' in picture, kind


def test_a_missing_guide_says_so_instead_of_a_blank_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = QuickStartWindow(page=tmp_path / "quick-start.html")
    qtbot.addWidget(window)
    assert "missing from this installation" in window.browser.toPlainText()


def test_install_help_menu_adds_the_three_entries_to_the_menu_bar(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction("&Open…")
    file_menu.addSeparator()
    file_menu.addAction("&Quit")
    help_menu = bar.addMenu("&Help")
    help_menu.addAction("&Keyboard shortcuts")
    opened: list[str] = []

    entries = install_help_menu(window, bar, opened.append)

    assert [action.text() for action in bar.actions()] == ["&File", "&Help"]  # no duplicates
    assert menu_texts(file_menu) == ["&Open…", "Open &sample", "&Quit"]
    assert menu_texts(help_menu) == ["&Quick start", "&Keyboard shortcuts", "&About pathmapper"]
    samples = entries.open_sample_menu.actions()
    assert [action.text() for action in samples] == [title for title, _ in sample_map_entries()]
    samples[0].trigger()
    assert opened == [sample_map_entries()[0][1]]


def test_quick_start_action_opens_one_reused_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    entries = install_help_menu(window, window.menuBar(), lambda path: None)
    entries.quick_start.trigger()
    first = entries.quick_start_window
    assert first is not None and first.isVisible()
    entries.quick_start.trigger()
    assert entries.quick_start_window is first
    first.close()


def test_install_help_menu_makes_missing_menus_or_fills_one_menu(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    install_help_menu(window, window.menuBar(), lambda path: None)
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Help"]

    single = QMenu("Help")
    entries = install_help_menu(window, single, lambda path: None)
    assert menu_texts(single) == ["Open &sample", "&Quick start", "&About pathmapper"]
    assert entries.about.text() == "&About pathmapper"
