"""The published JSON Schema of the map file, generated from the models.

`resources/schema/pathmap-v1.schema.json` is this function's output; a test fails when the file
is stale. Regenerate with `python -m pathmapper.io.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pathmapper.model import SCHEMA_VERSION, PathMap
from pathmapper.resources import resource_path

SCHEMA_ID = f"https://pathmapper.invalid/schema/pathmap-v{SCHEMA_VERSION}.schema.json"


def published_schema(
    schema: dict[str, Any], schema_id: str, title: str, description: str
) -> dict[str, Any]:
    """A model's JSON Schema as pathmapper publishes it: draft 2020-12, its id, title and
    description first."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "description": description,
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }


def schema_json(schema: dict[str, Any]) -> str:
    """The text of a published schema file: sorted, indented, one newline at the end."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def map_schema() -> dict[str, Any]:
    return published_schema(
        PathMap.model_json_schema(mode="validation"),
        SCHEMA_ID,
        f"pathmapper map file, format version {SCHEMA_VERSION}",
        "A care-pathway swimlane map. Ids are unique across the map and every reference "
        "(step lane and phase, flow source and target, comment target) resolves; those two "
        "rules are checked by pathmapper, not by this schema. Durations are ISO 8601 in "
        "weeks, days, hours and minutes (months and years are refused). Unknown fields are "
        "kept.",
    )


def schema_text() -> str:
    return schema_json(map_schema())


def schema_file() -> Path:
    return resource_path("schema", f"pathmap-v{SCHEMA_VERSION}.schema.json")


if __name__ == "__main__":
    schema_file().write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema_file()}")
