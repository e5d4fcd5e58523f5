"""The cheapest path for a flow over a grid of the obstacles around it: the orthogonal
visibility graph searched when no simple route between two steps is clear (`routing.py`).
"""

from __future__ import annotations

from pathmapper.layout.primitives import Point, Rect
from pathmapper.layout.spatial import grid_blocks


def cheapest_corners(
    column: list[float],
    row: list[float],
    blockers: list[Rect],
    ends: list[list[tuple[str, Point, Point]]],
    bend_cost: float,
    side_cost: float,
) -> list[Point] | None:
    """The corners of the cheapest path over the orthogonal visibility graph of the grid
    `column` x `row` from a stub in `ends[0]` to one in `ends[1]` (the first of each at no
    cost, the others at `side_cost`): two nodes per free point, one for travel along its row and
    one along its column, an edge along each clear grid segment, and a bend edge between the
    two nodes of a point. The nodes are numbers: point j * len(column) + i is 2 * that along
    its row and one more along its column; -1 is the start, -2 the end.

    networkx breaks ties between equally cheap paths by the order nodes were reached, so
    the edges are added in one fixed order: the horizontal ones row by row, the vertical ones
    column by column, then the bends and the stubs. A node with no edge along its direction
    but the bend (and no stub) is left out with its bend: only its twin reaches it, so
    leaving it out changes neither the costs nor the order of the others."""
    import networkx as nx  # only a flow no simple route serves needs it: not at start

    width, height = len(column), len(row)
    inside, across, down = grid_blocks(column, row, blockers)
    edges: list[tuple[int, int, dict[str, float]]] = []
    along = bytearray(width * height)  # the point has a horizontal edge
    for j in range(height):
        base = j * width
        for i in range(1, width):
            at = base + i
            if not (across[at] or inside[at] or inside[at - 1]):
                edges.append((2 * at - 2, 2 * at, {"weight": column[i] - column[i - 1]}))
                along[at - 1] = along[at] = 1
    upright = bytearray(width * height)  # the point has a vertical edge
    for i in range(width):
        base = i * height
        for j in range(1, height):
            at = j * width + i
            if not (down[base + j] or inside[at] or inside[at - width]):
                edges.append((2 * (at - width) + 1, 2 * at + 1, {"weight": row[j] - row[j - 1]}))
                upright[at - width] = upright[at] = 1
    index_of_column = {x: i for i, x in enumerate(column)}
    index_of_row = {y: j for j, y in enumerate(row)}
    stubs: list[list[tuple[int, float]]] = []
    for candidates in ends:
        reachable = []
        for index, (side, _point, stub) in enumerate(candidates):
            at_x, at_y = index_of_column.get(stub[0]), index_of_row.get(stub[1])
            if at_x is not None and at_y is not None and not inside[at_y * width + at_x]:
                node = 2 * (at_y * width + at_x) + (side not in ("left", "right"))
                reachable.append((node, side_cost if index else 0.0))
        stubs.append(reachable)
    if not stubs[0] or not stubs[1]:
        return None
    anchored = {node for reachable in stubs for node, _cost in reachable}
    for at in range(width * height):
        if inside[at]:
            continue
        if (along[at] or 2 * at in anchored) and (upright[at] or 2 * at + 1 in anchored):
            edges.append((2 * at, 2 * at + 1, {"weight": bend_cost}))
    begin, finish = -1, -2
    edges.extend((begin, node, {"weight": cost}) for node, cost in stubs[0])
    edges.extend((node, finish, {"weight": cost}) for node, cost in stubs[1])
    graph: nx.Graph[int] = nx.Graph()
    graph.add_edges_from(edges)
    try:
        path: list[int] = nx.dijkstra_path(graph, begin, finish, weight="weight")
    except nx.NetworkXNoPath:
        return None
    return [(column[node // 2 % width], row[node // 2 // width]) for node in path[1:-1]]
