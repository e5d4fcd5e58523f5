"""`make bench`: one table of pathmapper's speed and memory against the workshop limits.

    python -m tests.bench.run [--quick] [--markdown]

Generates maps of 100, 1,000, 5,000 and 10,000 steps (the last for analysis only), then
measures, each figure the median of several runs (the Runs column says how many): cold start
of the editor against a bare PySide6 window; open + first paint; full repaints at fit zoom and
at 100%; zoom steps; the frames of a drag of 50 selected steps; analysis (in-process and the
whole `pathmapper check`); the whole `pathmapper simulate` on a sample; PDF export; draw.io
import; peak memory; and Graphviz `dot -Tpdf` on
the same graph when `dot` is installed. Windows are shown on a private Xvfb server when there is
one (offscreen otherwise). Every subprocess has a time limit, so the bench cannot hang.

Exit status 0 when every figure was measured (misses included: they are reported, not fatal),
1 when a measurement could not be made.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pathmapper.io import load_map
from tests.bench.display import Display, bench_display
from tests.bench.machine import describe_machine
from tests.bench.maps import write_dot, write_drawio_copy, write_maps, write_portfolio
from tests.bench.measure import (
    BenchError,
    Row,
    Target,
    analysis_seconds,
    load_average,
    median,
    run_timed,
)
from tests.bench.picture import measure_picture
from tests.bench.sizes import (
    PROJECT_ROOT,
    guarded_rows,
    measure_check_against_bpmnlint,
    measure_check_memory,
    measure_complete_graph,
    measure_default_png,
    measure_tiled_pdf,
)
from tests.bench.table import markdown_table, text_table

WINDOW_HARNESS = Path(__file__).with_name("bench_window.py")
EDITOR_SIZES = (100, 1000, 5000)
ANALYSIS_SIZES = (1000, 10000)
START_RATIO = Target(1.5, "< 1.5x bare")
COLD_START = {100: Target(1.0, "< 1 s"), 1000: Target(1.5, "< 1.5 s")}  # to the map painted
OPEN_PAINT = Target(1.0, "< 1 s")
REPAINT = Target(50.0, "< 50 ms")
DRAG_FRAME = Target(16.0, "< 16 ms")
ANALYSIS = {1000: Target(0.5, "< 0.5 s"), 10000: Target(5.0, "< 5 s")}
# The whole `pathmapper check` process (issue #3, and #22 for 10,000 steps): start, load,
# analyse and write the JSON.
CHECK_PROCESS = {1000: Target(1.0, "< 1 s"), 10000: Target(3.0, "< 3 s")}
PDF = Target(2.0, "< 2 s")
# 40 pathways of 100 steps against 10 standards in one `pathmapper check` (issue #23).
STANDARDS_PORTFOLIO = Target(5.0, "< 5 s")
MEMORY = Target(400.0, "< 400 MB")
# The whole `pathmapper simulate` on the MSK to-be sample, 52 weeks x 20 runs (issue #24).
SIMULATE_PROCESS = Target(10.0, "< 10 s")
SIMULATED_SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "sample_maps"
    / "msk-single-point-of-access-to-be.pathmap.json"
)
DOT_LIMIT_S = 300.0


@dataclass(frozen=True)
class Runs:
    """How many times each kind of measurement is repeated (the median is reported)."""

    start: int = 5
    session: tuple[tuple[int, int], ...] = ((100, 3), (1000, 3), (5000, 1))
    analysis_in_process: int = 5
    analysis_in_process_slow: int = 3
    process: int = 3
    dot: int = 1

    def session_runs(self, steps: int) -> int:
        return dict(self.session).get(steps, 1)


QUICK = Runs(1, ((100, 1), (1000, 1), (5000, 1)), 1, 1, 1, 1)


def pathmapper_command() -> list[str]:
    """The installed `pathmapper` command beside this Python, as people run it."""
    script = Path(sys.executable).with_name("pathmapper")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "pathmapper.cli.program"]


def parse_bench_line(stdout: str) -> dict[str, float]:
    """The figures a window harness printed on its `BENCH {...}` line."""
    for line in stdout.splitlines():
        if line.startswith("BENCH "):
            figures: dict[str, float] = json.loads(line[len("BENCH ") :])
            return figures
    raise BenchError("the window harness printed no figures")


def steps_name(steps: int) -> str:
    return f"{steps:,} steps"


def _failed(what: str, error: Exception) -> Row:
    return Row(what, None, "s", 0, note=str(error))


# ------------------------------------------------------------------------------------ start


def _start_seconds(display: Display, mode: str, map_file: Path | None) -> float:
    command = [sys.executable, str(WINDOW_HARNESS), mode]
    if map_file is not None:
        command.append(str(map_file))
    started = time.time()
    stdout = run_timed(command, env=display.env).stdout
    return parse_bench_line(stdout)["painted_at"] - started


def measure_starts(display: Display, maps: dict[int, Path], runs: Runs) -> list[Row]:
    """Cold starts to the first paint, the bare window and the editor taking turns."""
    sizes = (100, 1000)
    bare: list[float] = []
    editor: dict[int, list[float]] = {steps: [] for steps in sizes}
    for _ in range(runs.start):
        bare.append(_start_seconds(display, "bare", None))
        for steps in sizes:
            editor[steps].append(_start_seconds(display, "start", maps[steps]))
    floor = median(bare)
    rows = [Row("Cold start: bare PySide6 QMainWindow (floor)", floor, "s", runs.start)]
    for steps in sizes:
        figure = median(editor[steps])
        rows.append(
            Row(
                f"Cold start: `pathmapper MAP`, {steps_name(steps)}",
                figure,
                "s",
                runs.start,
                COLD_START.get(steps),
                "from the command to the map painted",
            )
        )
        rows.append(
            Row(
                f"Cold start ratio to bare window, {steps_name(steps)}",
                figure / floor,
                "x",
                runs.start,
                START_RATIO if steps == 100 else None,
                "target applies to a workshop-size map" if steps == 100 else "",
            )
        )
    return rows


# ---------------------------------------------------------------------------------- editor


def measure_editor(display: Display, steps: int, map_file: Path, runs: int) -> list[Row]:
    """Open, repaint, zoom and drag in the real editor window, `runs` fresh processes."""
    sessions = []
    for _ in range(runs):
        command = [sys.executable, str(WINDOW_HARNESS), "session", str(map_file)]
        stdout = run_timed(command, env=display.env, limit_s=180.0).stdout
        sessions.append(parse_bench_line(stdout))

    def figure(key: str) -> float:
        return median([session[key] for session in sessions])

    name = steps_name(steps)
    fit = f"{figure('zoom_fit') * 100:.0f}%"
    fit_note = "zoom at its 5% floor: the map is wider than the window" if fit == "5%" else ""
    return [
        Row(f"Open + first paint, {name}", figure("open_s"), "s", runs,
            OPEN_PAINT if steps == 1000 else None,
            f"CPU {figure('open_cpu_s'):.3f} s; {figure('items'):.0f} scene items"),
        Row(f"Full repaint at fit zoom ({fit}), {name}", figure("repaint_fit_s") * 1000, "ms",
            runs * 5, REPAINT, fit_note),
        Row(f"Full repaint at 100%, {name}", figure("repaint_100_s") * 1000, "ms", runs * 5,
            REPAINT),
        Row(f"Zoom step (in or out) + repaint at fit, {name}", figure("zoom_step_s") * 1000,
            "ms", runs * 6, REPAINT, "held to the repaint target"),
        Row(f"Drag 50 selected steps: frame, {name}", figure("drag_frame_s") * 1000, "ms",
            runs * 30, DRAG_FRAME, f"CPU {figure('drag_frame_cpu_s') * 1000:.1f} ms; "
            f"worst frame {figure('drag_frame_worst_s') * 1000:.0f} ms"),
        Row(f"Drop of the 50 dragged steps (one command), {name}", figure("drop_s") * 1000,
            "ms", runs),
        Row(f"Peak memory (VmHWM) with the map open and used, {name}", figure("peak_rss_mb"),
            "MB", runs, MEMORY if steps == 5000 else None,
            f"{figure('rss_open_mb'):.0f} MB just after open"),
    ]  # fmt: skip


# ------------------------------------------------------------------------------- Qt-free


def measure_analysis(maps: dict[int, Path], runs: Runs) -> list[Row]:
    # The floor: starting Python and importing the model and the analysis, on a small map.
    floor = [
        run_timed([*pathmapper_command(), "check", str(maps[100]), "--format", "json"],
                  ok_statuses=(0, 1))
        for _ in range(runs.process)
    ]  # fmt: skip
    rows = [
        Row("`pathmapper check` whole process, 100 steps (the start-up floor)",
            median([c.wall for c in floor]), "s", runs.process, None,
            f"CPU {median([c.cpu for c in floor]):.3f} s")
    ]  # fmt: skip
    for steps in ANALYSIS_SIZES:
        in_process = runs.analysis_in_process if steps <= 1000 else runs.analysis_in_process_slow
        walls, cpus = analysis_seconds(maps[steps], in_process)
        rows.append(
            Row(f"Analysis in-process (`analyse`), {steps_name(steps)}", median(walls), "s",
                in_process, ANALYSIS[steps], f"map already loaded; CPU {median(cpus):.3f} s")
        )  # fmt: skip
        command = [*pathmapper_command(), "check", str(maps[steps]), "--format", "json"]
        # exit status 1 means "findings include errors": the check still ran to the end
        checks = [run_timed(command, ok_statuses=(0, 1)) for _ in range(runs.process)]
        rows.append(
            Row(f"`pathmapper check` whole process, {steps_name(steps)}",
                median([c.wall for c in checks]), "s", runs.process, CHECK_PROCESS[steps],
                f"start, load, analyse, write JSON; CPU {median([c.cpu for c in checks]):.3f} s")
        )  # fmt: skip
    return rows


def measure_standards(folder: Path, runs: Runs) -> list[Row]:
    maps, standards = write_portfolio(folder)
    command = [*pathmapper_command(), "check", str(maps), "--standards", str(standards),
               "--format", "json", "--csv", str(folder / "portfolio.csv")]  # fmt: skip
    # exit status 1: some error finding or error standard, the check still ran to the end
    checks = [run_timed(command, ok_statuses=(0, 1)) for _ in range(runs.process)]
    return [
        Row("`pathmapper check FOLDER --standards --csv`, 40 pathways of 100 steps, 10 standards",
            median([c.wall for c in checks]), "s", runs.process, STANDARDS_PORTFOLIO,
            f"whole process; CPU {median([c.cpu for c in checks]):.3f} s")
    ]  # fmt: skip


def measure_simulation(runs: Runs) -> list[Row]:
    command = [*pathmapper_command(), "simulate", str(SIMULATED_SAMPLE), "--weeks", "52",
               "--runs", "20", "--format", "json"]  # fmt: skip
    simulations = [run_timed(command) for _ in range(runs.process)]
    processors = os.cpu_count() or 1
    return [
        Row("`pathmapper simulate`, MSK to-be sample, 52 weeks x 20 runs",
            median([s.wall for s in simulations]), "s", runs.process, SIMULATE_PROCESS,
            f"whole process, runs in {processors} worker processes; "
            f"CPU {median([s.cpu for s in simulations]):.3f} s")
    ]  # fmt: skip


def measure_pdf(map_file: Path, folder: Path, runs: Runs) -> tuple[Row, float]:
    exports = [
        run_timed([*pathmapper_command(), "export", str(map_file), "--pdf", str(out)])
        for out in (folder / f"pathmapper-{run}.pdf" for run in range(runs.process))
    ]
    figure = median([export.wall for export in exports])
    cpu = median([export.cpu for export in exports])
    row = Row("PDF export (`pathmapper export --pdf`), 1,000 steps", figure, "s", runs.process,
              PDF, f"whole process, A3 fit to one page; CPU {cpu:.3f} s")  # fmt: skip
    return row, figure


def measure_dot(map_file: Path, folder: Path, runs: Runs, pathmapper_pdf_s: float) -> Row:
    what = "Graphviz `dot -Tpdf` on the same graph, 1,000 steps"
    dot = shutil.which("dot")
    if dot is None:
        return Row(what, None, "s", 0, note="not installed (apt-get install graphviz)")
    source = write_dot(load_map(map_file), folder)
    times = []
    for run in range(runs.dot):
        out = folder / f"dot-{run}.pdf"
        # dot ends with status 1 after warnings about spline routing in big clustered graphs,
        # though it still writes the PDF: that counts, an empty or missing PDF does not
        times.append(run_timed([dot, "-Tpdf", str(source), "-o", str(out)], limit_s=DOT_LIMIT_S,
                               ok_statuses=(0, 1)).wall)  # fmt: skip
        if not out.is_file() or out.stat().st_size == 0:
            raise BenchError("dot wrote no PDF")
    figure = median(times)
    ratio = figure / pathmapper_pdf_s
    return Row(what, figure, "s", runs.dot, None, f"{ratio:.1f}x pathmapper's PDF export time")


def measure_drawio_import(map_file: Path, folder: Path, runs: Runs) -> Row:
    drawio = write_drawio_copy(load_map(map_file), folder)
    imports = [
        run_timed([*pathmapper_command(), "import", str(drawio), "-o", str(out)])
        for out in (folder / f"imported-{run}.pathmap.json" for run in range(runs.process))
    ]
    cpu = median([done.cpu for done in imports])
    return Row("draw.io import (`pathmapper import`), 1,000 steps",
               median([done.wall for done in imports]), "s", runs.process, None,
               f"whole process; input from `export --drawio`; CPU {cpu:.3f} s")  # fmt: skip


# ------------------------------------------------------------------------------------ main


def _guarded(what: str, measure: Callable[[], list[Row]]) -> list[Row]:
    """Run one group of measurements; a failure becomes a FAILED row, the bench goes on."""
    try:
        return measure()
    except (BenchError, RuntimeError, OSError, ValueError, KeyError) as error:
        return [_failed(what, error)]


def run_bench(folder: Path, runs: Runs, progress: Callable[[str], None]) -> tuple[list[Row], str]:
    progress("generating maps of 100, 1,000, 5,000 and 10,000 steps")
    maps = write_maps(folder / "maps", sorted({*EDITOR_SIZES, *ANALYSIS_SIZES}))
    rows: list[Row] = []
    with bench_display(folder / "home") as display:
        progress(f"cold starts ({display.name})")
        rows += _guarded("Cold start", lambda: measure_starts(display, maps, runs))
        for steps in EDITOR_SIZES:
            progress(f"editor session on {steps_name(steps)}")
            session = partial(measure_editor, display, steps, maps[steps], runs.session_runs(steps))
            rows += _guarded(f"Editor, {steps_name(steps)}", session)
        platform_name = display.name
    progress("picture quality: rule breaks, map sizes, routing")
    rows += _guarded("Picture", lambda: measure_picture(runs.process))
    progress("analysis")
    rows += _guarded("Analysis", lambda: measure_analysis(maps, runs))
    progress("programme standards over a portfolio")
    rows += _guarded("Programme standards", lambda: measure_standards(folder, runs))
    progress("what-if simulation of a sample")
    rows += _guarded("Simulation", lambda: measure_simulation(runs))
    progress("PDF export, dot, draw.io import")
    pdf_seconds: list[float] = []

    def pdf_rows() -> list[Row]:
        row, seconds = measure_pdf(maps[1000], folder, runs)
        pdf_seconds.append(seconds)
        return [row]

    rows += _guarded("PDF export, 1,000 steps", pdf_rows)
    if pdf_seconds:
        rows += _guarded(
            "Graphviz dot", lambda: [measure_dot(maps[1000], folder, runs, pdf_seconds[0])]
        )
    rows += _guarded("draw.io import", lambda: [measure_drawio_import(maps[1000], folder, runs)])
    progress("speed at every size: check against bpmnlint, tiled PDF, render, complete graph")
    command = pathmapper_command()
    rows += guarded_rows(
        "`pathmapper check` against bpmnlint",
        lambda: measure_check_against_bpmnlint(folder, command, runs.process),
    )
    rows += guarded_rows("Peak memory of check", lambda: [measure_check_memory(maps[10000])])
    rows += guarded_rows(
        "Tiled PDF", lambda: [measure_tiled_pdf(maps[5000], folder, command, runs.dot)]
    )
    rows += guarded_rows("render --png", lambda: [measure_default_png(maps[1000], folder, command)])
    rows += guarded_rows("Complete graph", lambda: [measure_complete_graph(runs.dot)])
    return rows, platform_name


def compile_bytecode() -> None:
    """Compile pathmapper's modules before measuring anything. A user's Python keeps them
    compiled beside the sources from the first start on (and the packaged program ships them
    so); a machine that tells Python not to write them (PYTHONDONTWRITEBYTECODE, set on some
    build machines) would otherwise compile every module again at every start measured."""
    compileall.compile_dir(PROJECT_ROOT / "src", quiet=1)


def _load_text(load: tuple[float, float, float]) -> str:
    return f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} (1/5/15 min)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="every measurement once")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    options = parser.parse_args(argv)
    runs = QUICK if options.quick else Runs()
    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"bench: {text} ...", file=sys.stderr, flush=True)

    compile_bytecode()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="pathmapper-bench-") as temporary:
        rows, platform_name = run_bench(Path(temporary), runs, progress)
    load_after = load_average()
    print()
    for what, value in describe_machine():
        print(f"{what + ':':<10} {value}")
    print(f"{'windows:':<10} {platform_name}")
    print(f"{'date:':<10} {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"{'took:':<10} {time.perf_counter() - started:.0f} s")
    print(f"{'load:':<10} {_load_text(load_before)} before, {_load_text(load_after)} after")
    print(f"{'bytecode:':<10} compiled before the runs, as a user's Python keeps it")
    if max(load_before[0], load_after[0]) > (os.cpu_count() or 1) * 0.5:
        print(
            "           other work was running: wall-clock figures are inflated; the CPU "
            "figures in the notes are less so. Run again on a quiet machine to compare."
        )
    print()
    print(text_table(rows))
    if options.markdown:
        print()
        print(markdown_table(rows))
    return 1 if any(row.verdict == "FAILED" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
