"""A `ReportDocument` laid out as a GB/T 9704-2012 official document in DOCX.

Callers import this module lazily: it loads python-docx. All layout numbers come from
`gbt9704`; raw XML goes through `ooxml`.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor

from drafter.core.punctuation import to_fullwidth
from drafter.export import gbt9704 as gb
from drafter.export import ooxml
from drafter.fileio import write_export

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.paragraph import CT_P

    from drafter.core.document import ReportDocument

_BLOCK_STYLES = {
    "paragraph": "Normal",
    "heading1": "GbHeading1",
    "heading2": "GbHeading2",
    "heading3": "GbHeading3",
}

# (style id, Chinese name, font, size pt, w:jc, first-line indent in chars, outline level)
_STYLE_SPECS = (
    ("GbTitle", "公文标题", gb.TITLE_FONT, gb.TITLE_SIZE_PT, "center", 0, None),
    ("GbAddressee", "主送机关", gb.BODY_FONT, gb.BODY_SIZE_PT, "left", 0, None),
    ("GbHeading1", "一级标题", gb.HEADING1_FONT, gb.BODY_SIZE_PT, None, None, 0),
    ("GbHeading2", "二级标题", gb.HEADING2_FONT, gb.BODY_SIZE_PT, None, None, 1),
    ("GbHeading3", "三级标题", gb.HEADING3_FONT, gb.BODY_SIZE_PT, None, None, 2),
    ("GbSignature", "发文机关署名", gb.BODY_FONT, gb.BODY_SIZE_PT, "right", 0, None),
    ("GbDate", "成文日期", gb.BODY_FONT, gb.BODY_SIZE_PT, "right", 0, None),
)


def _setup_page(document: Document) -> None:
    """A4, the GB/T 9704 margins, a 22-line grid, and odd/even footers."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(gb.PAGE_WIDTH_MM), Mm(gb.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(gb.MARGIN_TOP_MM), Mm(gb.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(gb.MARGIN_LEFT_MM), Mm(gb.MARGIN_RIGHT_MM)
    section.footer_distance = Mm(gb.FOOTER_DISTANCE_MM)
    ooxml.set_doc_grid(section, gb.LINE_PITCH_TWIPS)
    document.settings.odd_and_even_pages_header_footer = True


def _setup_styles(document: Document) -> dict[str, str]:
    """Set up Normal as the body style and add the title, heading, signature and page-number styles.

    Returns:
        The East Asian font of each style id, to repeat on every run.
    """
    ooxml.drop_template_leftovers(document)
    ooxml.set_doc_defaults_font(document, gb.BODY_FONT)
    normal = document.styles["Normal"]
    ooxml.set_east_asian_font(normal, gb.BODY_FONT)
    ooxml.set_char_spacing(normal, gb.CHAR_SPACING_TWIPS)
    normal.font.size = Pt(gb.BODY_SIZE_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    ooxml.set_indent_chars(
        normal, cell_twips=gb.CHAR_CELL_TWIPS, first_line=gb.FIRST_LINE_INDENT_CHARS
    )
    fonts = {"Normal": gb.BODY_FONT}
    for style_id, name, font, size_pt, alignment, indent, outline in _STYLE_SPECS:
        ooxml.add_paragraph_style(
            document,
            style_id,
            name,
            font=font,
            size_pt=size_pt,
            alignment=alignment,
            first_line_chars=indent,
            cell_twips=gb.CHAR_CELL_TWIPS,
            outline_level=outline,
        )
        fonts[style_id] = font
    ooxml.add_paragraph_style(
        document,
        "GbPageNumber",
        "页码",
        font=gb.PAGE_NUMBER_FONT,
        size_pt=gb.PAGE_NUMBER_SIZE_PT,
        first_line_chars=0,
        char_spacing=0,
        snap_to_grid=False,
    )
    fonts["GbPageNumber"] = gb.PAGE_NUMBER_FONT
    return fonts


def _width_chars(text: str) -> float:
    """Width of `text` in body characters: full-width (and ambiguous, e.g. `—`) 1, digits 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _add_page_numbers(document: Document) -> None:
    """`— N —` in both footers: odd pages right-aligned, even pages left, one character in."""
    section = document.sections[0]
    indent = Pt(gb.PAGE_NUMBER_EDGE_INDENT_CHARS * gb.PAGE_NUMBER_SIZE_PT)
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        ooxml.set_paragraph_style(paragraph, "GbPageNumber")
        paragraph.alignment = alignment
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        runs = [paragraph.add_run(f"{gb.PAGE_NUMBER_DASH} ")]
        runs += ooxml.add_page_field(paragraph)
        runs.append(paragraph.add_run(f" {gb.PAGE_NUMBER_DASH}"))
        for run in runs:
            ooxml.set_east_asian_font(run, gb.PAGE_NUMBER_FONT)


class _Writer:
    """Appends paragraphs to a document's body from per-style prototypes (see `ooxml`)."""

    def __init__(self, document: Document, fonts: dict[str, str]) -> None:
        self._end = ooxml.body_end(document)
        self._prototypes = {
            style_id: ooxml.paragraph_prototype(style_id, font) for style_id, font in fonts.items()
        }

    def add(self, text: str, style_id: str = "Normal") -> CT_P:
        """Append a `style_id` paragraph holding `text` made full-width where Chinese."""
        return ooxml.insert_paragraph(self._end, self._prototypes[style_id], to_fullwidth(text))


def _add_signature(writer: _Writer, doc: ReportDocument) -> None:
    """Issuer(s) centred over the date, the date four characters in from the right (7.3.5.1).

    This is the layout for a document that will carry a seal, the usual case for a report.
    Without a date each issuer sits four characters in.
    """
    if not doc.issuers and not doc.date:
        return
    for _ in range(gb.SIGNATURE_BLANK_LINES):
        writer.add("")
    date_width = _width_chars(to_fullwidth(doc.date))
    for issuer in doc.issuers:
        offset = (date_width - _width_chars(to_fullwidth(issuer))) / 2 if doc.date else 0
        ooxml.set_indent_chars(
            writer.add(issuer, "GbSignature"),
            cell_twips=gb.CHAR_CELL_TWIPS,
            right=max(0.0, gb.DATE_RIGHT_INDENT_CHARS + offset),
        )
    if doc.date:
        ooxml.set_indent_chars(
            writer.add(doc.date, "GbDate"),
            cell_twips=gb.CHAR_CELL_TWIPS,
            right=gb.DATE_RIGHT_INDENT_CHARS,
        )


def build_docx(doc: ReportDocument) -> Document:
    """Lay `doc` out as an official document (GB/T 9704-2012) in a new python-docx `Document`.

    Every text passes through `to_fullwidth`; every run names its East Asian font.
    """
    document = docx.Document()
    _setup_page(document)
    writer = _Writer(document, _setup_styles(document))
    writer.add(doc.title, "GbTitle")
    writer.add("")
    if doc.addressee:
        writer.add(f"{doc.addressee.rstrip(':：')}：", "GbAddressee")
    for block in doc.body:
        writer.add(block.text, _BLOCK_STYLES[block.kind])
    _add_signature(writer, doc)
    _add_page_numbers(document)
    properties = document.core_properties
    properties.title = to_fullwidth(doc.title)
    properties.author = doc.issuers[0] if doc.issuers else ""
    properties.last_modified_by = properties.author
    properties.comments = ""
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(
        microsecond=0, tzinfo=None
    )
    properties.revision = 1
    return document


def write_docx(doc: ReportDocument, path: Path, *, overwrite: bool = False) -> Path:
    """Build the DOCX for `doc` and write it atomically to `path`.

    Returns:
        `path`.

    Raises:
        ExportError: `path` exists and `overwrite` is False, or the file cannot be written.
    """
    buffer = io.BytesIO()
    build_docx(doc).save(buffer)
    return write_export(path, buffer.getvalue(), overwrite=overwrite)
