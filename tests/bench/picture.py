"""Picture quality for `make bench`: breaks of the rules of a good picture (goal 0), the size
of the laid-out map, and the time to route every flow."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from statistics import median

from pathmapper.analysis.generate import generate_map
from pathmapper.io import load_map
from pathmapper.layout import auto_layout, compute_geometry
from pathmapper.layout.picture_rules import picture_breaks
from pathmapper.model import PathMap
from tests.bench.measure import Row, Target

NO_BREAKS = Target(0.5, "0")
ROUTING = Target(1.0, "< 1 s")
SAMPLES = Path(__file__).resolve().parents[2] / "sample_maps"


def _breaks_row(name: str, path_map: PathMap) -> Row:
    breaks = picture_breaks(path_map, compute_geometry(path_map))
    kinds = Counter(b.rule for b in breaks)
    detail = ", ".join(f"rule {rule}: {count}" for rule, count in sorted(kinds.items()))
    return Row(f"Picture rule breaks, {name}", len(breaks), "", 1, NO_BREAKS, detail or "none")


def measure_picture(runs: int) -> list[Row]:
    rows: list[Row] = []
    samples = sorted(SAMPLES.glob("*.pathmap.json"))
    for path in samples:
        path_map = load_map(path)
        rows.append(_breaks_row(f"{path.name} (as placed)", path_map))
        rows.append(_breaks_row(f"{path.name} (--auto)", auto_layout(path_map)))
    for steps in (100, 300, 1000):
        path_map = generate_map(steps, 0)
        row = _breaks_row(f"generated {steps:,} steps", path_map)
        geometry = compute_geometry(path_map)
        size = f"; laid out {geometry.body.width:,.0f} x {geometry.body.height:,.0f} pt"
        rows.append(Row(row.what, row.figure, row.unit, 1, row.target, row.note + size))
    path_map = generate_map(1000, 0)
    routing = []
    for _ in range(runs):
        started = time.perf_counter()
        compute_geometry(path_map)
        whole = time.perf_counter() - started
        started = time.perf_counter()
        compute_geometry(path_map, with_flows=False)
        routing.append(whole - (time.perf_counter() - started))
    rows.append(Row("Route, nudge and label every flow, 1,000 steps", median(routing), "s", runs,
                    ROUTING, f"{len(path_map.flows):,} flows"))  # fmt: skip
    return rows
