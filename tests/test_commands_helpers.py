"""Shared helpers for the command tests (no tests here): maps to edit and the exactness check."""

from __future__ import annotations

import copy
from typing import Any

from pathmapper.commands import Change, Command, History, MapDocument
from pathmapper.io.mapfile import load_map
from pathmapper.model import PathMap
from tests.conftest import PROJECT_ROOT, SMALL_MAP

CARDIOLOGY = PROJECT_ROOT / "sample_maps" / "community-cardiology-as-is.pathmap.json"


def small_map() -> PathMap:
    return PathMap.model_validate(copy.deepcopy(SMALL_MAP))


def cardiology_map() -> PathMap:
    return load_map(CARDIOLOGY)


class Editing:
    """A document with a history and a record of every change notice."""

    def __init__(self, path_map: PathMap) -> None:
        self.document = MapDocument(path_map)
        self.history = History(self.document)
        self.changes: list[Change] = []
        self.document.subscribe(self.changes.append)

    @property
    def map(self) -> PathMap:
        return self.document.path_map

    def snapshot(self) -> dict[str, Any]:
        return self.map.to_document()

    def push(self, command: Command) -> list[Change]:
        """Do a command; returns the change notices it caused."""
        self.changes.clear()
        self.history.push(command)
        return list(self.changes)

    def assert_exact(self, command: Command) -> dict[str, Any]:
        """Push, undo, redo: each state exactly as it should be, the map whole throughout.
        Returns the map after the command."""
        assert self.map.problems() == []
        before = self.snapshot()
        self.push(command)
        after = self.snapshot()
        assert after != before, "the command changed nothing"
        assert self.map.problems() == []
        self.history.undo()
        assert self.snapshot() == before
        self.history.redo()
        assert self.snapshot() == after
        assert self.map.problems() == []
        return after
