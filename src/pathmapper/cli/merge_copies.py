"""`pathmapper merge BASE COPY... -o OUT`: merge the copies stakeholders sent back.

Three-way by element id against BASE, the copy that was sent out. Exit 0 when every change
merged cleanly (or every conflict was settled with --take), 1 when conflicts were left at the
base value for the editor, 2 when a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from pathmapper.cli.common import CommandError, load_or_fail, refuse_overwriting_input
from pathmapper.io import MapSaveError, save_map
from pathmapper.merge.outcome import MergeResult, TakeRule
from pathmapper.merge.three_way import MergeCopy, MergeError, merge_maps
from pathmapper.merge.wording import ElementNamer, count, describe_change, describe_conflict, who
from pathmapper.model import PathMap


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge returned copies of a map into one",
        description=(
            "Merge the copies of a map that came back by email, by element id, against BASE "
            "(the copy that was sent out). Changes from every copy are applied and every "
            "comment is kept; where copies changed the same thing differently, the conflict is "
            "listed with who changed what. Exit 0 when clean, 1 when conflicts were left at the "
            "base value, 2 when a file cannot be read or written. No input is ever changed."
        ),
    )
    parser.add_argument("base", metavar="BASE", help="the map as it was sent out")
    parser.add_argument("copies", nargs="+", metavar="COPY", help="a returned copy")
    parser.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="where to write the merged map"
    )
    parser.add_argument(
        "--take",
        metavar="base|N",
        help="settle every conflict: 'base' keeps the sent value, N takes copy N's value "
        "(default: keep the sent value and report the conflict, exit 1)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report form")
    parser.set_defaults(handler=run)


def _take_rule(value: str | None, copies: int) -> TakeRule:
    if value is None:
        return None
    if value == "base":
        return "base"
    if value.isdigit() and 1 <= int(value) <= copies:
        return int(value)
    raise CommandError(f"merge: --take must be 'base' or a copy number from 1 to {copies}")


def _labels(paths: list[str]) -> list[str]:
    resolved = [Path(path).resolve() for path in paths]
    for index, path in enumerate(resolved):
        if path in resolved[:index]:
            raise CommandError(f"merge: {paths[index]} is given twice")
    names = [Path(path).name for path in paths]
    return [
        name if names.count(name) == 1 else path for name, path in zip(names, paths, strict=True)
    ]


def run(options: argparse.Namespace) -> int:
    inputs = [options.base, *options.copies]
    refuse_overwriting_input(inputs, options.output)
    labels = _labels(options.copies)
    take = _take_rule(options.take, len(options.copies))
    base = load_or_fail(options.base)
    copies = [
        MergeCopy(label, load_or_fail(path))
        for label, path in zip(labels, options.copies, strict=True)
    ]
    try:
        result = merge_maps(base, copies, take=take)
    except MergeError as error:
        raise CommandError(f"merge: {error}") from None
    try:
        save_map(result.merged, options.output)
    except MapSaveError as error:
        raise CommandError(str(error)) from None
    if options.format == "json":
        print(json.dumps(report_json(result, options), indent=2, ensure_ascii=False))
    else:
        print(report_text(result, base, [copy.path_map for copy in copies], options.output))
    return 1 if result.unresolved else 0


def report_json(result: MergeResult, options: argparse.Namespace) -> dict[str, Any]:
    return {
        "base": options.base,
        "output": options.output,
        "copies": [
            {"index": n, "label": label, "file": path, "authors": result.copy_authors[label]}
            for n, (label, path) in enumerate(
                zip(result.copy_labels, options.copies, strict=True), 1
            )
        ],
        "changes": [dataclasses.asdict(change) for change in result.changes],
        "conflicts": [dataclasses.asdict(conflict) for conflict in result.conflicts],
        "unresolved": len(result.unresolved),
        "warnings": result.warnings,
    }


def report_text(result: MergeResult, base: PathMap, copies: list[PathMap], output: str) -> str:
    namer = ElementNamer([result.merged, base, *copies])
    applied = [change for change in result.changes if change.accepted]
    lines = [
        f"Merged {len(copies)} {'copy' if len(copies) == 1 else 'copies'} into {output}: "
        f"{count(len(applied), 'change')}, {count(len(result.conflicts), 'conflict')} "
        f"({len(result.unresolved)} left for you to decide)."
    ]
    lines += [f"Warning: {warning}" for warning in result.warnings]
    lines.append("Copies:")
    lines += [f"  {n}. {who(result, label)}" for n, label in enumerate(result.copy_labels, 1)]
    if applied:
        lines.append("Changes:")
        lines += [f"  {describe_change(change, namer)}" for change in applied]
    if result.conflicts:
        lines.append("Conflicts:")
        for conflict in result.conflicts:
            described = describe_conflict(conflict, namer, result)
            lines += [f"  {line}" for line in described]
    return "\n".join(lines)
