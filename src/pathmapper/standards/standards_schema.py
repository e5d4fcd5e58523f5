"""The published JSON Schema of a standards file, generated from the models, beside the map's.

`resources/schema/pathmapper-standards-v1.schema.json` is this function's output; a test fails
when the file is stale. Regenerate with `make schema`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pathmapper.io.schema import published_schema, schema_json
from pathmapper.resources import resource_path
from pathmapper.standards.spec import FORMAT_VERSION, StandardsFile

SCHEMA_ID = f"https://pathmapper.invalid/schema/pathmapper-standards-v{FORMAT_VERSION}.schema.json"


def standards_schema() -> dict[str, Any]:
    return published_schema(
        StandardsFile.model_json_schema(mode="validation", by_alias=True),
        SCHEMA_ID,
        f"pathmapper programme standards, format version {FORMAT_VERSION}",
        "A redesign programme's standards for its pathways, written as TOML "
        "(*.standards.toml) and read as this structure. Standard ids are unique in the file "
        "(checked by pathmapper, not by this schema); durations are ISO 8601 in weeks, days, "
        "hours and minutes. Unknown keys are refused.",
    )


def schema_text() -> str:
    return schema_json(standards_schema())


def schema_file() -> Path:
    return resource_path("schema", f"pathmapper-standards-v{FORMAT_VERSION}.schema.json")


if __name__ == "__main__":
    schema_file().write_text(schema_text(), encoding="utf-8")
    print(f"wrote {schema_file()}")
