"""The published JSON Schema of a standards file, generated from the models, beside the map's.

`resources/schema/pathmapper-standards-v1.schema.json` is this function's output; a test fails
when the file is stale. Regenerate with `make schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pathmapper.resources import resource_path
from pathmapper.standards.spec import FORMAT_VERSION, StandardsFile

SCHEMA_ID = f"https://pathmapper.invalid/schema/pathmapper-standards-v{FORMAT_VERSION}.schema.json"


def standards_schema() -> dict[str, Any]:
    schema = StandardsFile.model_json_schema(mode="validation", by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"pathmapper programme standards, format version {FORMAT_VERSION}",
        "description": (
            "A redesign programme's standards for its pathways, written as TOML "
            "(*.standards.toml) and read as this structure. Standard ids are unique in the "
            "file (checked by pathmapper, not by this schema); durations are ISO 8601 in weeks, "
            "days, hours and minutes. Unknown keys are refused."
        ),
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }


def schema_text() -> str:
    return json.dumps(standards_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_file() -> Path:
    return resource_path("schema", f"pathmapper-standards-v{FORMAT_VERSION}.schema.json")


if __name__ == "__main__":
    schema_file().write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema_file()}")
