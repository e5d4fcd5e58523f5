"""Which palette colour each lane's stripe takes: its organisation's. A lane keeps its colour
when the lanes are reordered (a colour that followed the position would recolour organisations
as the room moves lanes about), and the lanes of one organisation share one, which shows them
as one organisation at a glance. Organisations take the palette in alphabetical order; a lane
with its own colour keeps that. The pale bodies of the lanes still alternate by position, so
neighbouring lanes stay apart."""

from __future__ import annotations

from pathmapper.model import PathMap


def accent_indexes(path_map: PathMap) -> dict[str, int]:
    """For each lane id, the index of its stripe's colour in the palette (`style.lane_accent`)."""
    organisations = sorted({lane.organisation_name for lane in path_map.lanes}, key=str.casefold)
    rank = {name: index for index, name in enumerate(organisations)}
    return {lane.id: rank[lane.organisation_name] for lane in path_map.lanes}
