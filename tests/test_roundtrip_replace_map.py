"""ReplaceMap: the whole map swapped as one undo step, restored exactly on undo."""

from __future__ import annotations

from typing import Any

import pytest

from pathmapper.commands import History, MapDocument, SetFields
from pathmapper.commands.replace_map import ReplaceMap
from pathmapper.model import PathMap


def test_replace_then_undo_restores_the_map_exactly(small_document: dict[str, Any]) -> None:
    before = PathMap.model_validate(small_document)
    document = MapDocument(before.model_copy(deep=True))
    history = History(document)
    other = before.model_copy(deep=True)
    other.id = "another-id"
    other.steps[1].label = "Echo scan"
    other.steps.pop(2)
    other.flows.pop(1)
    history.push(ReplaceMap(other, "Merge returned copies"))
    assert document.path_map.step("s2").label == "Echo scan"  # type: ignore[union-attr]
    assert document.path_map.id == before.id  # the map stays the same map
    assert history.count == 1 and history.undo_text == "Merge returned copies"
    history.push(SetFields("s1", {"label": "Patient walks in"}))
    history.undo()
    history.undo()
    assert document.path_map.to_document() == before.to_document()
    history.redo()
    assert document.path_map.step("s3") is None
    assert document.path_map.step("s1").label == "Patient presents"  # type: ignore[union-attr]
    assert other.id == "another-id"  # the caller's map is not changed


def test_import_keeps_the_new_maps_id(small_document: dict[str, Any]) -> None:
    document = MapDocument(PathMap())
    imported = PathMap.model_validate(small_document)
    ReplaceMap(imported, "Import", keep_id=False).redo(document)
    assert document.path_map.id == imported.id
    assert len(document.path_map.steps) == 3


def test_a_broken_map_is_refused_and_nothing_changes(small_document: dict[str, Any]) -> None:
    document = MapDocument(PathMap.model_validate(small_document))
    broken = PathMap.model_validate(small_document)
    broken.steps[0].lane = "no-such-lane"
    with pytest.raises(ValueError, match="not whole"):
        ReplaceMap(broken).redo(document)
    assert document.path_map.step("s1").lane == "gp"  # type: ignore[union-attr]
    assert document.revision == 0
