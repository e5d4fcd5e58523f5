"""The scene's item index is sized by the map's extent: leaves of about a screenful, so a
repaint of one screen of a long map looks at what is near it, and answers stay exact."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt

from pathmapper.analysis.generate import generate_map
from pathmapper.ui.canvas.scene import INDEX_LEAF_AREA, MAX_INDEX_DEPTH, index_depth
from tests.ui.conftest import show_canvas

sizes = st.floats(min_value=1.0, max_value=1e7, allow_nan=False)


@given(width=sizes, height=sizes)
def test_leaves_are_about_a_screenful(width: float, height: float) -> None:
    depth = index_depth(width, height)
    assert 3 <= depth <= MAX_INDEX_DEPTH
    leaf = width * height / 2**depth
    assert leaf <= INDEX_LEAF_AREA or depth == MAX_INDEX_DEPTH
    # and no deeper than that needs: one level less would leave leaves too big
    assert depth == 3 or width * height / 2 ** (depth - 1) > INDEX_LEAF_AREA


def test_a_long_map_gets_a_deeper_index_whose_answers_are_exact(qtbot: Any) -> None:
    path_map = generate_map(400, 0)
    canvas = show_canvas(qtbot, path_map.model_dump(mode="json"), 1200, 700)
    scene = canvas.scene
    extent = scene.sceneRect()
    assert extent.width() > 8 * extent.height()  # a long pathway
    assert scene.bspTreeDepth() == index_depth(extent.width(), extent.height())
    assert scene.bspTreeDepth() > math.log2(len(scene.items())) / 2  # deeper than Qt's own
    mode = Qt.ItemSelectionMode.IntersectsItemBoundingRect
    for left in (0.0, extent.width() / 3, extent.width() * 0.8):
        window = QRectF(extent.left() + left, extent.top(), 1400.0, extent.height() / 2)
        found = {id(item) for item in scene.items(window, mode)}
        every = {id(item) for item in scene.items() if item.sceneBoundingRect().intersects(window)}
        assert found == every
    scene.detach()
