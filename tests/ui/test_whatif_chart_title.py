"""The busiest queue's title names its step in full on a narrow dock: wrapped, not cut."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics

from pathmapper.ui.whatif.queue_chart import CHART_FONT_POINTS, TITLE_LINES, title_lines

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)


def chart_metrics() -> QFontMetrics:
    font = QFont()
    font.setPointSizeF(CHART_FONT_POINTS)
    font.setBold(True)
    return QFontMetrics(font)


def test_the_default_dock_width_shows_the_whole_name(qapp: Any) -> None:
    title = "Busiest queue: Waits for community physiotherapy assessment, mean wait 3w 2d"
    lines = title_lines(title, 300, chart_metrics())
    assert " ".join(lines) == title
    assert len(lines) <= TITLE_LINES


@settings(max_examples=60, deadline=None)
@given(title=st.lists(words, min_size=1, max_size=12).map(" ".join), width=st.integers(120, 600))
def test_lines_keep_every_word_in_order_within_the_width(qapp: Any, title: str, width: int) -> None:
    metrics = chart_metrics()
    lines = title_lines(title, width, metrics)
    assert 1 <= len(lines) <= TITLE_LINES
    if "…" not in lines[-1]:
        assert " ".join(lines) == title
    for line in lines:
        assert metrics.horizontalAdvance(line) <= width or " " not in line
