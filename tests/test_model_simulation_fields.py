"""The what-if inputs of `simulation.md`: optional, checked, and written back as they were."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pathmapper.io import MapFileError, loads_map
from pathmapper.io.mapfile import dumps_map


def with_inputs(document: dict[str, Any]) -> dict[str, Any]:
    document["steps"][0]["arrivals"] = {"per_week": 150}
    document["steps"][0]["capacity"] = {"servers": 2, "queue_at_start": 40, "service": "fixed"}
    document["flows"][0]["probability"] = 0.3
    return document


def test_the_inputs_load_and_save_unchanged(small_document: dict[str, Any]) -> None:
    text = json.dumps(with_inputs(small_document))
    path_map = loads_map(text)
    first = path_map.steps[0]
    assert first.arrivals is not None and first.arrivals.per_week == 150
    assert first.capacity is not None and first.capacity.servers == 2
    assert first.capacity.queue_at_start == 40 and first.capacity.service == "fixed"
    assert path_map.flows[0].probability == 0.3
    saved = json.loads(dumps_map(path_map))
    assert saved["steps"][0]["arrivals"] == {"per_week": 150}
    assert saved["steps"][0]["capacity"] == {"servers": 2, "queue_at_start": 40, "service": "fixed"}
    assert saved["flows"][0]["probability"] == 0.3
    assert dumps_map(loads_map(dumps_map(path_map))) == dumps_map(path_map)


def test_a_map_without_inputs_writes_none(small_document: dict[str, Any]) -> None:
    saved = dumps_map(loads_map(json.dumps(small_document)))
    assert "arrivals" not in saved and "capacity" not in saved and "probability" not in saved


@pytest.mark.parametrize(
    ("where", "value", "word"),
    [
        ("arrivals", {"per_week": 0}, "per_week"),
        ("arrivals", {"per_week": 1e9}, "per_week"),
        ("capacity", {"servers": 0}, "servers"),
        ("capacity", {"servers": 1.5}, "servers"),
        ("capacity", {"servers": 2, "queue_at_start": -1}, "queue_at_start"),
        ("capacity", {"servers": 2, "service": "gamma"}, "service"),
    ],
)
def test_impossible_inputs_are_refused_by_name(
    small_document: dict[str, Any], where: str, value: dict[str, Any], word: str
) -> None:
    small_document["steps"][0][where] = value
    with pytest.raises(MapFileError) as refused:
        loads_map(json.dumps(small_document))
    assert word in str(refused.value)


@pytest.mark.parametrize("probability", [-0.1, 1.5, "30%"])
def test_a_probability_is_a_share_between_0_and_1(
    small_document: dict[str, Any], probability: object
) -> None:
    small_document["flows"][0]["probability"] = probability
    with pytest.raises(MapFileError) as refused:
        loads_map(json.dumps(small_document))
    assert "probability" in str(refused.value)
