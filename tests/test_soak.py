"""Long sessions (issue #10): 20,000 random edits through the undo history on a generated
500-step map, with the analysis run every 2,000 edits. The map stays valid all the way, and
memory stays flat: the resident size grows by far less than one map per edit, and no copies of
whole maps are left behind. The growth is printed (`pytest -s tests/test_soak.py`)."""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Callable
from pathlib import Path

from pathmapper.analysis import analyse
from pathmapper.analysis.generate import generate_map
from pathmapper.commands import (
    AddFlow,
    AddStep,
    Command,
    History,
    MapDocument,
    MoveSteps,
    RemoveElements,
    SetFields,
)
from pathmapper.io import dumps_map, loads_map
from pathmapper.model import STEP_KINDS, Flow, PathMap, Step, new_id

EDITS = 20_000
ANALYSE_EVERY = 2_000
STEPS = 500
RSS_GROWTH_LIMIT_MB = 200


def resident_mb() -> float:
    """This process's resident memory, from /proc/self/status (VmRSS, in kB)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def live_maps() -> int:
    return sum(isinstance(item, PathMap) for item in gc.get_objects())


class RandomEditor:
    """Picks an edit a facilitator might make, as a command, from the map as it is now."""

    def __init__(self, document: MapDocument, seed: int) -> None:
        self.document = document
        self.random = random.Random(seed)
        self.counter = 0

    def next_command(self) -> Command:
        self.counter += 1
        choices: list[tuple[int, Callable[[], Command]]] = [
            (30, self.relabel),
            (25, self.move),
            (10, self.set_times),
            (10, self.add_step),
            (10, self.add_flow),
            (10, self.remove),
            (5, self.rename_lane),
        ]
        weights = [weight for weight, _ in choices]
        make = self.random.choices([maker for _, maker in choices], weights)[0]
        return make()

    def step(self) -> Step:
        return self.random.choice(self.document.path_map.steps)

    def relabel(self) -> Command:
        return SetFields(self.step().id, {"label": f"Edited {self.counter}"})

    def move(self) -> Command:
        lane = self.random.choice(self.document.path_map.lanes).id
        x, y = self.random.uniform(0, 6000), self.random.uniform(0, 2000)
        return MoveSteps({self.step().id: (x, y, lane)}, nudge=self.random.random() < 0.3)

    def set_times(self) -> Command:
        wait = self.random.choice([None, "PT30M", "P2D", "P6W"])
        kind = self.random.choice([k for k in STEP_KINDS if k not in ("start", "end")])
        return SetFields(self.step().id, {"wait": wait, "duration": "PT15M", "kind": kind})

    def add_step(self) -> Command:
        lane = self.random.choice(self.document.path_map.lanes).id
        label = f"New step {self.counter}"
        return AddStep(Step(id=new_id(), kind="activity", label=label, lane=lane))

    def add_flow(self) -> Command:
        source, target = self.step().id, self.step().id
        return AddFlow(Flow(id=new_id(), source=source, target=target))

    def remove(self) -> Command:
        if len(self.document.path_map.steps) <= STEPS * 0.9:
            return self.add_step()
        return RemoveElements([self.step().id])

    def rename_lane(self) -> Command:
        lane = self.random.choice(self.document.path_map.lanes)
        return SetFields(lane.id, {"name": f"Team {self.counter}"})


def test_twenty_thousand_edits_keep_the_map_valid_and_memory_flat() -> None:
    document = MapDocument(generate_map(STEPS, seed=7))
    history = History(document)
    editor = RandomEditor(document, seed=11)
    analyse(document.path_map)  # warm up: caches, imports, first allocations
    gc.collect()
    maps_before = live_maps()
    rss_before = resident_mb()
    refused = undone = analyses = 0

    for number in range(1, EDITS + 1):
        roll = editor.random.random()
        if roll < 0.08 and history.can_undo:
            history.undo()
            undone += 1
        elif roll < 0.12 and history.can_redo:
            history.redo()
        else:
            try:
                history.push(editor.next_command())
            except ValueError:
                refused += 1  # a refused edit (e.g. a flow that already exists) changes nothing
        if number % ANALYSE_EVERY == 0:
            report = json.dumps(analyse(document.path_map).to_json("soak"))  # as `check` does
            assert json.loads(report)["file"] == "soak"
            analyses += 1

    gc.collect()
    rss_growth = resident_mb() - rss_before
    print(
        f"\nsoak: {EDITS} edits ({undone} undos, {refused} refused), {analyses} analyses, "
        f"{len(document.path_map.steps)} steps at the end; "
        f"RSS {rss_before:.0f} MB -> {rss_before + rss_growth:.0f} MB "
        f"(growth {rss_growth:+.1f} MB); history holds {history.count} commands"
    )
    # The model is valid: it writes and reads back to exactly the same map.
    final = document.path_map
    assert loads_map(dumps_map(final), "soak") == final
    assert len(final.steps) >= STEPS * 0.9
    assert analyses == EDITS // ANALYSE_EVERY
    # No whole maps are kept per edit: a copy per edit of a 500-step map would be gigabytes.
    assert live_maps() - maps_before <= 2
    assert rss_growth < RSS_GROWTH_LIMIT_MB
