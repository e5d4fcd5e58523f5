"""A programme's standards file (`*.standards.toml`, version 1 of standards.md), as models.

The same models validate a file and give the published JSON Schema, so the two cannot drift.
Unknown keys are refused, not kept: a misspelt `max` must not leave a standard that is always
met.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from pathmapper.analysis.findings import FINDING_CODES, Severity
from pathmapper.model import STEP_KINDS
from pathmapper.model.durations import iso_to_minutes, validate_iso

FORMAT_NAME = "pathmapper-standards"
FORMAT_VERSION = 1

StepField = Literal["owner", "duration", "wait", "phase", "notes", "tags"]
Measure = Literal[
    "steps", "handoffs", "cross_org_handoffs", "organisations", "contacts", "lead_time"
]


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("cannot be blank")
    return value


def _step_kind(value: str) -> str:
    if value.strip().lower() not in STEP_KINDS:
        raise ValueError(f"'{value}' is not a step kind (one of {', '.join(STEP_KINDS)})")
    return value


def _finding_code(value: str) -> str:
    if value not in FINDING_CODES:
        raise ValueError(f"'{value}' is not a finding code of the analysis")
    return value


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Selector(StrictModel):
    """Which steps: a step matches when it matches every key given (text ignoring case and
    surrounding spaces; a tag matches when it is among the step's tags)."""

    kind: Annotated[str, AfterValidator(_step_kind)] | None = None
    tag: str | None = None
    lane: str | None = Field(default=None, description="a lane id")
    organisation: str | None = None
    id: str | None = Field(default=None, description="a step id")


class StandardBase(StrictModel):
    id: Annotated[str, AfterValidator(_non_blank)] = Field(description="unique in the file")
    title: str = ""
    severity: Severity = "warning"


class TimeBetween(StandardBase):
    """On every route, from each step matching `from` to the first later one matching `to`,
    at most `max`."""

    rule: Literal["time_between"]
    from_: Selector = Field(alias="from")
    to: Selector
    max: Annotated[str, AfterValidator(validate_iso)] = Field(
        description="an ISO 8601 duration in weeks, days, hours or minutes, e.g. P18W"
    )

    @property
    def max_minutes(self) -> float:
        return iso_to_minutes(self.max)


class EveryRoutePasses(StandardBase):
    rule: Literal["every_route_passes"]
    through: Selector


class RouteMax(StandardBase):
    """On every route, `measure` at most `max` (a duration for `lead_time`, else a count)."""

    rule: Literal["route_max"]
    measure: Measure
    max: int | str = Field(
        description="a whole number from 0, or for lead_time an ISO 8601 duration such as P18W"
    )

    @model_validator(mode="after")
    def _max_fits_the_measure(self) -> RouteMax:
        if self.measure == "lead_time":
            if not isinstance(self.max, str):
                raise ValueError('max: for lead_time give a duration such as "P18W"')
            try:
                validate_iso(self.max)
            except ValueError as problem:
                raise ValueError(f"max: {problem}") from None
        elif not isinstance(self.max, int):
            raise ValueError(f"max: for {self.measure} give a whole number, not a duration")
        elif self.max < 0:
            raise ValueError(f"max: {self.max} is below 0")
        return self

    @property
    def max_value(self) -> float:
        return iso_to_minutes(self.max) if isinstance(self.max, str) else float(self.max)


class NoFindings(StandardBase):
    rule: Literal["no_findings"]
    codes: Annotated[list[Annotated[str, AfterValidator(_finding_code)]], Field(min_length=1)]


class EveryStepHas(StandardBase):
    rule: Literal["every_step_has"]
    fields: Annotated[list[StepField], Field(min_length=1)]
    where: Selector | None = None


Standard = Annotated[
    TimeBetween | EveryRoutePasses | RouteMax | NoFindings | EveryStepHas,
    Field(discriminator="rule"),
]
RULES: tuple[str, ...] = (
    "time_between",
    "every_route_passes",
    "route_max",
    "no_findings",
    "every_step_has",
)


class StandardsFile(StrictModel):
    """A whole standards file."""

    format: Literal["pathmapper-standards"]
    version: Literal[1]
    title: str = ""
    standard: list[Standard] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> StandardsFile:
        seen: set[str] = set()
        for standard in self.standard:
            if standard.id in seen:
                raise ValueError(f"standard '{standard.id}': id is used by an earlier standard")
            seen.add(standard.id)
        return self
