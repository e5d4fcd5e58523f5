"""Realistic large maps for tests and benchmarks: `generate_map(steps, seed)`.

The same (steps, seed) always gives the same map. The map reads like a long multi-service
pathway: a patient starts in their own lane, a GP or triage service sends them to one of several
services at each stage (a decision with labelled branches), each service has waits, appointments
and tests, sometimes repeats a test (a rework loop), writes back to the GP (a cross-organisation
handoff), and sometimes re-refers the patient to an earlier stage (a re-referral loop, some
marked as expected, such as an annual review). A few steps have no time, a few handoffs no label.

    python -m pathmapper.analysis.generate STEPS OUT [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from pathmapper.model import Flow, Lane, PathMap, Phase, Step, StepKind

LANES: tuple[tuple[str, str, str], ...] = (
    ("patient", "Patient", "Patient"),
    ("gp", "GP practice", "GP practice"),
    ("nurse", "Practice nurses", "GP practice"),
    ("triage", "Single point of access", "Community health provider"),
    ("district", "District nursing", "Community health provider"),
    ("therapy", "Physiotherapy and OT", "Community health provider"),
    ("outpatients", "Hospital outpatients", "Acute trust"),
    ("diagnostics", "Diagnostics", "Acute trust"),
    ("ward", "Medical wards", "Acute trust"),
    ("hospice", "Hospice at home", "Hospice"),
    ("social", "Adult social care", "Local authority"),
    ("pharmacy", "Community pharmacy", "Community pharmacy"),
)
LANE_NAMES = {lane_id: lane_name for lane_id, lane_name, _ in LANES}
SERVICE_LANES = tuple(lane for lane, _, _ in LANES if lane not in ("patient", "gp", "triage"))
COORDINATING_LANES = ("gp", "triage")

PHASES = ("Referral", "Triage", "Diagnosis", "Treatment", "Follow-up", "Discharge")

ACTIVITIES: dict[str, tuple[str, ...]] = {
    "nurse": ("Annual review with practice nurse", "Spirometry", "Foot check", "Dressing"),
    "district": ("Home visit by district nurse", "Wound care at home", "Insulin visit"),
    "therapy": ("Physiotherapy assessment", "Falls assessment", "Exercise class"),
    "outpatients": ("Consultant appointment", "Specialist nurse clinic", "Pre-op assessment"),
    "diagnostics": ("Echocardiogram", "MRI scan", "Chest X-ray", "Ultrasound scan"),
    "ward": ("Admission to ward", "Ward round", "Discharge planning meeting"),
    "hospice": ("Palliative care visit", "Symptom control advice", "Carer support call"),
    "social": ("Care needs assessment", "Package of care arranged", "Equipment delivered"),
    "pharmacy": ("Medicines use review", "Dispenses new prescription", "Blister pack set up"),
}
CONDITIONS = (
    "heart failure",
    "COPD",
    "diabetes",
    "kidney disease",
    "frailty",
    "back pain",
    "knee pain",
    "dementia",
    "cancer",
    "stroke",
)


@dataclass
class _Builder:
    rng: random.Random
    path_map: PathMap = field(default_factory=PathMap)
    column: int = 0
    columns: int = 1

    def step(
        self,
        kind: StepKind,
        label: str,
        lane: str,
        *,
        wait_days: int | None = None,
        minutes: int | None = None,
        contact: bool = False,
        value_added: bool = False,
    ) -> str:
        step_id = f"s{len(self.path_map.steps) + 1}"
        phase = PHASES[min(len(PHASES) - 1, self.column * len(PHASES) // max(1, self.columns))]
        self.path_map.steps.append(
            Step(
                id=step_id,
                kind=kind,
                label=label,
                lane=lane,
                phase="phase-" + phase.lower(),
                x=40.0 + 170.0 * self.column,
                y=30.0,
                wait=None if wait_days is None else f"P{wait_days}D",
                duration=None if minutes is None else f"PT{minutes}M",
                patient_contact=contact,
                value_added=value_added,
            )
        )
        return step_id

    def step_kind(self, step_id: str) -> str:
        return self.path_map.steps[int(step_id[1:]) - 1].kind

    def flow(self, source: str, target: str, label: str = "", expected: bool = False) -> None:
        self.path_map.flows.append(
            Flow(
                id=f"f{len(self.path_map.flows) + 1}",
                source=source,
                target=target,
                label=label,
                expected_loop=expected,
            )
        )

    @property
    def count(self) -> int:
        return len(self.path_map.steps)


def _service_block(builder: _Builder, lane: str, condition: str, merge_into: list[str]) -> str:
    """One service on one stage: wait, appointment(s), maybe a repeated test, a letter back.
    Returns the first step; the letter's id is added to `merge_into` to be joined later."""
    rng = builder.rng
    name = LANE_NAMES[lane]
    first = builder.step("wait", f"Waits for {name.lower()}", lane, wait_days=rng.randint(1, 60))
    activity = builder.step(
        "activity",
        f"{rng.choice(ACTIVITIES[lane])} for {condition}",
        lane,
        wait_days=rng.choice((None, 0, 1, 2)),
        minutes=None if rng.random() < 0.08 else rng.choice((10, 15, 20, 30, 45, 60)),
        contact=True,
        value_added=rng.random() < 0.7,
    )
    builder.flow(first, activity)
    last = activity
    if rng.random() < 0.35:
        check = builder.step("decision", f"{name}: result clear?", lane, minutes=5)
        builder.flow(activity, check)
        builder.flow(check, activity, "no: repeat")
        last = check
    letter = builder.step("information", f"{name} letter to GP", lane, minutes=10)
    builder.flow(last, letter, "yes" if last != activity else "")
    merge_into.append(letter)
    return first


def generate_map(steps: int, seed: int = 0) -> PathMap:
    """A valid map of exactly `steps` steps (at least 4), the same for the same seed."""
    if steps < 4:
        raise ValueError("a generated map has at least 4 steps")
    rng = random.Random(seed)
    width = max(2, min(12, round(steps / 150)))
    level_size = width * 4 + 3
    builder = _Builder(rng, columns=max(1, (steps - 3) // level_size) * 3 + 2)
    builder.path_map = PathMap(
        id=f"generated-{steps}-{seed}",
        title=f"Generated pathway ({steps} steps, seed {seed})",
        description="A generated multi-service pathway for tests and benchmarks.",
        state="as_is",
        lanes=[Lane(id=i, name=n, organisation=o) for i, n, o in LANES],
        phases=[Phase(id="phase-" + name.lower(), name=name) for name in PHASES],
    )
    current = builder.step("start", "Patient notices symptoms", "patient")
    first_contact = builder.step(
        "activity", "GP consultation", "gp", wait_days=5, minutes=15, contact=True, value_added=True
    )
    builder.flow(current, first_contact, "books appointment")
    current = first_contact
    stages: list[str] = []
    while steps - builder.count > level_size + 1:
        builder.column += 1
        coordinator = rng.choice(COORDINATING_LANES)
        choose = builder.step(
            "decision", f"{LANE_NAMES[coordinator]}: which service next?", coordinator, minutes=5
        )
        builder.flow(current, choose)
        stages.append(choose)
        letters: list[str] = []
        builder.column += 1
        for lane, condition in zip(
            rng.choices(SERVICE_LANES, k=width), rng.choices(CONDITIONS, k=width), strict=True
        ):
            if steps - builder.count <= 6:
                break
            entry = _service_block(builder, lane, condition, letters)
            label = "" if rng.random() < 0.1 else f"refer for {condition}"
            builder.flow(choose, entry, label)
        builder.column += 1
        review = builder.step(
            "activity", "GP reviews letters and results", "gp", minutes=10, wait_days=3
        )
        for letter in letters:
            builder.flow(letter, review, "" if rng.random() < 0.1 else "letter")
        if len(stages) > 1 and rng.random() < 0.5:
            # Re-referral: back to an earlier stage; an annual review is an expected loop.
            annual = rng.random() < 0.3
            back = rng.choice(stages[:-1])
            again = builder.step("decision", "Problem resolved?", "gp", minutes=5)
            builder.flow(review, again)
            builder.flow(again, back, "annual review" if annual else "no: re-refer", annual)
            current = again
        else:
            current = review
    while builder.count < steps - 1:
        nxt = builder.step("activity", "Follow-up phone call", "gp", minutes=10, contact=True)
        builder.flow(current, nxt, "yes" if builder.step_kind(current) == "decision" else "")
        current = nxt
    builder.column += 1
    end = builder.step("end", "Discharged to GP care", "gp")
    builder.flow(current, end, "yes" if builder.step_kind(current) == "decision" else "")
    from pathmapper.layout import auto_layout  # placed as Tidy up places them

    return auto_layout(builder.path_map)


def main(argv: Sequence[str] | None = None) -> int:
    from pathmapper.io import save_map

    parser = argparse.ArgumentParser(
        prog="python -m pathmapper.analysis.generate",
        description="Write a generated pathway map of STEPS steps to OUT.",
    )
    parser.add_argument("steps", type=int, metavar="STEPS")
    parser.add_argument("out", metavar="OUT")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args(argv)
    if options.steps < 4:
        parser.error("STEPS must be at least 4")
    save_map(generate_map(options.steps, options.seed), options.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
