"""The few WordprocessingML pieces python-docx has no API for; the only module with raw XML.

Each helper is named after the element it touches. Imported only by `drafter.export.docx`,
which callers import lazily, so python-docx loads here at module level.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Union

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


Target = Union["Run", "Paragraph", "BaseStyle", "BaseOxmlElement"]
"""What the helpers accept: a python-docx run, paragraph or style, or the XML element itself."""


_THEME_FONT_ATTRS = tuple(
    qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
)
_RPR_ORDER = (  # child order of w:rPr in the schema
    "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike"
    " w:outline w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden"
    " w:color w:spacing w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr"
    " w:shd w:fitText w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish"
    " w:oMath"
)
_PPR_ORDER = (  # child order of w:pPr
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr"
    " w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap"
    " w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd"
    " w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap"
    " w:jc w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId"
    " w:cnfStyle w:rPr w:sectPr w:pPrChange"
)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TWIPS_PER_CHAR_UNIT = 100
"""`w:firstLineChars="200"` means two characters."""


def _element(target: Target) -> BaseOxmlElement:
    """The XML element behind `target` (`Paragraph` keeps it in `_p`, not `element`)."""
    if hasattr(target, "tag"):
        return target
    if hasattr(target, "_p"):
        return target._p
    return target.element


def _rpr(target: Target) -> BaseOxmlElement:
    element = _element(target)
    if element.tag == qn("w:rPr"):
        return element
    return element.get_or_add_rPr()


def _ppr(target: Target) -> BaseOxmlElement:
    return _element(target).get_or_add_pPr()


def _child(parent: BaseOxmlElement, tag: str, order: str) -> BaseOxmlElement:
    """Return the `tag` child of `parent`, creating it in schema `order` if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        tags = order.split()
        parent.insert_element_before(found, *tags[tags.index(tag) + 1 :])
    return found


def strip_theme_fonts(styles: BaseOxmlElement) -> None:
    """Remove `w:asciiTheme`/`w:hAnsiTheme`/`w:eastAsiaTheme`/`w:cstheme` from a `w:styles` part.

    Theme fonts override explicit names in some viewers (python-docx issue #1601). Only the
    places fonts live in are visited (docDefaults, styles, table-style parts): a full walk of
    the template's 9,000 elements costs more than the rest of the export.
    """
    themed = styles.xpath(
        "(w:docDefaults/w:rPrDefault | w:style | w:style/w:tblStylePr)/w:rPr/w:rFonts"
        "[@w:asciiTheme or @w:hAnsiTheme or @w:eastAsiaTheme or @w:cstheme]"
    )
    for rfonts in themed:
        for attr in _THEME_FONT_ATTRS:
            rfonts.attrib.pop(attr, None)


def set_east_asian_font(target: Target, name: str) -> None:
    """Name `name` in the ascii, hAnsi and eastAsia slots of a run, style or `w:rPr`.

    hAnsi must be the Chinese font too: Word puts `—` and `…` in that slot.
    """
    rfonts = _child(_rpr(target), "w:rFonts", _RPR_ORDER)
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(attr, None)
    rfonts.set(qn("w:ascii"), name)
    rfonts.set(qn("w:hAnsi"), name)
    rfonts.set(qn("w:eastAsia"), name)


def set_char_spacing(target: Target, twips: int) -> None:
    """Set `w:spacing` (expanded/condensed character spacing, in twips) of a run or style."""
    _child(_rpr(target), "w:spacing", _RPR_ORDER).set(qn("w:val"), str(twips))


def set_east_asian_lang(target: Target, lang: str = "zh-CN") -> None:
    """Set `w:lang/@w:eastAsia`, which picks the fallback font family for Han characters."""
    _child(_rpr(target), "w:lang", _RPR_ORDER).set(qn("w:eastAsia"), lang)


def set_doc_defaults_font(document: Document, name: str, lang: str = "zh-CN") -> None:
    """Give `w:docDefaults` an explicit font and East Asian language, and drop every theme font.

    The default template names `minorEastAsia` in docDefaults and `ja-JP` in
    `w:themeFontLang`, which leaves Chinese in a Japanese fallback font.
    """
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_east_asian_font(rpr, name)
    set_east_asian_lang(rpr, lang)
    strip_theme_fonts(styles)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), lang)


def drop_template_leftovers(document: Document) -> None:
    """Remove parts of python-docx's template that would mislead: `stylesWithEffects`
    (a Word 2010 copy of the styles, full of theme fonts) and the template's thumbnail.
    """
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]


def set_indent_chars(
    target: Target,
    *,
    cell_twips: int,
    first_line: float | None = None,
    left: float | None = None,
    right: float | None = None,
) -> None:
    """Set `w:ind` in characters (`w:firstLineChars` etc.) with the twips equivalent beside it.

    Word uses the `*Chars` values; LibreOffice reads the twips. `None` leaves a side alone,
    0 sets it to nothing explicitly (overriding the style it is based on).
    """
    ind = _child(_ppr(target), "w:ind", _PPR_ORDER)
    for name, chars in (("firstLine", first_line), ("left", left), ("right", right)):
        if chars is not None:
            ind.set(qn(f"w:{name}"), str(round(chars * cell_twips)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * _TWIPS_PER_CHAR_UNIT)))


def set_doc_grid(section: Section, line_pitch: int) -> None:
    """Set the section's `w:docGrid` to a line grid of `line_pitch` twips (no character grid)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch))


def add_page_field(paragraph: Paragraph, placeholder: str = "1") -> list[Run]:
    """Append a `PAGE` field (begin, instruction, separate, cached result, end) as runs.

    Returns the new runs so the caller can give them fonts.
    """
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run(placeholder if kind == "result" else None)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(_XML_SPACE, "preserve")
            instr.text = " PAGE "
            run.element.append(instr)
        elif kind != "result":
            run.element.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
        runs.append(run)
    return runs


def paragraph_prototype(style_id: str, font: str) -> BaseOxmlElement:
    """A `w:p` of style `style_id` with one empty run naming `font` in every font slot.

    Deep-copying a prototype per paragraph is much cheaper than python-docx's
    `add_paragraph(style=...)`, which scans every style for each paragraph.
    """
    paragraph = OxmlElement("w:p")
    properties = etree.SubElement(paragraph, qn("w:pPr"))
    etree.SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style_id)
    run = etree.SubElement(paragraph, qn("w:r"))
    set_east_asian_font(etree.SubElement(run, qn("w:rPr")), font)
    etree.SubElement(run, qn("w:t")).set(_XML_SPACE, "preserve")
    return paragraph


def insert_paragraph(anchor: BaseOxmlElement, prototype: BaseOxmlElement, text: str) -> CT_P:
    """Insert a copy of `prototype` holding `text` before `anchor` (the body's `w:sectPr`).

    Tabs and line breaks in `text` become `w:tab`/`w:br`; empty text leaves no run.
    """
    paragraph = copy.deepcopy(prototype)
    run = paragraph[1]
    if not text:
        paragraph.remove(run)
    elif "\t" in text or "\n" in text or "\r" in text:
        run.remove(run[1])
        run.text = text
    else:
        run[1].text = text
    anchor.addprevious(paragraph)
    return paragraph


def body_end(document: Document) -> BaseOxmlElement:
    """The body's final `w:sectPr`, before which new paragraphs go."""
    return document.element.body.find(qn("w:sectPr"))


def add_paragraph_style(
    document: Document,
    style_id: str,
    name: str,
    *,
    font: str,
    size_pt: float,
    based_on: str = "Normal",
    alignment: str | None = None,
    first_line_chars: float | None = None,
    cell_twips: int = 320,
    outline_level: int | None = None,
    char_spacing: int | None = None,
    snap_to_grid: bool = True,
) -> None:
    """Append a custom paragraph `w:style` with its font in every slot, not bold, black.

    Built directly rather than through `styles.add_style`, which scans every style by name.
    `alignment` is a `w:jc` value (`center`, `left`, `right`, `both`); the first-line indent
    is written in characters and in twips (`cell_twips` per character), as `set_indent_chars` does.
    """
    style = OxmlElement(
        "w:style",
        {qn("w:type"): "paragraph", qn("w:customStyle"): "1", qn("w:styleId"): style_id},
    )
    for tag, value in (("w:name", name), ("w:basedOn", based_on), ("w:next", "Normal")):
        etree.SubElement(style, qn(tag)).set(qn("w:val"), value)
    etree.SubElement(style, qn("w:qFormat"))
    ppr = etree.SubElement(style, qn("w:pPr"))
    if outline_level is not None:
        etree.SubElement(ppr, qn("w:keepNext"))
    if not snap_to_grid:
        etree.SubElement(ppr, qn("w:snapToGrid")).set(qn("w:val"), "0")
    if first_line_chars is not None:
        ind = etree.SubElement(ppr, qn("w:ind"))
        ind.set(qn("w:firstLine"), str(round(first_line_chars * cell_twips)))
        ind.set(qn("w:firstLineChars"), str(round(first_line_chars * _TWIPS_PER_CHAR_UNIT)))
    if alignment is not None:
        etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), alignment)
    if outline_level is not None:
        etree.SubElement(ppr, qn("w:outlineLvl")).set(qn("w:val"), str(outline_level))
    rpr = etree.SubElement(style, qn("w:rPr"))
    set_east_asian_font(rpr, font)
    etree.SubElement(rpr, qn("w:b")).set(qn("w:val"), "0")
    etree.SubElement(rpr, qn("w:i")).set(qn("w:val"), "0")
    etree.SubElement(rpr, qn("w:color")).set(qn("w:val"), "000000")
    if char_spacing is not None:
        etree.SubElement(rpr, qn("w:spacing")).set(qn("w:val"), str(char_spacing))
    half_points = str(round(size_pt * 2))
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), half_points)
    etree.SubElement(rpr, qn("w:szCs")).set(qn("w:val"), half_points)
    document.styles.element.append(style)


def set_paragraph_style(paragraph: Paragraph, style_id: str) -> None:
    """Point a paragraph at a style by id (python-docx's setter scans all styles per call)."""
    paragraph._p.get_or_add_pPr().style = style_id
