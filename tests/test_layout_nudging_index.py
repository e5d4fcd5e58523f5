"""The nudge's line index finds the same stretches, in the same order, as the plain bucket walk.

Nudging moves flows in turn and later moves depend on earlier ones, so the order `meeting`
lists stretches in (which clash is moved first, the order lengths are summed in) is part of
the result. The reference below is the walk the index replaced: a list per line band and piece
along it, a stretch in every piece it reaches, walked piece by piece, three bands a piece,
each list oldest first, a stretch counted where first met.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pathmapper.layout.nudging import SAME_LINE, SPAN, LineIndex, Stretch, overlapping, stretches
from pathmapper.layout.primitives import Point


class BucketWalk:
    def __init__(self) -> None:
        self._buckets: dict[tuple[bool, int, int], list[Stretch]] = defaultdict(list)
        self._of_flow: dict[str, list[Stretch]] = {}

    @staticmethod
    def _keys(stretch: Stretch) -> list[tuple[bool, int, int]]:
        line = int(stretch.at // SAME_LINE)
        pieces = range(int(stretch.low // SPAN), int(stretch.high // SPAN) + 1)
        return [(stretch.horizontal, line, piece) for piece in pieces]

    def put(self, flow_id: str, points: list[Point]) -> None:
        self.remove(flow_id)
        self._of_flow[flow_id] = stretches(flow_id, points)
        for stretch in self._of_flow[flow_id]:
            for key in self._keys(stretch):
                self._buckets[key].append(stretch)

    def remove(self, flow_id: str) -> None:
        for stretch in self._of_flow.pop(flow_id, []):
            for key in self._keys(stretch):
                self._buckets[key].remove(stretch)

    def meeting(self, stretch: Stretch) -> list[Stretch]:
        found: list[Stretch] = []
        for horizontal, line, piece in self._keys(stretch):
            for band in (line - 1, line, line + 1):
                for other in self._buckets.get((horizontal, band, piece), ()):
                    if (
                        other.flow_id != stretch.flow_id
                        and overlapping(stretch, other)
                        and all(other is not seen for seen in found)
                    ):
                        found.append(other)
        return found


# Near band edges (multiples of SAME_LINE) and piece edges (multiples of SPAN), so that
# stretches fall into neighbouring bands and long ones reach across many pieces.
coordinate = st.sampled_from(
    [-401.0, -3.0, 0.0, 1.5, 2.9, 3.0, 3.1, 5.0, 6.5, 399.0, 400.0, 401.0, 820.0, 2500.0]
)
route = st.tuples(
    st.tuples(coordinate, coordinate),
    st.lists(st.tuples(st.booleans(), coordinate), min_size=1, max_size=5),
)
operation = st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.one_of(st.none(), route))


def _points(start: tuple[float, float], moves: list[tuple[bool, float]]) -> list[Point]:
    points = [start]
    for along_x, to in moves:
        x, y = points[-1]
        points.append((to, y) if along_x else (x, to))
    return points


@settings(max_examples=300, deadline=None)
@given(st.lists(operation, min_size=1, max_size=25), st.lists(route, max_size=5))
def test_meeting_matches_the_bucket_walk(
    operations: list[tuple[str, tuple[tuple[float, float], list[tuple[bool, float]]] | None]],
    queries: list[tuple[tuple[float, float], list[tuple[bool, float]]]],
) -> None:
    index, walk = LineIndex(), BucketWalk()
    for flow_id, placed in operations:
        if placed is None:
            index.remove(flow_id)
            walk.remove(flow_id)
        else:
            index.put(flow_id, _points(*placed))
            walk.put(flow_id, _points(*placed))
        asked = [s for f in "abcde" for s in index.of_flow(f)]
        asked += [s for start, moves in queries for s in stretches("q", _points(start, moves))]
        for stretch in asked:
            assert index.meeting(stretch) == walk.meeting(stretch)
