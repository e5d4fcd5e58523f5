"""`pathmapper simulate MAP [--weeks 52] [--warmup 4] [--runs 20] [--seed 1]
[--format text|json]`: what if, demand and capacity through a map (`simulation.md`).

Exit 0 with the figures, 2 when the map cannot be read or cannot be simulated (the reason on
stderr), 130 when stopped with Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from pathmapper.cli.common import CommandError, load_or_fail
from pathmapper.simulation import (
    SimulationRefused,
    SimulationResult,
    SimulationSettings,
    StepResult,
    simulate,
)
from pathmapper.simulation.parallel_runs import LARGEST_RUNS, LARGEST_WEEKS

# The bar appears only when the wait is long enough to wonder whether anything is happening.
PROGRESS_AFTER_SECONDS = 1.0
PROGRESS_WIDTH = 30
LABEL_WIDTH = 40


def _whole_number(option: str, lowest: int, highest: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = lowest - 1
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(
                f"{option} takes a whole number from {lowest} to {highest}, not '{text}'"
            )
        return value

    return parse


def _any_whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed takes a whole number, not '{text}'") from None


def register(subparsers: Any) -> None:
    defaults = SimulationSettings()
    parser = subparsers.add_parser(
        "simulate",
        help="what if: simulate demand and capacity through a map",
        description=(
            "Simulate patients arriving at the map's start (its arrivals a week), queueing for "
            "the steps with capacity and taking the branches with their probabilities. Prints "
            "each step's predicted wait beside the stated one, how busy it is, the queue at "
            "the end and the lead time. Exit 2 when the map cannot be simulated (the reason "
            "on stderr)."
        ),
    )
    parser.add_argument("map", metavar="MAP", help="a .pathmap.json file")
    parser.add_argument(
        "--weeks",
        type=_whole_number("--weeks", 1, LARGEST_WEEKS),
        default=defaults.weeks,
        help=f"weeks to simulate after the warm-up (default {defaults.weeks})",
    )
    parser.add_argument(
        "--warmup",
        type=_whole_number("--warmup", 0, LARGEST_WEEKS),
        default=defaults.warmup_weeks,
        help=(
            "weeks simulated first and left out of the figures, so queues are not counted "
            f"from empty (default {defaults.warmup_weeks})"
        ),
    )
    parser.add_argument(
        "--runs",
        type=_whole_number("--runs", 1, LARGEST_RUNS),
        default=defaults.runs,
        help=f"independent runs, for the confidence intervals (default {defaults.runs})",
    )
    parser.add_argument(
        "--seed",
        type=_any_whole_number,
        default=defaults.seed,
        help=f"the same seed gives the same figures (default {defaults.seed})",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for other tools",
    )
    parser.set_defaults(handler=run)


class ProgressBar:
    """Runs done, on a terminal's stderr, once the simulation has taken over a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = False
        self.enabled = stream.isatty()

    def update(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
            return
        filled = PROGRESS_WIDTH * done // total
        bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
        self.stream.write(f"\rSimulating [{bar}] {done}/{total} runs")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (PROGRESS_WIDTH + 40) + "\r")
            self.stream.flush()


def run(options: argparse.Namespace) -> int:
    path_map = load_or_fail(options.map)
    settings = SimulationSettings(
        weeks=options.weeks, warmup_weeks=options.warmup, runs=options.runs, seed=options.seed
    )
    bar = ProgressBar(sys.stderr)
    try:
        result = simulate(path_map, settings, progress=bar.update)
    except SimulationRefused as refused:
        raise CommandError(f"{options.map}: cannot simulate: {refused}") from None
    finally:
        bar.close()
    if options.format == "json":
        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        labels = {step.id: step.label for step in path_map.steps}
        sys.stdout.write(render_result(result, path_map.title or options.map, labels))
    return 0


def _days(value: float) -> str:
    # A confidence interval around a wait near zero can reach below it; no wait is negative.
    return f"{max(value, 0.0):.1f}"


def _label(text: str) -> str:
    text = " ".join(text.split()) or "(no label)"
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"


def _step_line(step: StepResult, label: str, unstable: bool) -> str:
    wait = step.mean_wait_days
    predicted = f"{_days(wait.mean)} ({_days(wait.low)} to {_days(wait.high)})"
    stated = "-" if step.stated_wait_days is None else _days(step.stated_wait_days)
    mark = "!" if unstable else " "
    return (
        f"{_label(label):<{LABEL_WIDTH}} {mark} {step.arrivals_per_week:>9.1f} "
        f"{step.utilisation * 100:>5.0f}%  {predicted:<24} {stated:>7} {step.queue_at_end:>12.1f}"
    )


def render_result(result: SimulationResult, title: str, labels: dict[str, str]) -> str:
    """The figures as a table for people: one line per step with capacity, then the pathway."""
    settings = result.settings
    lines = [
        f"What if: {title}",
        f"{settings.weeks} weeks after a {settings.warmup_weeks}-week warm-up, "
        f"{settings.runs} runs (seed {settings.seed}); {result.arrivals_per_week:.1f} patients "
        "arriving a week",
        "",
    ]
    if result.steps:
        lines.append(
            f"{'Step with capacity':<{LABEL_WIDTH}}   {'Arrive/wk':>9} {'Busy':>6}  "
            f"{'Mean wait, days (95% CI)':<24} {'Stated':>7} {'Queue at end':>12}"
        )
        unstable = set(result.unstable)
        for step in result.steps:
            lines.append(_step_line(step, labels.get(step.id, step.id), step.id in unstable))
        if unstable:
            lines.append(
                "! unstable: more patients arrive than its servers can see; the queue grows "
                "without end"
            )
    else:
        lines.append("No step has capacity: every step takes its stated wait and duration.")
    lead = result.lead_time_days
    completed = result.completed_per_week
    lines += [
        "",
        f"Lead time: mean {_days(lead.mean)} days ({_days(lead.low)} to {_days(lead.high)}), "
        f"median {_days(lead.p50)}, 90% within {_days(lead.p90)}",
        f"Completed: {completed.mean:.1f} a week ({completed.low:.1f} to {completed.high:.1f})",
    ]
    return "\n".join(lines) + "\n"
