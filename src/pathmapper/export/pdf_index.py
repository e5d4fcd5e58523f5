"""What of a map falls on one page: a grid index of its steps, flows, flow labels and notes, so a
tile of a big map costs what it holds rather than a walk over the whole map.

A flow is indexed by its route's segments (each one's bounding box), so a long arrow is found
only on the pages its line crosses; a flow label by its own box. Each query gives its items in
the map's drawing order, so a page is drawn exactly as a walk over everything would draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from pathmapper.layout import FlowRoute, MapGeometry, NoteBox, Rect, StepBox
from pathmapper.layout.spatial import RectIndex

Item = TypeVar("Item")


@dataclass(frozen=True)
class WindowContents:
    """The things of a map that meet one window, each list in drawing order."""

    flows: list[FlowRoute]  # routes of two points or more
    steps: list[StepBox]
    labels: list[FlowRoute]  # routes whose label meets the window
    notes: list[NoteBox]


def segment_bounds(a: tuple[float, float], b: tuple[float, float]) -> Rect:
    """A segment's bounding box, one point wider and taller so a straight line has an inside."""
    left, top = min(a[0], b[0]), min(a[1], b[1])
    return Rect(left, top, abs(a[0] - b[0]) + 1, abs(a[1] - b[1]) + 1)


def _found_in_order(index: RectIndex[int], items: list[Item], window: Rect) -> list[Item]:
    return [items[number] for number in sorted({number for number, _ in index.near(window)})]


class PictureIndex:
    """The map's geometry in grid indexes, made once for all the pages of a PDF."""

    def __init__(self, geometry: MapGeometry) -> None:
        self._routes = [route for route in geometry.flows.values() if len(route.points) > 1]
        self._boxes = list(geometry.steps.values())
        self._notes = list(geometry.notes.values())
        self._flow_index = RectIndex[int](
            (number, segment_bounds(a, b))
            for number, route in enumerate(self._routes)
            for a, b in pairwise(route.points)
        )
        self._label_index = RectIndex[int](
            (number, route.label.rect)
            for number, route in enumerate(self._routes)
            if route.label is not None
        )
        self._step_index = RectIndex[int](
            (number, box.footprint) for number, box in enumerate(self._boxes)
        )
        self._note_index = RectIndex[int](
            (number, note.rect) for number, note in enumerate(self._notes)
        )

    def within(self, window: Rect) -> WindowContents:
        return WindowContents(
            flows=_found_in_order(self._flow_index, self._routes, window),
            steps=_found_in_order(self._step_index, self._boxes, window),
            labels=_found_in_order(self._label_index, self._routes, window),
            notes=_found_in_order(self._note_index, self._notes, window),
        )
