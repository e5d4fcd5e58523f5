"""Small maps for the simulation tests, with the queueing formulas they are checked against."""

from __future__ import annotations

import math

from pathmapper.model import Arrivals, Capacity, Flow, Lane, PathMap, Step


def minutes_text(minutes: float) -> str:
    return f"PT{minutes:g}M"


def step(
    step_id: str,
    kind: str = "activity",
    *,
    label: str = "",
    servers: int | None = None,
    service_minutes: float | None = None,
    per_week: float | None = None,
    wait: str | None = None,
    queue_at_start: int | None = None,
    fixed: bool = False,
) -> Step:
    return Step(
        id=step_id,
        kind=kind,  # type: ignore[arg-type]
        label=label or step_id,
        lane="clinic",
        duration=None if service_minutes is None else minutes_text(service_minutes),
        wait=wait,
        arrivals=None if per_week is None else Arrivals(per_week=per_week),
        capacity=None
        if servers is None
        else Capacity(
            servers=servers,
            queue_at_start=queue_at_start,
            service="fixed" if fixed else None,
        ),
    )


def flow(source: str, target: str, probability: float | None = None) -> Flow:
    return Flow(id=f"{source}-{target}", source=source, target=target, probability=probability)


def path_map(steps: list[Step], flows: list[Flow]) -> PathMap:
    return PathMap(
        title="test",
        lanes=[Lane(id="clinic", name="Clinic")],
        steps=steps,
        flows=flows,
    )


def one_queue_map(per_week: float, servers: int, service_minutes: float) -> PathMap:
    """start -> queue (servers, exponential service) -> end."""
    return path_map(
        [
            step("start", "start", per_week=per_week),
            step("queue", servers=servers, service_minutes=service_minutes, wait="P3D"),
            step("end", "end"),
        ],
        [flow("start", "queue"), flow("queue", "end")],
    )


def erlang_c_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean wait in the queue of an M/M/c queue (Erlang's C formula), in the rates' time unit."""
    offered = arrival_rate / service_rate
    load = offered / servers
    assert load < 1
    top = offered**servers / math.factorial(servers) / (1 - load)
    bottom = sum(offered**k / math.factorial(k) for k in range(servers)) + top
    return (top / bottom) / (servers * service_rate - arrival_rate)
