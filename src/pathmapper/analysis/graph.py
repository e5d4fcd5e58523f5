"""The flow graph of a map, indexed once for every part of the analysis.

Each step is a node and each flow a directed edge; two flows may join the same pair of steps,
so the graph keeps both the distinct successors (for routes and cycles) and the flows between
each pair (for handoffs, duplicate flows and expected loops).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pathmapper.model import KIND_NAMES, Flow, Lane, PathMap, Step, crosses_organisations

if TYPE_CHECKING:
    import networkx as nx

UNNAMED_LANE = "an unnamed lane"


def _new_digraph() -> nx.DiGraph:
    # networkx is imported when a map is first analysed, not when the package is: it takes a
    # quarter of a second, which the editor would otherwise pay at every start.
    import networkx as nx

    return nx.DiGraph()


def is_blank(text: str) -> bool:
    """Empty, or only spaces: a label the room cannot read."""
    return not text.strip()


def has_no_time(step: Step) -> bool:
    """A step, other than a start or an end, that gives neither a wait nor a duration: a lead
    time through it is a lower bound."""
    return step.kind not in ("start", "end") and step.wait is None and step.duration is None


@dataclass
class FlowGraph:
    """Lookups over one map. Built by `FlowGraph.of(map)`; read-only afterwards."""

    path_map: PathMap
    steps: dict[str, Step] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    lane_of: dict[str, Lane | None] = field(default_factory=dict)
    # The organisation giving care at each step; None in the patient's own lane (the patient is
    # not an organisation, so such steps count in no organisation figure or finding).
    organisation_of: dict[str, str | None] = field(default_factory=dict)
    # Minutes of each step's wait and duration, 0 when not given (parsed once, here).
    wait_minutes: dict[str, float] = field(default_factory=dict)
    duration_minutes: dict[str, float] = field(default_factory=dict)
    successors: dict[str, list[str]] = field(default_factory=dict)
    predecessors: dict[str, list[str]] = field(default_factory=dict)
    flows_out: dict[str, list[Flow]] = field(default_factory=dict)
    flows_between: dict[tuple[str, str], list[Flow]] = field(default_factory=dict)
    starts: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)
    digraph: nx.DiGraph = field(default_factory=_new_digraph)

    @classmethod
    def of(cls, path_map: PathMap) -> FlowGraph:
        graph = cls(path_map)
        lanes = path_map.lanes_by_id()
        for index, step in enumerate(path_map.steps):
            graph.steps[step.id] = step
            graph.position[step.id] = index
            lane = lanes.get(step.lane)
            graph.lane_of[step.id] = lane
            graph.organisation_of[step.id] = lane.care_organisation if lane is not None else ""
            graph.wait_minutes[step.id] = step.wait_minutes or 0.0
            graph.duration_minutes[step.id] = step.duration_minutes or 0.0
            graph.successors[step.id] = []
            graph.predecessors[step.id] = []
            graph.flows_out[step.id] = []
            if step.kind == "start":
                graph.starts.append(step.id)
            elif step.kind == "end":
                graph.ends.append(step.id)
        for flow in path_map.flows:
            if flow.source not in graph.steps or flow.target not in graph.steps:
                continue  # a broken reference: the loader refuses such maps
            pair = (flow.source, flow.target)
            joined = graph.flows_between.setdefault(pair, [])
            if not joined:
                graph.successors[flow.source].append(flow.target)
                graph.predecessors[flow.target].append(flow.source)
            joined.append(flow)
            graph.flows_out[flow.source].append(flow)
        graph.digraph.add_nodes_from(graph.steps)
        graph.digraph.add_edges_from(graph.flows_between)
        return graph

    # ------------------------------------------------------------------ how the room names things

    def lane_name(self, step_id: str) -> str:
        lane = self.lane_of.get(step_id)
        if lane is None:
            return UNNAMED_LANE
        return lane.name.strip() or lane.organisation_name.strip() or UNNAMED_LANE

    def short_name(self, step_id: str) -> str:
        """A step by its label alone: "'ECG'", or "an unlabelled activity step"."""
        step = self.steps[step_id]
        if is_blank(step.label):
            return f"an unlabelled {KIND_NAMES[step.kind].lower()} step"
        return f"'{step.label.strip()}'"

    def name(self, step_id: str) -> str:
        """A step as people in the room know it: "'ECG' in Community cardiology"."""
        return f"{self.short_name(step_id)} in {self.lane_name(step_id)}"

    def organisation_name(self, step_id: str) -> str:
        """The organisation of a step as the room says it ("the patient" in the patient's lane)."""
        organisation = self.organisation_of.get(step_id, "")
        if organisation is None:
            return "the patient"
        return organisation.strip() or "an unnamed organisation"

    def flow_name(self, flow: Flow) -> str:
        """A flow as "from 'A' in X to 'B' in Y", with its label when it has one."""
        text = f"from {self.name(flow.source)} to {self.name(flow.target)}"
        if not is_blank(flow.label):
            text = f"'{flow.label.strip()}' " + text
        return text

    def in_order(self, step_ids: set[str] | list[str]) -> list[str]:
        """Step ids in the order the map file lists the steps."""
        return sorted(step_ids, key=self.position.__getitem__)

    def is_handoff(self, flow: Flow) -> bool:
        """Care changes hands: the two steps are in different lanes."""
        return self.steps[flow.source].lane != self.steps[flow.target].lane

    def is_cross_organisation(self, flow: Flow) -> bool:
        """Care passes between two organisations, neither of them the patient."""
        return crosses_organisations(
            self.organisation_of[flow.source], self.organisation_of[flow.target]
        )


def names_list(names: list[str], limit: int = 6) -> str:
    """ "a, b and c"; long lists are shortened ("a, b, c and 9 more")."""
    if len(names) > limit:
        shown = names[: limit - 1]
        return ", ".join(shown) + f" and {len(names) - len(shown)} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
