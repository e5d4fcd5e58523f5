"""CSV tables of a map for spreadsheets: steps.csv, flows.csv, findings.csv, comments.csv.

UTF-8 with a byte order mark so Excel reads accents, written with the `csv` module, every text
cell neutralised so a file emailed to a commissioner never runs a formula. Durations appear both
as written in the map (ISO 8601) and in minutes, for sums and charts.

    paths = write_csv_tables(path_map, "out/")
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from pathmapper.analysis import Analysis, analyse
from pathmapper.export.safe_text import spreadsheet_cell
from pathmapper.io import MapSaveError, write_bytes_atomically
from pathmapper.model import COMMENT_KIND_NAMES, KIND_NAMES, Comment, Flow, Lane, PathMap, Step

Table = list[list[str]]


class CsvExportError(Exception):
    """The tables could not be written (a folder that cannot be made or written)."""


def _row(values: Sequence[object]) -> list[str]:
    return [spreadsheet_cell(value) for value in values]


def _minutes(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes, 2)


def describe_element(path_map: PathMap, element_id: str | None) -> str:
    """How a person names an element: a step by label and lane, a flow by its two steps."""
    if element_id is None:
        return "the whole map"
    element = path_map.element(element_id)
    if isinstance(element, Step):
        lane = path_map.lane(element.lane)
        label = element.label.strip() or "(unlabelled step)"
        return f"{label} ({lane.name})" if lane is not None else label
    if element is None:
        return "(removed element)"
    if isinstance(element, Flow):
        source = path_map.step(element.source)
        target = path_map.step(element.target)
        source_label = source.label if source is not None else "?"
        target_label = target.label if target is not None else "?"
        return f"flow {source_label} → {target_label}"
    if isinstance(element, Comment):
        return f"comment: {element.text[:40]}"
    if isinstance(element, Lane):
        return f"lane {element.name}"
    return f"phase {element.name}"


def steps_table(path_map: PathMap) -> Table:
    lanes = path_map.lanes_by_id()
    rows = [
        _row(
            (
                "id", "label", "kind", "lane", "organisation", "phase",
                "duration (ISO 8601)", "duration (minutes)", "wait (ISO 8601)", "wait (minutes)",
                "value adding", "patient contact", "owner", "notes", "tags",
            )
        )
    ]  # fmt: skip
    for step in path_map.steps:
        lane = lanes.get(step.lane)
        phase = path_map.phase(step.phase) if step.phase else None
        rows.append(
            _row(
                (
                    step.id,
                    step.label,
                    KIND_NAMES.get(step.kind, step.kind),
                    lane.name if lane else step.lane,
                    lane.organisation_name if lane else "",
                    phase.name if phase else "",
                    step.duration or "",
                    _minutes(step.duration_minutes),
                    step.wait or "",
                    _minutes(step.wait_minutes),
                    step.value_added,
                    step.patient_contact,
                    step.owner,
                    step.notes,
                    "; ".join(step.tags),
                )
            )
        )
    return rows


def flows_table(path_map: PathMap) -> Table:
    lanes = path_map.lanes_by_id()
    steps = path_map.steps_by_id()
    rows = [
        _row(
            (
                "id", "from step", "from lane", "to step", "to lane", "label",
                "handoff", "cross-organisation handoff", "expected loop", "from id", "to id",
            )
        )
    ]  # fmt: skip
    handoff_ids, cross_organisation_ids = path_map.handoff_flow_ids()
    for flow in path_map.flows:
        source, target = steps.get(flow.source), steps.get(flow.target)
        source_lane = lanes.get(source.lane) if source else None
        target_lane = lanes.get(target.lane) if target else None
        handoff = flow.id in handoff_ids
        cross = flow.id in cross_organisation_ids
        rows.append(
            _row(
                (
                    flow.id,
                    source.label if source else "",
                    source_lane.name if source_lane else "",
                    target.label if target else "",
                    target_lane.name if target_lane else "",
                    flow.label,
                    handoff,
                    cross,
                    flow.expected_loop,
                    flow.source,
                    flow.target,
                )
            )
        )
    return rows


def findings_table(path_map: PathMap, analysis: Analysis) -> Table:
    rows = [_row(("section", "severity", "code", "message", "suggestion", "concerns", "ids"))]
    for finding in analysis.findings:
        rows.append(
            _row(
                (
                    finding.category,
                    finding.severity,
                    finding.code,
                    finding.message,
                    finding.suggestion,
                    "; ".join(describe_element(path_map, item) for item in finding.elements),
                    "; ".join(finding.elements),
                )
            )
        )
    return rows


def comments_table(path_map: PathMap) -> Table:
    rows = [_row(("id", "kind", "text", "votes", "on", "author", "organisation", "created"))]
    for comment in path_map.comments:
        rows.append(
            _row(
                (
                    comment.id,
                    COMMENT_KIND_NAMES.get(comment.kind, comment.kind),
                    comment.text,
                    comment.votes,
                    describe_element(path_map, comment.target),
                    comment.author,
                    comment.organisation,
                    comment.created or "",
                )
            )
        )
    return rows


def table_text(table: Table) -> str:
    """A table as CSV text (no byte order mark; `write_csv_tables` adds it)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return buffer.getvalue()


def write_csv_tables(
    path_map: PathMap, folder: str | os.PathLike[str], analysis: Analysis | None = None
) -> list[Path]:
    """Write the four tables into `folder` (made if missing); the paths written."""
    target = Path(folder)
    analysis = analysis if analysis is not None else analyse(path_map)
    tables = {
        "steps.csv": steps_table(path_map),
        "flows.csv": flows_table(path_map),
        "findings.csv": findings_table(path_map, analysis),
        "comments.csv": comments_table(path_map),
    }

    def failure(error: OSError) -> str:
        return f"{target}: cannot write the CSV tables ({error.strerror or error})"

    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            data = table_text(table).encode("utf-8-sig")
            write_bytes_atomically(target / name, data, failure)
            written.append(target / name)
    except OSError as error:
        raise CsvExportError(failure(error)) from None
    except MapSaveError as error:
        raise CsvExportError(str(error)) from None
    return written
