"""Layout numbers of GB/T 9704-2012 《党政机关公文格式》: the single source for every exporter.

Plain numbers (mm, pt, twips) so that importing this module costs nothing; the DOCX exporter
wraps them in python-docx's `Mm`/`Pt`/`Twips`, the HTML preview writes them into CSS.
"""

from __future__ import annotations

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
"""A4 portrait."""

MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
"""The binding side (订口)."""
MARGIN_RIGHT_MM = 26.0

TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
"""156 mm: the width of the text block (版心)."""
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM
"""225 mm: the height of the text block."""

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4

LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM * TWIPS_PER_MM / LINES_PER_PAGE)
"""579 twips (28.95 pt): the line grid pitch, rounded down so that 22 lines fit the text block."""

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
HEADING3_FONT = BODY_FONT
PAGE_NUMBER_FONT = "宋体"
"""The standard asks for 4号半角宋体阿拉伯数字 for page numbers."""

TITLE_SIZE_PT = 22.0
"""2号."""
BODY_SIZE_PT = 16.0
"""3号: body, headings, addressee, issuer and date."""
PAGE_NUMBER_SIZE_PT = 14.0
"""4号."""

CHAR_SPACING_TWIPS = -5
"""Run character spacing (-0.25 pt): 28 cells of 15.75 pt fit the 156 mm (442.2 pt) line.

Without it a 16 pt line holds 27 characters in LibreOffice; -4 twips is not enough.
"""
CHAR_CELL_TWIPS = int(BODY_SIZE_PT * TWIPS_PER_PT) + CHAR_SPACING_TWIPS
"""315 twips: the width one body character takes on the line, spacing included."""

FIRST_LINE_INDENT_CHARS = 2
"""First-line indent of body paragraphs and headings, in characters."""

PAGE_NUMBER_GAP_MM = 7.0
"""The em dashes of the page number sit this far below the text block."""
FOOTER_DISTANCE_MM = 25.0
"""Distance from the bottom edge of the page to the bottom of the footer line.

The 14 pt footer line is about 5 mm tall and the dashes sit mid-line, which puts them about
7 mm under the text block (262 mm from the top of the page); checked in LibreOffice's PDF.
"""
PAGE_NUMBER_EDGE_INDENT_CHARS = 1
"""Odd pages: right-aligned one character in from the right edge; even pages: the same on the left."""
PAGE_NUMBER_DASH = "—"
"""U+2014 on each side of the number: `— 1 —`."""

SIGNATURE_BLANK_LINES = 1
"""Blank lines between the end of the body and the issuer (正文下空一行)."""
DATE_RIGHT_INDENT_CHARS = 4
"""成文日期右空四字 (7.3.5.1, documents carrying a seal); the issuer is centred over the date."""
