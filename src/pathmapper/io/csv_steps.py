"""Turning a spreadsheet of steps (CSV) into a laid-out map.

Before a workshop, people often list the steps of a pathway in a spreadsheet: one row per step,
with the lane (team or organisation) doing it and what comes next. Columns are matched by name,
whatever their order and case; only `step` and `lane` are needed:

    number, lane, organisation, step, kind, next, branch label, wait, duration,
    patient contact, value-adding, owner, phase, tags, notes

`next` names the following steps by name or number, several separated by `;` (or `|`, or a
new line), with `branch label` giving each one's label in the same order. Without a `next`
column each step leads to the one in the row below. Every bad row is reported by its row
number as the spreadsheet shows it (the header is row 1), and nothing is imported until all
are fixed. The steps are then placed by the automatic layout.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from pathmapper.io.import_result import ImportResult
from pathmapper.io.mapfile import MAX_FLOWS, MAX_STEPS, FileProblems
from pathmapper.io.reading import UnreadableFile, read_regular_file
from pathmapper.layout import auto_layout
from pathmapper.model import Flow, Lane, PathMap, Phase, Step, StepKind, new_id
from pathmapper.model.durations import DurationError, parse_human

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_ROWS = MAX_STEPS
MAX_NEXT_STEPS = 50  # per row: a decision with more branches than this is no real pathway
MAX_CELL_CHARACTERS = csv.field_size_limit()

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "number": ("number", "no", "#", "id", "step number", "step no", "ref"),
    "lane": ("lane", "swimlane", "team", "who", "service", "role"),
    "organisation": ("organisation", "organization", "org", "provider"),
    "step": ("step", "step name", "label", "name", "what happens", "activity", "description"),
    "kind": ("kind", "type", "step kind", "step type", "shape"),
    "next": ("next", "next step", "next steps", "goes to", "then", "leads to"),
    "branch label": ("branch label", "branch labels", "branch", "branches", "condition"),
    "wait": ("wait", "wait before", "waiting time", "waiting", "wait time"),
    "duration": ("duration", "active time", "time taken", "how long"),
    "patient contact": ("patient contact", "contact", "patient facing"),
    "value adding": ("value adding", "value added", "adds value", "value"),
    "owner": ("owner", "owner role", "done by"),
    "phase": ("phase", "stage"),
    "tags": ("tags", "tag"),
    "notes": ("notes", "note", "comments", "comment"),
}
KIND_WORDS: dict[str, StepKind] = {
    "start": "start",
    "begin": "start",
    "trigger": "start",
    "end": "end",
    "finish": "end",
    "stop": "end",
    "outcome": "end",
    "activity": "activity",
    "task": "activity",
    "process": "activity",
    "action": "activity",
    "decision": "decision",
    "question": "decision",
    "choice": "decision",
    "gateway": "decision",
    "wait": "wait",
    "delay": "wait",
    "waiting": "wait",
    "queue": "wait",
    "information": "information",
    "info": "information",
    "document": "information",
    "letter": "information",
    "result": "information",
    "record": "information",
}
YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "✓", "✔"})
NO_WORDS = frozenset({"no", "n", "false", "0", ""})
_LIST_SEPARATORS = re.compile(r"[;|\n]")


class CsvImportError(FileProblems):
    """A steps spreadsheet that cannot be imported, with every problem by row number."""


@dataclass
class _Row:
    number: int  # as the spreadsheet shows it
    cells: dict[str, str]
    step: Step
    next_refs: list[str] = field(default_factory=list)
    branch_labels: list[str] = field(default_factory=list)
    kind_given: bool = False


def read_steps_csv(path: str | os.PathLike[str]) -> ImportResult:
    """A laid-out map from a CSV file of steps, or CsvImportError with every problem."""
    source = Path(path).name
    try:
        data = read_regular_file(path, MAX_CSV_BYTES, "a spreadsheet")
    except UnreadableFile as unreadable:
        raise CsvImportError(source, [unreadable.reason]) from None
    return steps_csv_to_map(_decode(data), source, title=_title_from(Path(path)))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Excel on Windows saves


def _title_from(path: Path) -> str:
    stem = path.name.removesuffix(".csv").removesuffix(".CSV")
    return stem.replace("-", " ").replace("_", " ").strip().capitalize()


def _normalise(name: str) -> str:
    cleaned = re.sub(r"[-_/]+", " ", name.strip().lower().lstrip("\ufeff"))
    return " ".join(cleaned.replace("?", "").split())


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def steps_csv_to_map(text: str, source: str, title: str = "") -> ImportResult:
    """A laid-out map from the text of a steps CSV (see the module notes for the columns)."""
    records = _records(text, source)
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
    if not records:
        raise CsvImportError(source, ["is empty: it needs a header row and one row per step"])
    columns = _columns(records[0], source)
    problems: list[str] = []
    path_map = PathMap(title=title)
    rows: list[_Row] = []
    lanes: dict[str, Lane] = {}
    phases: dict[str, Phase] = {}
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {name: record[i].strip() if i < len(record) else "" for name, i in columns.items()}
        row = _read_row(index, cells, lanes, phases, problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append("has a header but no steps: add one row per step")
    path_map.lanes = list(lanes.values())
    path_map.phases = list(phases.values())
    path_map.steps = [row.step for row in rows]
    result = ImportResult(path_map, source)
    _link(rows, "next" in columns, path_map, result, problems)
    if problems:
        raise CsvImportError(source, problems)
    _infer_kinds(rows, path_map)
    result.path_map = auto_layout(path_map)
    unused = [header for header in records[0] if header.strip() and not _known(header)]
    if unused:
        result.left_out.append(
            "columns pathmapper does not use: " + ", ".join(f"'{name}'" for name in unused)
        )
    return result


def _records(text: str, source: str) -> list[list[str]]:
    """The rows, read one by one so that too many are refused before they are all held, and
    the next steps named in them counted as they come (each becomes an arrow)."""
    reader = csv.reader(io.StringIO(text), _dialect(text))
    records: list[list[str]] = []
    next_steps = 0
    next_column: int | None = None
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                raise CsvImportError(
                    source, [f"has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,}"]
                )
            if next_column is None:
                next_column = _next_column(record)
            elif 0 <= next_column < len(record):
                next_steps += len(_split_list(record[next_column]))
                if next_steps > MAX_FLOWS:
                    raise CsvImportError(
                        source,
                        [
                            f"names more than {MAX_FLOWS:,} next steps by row {reader.line_num}; "
                            f"a map has at most {MAX_FLOWS:,} arrows"
                        ],
                    )
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            reason = (
                f"row {reader.line_num}: a cell is longer than {MAX_CELL_CHARACTERS:,} "
                "characters, far more than a step needs (is a quote left open?)"
            )
        else:
            reason = f"row {reader.line_num}: {error}"
        raise CsvImportError(source, [reason]) from None
    return records


def _next_column(header: list[str]) -> int | None:
    """Where the `next` column is in a header row; -1 when there is none, None for a blank
    row (the header is the first row with something in it)."""
    if not any(cell.strip() for cell in header):
        return None
    names = [_normalise(name) for name in header]
    return next((i for i, name in enumerate(names) if name in COLUMN_NAMES["next"]), -1)


def _known(header: str) -> bool:
    return any(_normalise(header) in names for names in COLUMN_NAMES.values())


def _columns(header: list[str], source: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = next((k for k, names in COLUMN_NAMES.items() if _normalise(name) in names), None)
        if key is not None and key not in columns:
            columns[key] = index
    missing = [name for name in ("step", "lane") if name not in columns]
    if missing:
        found = ", ".join(f"'{name.strip()}'" for name in header if name.strip()) or "none"
        raise CsvImportError(
            source,
            [
                f"row 1 (the header) needs a column called {' and '.join(missing)}; "
                f"the columns found are {found}"
            ],
        )
    return columns


def _read_row(
    number: int,
    cells: dict[str, str],
    lanes: dict[str, Lane],
    phases: dict[str, Phase],
    problems: list[str],
) -> _Row | None:
    before = len(problems)
    label = cells.get("step", "")
    lane_name = cells.get("lane", "")
    where = f"row {number}" + (f" ('{label}')" if label else "")
    if not label:
        problems.append(f"{where}: the step column is empty; say what happens in this step")
    if not lane_name:
        problems.append(f"{where}: the lane column is empty; say which team or service does it")
    kind_word = cells.get("kind", "").lower()
    kind = KIND_WORDS.get(kind_word, "activity")
    if kind_word and kind_word not in KIND_WORDS:
        problems.append(
            f"{where}: kind '{cells['kind']}' is not one of start, end, activity, decision, "
            "wait, information"
        )
    step = Step(id=new_id(), kind=kind, label=label, lane="")
    for name in ("wait", "duration"):
        try:
            setattr(step, name, parse_human(cells.get(name, "")))
        except DurationError as error:
            problems.append(f"{where}: {name} {error}")
    for name, column in (("patient_contact", "patient contact"), ("value_added", "value adding")):
        value = cells.get(column, "").lower()
        if value not in YES_WORDS | NO_WORDS:
            problems.append(f"{where}: {column} '{cells[column]}' should be yes or no")
        setattr(step, name, value in YES_WORDS)
    step.owner = cells.get("owner", "")
    step.notes = cells.get("notes", "")
    step.tags = [tag.strip() for tag in re.split(r"[;,]", cells.get("tags", "")) if tag.strip()]
    if len(problems) > before:
        return None
    organisation = cells.get("organisation", "")
    lane = lanes.get(lane_name.casefold())
    if lane is None:
        lane = Lane(id=new_id(), name=lane_name, organisation=organisation or lane_name)
        lanes[lane_name.casefold()] = lane
    elif organisation and organisation != lane.organisation_name:
        problems.append(
            f"{where}: lane '{lane_name}' belongs to '{lane.organisation_name}' in an earlier "
            f"row but to '{organisation}' here; give one organisation per lane"
        )
        return None
    step.lane = lane.id
    phase_name = cells.get("phase", "")
    if phase_name:
        phase = phases.setdefault(phase_name.casefold(), Phase(id=new_id(), name=phase_name))
        step.phase = phase.id
    next_refs = _split_list(cells.get("next", ""))
    if len(next_refs) > MAX_NEXT_STEPS:
        problems.append(
            f"{where}: {len(next_refs)} next steps; a step leads to at most {MAX_NEXT_STEPS}"
        )
        return None
    return _Row(
        number,
        cells,
        step,
        next_refs=next_refs,
        branch_labels=_split_list(cells.get("branch label", "")),
        kind_given=bool(kind_word),
    )


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in _LIST_SEPARATORS.split(text) if item.strip()]


def _link(
    rows: list[_Row],
    has_next_column: bool,
    path_map: PathMap,
    result: ImportResult,
    problems: list[str],
) -> None:
    if not has_next_column:
        for row, following in pairwise(rows):
            if row.step.kind != "end":
                path_map.flows.append(
                    Flow(id=new_id(), source=row.step.id, target=following.step.id)
                )
        if len(rows) > 1:
            result.remarks.append("there is no 'next' column, so each step leads to the row below")
        return
    by_number: dict[str, _Row] = {}
    by_label: dict[str, list[_Row]] = {}
    for position, row in enumerate(rows, start=1):
        number = row.cells.get("number") or str(position)
        if number in by_number:
            problems.append(
                f"row {row.number} ('{row.step.label}'): number {number} is also the number of "
                f"row {by_number[number].number}; give each step its own number"
            )
        by_number[number] = row
        by_label.setdefault(row.step.label.casefold(), []).append(row)
    for row in rows:
        where = f"row {row.number} ('{row.step.label}')"
        targets = _resolve_all(row.next_refs, by_number, by_label, where, problems)
        labels = row.branch_labels
        if labels and len(labels) != len(targets):
            if targets:  # unresolved references are reported already
                problems.append(
                    f"{where}: {len(labels)} branch labels for {len(targets)} next steps; give "
                    "one label per next step, in the same order (separated by ;)"
                )
            continue
        for index, target in enumerate(targets):
            label = labels[index] if labels else ""
            path_map.flows.append(
                Flow(id=new_id(), source=row.step.id, target=target.step.id, label=label)
            )


def _resolve_all(
    references: list[str],
    by_number: dict[str, _Row],
    by_label: dict[str, list[_Row]],
    where: str,
    problems: list[str],
) -> list[_Row]:
    targets: list[_Row] = []
    for reference in references:
        found = _resolve(reference, by_number, by_label)
        if found is None and "," in reference:
            parts = [_resolve(part.strip(), by_number, by_label) for part in reference.split(",")]
            if all(part is not None for part in parts):
                targets += [part for part in parts if part is not None]
                continue
        if found is None:
            matches = by_label.get(reference.casefold(), [])
            if len(matches) > 1:
                rows = ", ".join(str(match.number) for match in matches)
                problems.append(
                    f"{where}: next step '{reference}' is the name of rows {rows}; "
                    "use a number column to say which"
                )
            else:
                problems.append(
                    f"{where}: next step '{reference}' is not the name or number of any step"
                )
            continue
        targets.append(found)
    return targets


def _resolve(
    reference: str, by_number: dict[str, _Row], by_label: dict[str, list[_Row]]
) -> _Row | None:
    if reference in by_number:
        return by_number[reference]
    matches = by_label.get(reference.casefold(), [])
    return matches[0] if len(matches) == 1 else None


def _infer_kinds(rows: list[_Row], path_map: PathMap) -> None:
    """A row with no kind: a decision when it branches, a start when nothing leads to it, an
    end when it leads nowhere, else an activity."""
    incoming = {flow.target for flow in path_map.flows}
    outgoing: dict[str, int] = {}
    for flow in path_map.flows:
        outgoing[flow.source] = outgoing.get(flow.source, 0) + 1
    for row in rows:
        if row.kind_given:
            continue
        step = row.step
        if outgoing.get(step.id, 0) > 1:
            step.kind = "decision"
        elif step.id not in incoming and step.id in outgoing:
            step.kind = "start"
        elif step.id in incoming and step.id not in outgoing:
            step.kind = "end"
