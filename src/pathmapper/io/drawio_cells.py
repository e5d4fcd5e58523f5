"""The cells of one draw.io page, as plain data: style, label text, absolute position.

A page's `root` holds `mxCell` elements, or `UserObject`/`object` elements that carry a
label and custom properties ("Edit Data" in draw.io) around an `mxCell`. Every cell names its
parent; a vertex's geometry is relative to its parent vertex, so absolute positions are
resolved by walking up the parents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from pathmapper.io.drawio_decode import CELL_TAGS

# draw.io's default header size of a swimlane when the style does not give one.
DEFAULT_SWIMLANE_START_SIZE = 23.0
_OBJECT_ATTRIBUTES = {"id", "label", "placeholders", "tooltip", "link"}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height


@dataclass
class Cell:
    id: str
    parent: str | None
    label: str  # plain text
    style_name: str  # the first style token without "=" ("swimlane", "ellipse", "text", ...)
    style: dict[str, str]
    is_vertex: bool
    is_edge: bool
    source: str | None
    target: str | None
    geometry: Box
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def shape(self) -> str:
        """What draw.io draws: the `shape=` of the style, else the style's name."""
        return self.style.get("shape", self.style_name)

    @property
    def is_swimlane(self) -> bool:
        return self.is_vertex and self.shape == "swimlane"

    @property
    def start_size(self) -> float:
        return _number(self.style.get("startSize"), DEFAULT_SWIMLANE_START_SIZE)

    @property
    def title_on_left(self) -> bool:
        """A swimlane whose title runs down its left side (`horizontal=0`): a row lane."""
        return self.style.get("horizontal") == "0"


def parse_style(text: str) -> tuple[str, dict[str, str]]:
    """`"swimlane;horizontal=0;startSize=30"` -> ("swimlane", {"horizontal": "0", ...})."""
    name = ""
    values: dict[str, str] = {}
    for token in text.split(";"):
        token = token.strip()
        if not token:
            continue
        key, equals, value = token.partition("=")
        if equals:
            values[key.strip()] = value.strip()
        elif not name:
            name = token
    return name, values


def parse_cells(model: Element) -> dict[str, Cell]:
    """The page's cells by id, in file order. Cells without an id get one from their place."""
    root = model.find("root")
    cells: dict[str, Cell] = {}
    if root is None:
        return cells
    for index, element in enumerate(root):
        if element.tag not in CELL_TAGS:
            continue
        cell = _cell(element, index)
        if cell.id in cells:
            cell.id = f"{cell.id}#{index}"
        cells[cell.id] = cell
    return cells


def _cell(element: Element, index: int) -> Cell:
    if element.tag == "mxCell":
        inner = element
        raw_label = element.get("value", "")
        properties: dict[str, str] = {}
    else:
        found = element.find("mxCell")
        inner = found if found is not None else Element("mxCell")
        raw_label = element.get("label", "")
        properties = {
            key: value for key, value in element.attrib.items() if key not in _OBJECT_ATTRIBUTES
        }
    style_text = inner.get("style", "")
    style_name, style = parse_style(style_text)
    label = html_to_text(raw_label) if style.get("html") == "1" else _plain_text(raw_label)
    geometry = inner.find("mxGeometry")
    return Cell(
        id=element.get("id") or f"cell-{index}",
        parent=inner.get("parent"),
        label=label.strip(),
        style_name=style_name,
        style=style,
        is_vertex=inner.get("vertex") == "1",
        is_edge=inner.get("edge") == "1",
        source=inner.get("source"),
        target=inner.get("target"),
        geometry=_box(geometry),
        properties=properties,
    )


def _box(geometry: Element | None) -> Box:
    if geometry is None:
        return Box(0.0, 0.0, 0.0, 0.0)
    return Box(
        _number(geometry.get("x"), 0.0),
        _number(geometry.get("y"), 0.0),
        max(0.0, _number(geometry.get("width"), 0.0)),
        max(0.0, _number(geometry.get("height"), 0.0)),
    )


def _number(text: str | None, default: float) -> float:
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        return default
    return value if value == value and abs(value) < 1e9 else default


def absolute_box(cells: dict[str, Cell], cell: Cell) -> Box:
    """Where a vertex is on the page: its geometry plus that of every parent vertex."""
    x, y = cell.geometry.x, cell.geometry.y
    seen = {cell.id}
    parent = cells.get(cell.parent or "")
    while parent is not None and parent.is_vertex and parent.id not in seen:
        seen.add(parent.id)
        x += parent.geometry.x
        y += parent.geometry.y
        parent = cells.get(parent.parent or "")
    return Box(x, y, cell.geometry.width, cell.geometry.height)


def ancestors(cells: dict[str, Cell], cell: Cell) -> list[Cell]:
    """The cell's parents, nearest first (a loop of parents in a broken file ends the walk)."""
    found: list[Cell] = []
    seen = {cell.id}
    parent = cells.get(cell.parent or "")
    while parent is not None and parent.id not in seen:
        found.append(parent)
        seen.add(parent.id)
        parent = cells.get(parent.parent or "")
    return found


class _TextCollector(HTMLParser):
    _BLOCKS = frozenset({"div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def _new_line(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self._new_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self._new_line()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain_text(label: str) -> str:
    """A plain label with the spaces people leave before a line break taken off."""
    return "\n".join(line.rstrip() for line in label.replace("\r\n", "\n").split("\n"))


def html_to_text(markup: str) -> str:
    """An HTML label as plain text: line breaks kept, tags dropped, entities decoded."""
    if "<" not in markup:
        return _plain_text(unescape(markup).replace("\xa0", " "))
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
