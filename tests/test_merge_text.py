"""Merge reports speak the room's language: times as people say them, yes/no, plain field names."""

from __future__ import annotations

import json

from pathmapper.io import loads_map
from pathmapper.merge.outcome import MergeCopy
from pathmapper.merge.three_way import merge_maps
from pathmapper.merge.wording import ElementNamer, describe_change, describe_conflict
from tests.conftest import SMALL_MAP


def test_changes_and_conflicts_read_as_people_say_them() -> None:
    base = loads_map(json.dumps(SMALL_MAP))
    first, second = base.model_copy(deep=True), base.model_copy(deep=True)
    first.steps[1].wait = "P3D"
    second.steps[1].wait = "P2W"
    first.steps[0].patient_contact = False
    result = merge_maps(
        base, [MergeCopy("gp.pathmap.json", first), MergeCopy("trust.pathmap.json", second)]
    )
    namer = ElementNamer([result.merged, base, first, second])
    changes = [describe_change(change, namer) for change in result.changes]
    assert any("patient contact yes -> no" in text for text in changes)
    [conflict] = result.conflicts
    lines = describe_conflict(conflict, namer, result)
    assert lines[0].endswith("wait changed differently")
    assert "    as sent: 6w" in lines
    assert "    gp.pathmap.json: 3d" in lines and "    trust.pathmap.json: 2w" in lines
    assert not any("P3D" in line or "P2W" in line for line in lines)
