"""The pathway map: lanes, phases, steps, flows and comments (file format version 1).

Plain pydantic models with no behaviour beyond lookups, so the same objects serve the editor,
the analysis, the exports and the command line. Unknown fields in a file are kept (extra
"allow") and written back, so a map edited by a newer pathmapper or another tool loses nothing.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from pathmapper.model.durations import iso_to_minutes, validate_iso
from pathmapper.model.names import is_patient_lane_name

FORMAT_NAME: Literal["pathmapper-map"] = "pathmapper-map"
SCHEMA_VERSION: Literal[1] = 1

StepKind = Literal["start", "end", "activity", "decision", "wait", "information"]
MapState = Literal["as_is", "to_be", "draft"]
CommentKind = Literal["pain_point", "working_well", "idea", "question", "gap"]

STEP_KINDS: tuple[str, ...] = get_args(StepKind)
MAP_STATES: tuple[str, ...] = get_args(MapState)
COMMENT_KINDS: tuple[CommentKind, ...] = get_args(CommentKind)

STATE_NAMES = {"as_is": "As is", "to_be": "To be", "draft": "Draft"}
KIND_NAMES = {
    "start": "Start",
    "end": "End",
    "activity": "Activity",
    "decision": "Decision",
    "wait": "Wait",
    "information": "Information",
}
COMMENT_KIND_NAMES = {
    "pain_point": "Pain point",
    "working_well": "Working well",
    "idea": "Idea",
    "question": "Question",
    "gap": "Gap",
}


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("an id cannot be blank")
    return value


def _timestamp(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"'{value}' is not a date and time (expected e.g. 2026-11-22T10:00:00Z)"
        ) from None
    return value


ElementId = Annotated[str, AfterValidator(_non_blank)]
IsoDuration = Annotated[str, AfterValidator(validate_iso)]
Timestamp = Annotated[str, AfterValidator(_timestamp)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
# Ten million points is over three kilometres of map: far beyond any real pathway (a chain of
# 10,000 steps in one lane is about two million points long), and small enough that drawing,
# routing and PDF arithmetic stay exact and quick whatever a file says.
LARGEST_COORDINATE = 1e7
Coordinate = Annotated[
    float, Field(ge=-LARGEST_COORDINATE, le=LARGEST_COORDINATE, allow_inf_nan=False)
]
Extent = Annotated[float, Field(gt=0, le=LARGEST_COORDINATE, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]  # of patients, 0 to 1
SHARE = TypeAdapter(Share)  # checks a share read from elsewhere (draw.io) by the same rule


def new_id() -> str:
    """A fresh element id. Ids are UUIDs so copies edited apart can be merged by id."""
    return str(uuid.uuid4())


def now_timestamp() -> str:
    """The current time as the map file writes it: UTC, whole seconds, with Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _document_value(value: Any) -> Any:
    if isinstance(value, MapElement):
        return value.to_document()
    if isinstance(value, list):
        return [_document_value(item) for item in value]
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


class MapElement(BaseModel):
    """Common behaviour: strict types, unknown fields kept, canonical serialisation."""

    model_config = ConfigDict(extra="allow", strict=True, validate_assignment=False)

    def to_document(self) -> dict[str, Any]:
        """The element as the file holds it: declared fields in order, unset optionals left
        out, then unknown fields sorted by name. Same element, same dictionary."""
        document: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is not None:
                document[name] = _document_value(value)
        extras = self.__pydantic_extra__ or {}
        for key in sorted(extras):
            document[key] = extras[key]
        return document


class Lane(MapElement):
    """A horizontal band: an organisation, or a team or role inside one, or the patient's own."""

    id: ElementId
    name: str = ""
    organisation: str | None = None
    patient: bool | None = Field(
        default=None,
        description=(
            "True when the lane is the patient's own (the patient, carer or family), false "
            "when it is not. When absent, a lane named Patient, Patients, Patient and carer, "
            "Patient/carer, Carer, Family or Patient and family is the patient's. The patient "
            "is not an organisation: its lane counts in no handoff between organisations, "
            "bounce, duplication or count of organisations."
        ),
    )
    colour: Colour | None = None
    height: Extent | None = None

    @property
    def organisation_name(self) -> str:
        """The organisation the lane belongs to; a blank one means the lane's own name."""
        if self.organisation is not None and self.organisation.strip():
            return self.organisation
        return self.name

    @property
    def is_patient(self) -> bool:
        """The patient's own lane: said by the `patient` field, or else by the lane's name."""
        if self.patient is not None:
            return self.patient
        return is_patient_lane_name(self.name)

    @property
    def care_organisation(self) -> str | None:
        """The organisation giving care in this lane; None for the patient's own lane, since
        the patient is not an organisation."""
        return None if self.is_patient else self.organisation_name


def crosses_organisations(source: str | None, target: str | None) -> bool:
    """Whether care passing between steps of these care organisations (`Lane.care_organisation`)
    changes organisation: they differ and neither is None, the patient's own lane."""
    return source is not None and target is not None and source != target


class Phase(MapElement):
    """An optional column: a stage of the journey such as referral or diagnosis."""

    id: ElementId
    name: str = ""
    width: Extent | None = None


# Bounds that keep any simulation of a map finite in time and memory while admitting every real
# service: ten thousand patients a week is more than a large emergency department sees.
LARGEST_ARRIVALS_PER_WEEK = 10_000.0
LARGEST_SERVERS = 1_000
LARGEST_QUEUE_AT_START = 100_000


class Arrivals(MapElement):
    """Demand entering the pathway at a start step (`simulation.md`)."""

    per_week: float = Field(
        gt=0,
        le=LARGEST_ARRIVALS_PER_WEEK,
        allow_inf_nan=False,
        description="Mean patients arriving a week, at random (Poisson).",
    )


class Capacity(MapElement):
    """How many patients a step can serve at once (`simulation.md`)."""

    servers: int = Field(
        ge=1,
        le=LARGEST_SERVERS,
        description="Patients served at once: clinicians, slots or beds.",
    )
    queue_at_start: int | None = Field(
        default=None,
        ge=0,
        le=LARGEST_QUEUE_AT_START,
        description="Patients already waiting when the simulation starts (absent: none).",
    )
    service: Literal["exponential", "fixed"] | None = Field(
        default=None,
        description=(
            "How service times vary around the step's duration: drawn from an exponential "
            "distribution (absent or exponential), or the duration as is (fixed)."
        ),
    )


class Step(MapElement):
    """One thing that happens to the patient, in one lane."""

    id: ElementId
    kind: StepKind
    label: str = ""
    lane: str
    phase: str | None = None
    x: Coordinate | None = None
    y: Coordinate | None = None
    duration: IsoDuration | None = None
    wait: IsoDuration | None = None
    value_added: bool = False
    patient_contact: bool = False
    owner: str = ""
    notes: str = ""
    tags: list[str] = Field(default_factory=list)
    arrivals: Arrivals | None = Field(
        default=None, description="Start steps only: the demand the what-if simulation uses."
    )
    capacity: Capacity | None = Field(
        default=None,
        description="Servers for the what-if simulation; the step's wait is then simulated.",
    )

    @property
    def duration_minutes(self) -> float | None:
        return None if self.duration is None else iso_to_minutes(self.duration)

    @property
    def wait_minutes(self) -> float | None:
        return None if self.wait is None else iso_to_minutes(self.wait)

    @property
    def has_position(self) -> bool:
        return self.x is not None and self.y is not None


class Flow(MapElement):
    """An arrow from one step to the next; out of a decision it carries the branch label."""

    id: ElementId
    source: str
    target: str
    label: str = ""
    expected_loop: bool = False
    probability: Share | None = Field(
        default=None,
        description=(
            "The share of patients leaving the source step who take this flow, for the what-if "
            "simulation. Flows of one step with no probability share what the others leave."
        ),
    )


class Comment(MapElement):
    """A workshop sticky note on a step, flow or lane, or on the whole map (no target)."""

    id: ElementId
    target: str | None = None
    kind: CommentKind
    text: str = ""
    author: str = ""
    organisation: str = ""
    created: Timestamp | None = None
    votes: Annotated[int, Field(ge=0)] = 0


class PathMap(MapElement):
    """A whole map, as one `.pathmap.json` file holds it."""

    format: Literal["pathmapper-map"] = FORMAT_NAME
    schema_version: Literal[1] = SCHEMA_VERSION
    id: ElementId = Field(default_factory=new_id)
    title: str = ""
    description: str = ""
    state: MapState = "draft"
    created: Timestamp | None = None
    modified: Timestamp | None = None
    lanes: list[Lane] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    flows: list[Flow] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    standards: str | None = Field(
        default=None,
        description=(
            "The programme standards file (*.standards.toml) the map is checked against in the "
            "editor: a path, relative to the map file's folder unless absolute."
        ),
    )

    # Lookups. They scan or build a dictionary each call: the model stays plain data that any
    # command may change, with no index to fall out of step.
    def lane(self, lane_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.id == lane_id), None)

    def phase(self, phase_id: str) -> Phase | None:
        return next((phase for phase in self.phases if phase.id == phase_id), None)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def flow(self, flow_id: str) -> Flow | None:
        return next((flow for flow in self.flows if flow.id == flow_id), None)

    def comment(self, comment_id: str) -> Comment | None:
        return next((comment for comment in self.comments if comment.id == comment_id), None)

    def elements(self) -> Iterator[Lane | Phase | Step | Flow | Comment]:
        yield from self.lanes
        yield from self.phases
        yield from self.steps
        yield from self.flows
        yield from self.comments

    def element(self, element_id: str) -> Lane | Phase | Step | Flow | Comment | None:
        return next((item for item in self.elements() if item.id == element_id), None)

    def lanes_by_id(self) -> dict[str, Lane]:
        return {lane.id: lane for lane in self.lanes}

    def steps_by_id(self) -> dict[str, Step]:
        return {step.id: step for step in self.steps}

    def organisation_of(self, step: Step) -> str | None:
        """The organisation giving care at a step; None in the patient's own lane."""
        lane = self.lane(step.lane)
        return lane.care_organisation if lane is not None else ""

    def organisations(self) -> list[str]:
        """Distinct organisations of all lanes other than the patient's, in lane order."""
        return list(
            dict.fromkeys(
                organisation
                for lane in self.lanes
                if (organisation := lane.care_organisation) is not None
            )
        )

    def handoff_flow_ids(self) -> tuple[set[str], set[str]]:
        """The flows that hand the patient over: those between steps in different lanes, and
        the subset whose lanes belong to different organisations, neither of them the
        patient's own lane (cross-organisation)."""
        steps = self.steps_by_id()
        lanes = self.lanes_by_id()
        handoffs: set[str] = set()
        cross_organisation: set[str] = set()
        for flow in self.flows:
            source, target = steps.get(flow.source), steps.get(flow.target)
            if source is None or target is None or source.lane == target.lane:
                continue
            handoffs.add(flow.id)
            source_lane, target_lane = lanes.get(source.lane), lanes.get(target.lane)
            if source_lane is None or target_lane is None:
                continue
            if crosses_organisations(source_lane.care_organisation, target_lane.care_organisation):
                cross_organisation.add(flow.id)
        return handoffs, cross_organisation

    def steps_in_lane(self, lane_id: str) -> list[Step]:
        return [step for step in self.steps if step.lane == lane_id]

    def problems(self) -> list[str]:
        """Broken rules in this map (ids, references), each naming the element and the rule.

        Empty for a valid map. The editor and the tests use it to prove commands keep a map whole.
        """
        from pathmapper.model.rules import reference_problems

        return reference_problems(self.to_document())
