"""Where the lanes (and phases) of a draw.io page are, however they were drawn.

People draw swimlanes in three ways, and a page may mix them:
- swimlane shapes: a swimlane holding other swimlanes is a pool, whose label is the
  organisation of its lanes; a swimlane holding none is a lane of its own organisation. Rows
  (title on the left) and columns (title on top) both work; columns are turned into rows.
- a table (`shape=table`, draw.io's cross-functional flowchart): each row is a lane named by its
  first cell, and a header row's cells name the phases (columns);
- plain rectangles with the text turned sideways and no arrow, standing at the left of a row:
  lane headers. Inside a swimlane such a rectangle names the lane (it is never a step).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from statistics import mean

from pathmapper.io.drawio_cells import Box, Cell, absolute_box, ancestors
from pathmapper.io.drawio_shapes import ACTIVITY_SHAPES

# A first table row this much shorter than the others is a header.
HEADER_SHARE = 0.6
# How far from a swimlane's left edge a header rectangle may stand.
HEADER_REACH = 60.0


@dataclass(frozen=True)
class LaneArea:
    """One lane of the page: its cell, name, where it is and where its body starts."""

    id: str  # the cell id of the swimlane, table row or header rectangle
    name: str
    organisation: str
    box: Box
    body_start: float  # along the journey direction: x for rows, y for columns
    colour: str = ""


@dataclass(frozen=True)
class PhaseArea:
    id: str
    name: str
    start: float  # along the journey direction, on the page
    width: float


@dataclass
class PageLanes:
    """The page's lanes in map order, and the cells that only draw them."""

    rows: bool  # lanes run left to right; False: columns, turned to rows
    areas: list[LaneArea] = field(default_factory=list)
    phases: list[PhaseArea] = field(default_factory=list)
    structure: set[str] = field(default_factory=set)  # table parts and header rectangles
    remarks: list[str] = field(default_factory=list)

    @property
    def origin(self) -> float:
        """Where lane bodies start along the journey direction."""
        return min((area.body_start for area in self.areas), default=0.0)

    def containing(self, point: tuple[float, float]) -> LaneArea | None:
        return next((area for area in self.areas if area.box.contains(*point)), None)


def find_lanes(
    cells: dict[str, Cell], children: dict[str, list[Cell]], connected: set[str]
) -> PageLanes:
    """The lanes of a page; `connected` are the ids of cells an arrow touches."""
    tables = [cell for cell in cells.values() if cell.is_vertex and cell.shape == "table"]
    headers = [cell for cell in cells.values() if _is_header_rectangle(cell, connected)]
    page = PageLanes(rows=True)
    page.areas = _swimlane_areas(cells, children, page, bool(tables))
    _name_by_header_rectangles(cells, page, headers)
    for table in tables:
        _add_table(cells, children, table, page)
    loose = [cell for cell in headers if cell.id not in page.structure]
    if loose and not page.areas:
        _add_header_rows(cells, loose, page)
    if page.rows:
        page.areas.sort(key=lambda area: (area.box.y, area.box.x))
    else:
        page.areas.sort(key=lambda area: (area.box.x, area.box.y))
    return page


def _swimlane_areas(
    cells: dict[str, Cell], children: dict[str, list[Cell]], page: PageLanes, tables: bool
) -> list[LaneArea]:
    """Lanes drawn as swimlane shapes; sets whether the page's lanes are rows or columns."""
    swimlanes = [cell for cell in cells.values() if cell.is_swimlane]
    pools = {cell.id for cell in swimlanes if any(c.is_swimlane for c in children[cell.id])}
    lanes = [cell for cell in swimlanes if cell.id not in pools]
    page.rows = tables or sum(cell.title_on_left for cell in lanes) * 2 >= len(lanes)
    lanes_of_pool: dict[str, list[Cell]] = {}
    pool_of_lane: dict[str, Cell | None] = {}
    for cell in swimlanes:
        if cell.id in pools:
            continue
        pool = next((p for p in ancestors(cells, cell) if p.id in pools), None)
        pool_of_lane[cell.id] = pool
        if pool is not None:
            lanes_of_pool.setdefault(pool.id, []).append(cell)
    found: list[LaneArea] = []
    for number, cell in enumerate(lanes, start=1):
        pool = pool_of_lane[cell.id]
        organisation = pool.label if pool is not None else ""
        name = cell.label
        if not name and pool is not None and len(lanes_of_pool[pool.id]) == 1:
            name = pool.label  # a pool drawn with one unnamed lane is that one lane
        name = name or f"Lane {number}"
        box = absolute_box(cells, cell)
        header = cell.start_size if cell.title_on_left == page.rows else 0.0
        body_start = (box.x if page.rows else box.y) + header
        area = LaneArea(
            cell.id,
            name,
            organisation or name,
            box,
            body_start,
            cell.style.get("fillColor", ""),
        )
        found.append(area)
    return found


def _is_header_rectangle(cell: Cell, connected: set[str]) -> bool:
    """A plain labelled rectangle, taller than wide, its text turned sideways, with no arrow:
    how people draw a lane's name without the swimlane shape."""
    box = cell.geometry
    return (
        cell.is_vertex
        and cell.shape in ACTIVITY_SHAPES
        and cell.title_on_left
        and bool(cell.label)
        and cell.id not in connected
        and box.height > box.width
    )


def _name_by_header_rectangles(
    cells: dict[str, Cell], page: PageLanes, headers: list[Cell]
) -> None:
    """A header rectangle at the start of a swimlane names it (when the swimlane has no name
    of its own) and is not a step."""
    by_id = {area.id: index for index, area in enumerate(page.areas)}
    for header in headers:
        box = absolute_box(cells, header)
        lane = next((a.id for a in ancestors(cells, header) if a.id in by_id), None)
        if lane is None:
            inside = page.containing(box.centre)
            lane = inside.id if inside is not None else None
        if lane is None:
            continue
        index = by_id[lane]
        area = page.areas[index]
        if box.x - area.box.x > max(HEADER_REACH, box.width):
            continue  # further in than a header stands: something else drawn sideways
        page.structure.add(header.id)
        if not cells[lane].label:
            pooled = area.organisation != area.name
            organisation = area.organisation if pooled else header.label
            page.areas[index] = replace(area, name=header.label, organisation=organisation)


def _add_table(
    cells: dict[str, Cell], children: dict[str, list[Cell]], table: Cell, page: PageLanes
) -> None:
    """A cross-functional table: rows are lanes, a header row's cells are phases."""
    rows = sorted(
        (c for c in children[table.id] if c.is_vertex),
        key=lambda c: c.geometry.y,
    )
    grid = [
        sorted((c for c in children[row.id] if c.is_vertex), key=lambda c: c.geometry.x)
        for row in rows
    ]
    page.structure.add(table.id)
    page.structure.update(row.id for row in rows)
    page.structure.update(cell.id for row in grid for cell in row)
    if not rows:
        return
    header_row = _is_header_row(rows, grid)
    body = list(zip(rows, grid, strict=True))[1 if header_row else 0 :]
    header_column = _has_header_column(body)
    for row, row_cells in body:
        box = absolute_box(cells, row)
        first = row_cells[0] if row_cells else None
        name = (first.label if header_column and first is not None else "") or row.label
        name = name or f"Lane {len(page.areas) + 1}"
        start = box.x + (first.geometry.width if header_column and first is not None else 0)
        colour = first.style.get("fillColor", "") if first is not None else ""
        page.areas.append(LaneArea(row.id, name, name, box, start, colour))
    if header_row:
        for number, cell in enumerate(grid[0][1 if header_column else 0 :], start=1):
            box = absolute_box(cells, cell)
            name = cell.label or f"Phase {number}"
            page.phases.append(PhaseArea(cell.id, name, box.x, box.width))
    page.remarks.append(
        f"the table of {len(body)} rows became lanes named by "
        + ("their first cells" if header_column else "number")
        + (f", its header row {len(page.phases)} phases" if header_row else "")
    )


def _is_header_row(rows: list[Cell], grid: list[list[Cell]]) -> bool:
    first = grid[0]
    if len(rows) < 2 or not any(cell.label for cell in first):
        return False
    if first and not first[0].label and any(cell.label for cell in first[1:]):
        return True
    return rows[0].geometry.height < HEADER_SHARE * mean(row.geometry.height for row in rows[1:])


def _has_header_column(body: list[tuple[Cell, list[Cell]]]) -> bool:
    firsts = [row_cells[0] for _row, row_cells in body if len(row_cells) > 1]
    if not firsts:
        return False
    labelled = sum(bool(cell.label) for cell in firsts)
    return labelled * 2 > len(firsts)


def _add_header_rows(cells: dict[str, Cell], headers: list[Cell], page: PageLanes) -> None:
    """Header rectangles with no swimlane around them: each starts a row across the page."""
    right = max(
        (absolute_box(cells, c).x + c.geometry.width for c in cells.values() if c.is_vertex),
        default=0.0,
    )
    for header in headers:
        box = absolute_box(cells, header)
        row = Box(box.x, box.y, max(right - box.x, box.width), box.height)
        name = header.label
        colour = header.style.get("fillColor", "")
        page.areas.append(LaneArea(header.id, name, name, row, box.x + box.width, colour))
        page.structure.add(header.id)
    page.remarks.append(
        f"{len(headers)} rectangles with sideways text at the left of the page were read as "
        "lane headers: " + ", ".join(f"'{header.label}'" for header in headers)
    )
