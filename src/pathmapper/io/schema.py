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


def map_schema() -> dict[str, Any]:
    schema = PathMap.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"pathmapper map file, format version {SCHEMA_VERSION}",
        "description": (
            "A care-pathway swimlane map. Ids are unique across the map and every reference "
            "(step lane and phase, flow source and target, comment target) resolves; those two "
            "rules are checked by pathmapper, not by this schema. Durations are ISO 8601 in "
            "weeks, days, hours and minutes (months and years are refused). Unknown fields are "
            "kept."
        ),
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }


def schema_text() -> str:
    return json.dumps(map_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_file() -> Path:
    return resource_path("schema", f"pathmap-v{SCHEMA_VERSION}.schema.json")


if __name__ == "__main__":
    schema_file().write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema_file()}")
