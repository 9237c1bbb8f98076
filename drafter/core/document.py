"""The finished report as a flat list of blocks: what every exporter (DOCX, text, HTML) consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading1", "heading2", "heading3", "paragraph"]


@dataclass(frozen=True)
class Block:
    """One paragraph of the body; headings keep their numeral (`一、`, `(一)`, `1.`) in `text`."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class ReportDocument:
    """Everything needed to lay out a report; all strings are final text (no slots)."""

    title: str
    addressee: str | None
    """主送机关 without the trailing colon, or None."""
    body: list[Block] = field(default_factory=list)
    """Opening paragraph(s), then the parts with their headings, then the closing sentence."""
    issuers: list[str] = field(default_factory=list)
    """发文机关署名, one per line, right side."""
    date: str = ""
    """成文日期 already formatted, e.g. `2026年1月8日`."""
