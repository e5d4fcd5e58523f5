"""Importing the analysis does not import networkx: the editor imports the analysis package at
start (for its findings docks) and networkx costs about a quarter of a second to import, paid
only when a map is first analysed (see docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pathmapper.analysis import analyse
from pathmapper.analysis.generate import generate_map

SAMPLES = Path(__file__).resolve().parents[1] / "sample_maps"


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


def test_importing_the_analysis_leaves_networkx_unimported() -> None:
    modules = _modules_after("import pathmapper.analysis, pathmapper.analysis.engine")
    assert "pathmapper.analysis.loops" in modules
    assert "networkx" not in modules
    assert "rapidfuzz" not in modules


def test_a_plain_check_loads_neither_standards_nor_exports() -> None:
    """`pathmapper check MAP` pays only for what it prints (issue #22: the start-up floor)."""
    sample = str(SAMPLES / "community-cardiology-as-is.pathmap.json")
    modules = _modules_after(
        "import contextlib, io\n"
        "from pathmapper.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {sample!r}, '--format', 'json'])"
    )
    assert "pathmapper.analysis.duplication" in modules
    unwanted = {"pathmapper.standards", "pathmapper.export.csv_tables", "reportlab", "PySide6"}
    assert not unwanted & modules
    assert "pathmapper.analysis.report_text" not in modules  # JSON asked for, not text


def test_analysing_a_map_still_finds_loops_handoffs_and_bottlenecks() -> None:
    analysis = analyse(generate_map(200, seed=3))
    codes = {finding.code for finding in analysis.findings}
    assert analysis.cycles, "the generated map has re-referral and repeat-test loops"
    assert "loop.cycle" in codes or "loop.expected" in codes
    assert analysis.handoff_flows and analysis.cross_org_flows
    assert analysis.bottlenecks, "every route passes the first GP consultation"
