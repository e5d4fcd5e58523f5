"""Reading a standards file: TOML through the standard library, each problem named by its
standard and key ("standard 'rtt18': max: 'P3M' ... months and years are ambiguous")."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pathmapper.standards.spec import RULES, StandardsFile

# A standards file is a page of text; anything far larger is not one.
MAX_STANDARDS_BYTES = 1_000_000


class StandardsFileError(Exception):
    """A standards file that cannot be used, with one line per problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def read_standards(path: str | os.PathLike[str]) -> StandardsFile:
    """The standards of a `*.standards.toml` file, or StandardsFileError saying what is wrong."""
    source = str(path)
    try:
        if Path(path).stat().st_size > MAX_STANDARDS_BYTES:
            raise StandardsFileError(source, ["is over 1 MB: it is not a standards file"])
        data = Path(path).read_bytes()
    except OSError as error:
        raise StandardsFileError(source, [f"cannot be read ({error.strerror})"]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StandardsFileError(source, ["is not UTF-8 text"]) from None
    return parse_standards(text, source)


def parse_standards(text: str, source: str = "standards") -> StandardsFile:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StandardsFileError(source, [f"is not valid TOML: {error}"]) from None
    try:
        return StandardsFile.model_validate(document)
    except ValidationError as error:
        raise StandardsFileError(source, _problems(error, document)) from None


def _standard_name(document: dict[str, Any], index: int) -> str:
    standards = document.get("standard")
    if isinstance(standards, list) and index < len(standards):
        entry = standards[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"].strip():
            return f"standard '{entry['id']}'"
    return f"standard {index + 1}"


SELECTOR_KEYS = ("kind", "tag", "lane", "organisation", "id")


def _unknown_key(location: list[str | int]) -> str:
    if location[:1] != ["standard"]:
        return "unknown key"
    keys = [key for key in location[2:] if key not in RULES]
    if len(keys) > 1:
        return f"is not a key of a selector ({', '.join(SELECTOR_KEYS)})"
    return "is not a key of this rule"


def _pydantic_name(key: str | int) -> bool:
    return isinstance(key, str) and (key in ("int", "str", "bool") or "-" in key or "[" in key)


def _problems(error: ValidationError, document: dict[str, Any]) -> list[str]:
    problems = []
    for detail in error.errors():
        location = list(detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = _unknown_key(location)
        elif detail["type"] in ("int_type", "string_type") and location[-2:-1] == ["max"]:
            message = 'give a whole number, or a duration in quotes such as "P18W"'
        elif detail["type"] == "missing":
            message = "is missing"
        elif detail["type"] == "union_tag_not_found":
            message = f"rule is missing (one of {', '.join(RULES)})"
        elif detail["type"] == "union_tag_invalid":
            message = f"rule '{detail['input']['rule']}' is not one of {', '.join(RULES)}"
        if location[:1] == ["standard"] and len(location) >= 2 and isinstance(location[1], int):
            name = _standard_name(document, location[1])
            keys = location[2:]
            if keys and keys[0] in RULES:  # the rule pydantic chose, not a key of the file
                keys = keys[1:]
            # Union members pydantic tried ("int", "constrained-int", "function-after[...]"):
            # its own names, not keys of the file.
            keys = [key for key in keys if not _pydantic_name(key)]
            where = ".".join(str(key) for key in keys)
            problems.append(f"{name}: {where}: {message}" if where else f"{name}: {message}")
        elif location:
            problems.append(f"{'.'.join(str(key) for key in location)}: {message}")
        else:
            problems.append(message)
    return list(dict.fromkeys(problems))  # a value that fits neither of two types: said once
