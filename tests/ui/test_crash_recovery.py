"""The crash test: a real editor process (the editor's own main window, offscreen) opens a
map and keeps editing through its undo stack; it is killed with SIGKILL in the middle of
editing, and the work comes back from the recovery folder (`PATHMAPPER_RECOVERY_DIR`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

from pathmapper.io import dumps_map, load_map
from pathmapper.io.recovery import RecoveryStore
from pathmapper.model import PathMap
from pathmapper.ui.autosave import RECOVERY_DIR_VARIABLE

HARNESS = textwrap.dedent(
    """
    import json
    import sys
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from pathmapper.commands import AddStep, SetFields
    from pathmapper.model import Step, new_id
    from pathmapper.ui.app import create_application, load_fonts, open_main_window
    from pathmapper.ui.undo import push

    application = create_application()
    load_fonts()
    window = open_main_window(sys.argv[1])  # the real editor window, autosave as it wires it
    window.autosaver.set_interval(300)  # write sooner than a person would need
    document = window.document
    lane = document.path_map.lanes[0].id
    edits = 0

    def edit():
        global edits
        edits += 1
        if edits == 1:
            command = SetFields(document.path_map.id, {"title": "Renamed in the workshop"})
        else:
            label = f"Workshop step {edits - 1}"
            command = AddStep(Step(id=new_id(), kind="activity", label=label, lane=lane))
        push(window.undo_stack, document, command)
        print(f"edit {edits}", flush=True)

    def written(file):
        # What the snapshot on disk holds now (the map in memory may be ahead of it).
        steps = json.loads(Path(file).read_text(encoding="utf-8"))["step_count"]
        print(f"snapshot {steps} {file}", flush=True)

    window.autosaver.snapshotWritten.connect(written)
    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(40)
    print("ready", flush=True)
    application.exec()
    """
)


def read_line(process: subprocess.Popen[str], deadline: float, errors: Path) -> str:
    assert process.stdout is not None
    if time.monotonic() > deadline:
        raise AssertionError("the editor process did not report in time")
    line = process.stdout.readline()
    if not line:
        raise AssertionError(f"the editor process ended: {errors.read_text(errors='replace')}")
    return line.strip()


def test_killed_mid_edit_the_work_comes_back(
    tmp_path: Path, small_document: dict[str, Any]
) -> None:
    map_path = tmp_path / "care.pathmap.json"
    map_path.write_text(dumps_map(PathMap.model_validate(small_document)), encoding="utf-8")
    original_bytes = map_path.read_bytes()
    recovery_dir = tmp_path / "recovery"
    harness = tmp_path / "editor_harness.py"
    harness.write_text(HARNESS, encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment[RECOVERY_DIR_VARIABLE] = str(recovery_dir)

    errors = tmp_path / "stderr.txt"
    with open(errors, "w", encoding="utf-8") as error_stream:
        process = subprocess.Popen(
            [sys.executable, str(harness), str(map_path)],
            stdout=subprocess.PIPE,
            stderr=error_stream,
            text=True,
            env=environment,
        )
    announced_steps = 0
    edits_after_snapshot = 0
    try:
        deadline = time.monotonic() + 60
        # Wait for a snapshot holding at least 15 new steps, then let editing go on a little
        # and kill the process while it is still editing.
        while edits_after_snapshot < 5:
            line = read_line(process, deadline, errors)
            if line.startswith("snapshot"):
                announced_steps = max(announced_steps, int(line.split()[1]))
            elif line.startswith("edit") and announced_steps >= 3 + 15:
                edits_after_snapshot += 1
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    store = RecoveryStore(recovery_dir)
    [snapshot] = store.list()
    assert snapshot.problem is None
    assert snapshot.original_path == map_path.resolve()
    assert snapshot.title == "Renamed in the workshop"
    restored = store.load(snapshot)
    assert restored.title == "Renamed in the workshop"
    assert len(restored.steps) >= announced_steps >= 3 + 15
    # The original steps are intact (the window placed the ones that had no position).
    original = load_map(map_path).steps
    assert [step.model_copy(update={"x": None, "y": None}) for step in restored.steps[:3]] == [
        step.model_copy(update={"x": None, "y": None}) for step in original
    ]
    added = [step.label for step in restored.steps[3:]]
    assert added == [f"Workshop step {number}" for number in range(1, len(added) + 1)]
    # The map file itself was never touched: only a save writes it.
    assert map_path.read_bytes() == original_bytes
    assert json.loads(snapshot.file.read_text(encoding="utf-8"))["session"] == snapshot.session
