"""The compare pages of the PDF (`pathmapper export TO_BE --pdf OUT --compare AS_IS`): first the
two maps as pictures, one above the other (or side by side, whichever draws them larger), the
steps removed ringed on A and the steps added, moved and relabelled ringed on B; then the two
maps' figures side by side with the change, an arrow and better/worse, then the lists of steps
and lanes added, removed, moved to another lane and relabelled.

Same fonts and table style as the workshop report; every piece of map text goes through
`safe_text.markup`, so a label like `<b>` or `&` prints literally.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer, Table

from pathmapper.analysis.compare import MapComparison
from pathmapper.analysis.compare_text import (
    SECTIONS,
    VERDICT_WORDS,
    change_text,
    describe_element_change,
    first_amount,
    second_amount,
    verdict,
)
from pathmapper.export.pdf_frame import TitleBlock, draw_title_block
from pathmapper.export.pdf_map import MapPicture
from pathmapper.export.pdf_marks import MARK_FONT_SIZE, MARK_HEIGHT, Mark, draw_marks, mark_for
from pathmapper.export.pdf_pages import PageBands, fit_tile
from pathmapper.export.pdf_report import paragraph, table_style
from pathmapper.export.pdf_shapes import colour, elide, font
from pathmapper.export.pdf_window import draw_tile
from pathmapper.export.safe_text import markup, printable
from pathmapper.layout import Rect, text_width
from pathmapper.layout.style import INK, MUTED_INK, VERDICT_INKS
from pathmapper.model import PathMap

MAX_LISTED = 60  # per list; a redrawn map may change hundreds of steps


CHANGE_INKS = {
    "added": "#00735A",
    "removed": "#B3261E",
    "moved": "#1F5FA8",
    "relabelled": "#6B4FA0",
}
CAPTION_HEIGHT = 16.0
KEY_HEIGHT = 14.0
PICTURE_GAP = 10.0


def change_marks(picture: MapPicture, comparison: MapComparison, first: bool) -> list[Mark]:
    """Rings on the steps that changed: removed ones on A (`first`), the rest on B."""
    marks = []
    for change in comparison.changes:
        if change.kind != "step" or (change.action == "removed") != first:
            continue
        element = change.first_id if first else change.second_id
        if element is None:
            continue
        mark = mark_for(picture.geometry, (element,), change.action, CHANGE_INKS[change.action])
        if mark is not None:
            marks.append(mark)
    return marks


class ComparePicturesFlowable(Flowable):  # type: ignore[misc]
    """A page with both maps drawn whole and the changed steps ringed on them."""

    def __init__(
        self,
        first: MapPicture,
        second: MapPicture,
        comparison: MapComparison,
        bands: PageBands,
        block: TitleBlock,
    ):
        super().__init__()
        self.first = first
        self.second = second
        self.comparison = comparison
        self.bands = bands
        self.block = block

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.bands.content.width, self.bands.content.height - 1)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        draw_title_block(canvas, self.bands.title, self.block, "The two maps compared")
        area = self.bands.content
        pictures = Rect(area.x, area.y + KEY_HEIGHT, area.width, area.height - KEY_HEIGHT)
        places = picture_places(self.first, self.second, pictures)
        captions = (
            (self.first, f"A: {self.comparison.first_title}", True),
            (self.second, f"B: {self.comparison.second_title}", False),
        )
        for (picture, caption, first), place in zip(captions, places, strict=True):
            canvas.setFillColor(colour(INK))
            canvas.setFont(font(bold=True), 10)
            top = place.y + place.height
            canvas.drawString(
                place.x, top - 11, elide(printable(caption), 10, place.width, bold=True)
            )
            body = Rect(place.x, place.y, place.width, place.height - CAPTION_HEIGHT)
            tile = fit_tile(picture.geometry, body, centred=False)
            draw_tile(canvas, picture, tile)
            draw_marks(canvas, tile, change_marks(picture, self.comparison, first))
        _draw_key(canvas, area)


def picture_places(first: MapPicture, second: MapPicture, area: Rect) -> tuple[Rect, Rect]:
    """Where the two maps go: one above the other, or side by side, whichever is larger."""
    half_height = (area.height - PICTURE_GAP) / 2
    half_width = (area.width - PICTURE_GAP) / 2
    stacked = (
        Rect(area.x, area.y + half_height + PICTURE_GAP, area.width, half_height),
        Rect(area.x, area.y, area.width, half_height),
    )
    beside = (
        Rect(area.x, area.y, half_width, area.height),
        Rect(area.x + half_width + PICTURE_GAP, area.y, half_width, area.height),
    )

    def smaller_scale(places: tuple[Rect, Rect]) -> float:
        return min(
            fit_tile(picture.geometry, _below_caption(place)).scale
            for picture, place in zip((first, second), places, strict=True)
        )

    return stacked if smaller_scale(stacked) >= smaller_scale(beside) else beside


def _below_caption(place: Rect) -> Rect:
    return Rect(place.x, place.y, place.width, place.height - CAPTION_HEIGHT)


def _draw_key(canvas: Any, area: Rect) -> None:
    x = area.x
    middle = area.y + KEY_HEIGHT / 2 - 2
    canvas.setFont(font(), 8)
    for action, meaning in (
        ("removed", "on A: in A, not in B"),
        ("added", "on B: new in B"),
        ("moved", "on B: in another lane than in A"),
        ("relabelled", "on B: label changed"),
    ):
        width = text_width(action, MARK_FONT_SIZE, bold=True) + 6
        canvas.setFillColor(colour(CHANGE_INKS[action]))
        canvas.roundRect(x, middle - MARK_HEIGHT / 2, width, MARK_HEIGHT, MARK_HEIGHT / 2, 0, 1)
        canvas.setFillColor(colour("#FFFFFF"))
        canvas.setFont(font(bold=True), MARK_FONT_SIZE)
        canvas.drawCentredString(x + width / 2, middle - MARK_FONT_SIZE * 0.35, action)
        canvas.setFillColor(colour(INK))
        canvas.setFont(font(), 8)
        canvas.drawString(x + width + 4, middle - 3, meaning)
        x += width + 16 + text_width(meaning, 8)


def compare_pictures(
    first: PathMap,
    second: PathMap,
    comparison: MapComparison,
    bands: PageBands,
    block: TitleBlock,
) -> Flowable:
    # The first map (as is) takes the lane colours of the second, the map the report is of.
    return ComparePicturesFlowable(
        MapPicture.of(first, beside=second), MapPicture.of(second), comparison, bands, block
    )


def _name(title: str, file_name: str) -> str:
    if title and file_name:
        return f'{markup(title)} <font color="{MUTED_INK}">({markup(file_name)})</font>'
    return markup(title or file_name or "(untitled)")


def compare_story(
    comparison: MapComparison, width: float, first_file: str = "", second_file: str = ""
) -> list[Any]:
    """The compare page's flowables for a frame `width` points wide. A is the first map of
    the comparison (usually as is), B the second (usually to be: the map this PDF draws)."""
    story: list[Any] = [
        paragraph("Compared with the other map", "title"),
        Spacer(1, 4),
        paragraph(f"<b>A:</b> {_name(comparison.first_title, first_file)}"),
        paragraph(f"<b>B:</b> {_name(comparison.second_title, second_file)}"),
    ]
    story += figures_section(comparison, width)
    story += changes_section(comparison)
    return story


def figures_section(comparison: MapComparison, width: float) -> list[Any]:
    header = [paragraph(text, "cell_bold") for text in ("Figure", "A", "B", "Change", "")]
    rows: list[list[Any]] = [header]
    for figure in comparison.figures:
        judged = verdict(figure)
        word = VERDICT_WORDS[judged]
        ink = VERDICT_INKS.get(judged)
        change = markup(change_text(figure))
        if ink is not None:
            change = f'<font color="{ink}">{change}</font>'
            word = f'<font color="{ink}"><b>{word}</b></font>'
        rows.append(
            [
                paragraph(markup(figure.name), "cell"),
                paragraph(markup(first_amount(figure)), "cell_bold"),
                paragraph(markup(second_amount(figure)), "cell_bold"),
                paragraph(change, "cell_bold"),
                paragraph(word, "cell"),
            ]
        )
    used = min(width, 620.0)
    table = Table(
        rows,
        colWidths=[used * 0.40, used * 0.16, used * 0.16, used * 0.16, used * 0.12],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(table_style(header_row=True))
    note = paragraph(
        "Change is B minus A: ▲ up, ▼ down. Better or worse is judged for each figure "
        "(fewer handoffs, shorter waits are better); value-adding time is neither.",
        "small",
    )
    return [paragraph("Figures", "heading"), table, Spacer(1, 3), note]


def changes_section(comparison: MapComparison) -> list[Any]:
    story: list[Any] = [paragraph("What changed from A to B", "heading")]
    if not comparison.changes:
        return [*story, paragraph("No steps or lanes were added, removed, moved or relabelled.")]
    for kind, action, title in SECTIONS:
        found = comparison.changes_of(kind, action)
        if not found:
            continue
        story.append(paragraph(f"{title} ({len(found)})", "subheading"))
        for change in found[:MAX_LISTED]:
            story.append(paragraph(f"• {markup(describe_element_change(change))}", "item"))
        if len(found) > MAX_LISTED:
            story.append(paragraph(f"…and {len(found) - MAX_LISTED} more.", "small"))
    return story
