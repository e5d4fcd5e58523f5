"""MapSnapshots: the analysis snapshot, kept element by element, is always the map's exact
file dictionary, through random edits, undo and redo, and re-serialises only what changed."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathmapper.analysis.generate import generate_map
from pathmapper.commands import MapDocument, MoveLane, MoveSteps, RemoveElements, SetFields
from pathmapper.commands.replace_map import ReplaceMap
from pathmapper.model import PathMap
from pathmapper.ui.insight.snapshot import MapSnapshots
from tests.test_commands_helpers import Editing
from tests.test_commands_property import SAMPLE, random_command


def same_as_file(snapshots: MapSnapshots) -> None:
    taken = snapshots.snapshot()
    expected = snapshots.document.path_map.to_document()
    assert taken == expected
    assert json.dumps(taken) == json.dumps(expected)  # the same key order too


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_snapshot_stays_exact_through_random_edits_undo_and_redo(data: st.DataObject) -> None:
    editing = Editing(PathMap.model_validate(SAMPLE))
    snapshots = MapSnapshots(editing.document)
    same_as_file(snapshots)
    for serial in range(data.draw(st.integers(1, 10), label="number of edits")):
        command = random_command(data.draw, editing.document, serial)
        if command is None:
            continue
        with contextlib.suppress(ValueError):  # a refused edit changes nothing
            editing.history.push(command)
        if data.draw(st.booleans(), label="snapshot now"):
            same_as_file(snapshots)
    same_as_file(snapshots)
    while editing.history.can_undo:
        editing.history.undo()
        if data.draw(st.booleans(), label="snapshot after undo"):
            same_as_file(snapshots)
    same_as_file(snapshots)
    while editing.history.can_redo:
        editing.history.redo()
    same_as_file(snapshots)


def test_only_changed_elements_are_serialised_again() -> None:
    document = MapDocument(generate_map(300, seed=1))
    snapshots = MapSnapshots(document)
    first = snapshots.snapshot()
    everything = snapshots.serialised
    assert everything == sum(len(first[name]) for name in ("lanes", "phases", "steps", "flows"))
    steps = document.path_map.steps
    MoveSteps({steps[5].id: (900.0, 60.0, None), steps[9].id: (1200.0, 60.0, None)}).redo(document)
    SetFields(steps[12].id, {"label": "Triage by phone"}).redo(document)
    MoveLane(document.path_map.lanes[0].id, 3).redo(document)  # a reorder: nothing to serialise
    same_as_file(snapshots)
    assert snapshots.serialised == everything + 3
    RemoveElements([steps[20].id]).redo(document)  # its flows go too: nothing new to serialise
    same_as_file(snapshots)
    assert snapshots.serialised == everything + 3


def test_a_replaced_map_is_snapshotted_afresh() -> None:
    document = MapDocument(generate_map(60, seed=2))
    snapshots = MapSnapshots(document)
    snapshots.snapshot()
    ReplaceMap(generate_map(80, seed=3), "Merge").redo(document)
    same_as_file(snapshots)
    snapshots.close()
