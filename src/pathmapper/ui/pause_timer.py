"""Do something once changes pause, and still now and then while they never do.

`PauseTimer.poke()` on each change: `fire` runs `quiet_ms` after the last poke, and at most
`longest_ms` after the first poke since it last ran, however quickly the pokes keep coming (a
person typing, a step being dragged). The autosave and the overview dock's picture both wait so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class PauseTimer(QObject):
    def __init__(
        self,
        fire: Callable[[], None],
        quiet_ms: int,
        longest_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fire = fire
        self._quiet = self._single_shot(quiet_ms)
        self._longest = self._single_shot(longest_ms)

    def _single_shot(self, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self._fired)
        return timer

    def poke(self) -> None:
        """A change: wait for the quiet time again, but no longer than the longest wait."""
        self._quiet.start()
        if not self._longest.isActive():
            self._longest.start()

    def stop(self) -> None:
        """Forget the pokes so far (what they waited for was done, or is no longer wanted)."""
        self._quiet.stop()
        self._longest.stop()

    @property
    def is_active(self) -> bool:
        """Whether a poke is waiting for `fire`."""
        return self._quiet.isActive() or self._longest.isActive()

    def set_intervals(self, quiet_ms: int, longest_ms: int) -> None:
        self._quiet.setInterval(quiet_ms)
        self._longest.setInterval(longest_ms)

    def _fired(self) -> None:
        self.stop()
        self._fire()
