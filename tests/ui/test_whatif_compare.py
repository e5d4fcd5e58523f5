"""As is against to be in the compare window: both maps simulated alike with one press, their
figures side by side. The engine is a stand-in (`tests.whatif_results`)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt

from pathmapper.model import PathMap
from pathmapper.simulation import SimulationSettings
from pathmapper.ui.roundtrip import CompareWindow
from tests.whatif_results import fake_engine, map_with_parameters

WAIT_MS = 10_000


def _maps() -> tuple[PathMap, PathMap]:
    as_is = map_with_parameters()
    to_be = json.loads(json.dumps(as_is))
    to_be["state"] = "to_be"
    to_be["steps"][1]["capacity"] = {"servers": 3}
    to_be["steps"][1]["label"] = "Community echo"
    return PathMap.model_validate(as_is), PathMap.model_validate(to_be)


def test_both_maps_simulated_side_by_side(qtbot: Any) -> None:
    first, second = _maps()
    window = CompareWindow(first, second, "as-is.pathmap.json", "to-be.pathmap.json")
    qtbot.addWidget(window)
    asked: list[SimulationSettings] = []
    window.whatif.runner.simulate_map = fake_engine(asked=asked)
    window.show()
    qtbot.waitExposed(window)
    whatif = window.whatif
    assert whatif.run_button.isEnabled() and whatif.table.isHidden()
    qtbot.mouseClick(whatif.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: whatif.results is not None, timeout=WAIT_MS)
    assert asked == [SimulationSettings(), SimulationSettings()]  # alike, the same seed
    assert whatif.progress.value() == 40
    rows = {
        whatif.table.item(row, 0).text(): (
            whatif.table.item(row, 1).text(),
            whatif.table.item(row, 2).text(),
        )
        for row in range(whatif.table.rowCount())
    }
    assert rows["Busiest step"] == ("Echo", "Community echo")
    assert rows["Completed a week"] == ("149", "149")
    assert rows["Its mean wait"] == ("1w 5d", "1w 5d")
    assert {"Lead time, mean", "Steps whose queue grows"} <= set(rows)
    assert [line.name for line in whatif.chart.lines] == ["A: Echo", "B: Community echo"]


def test_a_map_without_demand_is_named(qtbot: Any) -> None:
    first, second = _maps()
    second.steps[0].arrivals = None
    window = CompareWindow(first, second, "a.pathmap.json", "b.pathmap.json")
    qtbot.addWidget(window)
    assert not window.whatif.run_button.isEnabled()
    assert window.whatif.message.text().startswith("B states no arrivals")
