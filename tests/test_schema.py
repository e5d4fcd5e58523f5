"""The published JSON Schema is generated from the models and kept up to date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pathmapper.io.schema import schema_file, schema_text
from tests.conftest import SAMPLE_MAPS


def test_published_schema_is_not_stale() -> None:
    published = schema_file().read_text(encoding="utf-8")
    assert published == schema_text(), (
        "resources/schema is stale: run `make schema` (python -m pathmapper.io.schema)"
    )


def test_schema_accepts_the_format_example(small_document: dict[str, Any]) -> None:
    jsonschema.validate(small_document, json.loads(schema_text()))


def test_schema_refuses_a_wrong_kind(small_document: dict[str, Any]) -> None:
    small_document["steps"][0]["kind"] = "meeting"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(small_document, json.loads(schema_text()))


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda p: p.name)
def test_sample_maps_match_the_schema(path: Path) -> None:
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), json.loads(schema_text()))
