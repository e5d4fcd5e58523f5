"""A map's analysis with the standards its file names (`PathMap.standards`), for the editor:
each standard not met (or unknown) becomes a finding of the Standards section."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pathmapper.analysis import Analysis, Finding, analyse
from pathmapper.model import PathMap
from pathmapper.standards.load import StandardsFileError, read_standards
from pathmapper.standards.measure import StandardResult, measure_standards


def standards_path(path_map: PathMap, map_folder: Path | None) -> Path | None:
    """Where the map's standards file is: its reference read from the map file's folder."""
    if path_map.standards is None or not path_map.standards.strip():
        return None
    reference = Path(path_map.standards.strip()).expanduser()
    if reference.is_absolute() or map_folder is None:
        return reference
    return map_folder / reference


def standard_finding(result: StandardResult) -> Finding:
    standard = result.standard
    name = standard.title.strip() or standard.id
    unknown = result.status == "unknown"
    return Finding(
        f"standard.{result.status}",
        "info" if unknown else standard.severity,
        f"{'Not known if' if unknown else 'Not met:'} {name}"
        f"{' is met' if unknown else ''}. {result.message}",
        result.elements,
        "Give the missing times so the standard can be measured."
        if unknown
        else f"The programme's standard '{standard.id}' asks for this; see what breaks it.",
    )


def analyse_with_standards(path_map: PathMap, map_folder: Path | None) -> Analysis:
    """The analysis, with the map's standards measured and their breaches among the findings.
    A standards file that cannot be used is one finding saying why."""
    analysis = analyse(path_map)
    location = standards_path(path_map, map_folder)
    if location is None:
        return analysis
    try:
        standards = read_standards(location)
    except StandardsFileError as error:
        problem = Finding(
            "standard.file",
            "warning",
            f"The programme standards file cannot be used: {'; '.join(error.problems[:3])}",
            (),
            f"Correct {location.name}, or choose another with File > Programme standards.",
        )
        return replace(analysis, findings=[*analysis.findings, problem])
    results = measure_standards(analysis, standards)
    breaches = [standard_finding(r) for r in results if r.status in ("not_met", "unknown")]
    met = sum(result.status == "met" for result in results)
    return replace(
        analysis, findings=[*analysis.findings, *breaches], standards_met=(met, len(results))
    )
