"""The layering, checked by reading the imports (import-linter checks it again in make test)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "pathmapper"
QT_FREE = [
    "model",
    "analysis",
    "io",
    "merge",
    "export",
    "commands",
    "layout",
    "standards",
    "simulation",
]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE)
def test_core_packages_never_import_qt(package: str) -> None:
    offenders = [
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in sorted((SOURCE / package).rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith("pathmapper.ui")
    ]
    assert offenders == []


def test_qt_is_imported_only_by_the_ui_and_the_editor_entry() -> None:
    allowed = {"ui", "cli/editor.py"}
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if any(n.split(".")[0] == "PySide6" for n in imported_modules(path))
        and not any(str(path.relative_to(SOURCE)).startswith(prefix) for prefix in allowed)
    ]
    assert offenders == []


def test_command_line_tools_run_without_loading_qt(tmp_path: Path) -> None:
    sample = tmp_path / "m.pathmap.json"
    sample.write_text('{"format": "pathmapper-map", "schema_version": 1}', encoding="utf-8")
    code = (
        "import sys\n"
        "from pathmapper.cli.main import main\n"
        f"status = main(['validate', '-q', {str(sample)!r}])\n"
        "assert status == 0, status\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_canvas_hides_no_import_inside_a_function() -> None:
    """An import inside a function is how an import circle hides; the canvas has none (and
    import-linter checks that the ui packages have no circle)."""
    offenders = [
        f"{path.name}:{node.lineno}"
        for path in sorted((SOURCE / "ui" / "canvas").glob("*.py"))
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert offenders == []


def test_no_module_name_repeats_across_packages() -> None:
    """A name says which module it is wherever it is read: no two `theme.py`."""
    seen: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name != "__init__.py":
            seen.setdefault(path.name, []).append(str(path.relative_to(SOURCE)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
