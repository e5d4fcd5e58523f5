"""A second launch hands its files to the running editor over a per-user local socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from pathmapper.ui.single_instance import (
    SingleInstance,
    decode_open_request,
    encode_open_request,
    server_name,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def unique_name() -> str:
    """A fresh name per test, so parallel runs and other users' editors never meet."""
    return f"pathmapper-test-{uuid.uuid4().hex[:12]}"


def test_server_name_is_per_application_and_stable() -> None:
    assert server_name("pathmapper") == server_name("pathmapper")
    assert server_name("pathmapper") != server_name("other-app")
    assert server_name("pathmapper").startswith("pathmapper-")
    assert len(server_name("pathmapper")) < 40  # Unix socket paths are short


def test_server_name_is_per_display_or_login_session() -> None:
    """One user on two displays (a second desktop, a remote session) runs two editors."""
    first = server_name("pathmapper", {"DISPLAY": ":0"})
    assert server_name("pathmapper", {"DISPLAY": ":0.0"}) == first  # the same X display
    assert server_name("pathmapper", {"DISPLAY": ":1"}) != first
    assert server_name("pathmapper", {"WAYLAND_DISPLAY": "wayland-0"}) != first
    assert server_name("pathmapper", {"SESSIONNAME": "RDP-Tcp#3"}) != server_name(
        "pathmapper", {"SESSIONNAME": "Console"}
    )
    no_display = {"XDG_SESSION_ID": "4"}
    assert server_name("pathmapper", no_display) != server_name(
        "pathmapper", {"XDG_SESSION_ID": "5"}
    )
    with_display = {"DISPLAY": ":0", "XDG_SESSION_ID": "4"}
    assert server_name("pathmapper", with_display) == first  # a terminal's session aside


def test_a_launch_on_another_display_starts_its_own_editor(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = unique_name()
    received: list[list[str]] = []
    monkeypatch.setenv("DISPLAY", ":0")
    listener = SingleInstance(name)
    assert listener.listen(received.append)
    try:
        monkeypatch.setenv("DISPLAY", ":1")
        assert SingleInstance(name).send_to_running(["a.pathmap.json"]) is False
        monkeypatch.setenv("DISPLAY", ":0")
        assert SingleInstance(name).send_to_running(["a.pathmap.json"]) is True
        qtbot.waitUntil(lambda: len(received) == 1)
    finally:
        listener.close()


def test_no_running_instance_means_this_launch_carries_on(qtbot: QtBot) -> None:
    assert SingleInstance(unique_name()).send_to_running(["a.pathmap.json"]) is False


def test_sender_in_the_same_process_hands_files_to_the_listener(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = unique_name()
    received: list[list[str]] = []
    listener = SingleInstance(name)
    assert listener.listen(received.append)
    assert listener.is_listening()
    try:
        sender = SingleInstance(name)
        first = tmp_path / "cardiology.pathmap.json"
        assert sender.send_to_running([str(first), "relative/msk.pathmap"]) is True
        qtbot.waitUntil(lambda: len(received) == 1)
        assert received[0] == [str(first), os.path.abspath("relative/msk.pathmap")]
    finally:
        listener.close()


def test_a_launch_without_files_still_reaches_the_running_editor(qtbot: QtBot) -> None:
    name = unique_name()
    received: list[list[str]] = []
    listener = SingleInstance(name)
    assert listener.listen(received.append)
    try:
        assert SingleInstance(name).send_to_running([]) is True
        qtbot.waitUntil(lambda: received == [[]])
    finally:
        listener.close()


def test_a_second_process_hands_its_file_to_this_one(qtbot: QtBot, tmp_path: Path) -> None:
    name = unique_name()
    received: list[list[str]] = []
    listener = SingleInstance(name)
    assert listener.listen(received.append)
    map_path = tmp_path / "out of hours.pathmap.json"
    script = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from pathmapper.ui.single_instance import SingleInstance\n"
        "app = QCoreApplication(sys.argv[:1])\n"
        "took = SingleInstance(sys.argv[1]).send_to_running(sys.argv[2:])\n"
        "print('took' if took else 'not taken')\n"
        "sys.exit(0 if took else 3)\n"
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        sender = subprocess.Popen(
            [sys.executable, "-c", script, name, str(map_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=PROJECT_ROOT,
            text=True,
        )
        # Keep this process's event loop turning while the other process talks to it.
        qtbot.waitUntil(lambda: sender.poll() is not None, timeout=60_000)
        output, errors = sender.communicate()
        assert sender.returncode == 0, errors
        assert output.strip() == "took"
        qtbot.waitUntil(lambda: received == [[str(map_path)]])
    finally:
        listener.close()


def test_a_socket_file_left_by_a_crashed_copy_is_cleared(qtbot: QtBot) -> None:
    name = unique_name()
    crashed = SingleInstance(name)
    assert crashed.listen(lambda paths: None)
    assert crashed._server is not None
    socket_file = crashed._server.fullServerName()
    crashed.close()
    # A copy that crashed leaves its socket file behind with nobody listening on it.
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(socket_file)
    leftover.close()
    assert Path(socket_file).exists()
    received: list[list[str]] = []
    fresh = SingleInstance(name)
    try:
        assert SingleInstance(name).send_to_running(["x.pathmap.json"]) is False
        assert fresh.listen(received.append)
        assert SingleInstance(name).send_to_running(["x.pathmap.json"]) is True
        qtbot.waitUntil(lambda: len(received) == 1)
    finally:
        fresh.close()


def test_a_second_listener_does_not_take_over_a_live_one(qtbot: QtBot) -> None:
    name = unique_name()
    received: list[list[str]] = []
    first = SingleInstance(name)
    assert first.listen(received.append)
    second = SingleInstance(name)
    try:
        assert second.listen(lambda paths: None) is False
        assert SingleInstance(name).send_to_running(["y.pathmap.json"]) is True
        qtbot.waitUntil(lambda: len(received) == 1)
    finally:
        second.close()
        first.close()


def test_garbage_on_the_socket_is_dropped_without_opening_anything(qtbot: QtBot) -> None:
    name = unique_name()
    received: list[list[str]] = []
    listener = SingleInstance(name)
    assert listener.listen(received.append)
    try:
        intruder = QLocalSocket()
        intruder.connectToServer(listener.server_name)
        qtbot.waitUntil(lambda: intruder.state() == QLocalSocket.LocalSocketState.ConnectedState)
        intruder.write(b'__import__("os").system("echo hacked")\n')
        intruder.flush()
        qtbot.waitUntil(lambda: intruder.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert received == []
        # The listener still serves a proper request afterwards.
        assert SingleInstance(name).send_to_running(["after.pathmap.json"]) is True
        qtbot.waitUntil(lambda: len(received) == 1)
    finally:
        listener.close()


def test_open_request_round_trip_and_refusals() -> None:
    paths = ["/maps/Cardiology – as is.pathmap.json", "C:\\maps\\msk.pathmap"]
    assert decode_open_request(encode_open_request(paths)) == paths
    assert decode_open_request(b"not json\n") is None
    assert decode_open_request(b'{"open": "one.pathmap"}\n') is None
    assert decode_open_request(b'{"open": [1, 2]}\n') is None
    assert decode_open_request(b"[]\n") is None
    assert decode_open_request(b"\xff\xfe\n") is None
