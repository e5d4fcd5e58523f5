"""Helpers for the round-trip tests: a window whose round-trip questions are answered by the
test (never a modal dialog), recording what was asked and shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathmapper.ui.main_window import MainWindow
from pathmapper.ui.roundtrip import MergeDialog, RoundTrip
from tests.ui.window_harness import Answers, make_window


@dataclass
class RoundTripAnswers:
    compare_path: str | None = None
    copy_paths: list[str] = field(default_factory=list)
    base: str | None = None
    send_path: str | None = None
    import_path: str | None = None
    page: Callable[[list[str]], str | None] = lambda names: names[0]
    relayout: bool | None = False
    relayouts_asked: int = 0
    merge: Callable[[MergeDialog], bool] = lambda dialog: True
    pages_offered: list[list[str]] = field(default_factory=list)
    summaries: list[tuple[str, list[str]]] = field(default_factory=list)
    problems: list[tuple[str, list[str]]] = field(default_factory=list)
    bases_asked: list[str] = field(default_factory=list)
    dialogs: list[MergeDialog] = field(default_factory=list)

    def attach(self, controller: RoundTrip) -> None:
        def page(names: list[str]) -> str | None:
            self.pages_offered.append(names)
            return self.page(names)

        def relayout() -> bool | None:
            self.relayouts_asked += 1
            return self.relayout

        def base(title: str) -> Any:
            self.bases_asked.append(title)
            return self.base

        def merge(dialog: MergeDialog) -> bool:
            self.dialogs.append(dialog)
            return self.merge(dialog)

        controller.choose_compare_path = lambda: self.compare_path
        controller.choose_copy_paths = lambda: list(self.copy_paths)
        controller.choose_base = base
        controller.choose_send_path = lambda _suggested: self.send_path
        controller.choose_import_path = lambda: self.import_path
        controller.choose_page = page
        controller.choose_relayout = relayout
        controller.run_merge_dialog = merge
        controller.show_summary = lambda title, lines: self.summaries.append((title, lines))
        controller.show_problems = lambda title, lines: self.problems.append((title, lines))


def roundtrip_window(
    qtbot: Any, tmp_path: Path
) -> tuple[MainWindow, Answers, RoundTrip, RoundTripAnswers]:
    window, answers = make_window(qtbot, tmp_path)
    controller = window.roundtrip.controller
    asked = RoundTripAnswers()
    asked.attach(controller)
    return window, answers, controller, asked
