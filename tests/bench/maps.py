"""The maps the bench measures: generated pathways of a few sizes, written to a folder, plus the
same graph as a draw.io file (input for the import row) and as Graphviz DOT (the `dot` row)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pathmapper.analysis.generate import generate_map
from pathmapper.export.drawio_write import write_drawio
from pathmapper.io import save_map
from pathmapper.model import PathMap

BENCH_SEED = 0


def map_path(folder: Path, steps: int) -> Path:
    return folder / f"generated-{steps}.pathmap.json"


def write_maps(folder: Path, sizes: Iterable[int], seed: int = BENCH_SEED) -> dict[int, Path]:
    """Generate a map of each size (the same map for the same size and seed) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for steps in sizes:
        path = map_path(folder, steps)
        save_map(generate_map(steps, seed), path)
        written[steps] = path
    return written


def write_drawio_copy(path_map: PathMap, folder: Path) -> Path:
    """The map as a draw.io diagram, as `pathmapper export --drawio` writes it."""
    out = folder / f"generated-{len(path_map.steps)}.drawio"
    write_drawio(path_map, out)
    return out


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a DOT string is a C-like quoted string


def dot_source(path_map: PathMap) -> str:
    """The map's graph for Graphviz: one cluster per lane, a node per step, an edge per flow,
    left to right, so `dot` lays out the same swimlane problem pathmapper does."""
    lines = [
        "digraph pathway {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded", fontname="DejaVu Sans", fontsize=9];',
        '  edge [fontname="DejaVu Sans", fontsize=8];',
    ]
    shapes = {"decision": "diamond", "start": "ellipse", "end": "ellipse", "wait": "hexagon"}
    for index, lane in enumerate(path_map.lanes):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_quoted(lane.name)};")
        for step in path_map.steps:
            if step.lane == lane.id:
                shape = shapes.get(step.kind, "box")
                lines.append(
                    f"    {_quoted(step.id)} [label={_quoted(step.label)}, shape={shape}];"
                )
        lines.append("  }")
    for flow in path_map.flows:
        label = f" [label={_quoted(flow.label)}]" if flow.label else ""
        lines.append(f"  {_quoted(flow.source)} -> {_quoted(flow.target)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(path_map: PathMap, folder: Path) -> Path:
    out = folder / f"generated-{len(path_map.steps)}.dot"
    out.write_text(dot_source(path_map), encoding="utf-8")
    return out


PORTFOLIO_PATHWAYS = 40
PORTFOLIO_STEPS = 100
# Ten standards, at least one of each rule, several reading every route.
PORTFOLIO_STANDARDS = """format = "pathmapper-standards"
version = 1
title = "Bench programme"
[[standard]]
id = "start_to_end"
rule = "time_between"
from = { kind = "start" }
to = { kind = "end" }
max = "P18W"
[[standard]]
id = "decision_to_wait"
rule = "time_between"
from = { kind = "decision" }
to = { kind = "wait" }
max = "P6W"
[[standard]]
id = "decided"
rule = "every_route_passes"
through = { kind = "decision" }
[[standard]]
id = "organisations"
rule = "route_max"
measure = "organisations"
max = 3
[[standard]]
id = "lead_time"
rule = "route_max"
measure = "lead_time"
max = "P30W"
[[standard]]
id = "handoffs"
rule = "route_max"
measure = "handoffs"
max = 10
[[standard]]
id = "steps"
rule = "route_max"
measure = "steps"
max = 40
[[standard]]
id = "traps"
rule = "no_findings"
codes = ["gap.dead_end", "handoff.ping_pong"]
[[standard]]
id = "loops"
rule = "no_findings"
codes = ["loop.cycle"]
[[standard]]
id = "owners"
rule = "every_step_has"
fields = ["owner"]
"""


def write_portfolio(
    folder: Path, pathways: int = PORTFOLIO_PATHWAYS, steps: int = PORTFOLIO_STEPS
) -> tuple[Path, Path]:
    """A folder of generated pathways (seeds 0, 1, ...) and a standards file beside it."""
    maps = folder / "portfolio"
    maps.mkdir(parents=True, exist_ok=True)
    for seed in range(pathways):
        save_map(generate_map(steps, seed), maps / f"pathway-{seed:02}.pathmap.json")
    standards = folder / "bench.standards.toml"
    standards.write_text(PORTFOLIO_STANDARDS, encoding="utf-8")
    return maps, standards
