"""The what-if inputs (`simulation.md`) read back from draw.io data properties, as the pathmapper
export writes them (`export/drawio_write.py`); a value the map would refuse is left out and the
import says so."""

from __future__ import annotations

from pathmapper.io.drawio_shapes import short_label
from pathmapper.io.import_result import ImportResult
from pathmapper.model import Arrivals, Capacity, Flow, Step
from pathmapper.model.map import SHARE


def read_step_whatif(properties: dict[str, str], step: Step, result: ImportResult) -> None:
    """A step's arrivals and capacity."""
    where = f"step '{short_label(step.label)}'"
    arrivals = properties.get("arrivals_per_week", "").strip()
    if arrivals:
        try:
            step.arrivals = Arrivals(per_week=float(arrivals))
        except ValueError:
            result.left_out.append(f"arrivals of {where}: '{arrivals}' is not a weekly number")
    servers = properties.get("servers", "").strip()
    if servers:
        queued = properties.get("queue_at_start", "").strip()
        service = properties.get("service", "").strip()
        try:
            step.capacity = Capacity.model_validate(
                {
                    "servers": int(servers),
                    "queue_at_start": int(queued) if queued else None,
                    "service": service or None,
                }
            )
        except ValueError:
            result.left_out.append(f"capacity of {where}: '{servers}' servers cannot be used")


def read_flow_whatif(properties: dict[str, str], flow: Flow, result: ImportResult) -> None:
    """A flow's share of the patients leaving its source step."""
    share = properties.get("probability", "").strip()
    if share:
        try:
            flow.probability = SHARE.validate_python(float(share))
        except ValueError:
            result.left_out.append(f"share of patients on a flow: '{share}' is not 0 to 1")
