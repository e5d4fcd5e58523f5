"""Which palette colour each lane's stripe takes: its organisation's. A lane keeps its colour
when the lanes are reordered (a colour that followed the position would recolour organisations
as the room moves lanes about), and the lanes of one organisation share one, which shows them
as one organisation at a glance. Organisations take the palette in alphabetical order; a lane
with its own colour keeps that. The pale bodies of the lanes still alternate by position, so
neighbouring lanes stay apart.

A map drawn beside another (as is beside to be) gives the organisations the two share the
other's colours, and its own new ones the colours left: the same organisation is the same
colour on both sides."""

from __future__ import annotations

from pathmapper.model import PathMap


def accent_indexes(path_map: PathMap, beside: PathMap | None = None) -> dict[str, int]:
    """For each lane id, the index of its stripe's colour in the palette (`style.lane_accent`);
    matching the colours of `beside` when the map is drawn next to it."""
    rank = _ranks(path_map)
    if beside is not None:
        theirs = _ranks(beside)
        shared = {name: theirs[name] for name in rank if name in theirs}
        free = (index for index in range(len(rank) + len(theirs)) if index not in theirs.values())
        rank = {name: shared[name] if name in shared else next(free) for name in rank}
    return {lane.id: rank[lane.organisation_name] for lane in path_map.lanes}


def _ranks(path_map: PathMap) -> dict[str, int]:
    organisations = sorted({lane.organisation_name for lane in path_map.lanes}, key=str.casefold)
    return {name: index for index, name in enumerate(organisations)}
