"""A long dashed arrow is drawn piece by piece, only where it is being painted, each piece's
dashes where the whole arrow would have them: the same picture as dashing it whole."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from pathmapper.layout.style import FLOW_CROSS_ORGANISATION, FLOW_PLAIN
from pathmapper.ui.canvas.items_flows import FlowItem

# Back across a map: down, a long way left, up into the target.
LONG_ROUTE = ((2400.0, 300.0), (2400.0, 420.0), (200.0, 420.0), (200.0, 330.0))


def drawn(scene: QGraphicsScene, source: QRectF) -> QImage:
    image = QImage(int(source.width()), int(source.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def differing_share(first: QImage, second: QImage, by_more_than: int = 64) -> float:
    """The share of pixels whose colour differs by more than `by_more_than` in a channel
    (antialiasing differs by less where pieces meet; a dash out of place differs by ~200)."""
    differing = 0
    for x in range(first.width()):
        for y in range(first.height()):
            a, b = QColor(first.pixel(x, y)), QColor(second.pixel(x, y))
            gaps = (a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue())
            differing += max(abs(gap) for gap in gaps) > by_more_than
    return differing / (first.width() * first.height())


def dashed_arrow(qtbot: Any) -> tuple[QGraphicsScene, FlowItem]:
    scene = QGraphicsScene()
    item = FlowItem("f-back")
    scene.addItem(item)
    item.apply(LONG_ROUTE, None, FLOW_CROSS_ORGANISATION)
    return scene, item


def test_a_long_dashed_arrow_is_kept_in_pieces_and_a_plain_one_whole(qtbot: Any) -> None:
    _scene, item = dashed_arrow(qtbot)
    assert len(item.drawing().pieces) >= 3  # three stretches and two corners
    item.apply(LONG_ROUTE, None, FLOW_PLAIN)
    assert item.drawing().pieces == []


def test_pieces_draw_the_same_dashes_as_the_whole_arrow(qtbot: Any) -> None:
    scene, item = dashed_arrow(qtbot)
    for source in (QRectF(150, 280, 400, 160), QRectF(1200, 380, 300, 80)):  # a corner, a middle
        in_pieces = drawn(scene, source)
        in_pieces_drawing = item.drawing()
        item._drawing = replace(in_pieces_drawing, pieces=[])  # the whole path, dashed at once
        whole = drawn(scene, source)
        item._drawing = in_pieces_drawing
        assert differing_share(in_pieces, whole) == 0
        assert differing_share(whole, drawn(QGraphicsScene(), source)) > 0.01  # dashes drawn


def within(inner: QRectF, outer: QRectF) -> bool:
    """(QRectF.contains says no for a line, a rectangle without width.)"""
    return (
        outer.left() <= inner.left()
        and inner.right() <= outer.right()
        and outer.top() <= inner.top()
        and inner.bottom() <= outer.bottom()
    )


def test_an_arrows_bounds_hold_all_it_draws(qtbot: Any) -> None:
    """The bounds come from the route's corners before anything is drawn: they must still hold
    the rounded line, the head, the label and the end handles of every style."""
    scene = QGraphicsScene()
    item = FlowItem("f")
    scene.addItem(item)
    routes = (LONG_ROUTE, ((0.0, 0.0), (0.0, 80.0)), ((0.0, 0.0), (-90.0, 0.0)))
    for route in routes:
        for style in (FLOW_PLAIN, FLOW_CROSS_ORGANISATION):
            item.apply(route, None, style)
            bounds = item.boundingRect()
            drawing = item.drawing()
            for drawn_rect in (
                drawing.path.boundingRect(),
                drawing.head.boundingRect(),
                item.shape().boundingRect(),
            ):
                assert within(drawn_rect, bounds)
