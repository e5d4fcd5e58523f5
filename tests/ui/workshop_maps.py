"""A map for the workshop tests: three lanes, three phases, a decision, a note; and opening it
in a test window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from pathmapper.ui.main_window import MainWindow

PHASED_MAP: dict[str, Any] = {
    "format": "pathmapper-map",
    "schema_version": 1,
    "id": "workshop-map",
    "title": "Breathlessness: as is",
    "lanes": [
        {"id": "patient", "name": "Patient", "height": 150},
        {"id": "gp", "name": "GP practice", "organisation": "GP practice", "height": 150},
        {"id": "echo", "name": "Echo department", "organisation": "Acute trust", "height": 150},
    ],
    "phases": [
        {"id": "referral", "name": "Referral", "width": 640},
        {"id": "diagnosis", "name": "Diagnosis", "width": 640},
        {"id": "treatment", "name": "Treatment", "width": 640},
    ],
    "steps": [
        {
            "id": "s1",
            "kind": "start",
            "label": "Feels breathless",
            "lane": "patient",
            "phase": "referral",
            "x": 110,
            "y": 75,
        },
        {
            "id": "s2",
            "kind": "activity",
            "label": "GP appointment",
            "lane": "gp",
            "phase": "referral",
            "x": 330,
            "y": 75,
            "owner": "Practice nurse",
        },
        {
            "id": "s3",
            "kind": "decision",
            "label": "Echo needed?",
            "lane": "gp",
            "phase": "diagnosis",
            "x": 760,
            "y": 75,
        },
        {
            "id": "s4",
            "kind": "activity",
            "label": "Echo scan",
            "lane": "echo",
            "phase": "diagnosis",
            "x": 1000,
            "y": 75,
            "notes": "Waiting list for echo",
        },
        {
            "id": "s5",
            "kind": "end",
            "label": "Treatment plan",
            "lane": "gp",
            "phase": "treatment",
            "x": 1500,
            "y": 75,
        },
    ],
    "flows": [
        {"id": "f1", "source": "s1", "target": "s2"},
        {"id": "f2", "source": "s2", "target": "s3"},
        {"id": "f3", "source": "s3", "target": "s4", "label": "yes"},
        {"id": "f4", "source": "s4", "target": "s5"},
    ],
    "comments": [
        {"id": "c1", "target": "s4", "kind": "pain_point", "text": "Six week wait for echo"},
        {"id": "c2", "kind": "idea", "text": "Community echo clinic"},
    ],
}


def open_phased_map(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "breathlessness.pathmap.json"
    path.write_text(json.dumps(PHASED_MAP), encoding="utf-8")
    assert window.open_path(path)
    window.scene.sync()
    QApplication.processEvents()
