"""Walking the pathway: one route, one step at a time, for presenting to the room.

`walk_stops(route, map)` works out the running figures at every step (no Qt). `PatientWalk`
moves along them with keys (Ctrl+Right or Page Down on, Ctrl+Left or Page Up back, Esc ends),
centres each step, marks it on the canvas and shows a banner over the map:
"Step 5 of 12 · 'Echo' in Echo department / waited 8w 2d · time so far 9w · 3 contacts so far".
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from pathmapper.analysis import Route
from pathmapper.analysis.graph import has_no_time
from pathmapper.model import PathMap, describe_minutes
from pathmapper.ui.canvas import MapView
from pathmapper.ui.canvas.room_captions import TOP_CLEAR, RoomCaption
from pathmapper.ui.insight.overlays import OverlayController
from pathmapper.ui.insight.reveal import centre_on, elements_rect
from pathmapper.ui.keys import KeyRouter

BANNER_PIXELS = 22
HINT_PIXELS = 14
BANNER_MARGIN = 16  # pixels between the caption and the canvas's bottom edge


@dataclass(frozen=True)
class WalkStop:
    """Where the patient is on the walk, and what they have been through so far."""

    step_id: str
    number: int  # from 1
    total: int
    name: str  # "'Echo' in Echo department"
    waited_minutes: float  # waits up to and including this step's
    time_so_far_minutes: float  # waits and durations up to and including this step
    time_is_lower_bound: bool  # some step so far has no time
    contacts_so_far: int
    handoffs_so_far: int


def walk_stops(route: Route, path_map: PathMap) -> list[WalkStop]:
    steps = path_map.steps_by_id()
    lanes = {lane.id: lane.name or lane.organisation_name for lane in path_map.lanes}
    stops: list[WalkStop] = []
    waited = so_far = 0.0
    contacts = handoffs = 0
    unknown = False
    previous_lane: str | None = None
    for number, step_id in enumerate(route.steps, start=1):
        step = steps.get(step_id)
        if step is None:  # the map changed under the walk: stop where it still holds
            break
        waited += step.wait_minutes or 0.0
        so_far += (step.wait_minutes or 0.0) + (step.duration_minutes or 0.0)
        contacts += step.patient_contact
        if previous_lane is not None and step.lane != previous_lane:
            handoffs += 1
        previous_lane = step.lane
        if has_no_time(step):
            unknown = True
        label = step.label.strip() or "(no label)"
        stops.append(
            WalkStop(
                step_id=step_id,
                number=number,
                total=len(route.steps),
                name=f"'{label}' in {lanes.get(step.lane, 'an unknown lane')}",
                waited_minutes=waited,
                time_so_far_minutes=so_far,
                time_is_lower_bound=unknown,
                contacts_so_far=contacts,
                handoffs_so_far=handoffs,
            )
        )
    return stops


def stop_caption(stop: WalkStop) -> str:
    contacts = "contact" if stop.contacts_so_far == 1 else "contacts"
    handoffs = "handoff" if stop.handoffs_so_far == 1 else "handoffs"
    time = ("at least " if stop.time_is_lower_bound else "") + describe_minutes(
        stop.time_so_far_minutes
    )
    return (
        f"Step {stop.number} of {stop.total} · {stop.name}\n"
        f"waited {describe_minutes(stop.waited_minutes)} · time so far {time} · "
        f"{stop.contacts_so_far} {contacts} so far · {stop.handoffs_so_far} {handoffs}"
    )


class WalkBanner(RoomCaption):
    """The caption of the walk, large, at the bottom of the canvas or at its top: never over
    the step it describes (`keep_clear`), and placed before any other caption."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, rank=0)
        font = QFont()
        font.setPixelSize(BANNER_PIXELS)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(
            "background: rgba(0, 0, 0, 215); color: white; padding: 10px 16px; border-radius: 8px;"
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_text(self, text: str, step: QRect | None = None) -> None:
        lines = [html.escape(line) for line in text.splitlines()]
        self.setText(
            "<br>".join(lines) + f"<br><span style='font-size:{HINT_PIXELS}px; font-weight:normal'>"
            "Page Down or Ctrl+→ next · Page Up or Ctrl+← back · Esc ends</span>"
        )
        self.keep_clear = step
        self.show()
        self.raise_()
        self.place()

    def places(self) -> list[QRect]:
        """At the bottom of the canvas (the top holds the phase names), else at the top."""
        parent = self.parentWidget()
        if parent is None:
            return []
        self.setFixedWidth(max(300, min(parent.width() - 40, 1100)))
        self.adjustSize()
        x = (parent.width() - self.width()) // 2
        return [
            QRect(x, parent.height() - self.height() - BANNER_MARGIN, self.width(), self.height()),
            QRect(x, TOP_CLEAR, self.width(), self.height()),
        ]


class PatientWalk(QObject):
    """Walk a route step by step. `stopChanged(WalkStop | None)`: None when the walk ends."""

    stopChanged = Signal(object)

    def __init__(
        self,
        view: MapView,
        overlays: OverlayController,
        keys: KeyRouter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.overlays = overlays
        self.keys = keys
        self.stops: list[WalkStop] = []
        self.position = -1
        self.banner = WalkBanner(view.viewport())
        # Only while walking (the mode test): otherwise Page Down scrolls and Esc cancels.
        keys.set_mode_test("walk", lambda: self.is_walking)
        keys.bind(
            "walk",
            ("Ctrl+Right", "PgDown"),
            "the next step",
            self._key(self.next),
            window_wide=True,
        )
        keys.bind(
            "walk",
            ("Ctrl+Left", "PgUp"),
            "the step before",
            self._key(self.previous),
            window_wide=True,
        )
        keys.bind("walk", "Esc", "end the walk", self._key(self.end), window_wide=True)

    @staticmethod
    def _key(move: Callable[[], None]) -> Callable[[], bool]:
        def handler() -> bool:
            move()
            return True

        return handler

    @property
    def is_walking(self) -> bool:
        return self.position >= 0

    @property
    def current(self) -> WalkStop | None:
        return self.stops[self.position] if self.is_walking else None

    def start(self, route: Route, path_map: PathMap) -> bool:
        self.stops = walk_stops(route, path_map)
        if not self.stops:
            return False
        self.position = 0
        self.keys.refresh()
        self._show()
        return True

    def next(self) -> None:
        if self.is_walking and self.position < len(self.stops) - 1:
            self.position += 1
            self._show()

    def previous(self) -> None:
        if self.is_walking and self.position > 0:
            self.position -= 1
            self._show()

    def end(self) -> None:
        if not self.is_walking:
            return
        self.position = -1
        self.stops = []
        self.keys.refresh()
        self.banner.hide()
        self.overlays.mark_walk_step(None)
        self.overlays.show_route(None)  # the walk's route and numbers go with it
        self.stopChanged.emit(None)

    def _show(self) -> None:
        stop = self.stops[self.position]
        self.overlays.mark_walk_step(stop.step_id, stop.number)
        rect = elements_rect(self.overlays.scene, [stop.step_id])
        step: QRect | None = None
        if not rect.isNull():
            # Leave room below the step for the banner.
            centre_on(self.view, QRectF(rect).adjusted(0, 0, 0, 90))
            step = self.view.mapFromScene(rect).boundingRect()
        self.banner.show_text(stop_caption(stop), step)
        self.stopChanged.emit(stop)
