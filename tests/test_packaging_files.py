"""The packaging and desktop-integration files are well formed and agree with each other.

These read the files only: building with PyInstaller is `make package`, never part of the tests.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import PROJECT_ROOT

PACKAGING = PROJECT_ROOT / "packaging"
RESOURCES = PROJECT_ROOT / "resources"
ICONS = RESOURCES / "icons"
MIME_TYPE = "application/x-pathmapper+json"
MAP_ICON = "application-x-pathmapper+json"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
MIME_NAMESPACE = "{http://www.freedesktop.org/standards/shared-mime-info}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which always comes first."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert header[12:16] == b"IHDR", f"{path} has no IHDR first"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(RESOURCES / "linux" / "pathmapper.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_parses_and_opens_maps() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "pathmapper"
    assert entry["Exec"] == "pathmapper %f"
    assert entry["Icon"] == "pathmapper"
    assert entry["Terminal"] == "false"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")


def test_mime_xml_declares_the_map_type_with_both_globs() -> None:
    tree = ElementTree.parse(RESOURCES / "linux" / "pathmapper-mime.xml")
    root = tree.getroot()
    assert root.tag == f"{MIME_NAMESPACE}mime-info"
    (mime_type,) = root.findall(f"{MIME_NAMESPACE}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    globs = {glob.get("pattern") for glob in mime_type.findall(f"{MIME_NAMESPACE}glob")}
    assert globs == {"*.pathmap.json", "*.pathmap"}
    parents = [item.get("type") for item in mime_type.findall(f"{MIME_NAMESPACE}sub-class-of")]
    assert parents == ["application/json"]
    comment = mime_type.find(f"{MIME_NAMESPACE}comment")
    assert comment is not None and comment.text and "map" in comment.text
    icon = mime_type.find(f"{MIME_NAMESPACE}icon")
    assert icon is not None and icon.get("name") == MAP_ICON


@pytest.mark.parametrize("size", ICON_SIZES)
@pytest.mark.parametrize(("context", "name"), [("apps", "pathmapper"), ("mimetypes", MAP_ICON)])
def test_every_icon_size_is_a_png_of_that_size(size: int, context: str, name: str) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / context / f"{name}.png"
    assert path.is_file(), f"missing {path}: run packaging/render_icons.py"
    assert png_size(path) == (size, size)


@pytest.mark.parametrize("name", ["pathmapper", MAP_ICON])
def test_svg_icons_are_square_svg(name: str) -> None:
    root = ElementTree.parse(ICONS / f"{name}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"


def test_app_icon_uses_the_okabe_ito_lane_colours() -> None:
    from pathmapper.layout.style import BLUISH_GREEN, ORANGE, SKY_BLUE

    svg = (ICONS / "pathmapper.svg").read_text(encoding="utf-8")
    for colour in (SKY_BLUE, ORANGE, BLUISH_GREEN):
        assert f'fill="{colour}"' in svg


@pytest.mark.parametrize("name", ["pathmapper", MAP_ICON])
def test_windows_icons_hold_every_size_as_png(name: str) -> None:
    data = (ICONS / f"{name}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(ICON_SIZES))
    sizes = []
    for index in range(count):
        width, _height, _colours, _zero, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == PNG_SIGNATURE
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sorted(sizes) == list(ICON_SIZES)


def test_macos_icon_is_an_icns_with_png_entries() -> None:
    data = (ICONS / "pathmapper.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    position, kinds = 8, []
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == PNG_SIGNATURE
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert b"ic08" in kinds and b"icp4" in kinds  # 256 and 16 pixels


def spec_text() -> str:
    return (PACKAGING / "pathmapper.spec").read_text(encoding="utf-8")


def test_spec_is_python_and_names_entry_resources_and_samples() -> None:
    text = spec_text()
    ast.parse(text)  # a spec is Python run by PyInstaller
    assert '"entry.py"' in text
    for folder in ("fonts", "schema", "icons", "help"):
        assert f'"resources/{folder}"' in text, folder
    assert '"sample_maps"' in text and '"*.pathmap.json"' in text
    assert "pathmapper.ico" in text and "pathmapper.icns" in text
    assert "VSVersionInfo" in text and "__version__" in text
    assert "CFBundleDocumentTypes" in text and MIME_TYPE in text


def test_spec_leaves_out_unused_qt_but_keeps_the_local_socket() -> None:
    text = spec_text()
    for module in (
        "QtWebEngineCore",
        "Qt3DCore",
        "QtMultimedia",
        "QtQuick",
        "QtQml",
        "QtCharts",
        "QtDataVisualization",
        "QtPdf",
        "QtSql",
        "QtTest",
    ):
        assert f'"PySide6.{module}"' in text, module
    assert '"PySide6.QtNetwork"' not in text  # single_instance.py needs QLocalSocket
    assert '"PySide6.QtSvg"' not in text


def test_spec_bundles_every_resource_folder_the_app_reads() -> None:
    text = spec_text()
    shipped = sorted(path.name for path in RESOURCES.iterdir() if path.is_dir())
    for folder in shipped:
        assert f'"resources/{folder}"' in text, f"resources/{folder} is not in the build"


def test_entry_starts_the_program_as_the_installed_command_does() -> None:
    tree = ast.parse((PACKAGING / "entry.py").read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert any(
        node.module == "pathmapper.cli.program" and [alias.name for alias in node.names] == ["run"]
        for node in imports
    )


def test_smoke_test_script_is_executable_and_covers_the_brief() -> None:
    script = PACKAGING / "smoke_test.sh"
    assert script.is_file()
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash")
    assert "QT_QPA_PLATFORM=offscreen" in text
    for piece in ("--version", "validate", "--pdf", "--json", "du -sh"):
        assert piece in text, piece


def test_desktop_install_script_is_executable_and_refreshes_the_caches() -> None:
    script = PACKAGING / "linux" / "install-desktop.sh"
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    for command in ("update-mime-database", "update-desktop-database", "xdg-mime default"):
        assert command in text


def test_makefile_has_the_packaging_targets_outside_make_test() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*?)(?<!\\)$", makefile, re.MULTILINE | re.DOTALL)
    assert phony is not None
    for target in ("package", "install-desktop", "uninstall-desktop"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
        assert target in phony.group(1).split(), target
    test_line = re.search(r"^test:(.*)$", makefile, re.MULTILINE)
    assert test_line is not None and "package" not in test_line.group(1)


def test_windows_installer_registers_both_extensions() -> None:
    recipe = (PACKAGING / "windows" / "pathmapper.iss").read_text(encoding="utf-8")
    assert r"Software\Classes\.pathmap" in recipe
    assert r"Software\Classes\.json\OpenWithProgids" in recipe
    assert "{group}" in recipe  # the Start menu entry
    assert r"dist\pathmapper" in recipe
