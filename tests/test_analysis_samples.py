"""The sample maps: what the analysis must find in each (the workshop stories they tell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathmapper.analysis import Analysis, analyse
from pathmapper.io import load_map
from tests.conftest import PROJECT_ROOT, SAMPLE_MAPS

SAMPLES = PROJECT_ROOT / "sample_maps"


def sample(name: str) -> Analysis:
    return analyse(load_map(SAMPLES / f"{name}.pathmap.json"))


def elements(analysis: Analysis, code: str) -> list[tuple[str, ...]]:
    return [finding.elements for finding in analysis.findings if finding.code == code]


@pytest.mark.parametrize("path", SAMPLE_MAPS, ids=lambda path: path.name)
def test_every_sample_has_routes_and_no_error(path: Path) -> None:
    analysis = analyse(load_map(path))
    assert analysis.summary["errors"] == 0
    assert analysis.routes and not analysis.routes_truncated
    assert analysis.summary["lead_time_max_minutes"] >= analysis.summary["lead_time_min_minutes"]
    assert all(finding.suggestion for finding in analysis.findings)


def test_community_cardiology_as_is() -> None:
    analysis = sample("community-cardiology-as-is")
    assert ("s03", "s13") in elements(analysis, "duplication.similar_steps")  # ECG done twice
    assert ("s08", "s09", "s10") in elements(analysis, "loop.cycle")  # referral bounced back
    assert ("c04", "comm-hf") in elements(analysis, "gap.flagged")  # no nurses in half the area
    # Ten between organisations; the patient's own steps hand over to no organisation.
    assert analysis.summary["cross_org_handoffs"] == 10
    assert analysis.summary["organisations"] == 3


def test_out_of_hours_hospice_line_cannot_be_reached() -> None:
    analysis = sample("unplanned-out-of-hours-as-is")
    assert elements(analysis, "gap.unreachable") == [("s38",)]
    assert ("c04", "s38") in elements(analysis, "gap.flagged")
    # One arrow sends the patient back (the ambulance crew to a repeated telephone assessment),
    # whichever of the two ways the patient took from there.
    assert len(elements(analysis, "loop.cycle")) == 1


@pytest.mark.parametrize("pathway", ["multiple-long-term-conditions", "msk-single-point-of-access"])
def test_to_be_maps_remove_the_unplanned_loops_and_shorten_the_journey(pathway: str) -> None:
    as_is = sample(f"{pathway}-as-is")
    to_be = sample(f"{pathway}-to-be")
    assert as_is.summary["loops"] > 0
    assert to_be.summary["loops"] == 0
    assert to_be.summary["lead_time_max_minutes"] < as_is.summary["lead_time_max_minutes"]
    assert to_be.summary["cross_org_handoffs"] <= as_is.summary["cross_org_handoffs"]
