"""The report's simulation page: present when the map states demand, absent when it does not,
its figures those of the simulation (a made result here, so the page is tested before and apart
from the engine), queues that grow named in words, and the settings stated."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.export import pdf_simulation
from pathmapper.export.pdf_document import PdfOptions, write_map_pdf
from pathmapper.export.pdf_pages import PageSetup
from pathmapper.export.simulation_figures import busiest_step, has_demand, settings_text
from pathmapper.model import PathMap
from pathmapper.simulation import SimulationRefused, SimulationResult, SimulationSettings
from tests.test_pdf_support import all_fonts, page_count, pdf_text
from tests.whatif_results import made_result, map_with_parameters


def _map() -> PathMap:
    return PathMap.model_validate(map_with_parameters())


def _report(path_map: PathMap, target: Path, result: SimulationResult | None) -> Path:
    options = PdfOptions(
        PageSetup("A3"), report=True, file_name="x.pathmap.json", simulation=result
    )
    write_map_pdf(path_map, target, options)
    return target


def _simulation_page(pdf: Path) -> int:
    pages = [
        page
        for page in range(1, page_count(pdf) + 1)
        if "What if: demand and capacity" in pdf_text(pdf, page)
    ]
    assert len(pages) == 1
    return pages[0]


def test_the_page_prints_the_figures_and_the_settings(tmp_path: Path) -> None:
    path_map = _map()
    result = made_result(path_map)
    pdf = _report(path_map, tmp_path / "report.pdf", result)
    page = _simulation_page(pdf)
    assert page == page_count(pdf)  # after the rest of the report
    text = " ".join(pdf_text(pdf, page).split())
    assert settings_text(SimulationSettings()) in text
    assert "20 runs of 52 weeks after a 4-week warm-up, seed 1" in text
    for words in ("150 a week", "149 a week", "Echo", "75%", "1w 5d", "6w", "week"):
        assert words in text, words
    assert "The busiest queue: Echo" in text
    assert "grows without end" not in text and "⚠" not in text
    fonts = all_fonts(pdf)
    assert all(fonts.values()), fonts  # every font embedded, the chart's too


def test_a_queue_that_grows_is_named(tmp_path: Path) -> None:
    path_map = _map()
    pdf = _report(path_map, tmp_path / "report.pdf", made_result(path_map, unstable=True))
    text = " ".join(pdf_text(pdf, _simulation_page(pdf)).split())
    assert "The queue grows without end at: Echo" in text
    assert "queue grows" in text


def test_no_demand_no_page(tmp_path: Path) -> None:
    document = map_with_parameters()
    del document["steps"][0]["arrivals"]
    path_map = PathMap.model_validate(document)
    assert not has_demand(path_map)
    assert pdf_simulation.report_simulation(path_map) is None
    pdf = _report(path_map, tmp_path / "report.pdf", None)
    assert not any(
        "What if: demand and capacity" in pdf_text(pdf, page)
        for page in range(1, page_count(pdf) + 1)
    )


def test_made_at_export_with_the_default_settings_and_seed() -> None:
    asked: list[SimulationSettings] = []

    def engine(path_map: PathMap, settings: SimulationSettings) -> SimulationResult:
        asked.append(settings)
        return made_result(path_map, settings)

    path_map = _map()
    made = pdf_simulation.report_simulation(path_map, engine)
    assert isinstance(made, SimulationResult)
    assert asked == [SimulationSettings(weeks=52, warmup_weeks=4, runs=20, seed=1)]
    assert busiest_step(made) is not None


def test_a_refusal_is_printed_in_words(tmp_path: Path) -> None:
    def refusing(path_map: PathMap, settings: SimulationSettings) -> SimulationResult:
        raise SimulationRefused("the shares out of Triage add up to 130%")

    path_map = _map()
    made = pdf_simulation.report_simulation(path_map, refusing)
    assert made == "the shares out of Triage add up to 130%"
    story = pdf_simulation.simulation_story(path_map, made, 500)
    assert len(story) == 3


@pytest.mark.parametrize("weeks", [1, 2, 13, 52, 520])
def test_the_chart_draws_any_length_of_run(weeks: int) -> None:
    lengths = tuple(float(week % 7) for week in range(weeks))
    drawing = pdf_simulation.queue_chart(lengths, 500, "Echo")
    assert drawing.width == 500 and drawing.contents
