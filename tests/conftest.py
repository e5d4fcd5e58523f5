"""Shared test helpers: small valid map documents to break one rule at a time."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_MAPS = sorted((PROJECT_ROOT / "sample_maps").glob("*.pathmap.json"))
HOSTILE_CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "hostile"  # see make_corpus.py there
HOSTILE_MAPS = sorted(HOSTILE_CORPUS.glob("*.pathmap.json"))

SMALL_MAP: dict[str, Any] = {
    "format": "pathmapper-map",
    "schema_version": 1,
    "id": "map-1",
    "title": "Breathlessness referral",
    "description": "",
    "state": "as_is",
    "created": "2026-11-22T10:00:00Z",
    "modified": "2026-11-22T11:30:00Z",
    "lanes": [
        {"id": "gp", "name": "GP practice", "organisation": "GP practice"},
        {"id": "echo", "name": "Echo department", "organisation": "Acute trust"},
    ],
    "phases": [{"id": "referral", "name": "Referral"}],
    "steps": [
        {
            "id": "s1",
            "kind": "start",
            "label": "Patient presents",
            "lane": "gp",
            "phase": "referral",
            "x": 40,
            "y": 30,
            "duration": "PT15M",
            "wait": "P2D",
            "value_added": True,
            "patient_contact": True,
            "owner": "GP",
            "notes": "",
            "tags": [],
        },
        {
            "id": "s2",
            "kind": "activity",
            "label": "Echo",
            "lane": "echo",
            "wait": "P6W",
            "value_added": False,
            "patient_contact": True,
            "owner": "",
            "notes": "",
            "tags": [],
        },
        {
            "id": "s3",
            "kind": "end",
            "label": "Results to GP",
            "lane": "gp",
            "value_added": False,
            "patient_contact": False,
            "owner": "",
            "notes": "",
            "tags": [],
        },
    ],
    "flows": [
        {"id": "f1", "source": "s1", "target": "s2", "label": "referral", "expected_loop": False},
        {"id": "f2", "source": "s2", "target": "s3", "label": "", "expected_loop": False},
    ],
    "comments": [
        {
            "id": "c1",
            "target": "s2",
            "kind": "pain_point",
            "text": "Six week wait for echo",
            "author": "",
            "organisation": "",
            "created": "2026-11-22T10:05:00Z",
            "votes": 0,
        }
    ],
}


@pytest.fixture
def small_document() -> dict[str, Any]:
    return copy.deepcopy(SMALL_MAP)


@pytest.fixture
def write_map(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a document (dict, or raw text/bytes) to a file and return its path."""

    def write(content: dict[str, Any] | str | bytes, name: str = "map.pathmap.json") -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write


@pytest.fixture(autouse=True)
def private_recovery_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test writes recovery copies to a folder of its own, never the user's real one."""
    folder = tmp_path_factory.mktemp("recovery")
    monkeypatch.setenv("PATHMAPPER_RECOVERY_DIR", str(folder))
    return folder
