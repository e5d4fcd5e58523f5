"""The bench harness (`make bench`) works: its maps, a Qt-free measurement and its table.
No timing is asserted here; the figures belong to `make bench`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pathmapper.io import load_map
from tests.bench.maps import dot_source, write_drawio_copy, write_maps, write_portfolio
from tests.bench.measure import BenchError, Row, Target, analysis_seconds, run_timed
from tests.bench.run import parse_bench_line
from tests.bench.table import markdown_table, text_table


def test_bench_maps_are_the_generated_maps_and_load(tmp_path: Path) -> None:
    written = write_maps(tmp_path, [50])
    path_map = load_map(written[50])
    assert len(path_map.steps) == 50
    again = load_map(write_maps(tmp_path / "again", [50])[50])
    assert again.model_dump() == path_map.model_dump()


def test_analysis_measurement_gives_one_wall_and_cpu_figure_per_run(tmp_path: Path) -> None:
    walls, cpus = analysis_seconds(write_maps(tmp_path, [50])[50], runs=2)
    assert len(walls) == len(cpus) == 2
    assert all(seconds > 0 for seconds in walls)


def test_dot_source_has_every_step_and_flow_once(tmp_path: Path) -> None:
    path_map = load_map(write_maps(tmp_path, [50])[50])
    source = dot_source(path_map)
    assert source.startswith("digraph pathway {") and source.rstrip().endswith("}")
    assert source.count("subgraph cluster_") == len(path_map.lanes)
    assert source.count(" -> ") == len(path_map.flows)
    for step in path_map.steps:
        assert source.count(f'\n    "{step.id}" [label=') == 1  # a node line in its lane


def test_drawio_copy_is_written(tmp_path: Path) -> None:
    path_map = load_map(write_maps(tmp_path, [50])[50])
    drawio = write_drawio_copy(path_map, tmp_path)
    assert "<mxfile" in drawio.read_text(encoding="utf-8")


def test_run_timed_reports_output_and_refuses_failures_and_overruns() -> None:
    done = run_timed([sys.executable, "-c", "print('hello')"])
    assert done.stdout.strip() == "hello"
    with pytest.raises(BenchError, match="status 3"):
        run_timed([sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(BenchError, match="longer than"):
        run_timed([sys.executable, "-c", "import time; time.sleep(5)"], limit_s=0.5)


def test_rows_say_pass_miss_or_failed_against_their_target() -> None:
    target = Target(50.0, "< 50 ms")
    rows = [
        Row("Repaint", 12.5, "ms", 5, target),
        Row("Zoom", 80.0, "ms", 5, target),
        Row("Import", 1.2, "s", 3),
        Row("dot", None, "s", 0, note="not installed"),
    ]
    assert [row.verdict for row in rows] == ["PASS", "MISS", "-", "FAILED"]
    text = text_table(rows)
    assert "12.5 ms" in text and "MISS" in text and "not installed" in text
    assert markdown_table(rows).count("\n") == len(rows) + 1


def test_window_harness_figures_are_read_from_its_bench_line() -> None:
    assert parse_bench_line('noise\nBENCH {"open_s": 0.5}\n') == {"open_s": 0.5}
    with pytest.raises(BenchError):
        parse_bench_line("no figures here")


def test_the_bench_portfolio_is_checked_against_its_ten_standards(tmp_path: Path) -> None:
    from pathmapper.standards import read_standards

    maps, standards = write_portfolio(tmp_path, pathways=2, steps=30)
    assert len(read_standards(standards).standard) == 10
    assert len(list(maps.glob("*.pathmap.json"))) == 2


def test_peak_memory_is_that_of_the_command_alone(tmp_path: Path) -> None:
    from tests.bench.sizes import peak_memory_mb

    small = load_map(write_maps(tmp_path, [50])[50])
    assert small.steps
    figure = peak_memory_mb(["check", str(tmp_path / "generated-50.pathmap.json")])
    assert 10 < figure < 150  # Python, pydantic and networkx; not the test process's memory


def test_the_complete_graph_joins_every_pair_of_steps() -> None:
    from tests.bench.sizes import complete_graph

    path_map = complete_graph(6)
    assert len(path_map.steps) == 6 and len(path_map.flows) == 30
    assert {step.kind for step in path_map.steps} == {"start", "activity", "end"}
