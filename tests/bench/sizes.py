"""The rows of issue #22, speed at every size: `check` against bpmnlint on the same pathway,
`check` of 10,000 steps within its time and memory, the tiled PDF of 5,000 steps, `render --png`
with no options on a big map, and the bounce search on a complete graph of 100 steps.

bpmnlint (its recommended rules) is installed with npm into the tests' cache folder, as
tests/bpmn_tools.py does; without node and npm its row says so and the bench goes on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pathmapper.analysis import analyse
from pathmapper.model import Flow, Lane, PathMap, Step
from tests.bench.measure import BenchError, Row, Target, median, run_timed

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The peer benchmarks' generator lives in the shared folder beside the repository.
PATHWAY_GENERATOR = PROJECT_ROOT.parent / "shared" / "bench" / "gen_pathway.py"
CHECK_10000 = Target(3.0, "< 3 s")
CHECK_MEMORY = Target(400.0, "< 400 MB")
TILED_PDF = Target(10.0, "< 10 s")
BOUNCE = Target(5.0, "< 5 s")


# Runs `pathmapper ARGS...` in a fresh Python, started as the installed command starts it, and
# reports its own high-water mark from /proc/self/status. (The rusage of a child also counts the
# memory of the process that started it, the bench's, so it cannot be used.)
_PEAK_WRAPPER = """
import sys
from pathmapper.cli.program import run
try:
    status = run()
finally:
    with open("/proc/self/status", encoding="ascii") as status_file:
        for line in status_file:
            if line.startswith("VmHWM:"):
                print("PEAK_KB", line.split()[1], file=sys.stderr)
sys.exit(status)
"""


def peak_memory_mb(arguments: Sequence[str], limit_s: float = 120.0) -> float:
    """The peak resident memory (MB) of `pathmapper ARGUMENTS` run in a process of its own."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PEAK_WRAPPER, *arguments],
            capture_output=True,
            text=True,
            timeout=limit_s,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"pathmapper {arguments[0]} took longer than {limit_s:.0f} s") from error
    if done.returncode not in (0, 1):
        raise BenchError(f"pathmapper {arguments[0]} ended with status {done.returncode}")
    for line in done.stderr.splitlines():
        if line.startswith("PEAK_KB "):
            return int(line.split()[1]) / 1024
    raise BenchError("the peak memory could not be read (no /proc/self/status?)")


def _peer_pathway(folder: Path, command: list[str]) -> tuple[Path, Path]:
    """The 1,000-step pathway of the peer benchmarks: its BPMN, and its draw.io file imported."""
    if not PATHWAY_GENERATOR.is_file():
        raise BenchError(f"{PATHWAY_GENERATOR} is not there (the shared bench folder)")
    out = folder / "pathway"
    run_timed([sys.executable, str(PATHWAY_GENERATOR), "1000", "--out", str(out)])
    imported = folder / "pathway_1000.pathmap.json"
    run_timed([*command, "import", str(out / "pathway_1000.drawio"), "-o", str(imported)])
    return out / "pathway_1000.bpmn", imported


def measure_check_against_bpmnlint(folder: Path, command: list[str], runs: int) -> list[Row]:
    """`check` of the pathway imported from draw.io, bpmnlint of its BPMN, taking turns."""
    from tests.bpmn_tools import BpmnlintUnavailable, install_bpmnlint

    bpmn, imported = _peer_pathway(folder, command)
    check = [*command, "check", str(imported), "--format", "json"]
    what = "`pathmapper check`, the 1,000-step peer pathway (draw.io imported)"
    try:
        lint = install_bpmnlint()
    except BpmnlintUnavailable as error:
        checks = [run_timed(check, ok_statuses=(0, 1)) for _ in range(runs)]
        return [
            Row(what, median([c.wall for c in checks]), "s", runs, None,
                f"CPU {median([c.cpu for c in checks]):.3f} s"),
            Row("bpmnlint (recommended rules) on the same pathway's BPMN", None, "s", 0,
                note=f"not measured: {error}"),
        ]  # fmt: skip
    linting = [str(lint.program), "--config", str(lint.config), str(bpmn)]
    checks, lints = [], []
    for _ in range(runs):
        checks.append(run_timed(check, ok_statuses=(0, 1)))
        lints.append(run_timed(linting, ok_statuses=(0, 1)))  # 1: it found problems
    peer = median([done.wall for done in lints])
    figure = median([done.wall for done in checks])
    return [
        Row(what, figure, "s", runs, Target(peer, f"< bpmnlint ({peer:.2f} s)"),
            f"CPU {median([c.cpu for c in checks]):.3f} s; {figure / peer:.2f}x bpmnlint"),
        Row("bpmnlint (recommended rules) on the same pathway's BPMN (the peer)", peer, "s",
            runs, None, f"CPU {median([done.cpu for done in lints]):.3f} s"),
    ]  # fmt: skip


def measure_check_memory(map_file: Path) -> Row:
    figure = peak_memory_mb(["check", str(map_file), "--format", "json"])
    return Row("Peak memory of `pathmapper check`, 10,000 steps", figure, "MB", 1, CHECK_MEMORY,
               "the whole process (VmHWM)")  # fmt: skip


def measure_tiled_pdf(map_file: Path, folder: Path, command: list[str], runs: int) -> Row:
    exports = [
        run_timed([*command, "export", str(map_file), "--pdf", str(out), "--tile"], limit_s=300)
        for out in (folder / f"tiled-{run}.pdf" for run in range(runs))
    ]
    cpu = median([done.cpu for done in exports])
    return Row("Tiled PDF (`export --pdf --tile`), 5,000 steps", median([d.wall for d in exports]),
               "s", runs, TILED_PDF, f"whole process, A3 tiles at the automatic scale; CPU "
               f"{cpu:.3f} s")  # fmt: skip


def measure_default_png(map_file: Path, folder: Path, command: list[str]) -> Row:
    """`render --png` with no options on 1,000 steps: it failed there before issue #22."""
    out = folder / "render-1000.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = run_timed([*command, "render", str(map_file), "--png", str(out)], env=env)
    size = done.stdout.splitlines()[0].split(": ", 1)[-1] if done.stdout else "?"
    return Row("`render --png` with no options, 1,000 steps", done.wall, "s", 1, None,
               f"works: {size}")  # fmt: skip


def complete_graph(steps: int = 100) -> PathMap:
    """Every step flowing to every other, across four organisations: the most routes and
    bounces a map of this size can have."""
    lanes = [Lane(id=f"l{k}", name=f"Service {k}", organisation=f"Organisation {k}")
             for k in range(4)]  # fmt: skip
    kinds = ["start", *["activity"] * (steps - 2), "end"]
    return PathMap(
        id="complete",
        title="Complete graph",
        lanes=lanes,
        steps=[Step(id=f"s{n}", kind=kind, lane=f"l{n % 4}", label=f"Step {n}")  # type: ignore[arg-type]
               for n, kind in enumerate(kinds)],
        flows=[Flow(id=f"f{a}-{b}", source=f"s{a}", target=f"s{b}")
               for a in range(steps) for b in range(steps) if a != b],
    )  # fmt: skip


def measure_complete_graph(runs: int) -> Row:
    path_map = complete_graph()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        analysis = analyse(path_map)
        times.append(time.perf_counter() - started)
    pings = sum(1 for finding in analysis.findings if finding.code == "handoff.ping_pong")
    bounded = " (bounded)" if analysis.routes_truncated else ""
    note = f"9,900 flows; {len(analysis.routes):,} routes{bounded}; {pings} bounce findings"
    what = "Analysis (bounces, loops, routes) of a complete graph of 100 steps"
    return Row(what, median(times), "s", runs, BOUNCE, note)


def guarded_rows(what: str, measure: Callable[[], list[Row]]) -> list[Row]:
    try:
        return measure()
    except (BenchError, OSError, ValueError, IndexError) as error:
        return [Row(what, None, "s", 0, note=str(error))]
