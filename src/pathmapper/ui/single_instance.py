"""One running editor per user and display: a second launch hands its files to the first and
exits.

Double-clicking a map while pathmapper is already open should open that map in the running app,
not start a second copy. The first launch listens on a local socket (a named pipe on Windows, a
socket file on Linux and macOS) whose name is private to the user and their display (or login
session); a later launch on the same display connects, sends the paths it was given, waits for
the running app to say it took them, and exits. A launch on another display starts its own.

The message is data only: one line of JSON, `{"open": ["/abs/path", ...]}`, answered by `ok`.
Anything else is ignored; nothing received is ever executed.

Wiring (in `run_editor`, after the QApplication exists):

    instance = SingleInstance("pathmapper")
    if instance.send_to_running([path] if path else []):
        return 0
    ... create and show the window ...
    instance.listen(window.open_paths)  # called with [] when a launch had no file: raise window
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QByteArray, QEventLoop, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ANSWER_TOOK_FILES = b"ok\n"
MAX_MESSAGE_BYTES = 256 * 1024  # far more than any list of paths; a longer message is dropped
DEFAULT_TIMEOUT_MS = 3000


# What tells one screen of a user from another: the X11 or Wayland display, or on Windows the
# login session (the console or a remote desktop). A launch on another screen (a second
# desktop session, a remote one) must open its own editor, not hand its file to one it cannot
# see.
SCREEN_VARIABLES = ("WAYLAND_DISPLAY", "DISPLAY", "SESSIONNAME")
SESSION_VARIABLE = "XDG_SESSION_ID"  # the login session, when there is no display to name
_DISPLAY_SCREEN = re.compile(r"(:\d+)\.\d+$")


def server_name(name: str, environment: Mapping[str, str] | None = None) -> str:
    """A local socket name unique to this user on this display (or login session), short
    enough for a Unix socket path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name: a container without passwd entry
        user = str(os.getuid()) if sys.platform != "win32" else "user"
    values = os.environ if environment is None else environment
    # ":0" and ":0.0" are the same X display; the screen number does not make another one.
    screen = [f"{key}={_same_screen(values.get(key, ''))}" for key in SCREEN_VARIABLES]
    if not any(values.get(key) for key in SCREEN_VARIABLES):
        screen.append(f"{SESSION_VARIABLE}={values.get(SESSION_VARIABLE, '')}")
    key = "\0".join([name, user, *screen])
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{name}-{digest}"


def _same_screen(display: str) -> str:
    return _DISPLAY_SCREEN.sub(r"\1", display)


def encode_open_request(paths: Sequence[str]) -> bytes:
    return json.dumps({"open": list(paths)}, ensure_ascii=True).encode("ascii") + b"\n"


def decode_open_request(message: bytes) -> list[str] | None:
    """The paths in a message, or None when it is not a well-formed open request."""
    try:
        document = json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    paths = document.get("open")
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        return None
    return [path for path in paths if path]


class SingleInstance(QObject):
    """The local-socket handshake between the running editor and a later launch."""

    def __init__(self, name: str = "pathmapper", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server_name = server_name(name)
        self._server: QLocalServer | None = None
        self._on_open: Callable[[list[str]], None] | None = None
        self._pending: dict[QLocalSocket, bytearray] = {}

    # -- the later launch -----------------------------------------------------------------------

    def send_to_running(self, paths: Sequence[str], timeout_ms: int = DEFAULT_TIMEOUT_MS) -> bool:
        """Hand `paths` to a running instance; True when it took them (this launch should exit).

        False when no instance is running, or it did not answer in time: then this launch
        carries on as the editor. Runs a short local event loop, so a listener in the same
        process (as in the tests) answers too.
        """
        absolute = [os.path.abspath(path) for path in paths]
        socket = QLocalSocket(self)
        loop = QEventLoop(self)
        answer = bytearray()
        outcome = {"took": False}

        def on_ready_read() -> None:
            answer.extend(bytes(socket.readAll().data()))
            if answer.endswith(b"\n"):
                outcome["took"] = bytes(answer) == ANSWER_TOOK_FILES
                loop.quit()

        def on_disconnected() -> None:
            on_ready_read()  # the answer may still be buffered when the other end hangs up
            loop.quit()

        def on_connected() -> None:
            socket.write(QByteArray(encode_open_request(absolute)))
            socket.flush()

        socket.connected.connect(on_connected)
        socket.readyRead.connect(on_ready_read)
        socket.errorOccurred.connect(lambda _error: loop.quit())
        socket.disconnected.connect(on_disconnected)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        socket.connectToServer(self.server_name)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            loop.exec()
        timer.stop()
        socket.abort()
        socket.deleteLater()
        return outcome["took"]

    # -- the running editor ---------------------------------------------------------------------

    def listen(self, on_open: Callable[[list[str]], None]) -> bool:
        """Take files from later launches; `on_open` gets their absolute paths (maybe none).

        True when listening. A socket left behind by a copy that crashed is cleared first.
        False when another editor already listens (two launches raced) or the name cannot be
        claimed: the editor still works, just without handing over.
        """
        self._on_open = on_open
        if self._server is not None:
            return True
        # Asked first, because with user-only access Qt would quietly take the name over.
        if self._answered_by_another_listener():
            return False  # two launches raced: the other one is the editor now
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            QLocalServer.removeServer(self.server_name)  # left by a copy that crashed
            if not server.listen(self.server_name):
                return False
        server.newConnection.connect(self._accept_connections)
        self._server = server
        return True

    def _answered_by_another_listener(self, timeout_ms: int = 500) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.server_name)
        connected = probe.waitForConnected(timeout_ms)
        probe.abort()
        return connected

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _accept_connections(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._pending[socket] = bytearray()
            socket.readyRead.connect(lambda socket=socket: self._read_request(socket))
            socket.disconnected.connect(lambda socket=socket: self._forget(socket))
            QTimer.singleShot(DEFAULT_TIMEOUT_MS, socket, socket.abort)
            self._read_request(socket)

    def _read_request(self, socket: QLocalSocket) -> None:
        received = self._pending.get(socket)
        if received is None:
            return
        received.extend(bytes(socket.readAll().data()))
        if len(received) > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if not received.endswith(b"\n"):
            return
        paths = decode_open_request(bytes(received))
        if paths is None:
            socket.abort()
            return
        socket.write(QByteArray(ANSWER_TOOK_FILES))
        socket.flush()
        socket.disconnectFromServer()
        if self._on_open is not None:
            # After answering, so the sender can exit while the editor opens the files.
            on_open = self._on_open
            QTimer.singleShot(0, self, lambda: on_open(paths))

    def _forget(self, socket: QLocalSocket) -> None:
        self._pending.pop(socket, None)
        socket.deleteLater()
