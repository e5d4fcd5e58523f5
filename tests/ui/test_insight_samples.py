"""Every sample map in the editor: the findings dock, the routes list and the figures show what
`analyse` finds, and every overlay draws without touching the canvas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pathmapper.analysis import analyse
from pathmapper.io.mapfile import load_map
from tests.ui.test_insight_support import open_insight

SAMPLES = sorted((Path(__file__).parents[2] / "sample_maps").glob("*.pathmap.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_sample_map_in_the_editor(path: Path, qtbot: Any) -> None:
    path_map = load_map(path)
    expected = analyse(path_map)
    opened = open_insight(qtbot, path_map)
    try:
        panel = opened.panel
        shown = panel.findings.shown_findings()
        assert sorted(f.message for f in shown) == sorted(f.message for f in expected.findings)
        assert {r.steps for r in panel.routes.model.routes} == {r.steps for r in expected.routes}
        assert panel.figures.tiles["steps"].number.text() == f"{len(path_map.steps):,}"
        canvas_items = set(opened.scene.items_by_id)
        for action in panel.overlays.actions.values():
            action.setChecked(True)
        assert panel.overlays.items_of("handoffs")  # every sample hands the patient over
        assert set(opened.scene.items_by_id) == canvas_items
    finally:
        opened.panel.detach()
        opened.scene.detach()


def test_there_are_sample_maps() -> None:
    assert len(SAMPLES) >= 6
