"""The geometry of a map as the JSON document of `geometry.md` (format
"pathmapper-geometry", version 1): what `pathmapper layout` prints."""

from __future__ import annotations

from typing import Any

from pathmapper.layout.primitives import MapGeometry, Rect
from pathmapper.model import PathMap

GEOMETRY_FORMAT = "pathmapper-geometry"
GEOMETRY_VERSION = 1


def _number(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _rect(rect: Rect) -> dict[str, float | int]:
    return {
        "x": _number(rect.x),
        "y": _number(rect.y),
        "width": _number(rect.width),
        "height": _number(rect.height),
    }


def _band(element_id: str, header: Rect, body: Rect) -> dict[str, Any]:
    return {"id": element_id, "header": _rect(header), "body": _rect(body)}


def geometry_document(path_map: PathMap, geometry: MapGeometry) -> dict[str, Any]:
    """Every drawn element once, in map order (the geometry keeps lanes and phases in it)."""
    return {
        "format": GEOMETRY_FORMAT,
        "version": GEOMETRY_VERSION,
        "bounds": _rect(geometry.bounds),
        "lanes": [_band(band.lane_id, band.header, band.rect) for band in geometry.lanes],
        "phases": [
            _band(column.phase_id, column.header, column.rect) for column in geometry.phases
        ],
        "steps": [
            {
                "id": box.step_id,
                "box": _rect(box.rect),
                "lines": list(box.lines),
                "badges": [{"text": badge.text, "box": _rect(badge.rect)} for badge in box.badges],
            }
            for box in (geometry.steps[s.id] for s in path_map.steps if s.id in geometry.steps)
        ],
        "flows": [
            {
                "id": route.flow_id,
                "source": route.source,
                "target": route.target,
                "points": [[_number(x), _number(y)] for x, y in route.points],
                "label": None
                if route.label is None
                else {"text": route.label.text, "box": _rect(route.label.rect)},
            }
            for route in (geometry.flows[f.id] for f in path_map.flows if f.id in geometry.flows)
        ],
        "notes": [
            {
                "id": note.comment_id,
                "target": note.target,
                "box": _rect(note.rect),
                "lines": list(note.lines),
            }
            for note in (geometry.notes[c.id] for c in path_map.comments if c.id in geometry.notes)
        ],
    }
