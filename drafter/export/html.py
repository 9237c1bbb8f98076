"""A `ReportDocument` as a simple printable HTML page laid out like the DOCX (GB/T 9704 sizes)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.punctuation import to_fullwidth
from drafter.export import gbt9704 as gb
from drafter.fileio import write_export

if TYPE_CHECKING:
    from drafter.core.document import ReportDocument

_FALLBACKS = {
    gb.TITLE_FONT: '"FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", serif',
    gb.BODY_FONT: '"FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif',
    gb.HEADING1_FONT: '"SimHei", "Noto Sans CJK SC", sans-serif',
    gb.HEADING2_FONT: '"KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif',
}


def _family(font: str) -> str:
    return f'"{font}", {_FALLBACKS[font]}'


def _css() -> str:
    line_pt = gb.LINE_PITCH_TWIPS / gb.TWIPS_PER_PT
    spacing_pt = gb.CHAR_SPACING_TWIPS / gb.TWIPS_PER_PT
    return f"""
@page {{ size: A4; margin: {gb.MARGIN_TOP_MM}mm {gb.MARGIN_RIGHT_MM}mm {gb.MARGIN_BOTTOM_MM}mm {gb.MARGIN_LEFT_MM}mm; }}
body {{ margin: 0; background: #eee; }}
main {{ box-sizing: content-box; width: {gb.TEXT_WIDTH_MM}mm; background: #fff; color: #000;
  margin: 1em auto; padding: {gb.MARGIN_TOP_MM}mm {gb.MARGIN_RIGHT_MM}mm {gb.MARGIN_BOTTOM_MM}mm {gb.MARGIN_LEFT_MM}mm;
  font: {gb.BODY_SIZE_PT}pt/{line_pt}pt {_family(gb.BODY_FONT)}; letter-spacing: {spacing_pt}pt; }}
p {{ margin: 0; text-indent: {gb.FIRST_LINE_INDENT_CHARS}em; text-align: justify; }}
h1 {{ margin: 0 0 {line_pt}pt; font: {gb.TITLE_SIZE_PT}pt/{line_pt * 1.25}pt {_family(gb.TITLE_FONT)};
  text-align: center; letter-spacing: 0; }}
h2, h3, h4 {{ margin: 0; font-size: {gb.BODY_SIZE_PT}pt; font-weight: normal;
  text-indent: {gb.FIRST_LINE_INDENT_CHARS}em; }}
h2 {{ font-family: {_family(gb.HEADING1_FONT)}; }}
h3 {{ font-family: {_family(gb.HEADING2_FONT)}; }}
p.addressee {{ text-indent: 0; }}
p.signature {{ text-align: right; text-indent: 0; padding-right: {gb.DATE_RIGHT_INDENT_CHARS}em; }}
p.gap {{ height: {line_pt}pt; }}
@media print {{ body {{ background: none; }} main {{ margin: 0; padding: 0; width: auto; }} }}
"""


_TAGS = {"heading1": "h2", "heading2": "h3", "heading3": "h4", "paragraph": "p"}


def render_html(doc: ReportDocument) -> str:
    """Return a standalone HTML page previewing `doc`; every text is escaped.

    Headings become `h2`-`h4` (the title is the page's `h1`); issuer and date sit on the right.
    """

    def esc(text: str) -> str:
        return html.escape(to_fullwidth(text), quote=True)

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(doc.title)}</title>",
        f"<style>{_css()}</style></head>",
        "<body><main>",
        f"<h1>{esc(doc.title)}</h1>",
    ]
    if doc.addressee:
        parts.append(f'<p class="addressee">{esc(doc.addressee.rstrip(":："))}：</p>')
    for block in doc.body:
        tag = _TAGS[block.kind]
        parts.append(f"<{tag}>{esc(block.text)}</{tag}>")
    if doc.issuers or doc.date:
        parts.append('<p class="gap"></p>')
        parts.extend(f'<p class="signature">{esc(issuer)}</p>' for issuer in doc.issuers)
        if doc.date:
            parts.append(f'<p class="signature">{esc(doc.date)}</p>')
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def write_html(doc: ReportDocument, path: Path, *, overwrite: bool = False) -> Path:
    """Write `render_html(doc)` to `path` in UTF-8, atomically.

    Raises:
        ExportError: `path` exists and `overwrite` is False, or the file cannot be written.
    """
    return write_export(path, render_html(doc).encode("utf-8"), overwrite=overwrite)
