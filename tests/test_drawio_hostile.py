"""Hostile or broken draw.io files are refused with a clear reason, never expanded."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from pathmapper.io.drawio_decode import MAX_CELLS, MAX_DECOMPRESSED_BYTES, DrawioError
from pathmapper.io.drawio_read import read_drawio_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "drawio"


def _raw_deflate(data: bytes) -> bytes:
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    return deflater.compress(data) + deflater.flush()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


@pytest.mark.parametrize("name", ["billion-laughs.drawio", "external-entity.drawio"])
def test_entity_declarations_are_refused(name: str) -> None:
    with pytest.raises(DrawioError, match="declares XML entities or a document type of its own"):
        read_drawio_file(FIXTURES / name)


def test_a_compressed_page_that_inflates_past_50_mb_is_refused(tmp_path: Path) -> None:
    bomb = base64.b64encode(_raw_deflate(b"%3C" + b"A" * (MAX_DECOMPRESSED_BYTES + 10))).decode()
    path = tmp_path / "bomb.drawio"
    path.write_text(f'<mxfile><diagram name="Page-1">{bomb}</diagram></mxfile>', "utf-8")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(DrawioError, match="more than 50 MB"):
        read_drawio_file(path)


def test_a_png_text_chunk_that_inflates_past_50_mb_is_refused(tmp_path: Path) -> None:
    packed = zlib.compress(b"%3C" + b"A" * (MAX_DECOMPRESSED_BYTES + 10), 9)
    path = tmp_path / "bomb.drawio.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"zTXt", b"mxfile\x00\x00" + packed)
        + _png_chunk(b"IEND", b"")
    )
    with pytest.raises(DrawioError, match="more than 50 MB"):
        read_drawio_file(path)


def test_more_than_100000_cells_is_refused(tmp_path: Path) -> None:
    cells = "".join(f'<mxCell id="c{i}" parent="1"/>' for i in range(MAX_CELLS + 1))
    path = tmp_path / "huge.drawio"
    path.write_text(
        f'<mxfile><diagram name="Huge"><mxGraphModel><root><mxCell id="0"/>{cells}'
        "</root></mxGraphModel></diagram></mxfile>",
        encoding="utf-8",
    )
    with pytest.raises(DrawioError, match=r"page 'Huge' has 100,00\d cells; at most 100,000"):
        read_drawio_file(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid XML"),
        (b"<mxfile><diagram name='x'>", "not valid XML"),
        (b"<html><body>hello</body></html>", "XML but not a draw.io diagram"),
        (b"<mxfile></mxfile>", "no pages"),
        (b"<mxfile><diagram name='Broken'>!!not base64!!</diagram></mxfile>", "not readable"),
        (
            b"<mxfile><diagram name='Broken'>" + base64.b64encode(b"not deflate") + b"</diagram>"
            b"</mxfile>",
            "damaged compressed diagram",
        ),
        (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IEND", b""), "PNG without a draw.io diagram"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', "SVG without a draw.io"),
        (b"\xff\xfe<\x00m\x00", "UTF-16"),
        (b"\x00\x01\x02\xff\xfe\xfd", "neither a draw.io diagram nor a PNG or SVG"),
    ],
)
def test_broken_files_get_one_clear_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.drawio"
    path.write_bytes(content)
    with pytest.raises(DrawioError, match=message) as caught:
        read_drawio_file(path)
    assert str(caught.value).startswith("broken.drawio: ")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DrawioError, match=r"nowhere\.drawio: no such file"):
        read_drawio_file(tmp_path / "nowhere.drawio")
