"""Qt-free measuring: medians, timed calls and timed subprocesses (each with a time limit),
and the rows of the bench table with their targets."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pathmapper.analysis import analyse
from pathmapper.io import load_map

SUBPROCESS_LIMIT_S = 120.0


class BenchError(RuntimeError):
    """A measurement could not be made (a subprocess failed or ran out of time)."""


@dataclass(frozen=True)
class Target:
    """A limit a figure must stay under; `text` says it as the table shows it."""

    limit: float
    text: str

    def met_by(self, figure: float) -> bool:
        return figure < self.limit


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, the figure (its median), the target."""

    what: str
    figure: float | None
    unit: str
    runs: int
    target: Target | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.figure is None:
            return "FAILED"
        if self.target is None:
            return "-"
        return "PASS" if self.target.met_by(self.figure) else "MISS"

    def shown_figure(self) -> str:
        if self.figure is None:
            return "n/a"
        if self.unit == "s":
            return f"{self.figure:.3f} s" if self.figure < 10 else f"{self.figure:.1f} s"
        if self.unit == "ms":
            return f"{self.figure:.1f} ms"
        if self.unit == "MB":
            return f"{self.figure:.0f} MB"
        if self.unit == "x":
            return f"{self.figure:.2f}x"
        return f"{self.figure:g} {self.unit}"


def median(values: Sequence[float]) -> float:
    if not values:
        raise BenchError("no values to take the median of")
    return float(statistics.median(values))


@dataclass(frozen=True)
class Timed:
    """A finished subprocess: wall seconds, CPU seconds (user + system) and what it printed."""

    wall: float
    cpu: float
    stdout: str


def run_timed(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    limit_s: float = SUBPROCESS_LIMIT_S,
    cwd: Path | None = None,
    ok_statuses: Sequence[int] = (0,),
) -> Timed:
    """Run a command to its end; a command that fails or takes longer than `limit_s` raises
    BenchError (and is killed), so the bench can never hang."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(command),
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=limit_s,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{' '.join(command[:3])} took longer than {limit_s:.0f} s") from error
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok_statuses:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise BenchError(f"{' '.join(command[:3])} ended with status {done.returncode}: {last}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(elapsed, cpu, done.stdout)


def analysis_seconds(map_file: Path, runs: int) -> tuple[list[float], list[float]]:
    """The analysis alone, in this process, on a map already loaded: (wall, CPU) seconds."""
    path_map = load_map(map_file)
    analyse(path_map)  # warm: imports and first-call caches are not the analysis
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        cpu_started, started = time.process_time(), time.perf_counter()
        analyse(path_map)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return walls, cpus


def load_average() -> tuple[float, float, float]:
    """The machine's 1, 5 and 15 minute load averages: other work competing for the cores."""
    return os.getloadavg()
