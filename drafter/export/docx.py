"""A `ReportDocument` laid out as a GB/T 9704-2012 official document in DOCX.

Callers import this module lazily: it loads python-docx. All layout numbers come from
`gbt9704`; raw XML goes through `ooxml`.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor

from drafter.core.punctuation import to_fullwidth
from drafter.export import gbt9704 as gb
from drafter.export import ooxml
from drafter.fileio import write_export

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

    from drafter.core.document import ReportDocument

_Styles = dict[str, tuple["ParagraphStyle", str]]

_BLOCK_STYLES = {
    "paragraph": "Normal",
    "heading1": "GbHeading1",
    "heading2": "GbHeading2",
    "heading3": "GbHeading3",
}

# (style id, Chinese name, font, size pt, alignment, first-line indent chars, outline level)
_STYLE_SPECS = (
    ("GbTitle", "公文标题", gb.TITLE_FONT, gb.TITLE_SIZE_PT, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
    ("GbAddressee", "主送机关", gb.BODY_FONT, gb.BODY_SIZE_PT, WD_ALIGN_PARAGRAPH.LEFT, 0, None),
    ("GbHeading1", "一级标题", gb.HEADING1_FONT, gb.BODY_SIZE_PT, None, None, 0),
    ("GbHeading2", "二级标题", gb.HEADING2_FONT, gb.BODY_SIZE_PT, None, None, 1),
    ("GbHeading3", "三级标题", gb.HEADING3_FONT, gb.BODY_SIZE_PT, None, None, 2),
    (
        "GbSignature",
        "发文机关署名",
        gb.BODY_FONT,
        gb.BODY_SIZE_PT,
        WD_ALIGN_PARAGRAPH.RIGHT,
        0,
        None,
    ),
    ("GbDate", "成文日期", gb.BODY_FONT, gb.BODY_SIZE_PT, WD_ALIGN_PARAGRAPH.RIGHT, 0, None),
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


def _font(style: ParagraphStyle, name: str, size_pt: float) -> None:
    ooxml.set_east_asian_font(style, name)
    style.font.size = Pt(size_pt)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def _setup_styles(document: Document) -> _Styles:
    """Create the body, title, heading, signature and page-number styles.

    Returns:
        Each style by id, with its East Asian font to repeat on every run.
    """
    ooxml.drop_styles_with_effects(document)
    ooxml.set_doc_defaults_font(document, gb.BODY_FONT)
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, gb.BODY_FONT, gb.BODY_SIZE_PT)
    ooxml.set_char_spacing(normal, gb.CHAR_SPACING_TWIPS)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    ooxml.set_indent_chars(
        normal, cell_twips=gb.CHAR_CELL_TWIPS, first_line=gb.FIRST_LINE_INDENT_CHARS
    )
    styles_by_id = {"Normal": (normal, gb.BODY_FONT)}
    for style_id, name, font, size_pt, alignment, indent, outline in _STYLE_SPECS:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = normal
        style.quick_style = True
        _font(style, font, size_pt)
        if alignment is not None:
            style.paragraph_format.alignment = alignment
        if indent is not None:
            ooxml.set_indent_chars(style, cell_twips=gb.CHAR_CELL_TWIPS, first_line=indent)
        if outline is not None:
            ooxml.set_outline_level(style, outline)
            style.paragraph_format.keep_with_next = True
        styles_by_id[style_id] = (style, font)
    page_number = styles.add_style("页码", WD_STYLE_TYPE.PARAGRAPH)
    page_number.style_id = "GbPageNumber"
    page_number.base_style = normal
    _font(page_number, gb.PAGE_NUMBER_FONT, gb.PAGE_NUMBER_SIZE_PT)
    ooxml.set_char_spacing(page_number, 0)
    ooxml.set_snap_to_grid(page_number, False)
    ooxml.set_indent_chars(page_number, cell_twips=gb.CHAR_CELL_TWIPS, first_line=0)
    styles_by_id["GbPageNumber"] = (page_number, gb.PAGE_NUMBER_FONT)
    return styles_by_id


def _add(document: Document, text: str, style_id: str, styles: _Styles) -> Paragraph:
    """Append a paragraph of `style_id` whose single run names the style's East Asian font."""
    style, font = styles[style_id]
    paragraph = document.add_paragraph(style=style)
    if text:
        ooxml.set_east_asian_font(paragraph.add_run(to_fullwidth(text)), font)
    return paragraph


def _width_chars(text: str) -> float:
    """Width of `text` in body characters: full-width counts 1, half-width (digits) 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _add_page_numbers(document: Document, styles: _Styles) -> None:
    """`— N —` in both footers: odd pages right-aligned, even pages left, one character in."""
    section = document.sections[0]
    edge_twips = round(gb.PAGE_NUMBER_EDGE_INDENT_CHARS * gb.PAGE_NUMBER_SIZE_PT * gb.TWIPS_PER_PT)
    for footer, alignment, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = styles["GbPageNumber"][0]
        paragraph.alignment = alignment
        indent = Pt(edge_twips / gb.TWIPS_PER_PT)
        if side == "right":
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        runs = [paragraph.add_run(f"{gb.PAGE_NUMBER_DASH} ")]
        runs += ooxml.add_page_field(paragraph)
        runs.append(paragraph.add_run(f" {gb.PAGE_NUMBER_DASH}"))
        for run in runs:
            ooxml.set_east_asian_font(run, gb.PAGE_NUMBER_FONT)


def _add_signature(document: Document, doc: ReportDocument, styles_by_id: _Styles) -> None:
    """Issuer(s) centred over the date, the date four characters in from the right (7.3.5.1).

    This is the layout for a document that will carry a seal, the usual case for a report.
    Without a date each issuer sits four characters in.
    """
    if not doc.issuers and not doc.date:
        return
    for _ in range(gb.SIGNATURE_BLANK_LINES):
        document.add_paragraph()
    date = to_fullwidth(doc.date)
    date_width = _width_chars(date)
    for issuer in doc.issuers:
        issuer_text = to_fullwidth(issuer)
        offset = (date_width - _width_chars(issuer_text)) / 2 if date else 0
        paragraph = _add(document, issuer_text, "GbSignature", styles_by_id)
        ooxml.set_indent_chars(
            paragraph,
            cell_twips=gb.CHAR_CELL_TWIPS,
            right=max(0.0, gb.DATE_RIGHT_INDENT_CHARS + offset),
        )
    if date:
        paragraph = _add(document, date, "GbDate", styles_by_id)
        ooxml.set_indent_chars(
            paragraph, cell_twips=gb.CHAR_CELL_TWIPS, right=gb.DATE_RIGHT_INDENT_CHARS
        )


def build_docx(doc: ReportDocument) -> Document:
    """Lay `doc` out as an official document (GB/T 9704-2012) in a new python-docx `Document`.

    Every text passes through `to_fullwidth`; every run names its East Asian font.
    """
    document = docx.Document()
    _setup_page(document)
    styles_by_id = _setup_styles(document)
    _add(document, doc.title, "GbTitle", styles_by_id)
    document.add_paragraph()
    if doc.addressee:
        _add(document, f"{doc.addressee.rstrip(':：')}：", "GbAddressee", styles_by_id)
    for block in doc.body:
        _add(document, block.text, _BLOCK_STYLES[block.kind], styles_by_id)
    _add_signature(document, doc, styles_by_id)
    _add_page_numbers(document, styles_by_id)
    properties = document.core_properties
    properties.title = to_fullwidth(doc.title)
    properties.author = doc.issuers[0] if doc.issuers else ""
    properties.last_modified_by = properties.author
    properties.comments = ""
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
