"""Getting the diagram pages out of a draw.io file, whatever it is wrapped in.

draw.io keeps a diagram as an `mxfile` holding one `diagram` per page. A page's `mxGraphModel`
is either plain XML inside the `diagram` element or "compressed": base64 of the raw deflate of
the URL-encoded XML. The same `mxfile` travels inside a `.drawio.png` (a tEXt chunk with the
keyword `mxfile`, URL-encoded) and a `.drawio.svg` (the `content` attribute of the root `svg`).

Every file is untrusted. XML is parsed with defusedxml, refusing entity declarations, external
references and any document type with an internal subset (a bare `<!DOCTYPE svg PUBLIC ...>`, as
draw.io writes at the top of a `.drawio.svg`, is read: it declares nothing and is never fetched);
inflating stops at 50 MB; a page with more than 100,000 cells is refused.
"""

from __future__ import annotations

import base64
import binascii
import struct
import zlib
from dataclasses import dataclass
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree as SafeElementTree

MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_CELLS = 100_000
MAX_XML_ELEMENTS = 500_000  # across the file; a cell is a few elements (geometry, points)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CELL_TAGS = ("mxCell", "UserObject", "object")


class DrawioError(Exception):
    """A draw.io file that cannot be imported, with one reason a person can act on."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


@dataclass(frozen=True)
class DrawioPage:
    """One page (tab) of a draw.io diagram."""

    number: int  # from 1, as draw.io shows the tabs
    name: str
    model: Element  # the page's mxGraphModel


class _Budget:
    """Bytes of inflated text still allowed across the whole file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.left = MAX_DECOMPRESSED_BYTES
        self.elements = 0

    def spend(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise DrawioError(self.source, _too_big())

    def count_elements(self, xml: str) -> None:
        """Count the elements of `xml` before it is parsed (its start tags: a `<` not opening
        an end tag, a comment, a declaration or an instruction), refusing too many in all."""
        self.elements += xml.count("<") - xml.count("</") - xml.count("<!") - xml.count("<?")
        if self.elements > MAX_XML_ELEMENTS:
            raise DrawioError(
                self.source,
                f"holds more than {MAX_XML_ELEMENTS:,} XML elements, far more than any real "
                "diagram; refusing it (it may be built to exhaust memory)",
            )


def _too_big() -> str:
    return (
        "unpacks to more than 50 MB, far larger than any real diagram; refusing it "
        "(it may be built to exhaust memory)"
    )


def decode_drawio(data: bytes, source: str) -> list[DrawioPage]:
    """The pages of a `.drawio`/`.xml`, `.drawio.png` or `.drawio.svg` file's bytes."""
    if len(data) > MAX_DECOMPRESSED_BYTES:
        raise DrawioError(source, f"is {len(data) / 1024 / 1024:.0f} MB; at most 50 MB is read")
    budget = _Budget(source)
    if data.startswith(PNG_SIGNATURE):
        text = _mxfile_from_png(data, budget)
    else:
        text = _text(data, source)
        if _looks_like_svg(text):
            budget.count_elements(text)
            text = _mxfile_from_svg(text, source)
    budget.count_elements(text)
    root = parse_xml(text, source)
    pages = _pages(root, source, budget)
    for page in pages:
        cells = sum(1 for element in page.model.iter() if element.tag in CELL_TAGS)
        if cells > MAX_CELLS:
            raise DrawioError(
                source,
                f"page '{page.name}' has {cells:,} cells; at most {MAX_CELLS:,} are imported "
                "(split the diagram, or check the file is what you meant)",
            )
    return pages


class _BareDoctypeParser(SafeElementTree.DefusedXMLParser):
    """defusedxml's parser, letting through a document type that declares nothing itself."""

    def defused_start_doctype_decl(
        self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool
    ) -> None:
        if has_internal_subset:
            raise defusedxml.DTDForbidden(name, sysid, pubid)


def parse_xml(text: str, source: str) -> Element:
    """Parse untrusted XML text, refusing entities, external references and any document type
    that declares something (an internal subset)."""
    parser = _BareDoctypeParser(
        target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(text)
        element: Element = parser.close()
    except defusedxml.DefusedXmlException:
        raise DrawioError(
            source,
            "declares XML entities or a document type of its own, which draw.io never writes; "
            "refusing it (such declarations can make a reader expand text endlessly or fetch "
            "files)",
        ) from None
    except ParseError as error:
        line, column = error.position
        raise DrawioError(
            source, f"is not valid XML (line {line}, column {column}): is it a draw.io file?"
        ) from None
    return element


def _text(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DrawioError(source, "is UTF-16 text; save it from draw.io again (UTF-8)")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise DrawioError(
            source, "is neither a draw.io diagram nor a PNG or SVG exported from draw.io"
        ) from None


def _looks_like_svg(text: str) -> bool:
    head = text[:4096].lstrip()
    return "<svg" in head and "<mxfile" not in head and "<mxGraphModel" not in head


def _mxfile_from_svg(text: str, source: str) -> str:
    svg = parse_xml(text, source)
    content = svg.get("content")
    if not svg.tag.endswith("svg") or not content:
        raise DrawioError(
            source,
            "is an SVG without a draw.io diagram inside; in draw.io use File > Export as > SVG "
            "with 'Include a copy of my diagram' ticked",
        )
    return _maybe_url_decoded(content)


def _mxfile_from_png(data: bytes, budget: _Budget) -> str:
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IEND":
            break
        text = _png_text_chunk(kind, body, budget)
        if text is not None:
            return text
    raise DrawioError(
        budget.source,
        "is a PNG without a draw.io diagram inside; in draw.io use File > Export as > PNG "
        "with 'Include a copy of my diagram' ticked",
    )


def _png_text_chunk(kind: bytes, body: bytes, budget: _Budget) -> str | None:
    keyword, _, rest = body.partition(b"\0")
    if keyword != b"mxfile":
        return None
    if kind == b"tEXt":
        raw = rest
    elif kind == b"zTXt":
        raw = _inflate(rest[1:], budget, wbits=zlib.MAX_WBITS)
    elif kind == b"iTXt":
        compressed, rest = rest[0], rest[2:]
        _language, _, rest = rest.partition(b"\0")
        _translated, _, raw = rest.partition(b"\0")
        if compressed:
            raw = _inflate(raw, budget, wbits=zlib.MAX_WBITS)
    else:
        return None
    return _maybe_url_decoded(raw.decode("latin-1" if kind == b"tEXt" else "utf-8", "replace"))


def _maybe_url_decoded(text: str) -> str:
    stripped = text.strip()
    return unquote(stripped) if stripped.startswith("%3C") else stripped


def _inflate(data: bytes, budget: _Budget, wbits: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    try:
        result = inflater.decompress(data, budget.left + 1)
    except zlib.error:
        raise DrawioError(budget.source, "holds a damaged compressed diagram") from None
    if inflater.unconsumed_tail:
        raise DrawioError(budget.source, _too_big())
    budget.spend(len(result))
    return result


def _pages(root: Element, source: str, budget: _Budget) -> list[DrawioPage]:
    if root.tag == "mxGraphModel":
        return [DrawioPage(1, "Page-1", root)]
    if root.tag != "mxfile":
        raise DrawioError(source, f"is XML but not a draw.io diagram (it holds <{root.tag}>)")
    pages: list[DrawioPage] = []
    for number, diagram in enumerate(root.findall("diagram"), start=1):
        name = diagram.get("name") or f"Page-{number}"
        model = diagram.find("mxGraphModel")
        if model is None:
            model = _compressed_model(diagram.text or "", source, name, budget)
        pages.append(DrawioPage(number, name, model))
    if not pages:
        raise DrawioError(source, "is a draw.io file with no pages in it")
    return pages


def _compressed_model(text: str, source: str, name: str, budget: _Budget) -> Element:
    packed = "".join(text.split())
    if not packed:
        raise DrawioError(source, f"page '{name}' is empty")
    try:
        deflated = base64.b64decode(packed, validate=True)
    except (binascii.Error, ValueError):
        raise DrawioError(source, f"page '{name}' is not readable draw.io data") from None
    inflated = _inflate(deflated, budget, wbits=-zlib.MAX_WBITS)
    try:
        xml = inflated.decode("utf-8")
    except UnicodeDecodeError:
        raise DrawioError(source, f"page '{name}' is not readable draw.io data") from None
    xml = _maybe_url_decoded(xml)
    budget.count_elements(xml)
    model = parse_xml(xml, source)
    if model.tag != "mxGraphModel":
        raise DrawioError(source, f"page '{name}' does not hold a diagram")
    return model


def select_page(pages: list[DrawioPage], wanted: str | int | None, source: str) -> DrawioPage:
    """The page asked for by number (from 1) or by name; the first when none is asked for."""
    if wanted is None:
        return pages[0]
    if isinstance(wanted, str):
        by_name = [page for page in pages if page.name == wanted]
        if by_name:
            return by_name[0]
        if not wanted.strip().isdigit():
            raise DrawioError(source, f"has no page named '{wanted}' ({_page_list(pages)})")
        wanted = int(wanted)
    if 1 <= wanted <= len(pages):
        return pages[wanted - 1]
    raise DrawioError(source, f"has no page {wanted} ({_page_list(pages)})")


def _page_list(pages: list[DrawioPage]) -> str:
    return "pages: " + ", ".join(f"{page.number} '{page.name}'" for page in pages)
