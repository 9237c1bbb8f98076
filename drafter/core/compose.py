"""Turns a draft into the finished report document (headings numbered, slots filled)."""

from __future__ import annotations

import datetime as dt
import re

from drafter.core.document import Block, BlockKind, ReportDocument
from drafter.core.drafts import plain_values
from drafter.core.models import Catalog, Draft, ReportKind
from drafter.core.numbers import format_date
from drafter.core.render import Missing, fill_placeholders, render_slotted

NUMERALS = "一二三四五六七八九十"

_HEADING2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_HEADING3 = re.compile(r"^\d{1,2}[.．](?!\d)")


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + ("" if ones == 0 else NUMERALS[ones - 1])


def included_parts(draft: Draft, kind: ReportKind) -> list[str]:
    """Ids of the parts that appear in the report, in the kind's order."""
    return [p.id for p in kind.parts if p.required or p.id in draft.included or draft.parts.get(p.id, "").strip()]


def part_heading(draft: Draft, kind: ReportKind, part_id: str) -> str:
    """A part's heading text without its numeral."""
    if draft.headings.get(part_id):
        return draft.headings[part_id]
    return fill_placeholders(kind.part(part_id).heading, year=draft.year, next_year=draft.year + 1)


def classify_line(line: str) -> BlockKind:
    """Heading level of a line of part text by its numbering: `（一）` level 2, `1.` level 3."""
    if _HEADING2.match(line):
        return "heading2"
    if _HEADING3.match(line):
        return "heading3"
    return "paragraph"


def text_blocks(text: str) -> list[Block]:
    """One block per non-empty line of text."""
    return [Block(classify_line(line.strip()), line.strip()) for line in text.splitlines() if line.strip()]


def compose(
    draft: Draft,
    kind: ReportKind,
    catalog: Catalog,
    missing: Missing = "raise",
    today: dt.date | None = None,
) -> ReportDocument:
    """The report as it will print.

    Raises:
        RenderError: a slot has no value and `missing` is "raise".
    """
    values = plain_values(draft)
    body = text_blocks(render_slotted(draft.opening, values, catalog, missing))
    for number, part_id in enumerate(included_parts(draft, kind), start=1):
        heading = part_heading(draft, kind, part_id)
        body.append(Block("heading1", f"{chinese_ordinal(number)}、{heading}"))
        body.extend(text_blocks(render_slotted(draft.parts.get(part_id, ""), values, catalog, missing)))
    if kind.closing:
        body.append(Block("paragraph", kind.closing))
    return ReportDocument(
        title=draft.title,
        addressee=draft.addressee,
        body=body,
        issuers=list(draft.issuers),
        date=format_date(draft.date or today or dt.date.today()),
    )
