"""`pathmapper simulate`: the text table, the JSON, and clear refusals with exit 2."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pathmapper.cli.main import main
from pathmapper.cli.simulate import PROGRESS_AFTER_SECONDS, ProgressBar
from pathmapper.io import dumps_map
from tests.simulation_maps import flow, one_queue_map, path_map, step

QUICK = ["--weeks", "3", "--warmup", "1", "--runs", "2"]


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "m.pathmap.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_lists_each_step_with_capacity_and_marks_the_unstable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    the_map = path_map(
        [
            step("start", "start", per_week=30),
            step("easy", label="Triage call", servers=3, service_minutes=60, wait="P2D"),
            step("hard", label="Physio clinic", servers=1, service_minutes=600),
            step("end", "end"),
        ],
        [flow("start", "easy"), flow("easy", "hard"), flow("hard", "end")],
    )
    assert main(["simulate", write(tmp_path, dumps_map(the_map)), *QUICK]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    triage = next(line for line in lines if line.startswith("Triage call"))
    physio = next(line for line in lines if line.startswith("Physio clinic"))
    assert "!" not in triage and " 2.0 " in triage  # the stated wait, in days
    assert "!" in physio
    assert "! unstable" in out
    assert "3 weeks after a 1-week warm-up, 2 runs (seed 1); 30.0 patients arriving a week" in out
    assert "Lead time: mean" in out and "Completed:" in out


def test_json_is_the_designs_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, dumps_map(one_queue_map(20, 2, 120)))
    assert main(["simulate", path, *QUICK, "--seed", "4", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "pathmapper-simulation"
    assert (document["weeks"], document["warmup_weeks"], document["runs"]) == (3, 1, 2)
    assert document["seed"] == 4 and document["arrivals_per_week"] == 20
    assert [item["id"] for item in document["steps"]] == ["queue"]
    assert document["steps"][0]["stated_wait_days"] == 3


def test_a_map_that_cannot_be_simulated_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    the_map = path_map([step("start", "start"), step("end", "end")], [flow("start", "end")])
    path = write(tmp_path, dumps_map(the_map))
    assert main(["simulate", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"pathmapper: {path}: cannot simulate: no start step")
    assert "Traceback" not in captured.err


def test_an_unreadable_map_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", write(tmp_path, "{not json")]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--weeks", "0"], "--weeks takes a whole number from 1 to 520, not '0'"),
        (["--runs", "many"], "--runs takes a whole number from 1 to 1000, not 'many'"),
        (["--warmup", "-1"], "--warmup takes a whole number from 0 to 520, not '-1'"),
        (["--seed", "x"], "--seed takes a whole number, not 'x'"),
    ],
)
def test_bad_arguments_get_clear_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    path = write(tmp_path, dumps_map(one_queue_map(20, 2, 120)))
    with pytest.raises(SystemExit) as stopped:
        main(["simulate", path, *arguments])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only_after_a_second() -> None:
    terminal = Terminal()
    bar = ProgressBar(terminal)
    bar.update(1, 4)
    assert terminal.getvalue() == ""  # too soon to be worth a bar
    bar.started -= PROGRESS_AFTER_SECONDS
    bar.update(2, 4)
    assert terminal.getvalue().endswith("] 2/4 runs")
    bar.close()
    assert terminal.getvalue().endswith("\r")
    piped = io.StringIO()
    quiet = ProgressBar(piped)
    quiet.started -= PROGRESS_AFTER_SECONDS
    quiet.update(2, 4)
    quiet.close()
    assert piped.getvalue() == ""


def test_ctrl_c_stops_the_runs_and_their_workers_with_exit_130(tmp_path: Path) -> None:
    # About two and a half million patients: minutes of work, so Ctrl+C always comes first.
    path = write(tmp_path, dumps_map(one_queue_map(1000, 200, 60)))
    command = [sys.executable, "-m", "pathmapper.cli.main", "simulate", path, "--runs", "45"]
    started = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl+C reaches
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.5)
    os.killpg(started.pid, signal.SIGINT)
    out, err = started.communicate(timeout=60)
    assert started.returncode == 130
    assert out == b"" and b"Traceback" not in err
    for _ in range(100):  # the workers are gone; multiprocessing's tracker follows its parent
        try:
            os.killpg(started.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("processes of the interrupted simulation are still running")
