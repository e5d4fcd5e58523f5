"""The crash test: a real editor process (offscreen Qt, the real Autosaver wired as a window
wires it) opens a map and keeps editing; it is killed with SIGKILL in the middle of editing,
and the work comes back from the recovery folder.

The process is a small harness rather than `pathmapper MAP` until the main window wires
autosave; it builds exactly what the window builds (a MapDocument, a QUndoStack, and
`Autosaver.for_window`) and honours `PATHMAPPER_RECOVERY_DIR` the same way.
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
    from PySide6.QtGui import QUndoCommand, QUndoStack
    from PySide6.QtWidgets import QApplication

    from pathmapper.commands import AddStep, MapDocument, SetFields
    from pathmapper.io import load_map
    from pathmapper.model import Step, new_id
    from pathmapper.ui.autosave import Autosaver

    class Undoable(QUndoCommand):
        def __init__(self, document, command):
            super().__init__(command.text)
            self.document, self.command, self.fresh = document, command, True

        def redo(self):
            if self.fresh:
                self.fresh = False
                return
            self.command.redo(self.document)

        def undo(self):
            self.command.undo(self.document)

    def push(command):
        with document.batch():
            command.redo(document)
        undo_stack.push(Undoable(document, command))

    application = QApplication(sys.argv[:1])
    map_path = Path(sys.argv[1]).resolve()
    document = MapDocument(load_map(map_path))
    undo_stack = QUndoStack()
    autosaver = Autosaver.for_window(
        document, undo_stack, lambda: map_path, quiet_ms=300, longest_ms=1000
    )
    lane = document.path_map.lanes[0].id
    edits = 0

    def edit():
        global edits
        edits += 1
        if edits == 1:
            push(SetFields(document.path_map.id, {"title": "Renamed in the workshop"}))
        else:
            label = f"Workshop step {edits - 1}"
            push(AddStep(Step(id=new_id(), kind="activity", label=label, lane=lane)))
        print(f"edit {edits}", flush=True)

    def written(file):
        # What the snapshot on disk holds now (the map in memory may be ahead of it).
        steps = json.loads(Path(file).read_text(encoding="utf-8"))["step_count"]
        print(f"snapshot {steps} {file}", flush=True)

    autosaver.snapshotWritten.connect(written)
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
    assert restored.steps[:3] == load_map(map_path).steps  # the original steps are intact
    added = [step.label for step in restored.steps[3:]]
    assert added == [f"Workshop step {number}" for number in range(1, len(added) + 1)]
    # The map file itself was never touched: only a save writes it.
    assert map_path.read_bytes() == original_bytes
    assert json.loads(snapshot.file.read_text(encoding="utf-8"))["session"] == snapshot.session
