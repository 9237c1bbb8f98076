"""The outline of a report: title, year, issuers, date, addressee, heading tree and its parts.

Decision on required contents (DOMAIN.md: "a part (its own heading)"): an item counts as present
when a level-1 part is of that kind, or when a sub-heading names the item outright (for example
`（三）党政主要负责人履行推进法治建设第一责任人职责情况` inside item 1) — such a section still has
its own heading. A sentence inside another part never counts; `required_sections` records which
section fulfilled each item so checks can suggest promoting a sub-section to a part.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from drafter.core.models import REQUIRED_KINDS, PartKind
from drafter.corpus.clean import CleanText, clean_text
from drafter.corpus.front_matter import (
    Line,
    closing_block,
    issuers_from_title,
    number_value,
    report_year,
    split_issuers,
    split_lines,
    title_lines,
    title_with_spaces,
)
from drafter.corpus.parts import classify_part, subheading_kind

__all__ = ["ReportStructure", "Section", "parse_report", "split_issuers"]

_CN = "一二三四五六七八九十"
_HEADING_RULES: tuple[tuple[int, bool, re.Pattern[str]], ...] = (
    (1, False, re.compile(rf"^([{_CN}]{{1,3}})[、．.]\s*(.*)$")),
    (2, False, re.compile(rf"^（([{_CN}]{{1,3}})）\s*(.*)$")),
    (3, False, re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.*)$")),
    (4, False, re.compile(r"^（(\d{1,2})）\s*(.*)$")),
    (2, True, re.compile(rf"^([{_CN}]{{1,3}})）\s*(.*)$")),
    (2, True, re.compile(r"^()）\s*(\S.*)$")),
    (1, True, re.compile(r"^()、\s*(\S.*)$")),
)


@dataclass(frozen=True)
class Section:
    """One heading of the outline and the text under it (spans index `ReportStructure.clean.text`)."""

    level: int
    number: str | None
    """The numeral as written (`一`, `3`); None when it was lost in copying."""
    heading: str
    kind: PartKind | None
    """Required-contents kind for level-1 parts, None for sub-headings."""
    kinds: tuple[PartKind, ...]
    """Every item a level-1 part covers (`存在问题及下步打算` covers two)."""
    heading_span: tuple[int, int]
    body_span: tuple[int, int]
    damaged: bool = False
    parent: int | None = None
    """Index in `sections` of the enclosing heading."""


@dataclass(frozen=True)
class ReportStructure:
    """Everything `parse_report` finds in the text of one report."""

    clean: CleanText
    title: str | None
    year: int | None
    issuers: tuple[str, ...]
    issuer_inferred: bool
    """True when no signature was found and the issuer was read off the title."""
    date: dt.date | None
    addressee: str | None
    sections: tuple[Section, ...]
    body_span: tuple[int, int]
    required_sections: dict[str, int | None] = field(default_factory=dict)
    """Required kind to the index of the section that fulfils it (None when missing)."""

    @property
    def issuer(self) -> str | None:
        return " ".join(self.issuers) or None

    @property
    def required_contents(self) -> dict[str, bool]:
        return {kind: self.required_sections.get(kind) is not None for kind in REQUIRED_KINDS}

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose heading or body contains `offset`."""
        found = None
        for section in self.sections:
            if section.heading_span[0] <= offset < section.body_span[1]:
                found = section
        return found

    def part_at(self, offset: int) -> Section | None:
        """The level-1 part containing `offset`."""
        section = self.section_at(offset)
        while section is not None and section.parent is not None:
            section = self.sections[section.parent]
        return section if section is not None and section.level == 1 else None


def _heading_text(rest: str) -> str:
    match = re.search(r"[。！？；]|(?<=[\u4e00-\u9fff])[一二三四五六七八九十]是", rest)
    head = rest[: match.start()] if match else rest
    if len(head) > 40:
        comma = head.find("，")
        head = head[:comma] if 0 < comma <= 40 else head[:40]
    return head.strip()


def _match_heading(line: str) -> tuple[int, bool, str, str] | None:
    if len(line) < 2:
        return None
    for level, damaged, pattern in _HEADING_RULES:
        match = pattern.match(line)
        if match:
            return level, damaged, match.group(1), match.group(2)
    return None


def _find_headings(
    lines: list[Line], style_levels: dict[int, int]
) -> list[tuple[int, int, str | None, str, bool]]:
    """(line index, level, number, heading, damaged) of every heading line."""
    found: list[tuple[int, int, str | None, str, bool]] = []
    last_number: dict[int, int] = {}
    for index, line in enumerate(lines):
        matched = _match_heading(line.text)
        if matched is None:
            level = style_levels.get(index)
            if level and len(line.text) <= 60 and "。" not in line.text[:-1]:
                found.append((index, min(level, 4), None, line.text.rstrip("。"), False))
            continue
        level, damaged, number, rest = matched
        if not rest.strip():
            continue
        if level <= 2 and not number:
            number = _CN[last_number.get(level, 0)] if last_number.get(level, 0) < 10 else None
        if number:
            last_number[level] = number_value(number)
        for deeper in range(level + 1, 5):
            last_number.pop(deeper, None)
        found.append((index, level, number or None, _heading_text(rest), damaged))
    return found


def parse_report(text: str, style_headings: tuple[tuple[int, int], ...] = ()) -> ReportStructure:
    """Parse the outline of a report from its raw text.

    Args:
        text: the text as read (furniture and odd punctuation are cleaned here).
        style_headings: (raw line index, level) of lines a DOCX styled as headings.
    """
    clean = clean_text(text)
    lines = split_lines(clean.text)
    style_levels = _style_levels(text, clean, lines, style_headings)
    headings = _find_headings(lines, style_levels)
    closing, issuers, date = closing_block(lines)
    headings = [h for h in headings if h[0] < closing and h[1] >= 1]
    first_heading = headings[0][0] if headings else closing
    title_idx = title_lines(lines, first_heading)
    after_title = title_idx[-1] + 1 if title_idx else 0
    addressee = None
    if after_title < first_heading:
        candidate = lines[after_title].text
        if candidate.endswith("：") and len(candidate) <= 60 and "如下" not in candidate:
            addressee = candidate[:-1]
            after_title += 1
    title = "".join(lines[i].text for i in title_idx) or None
    inferred = False
    if not issuers and title:
        issuers, inferred = issuers_from_title(title)
    if title and issuers and title.replace(" ", "").startswith("".join(issuers)):
        title = title_with_spaces(clean, lines, title_idx, issuers)
    year = report_year(title, lines, after_title, date)
    body_end = lines[closing].start if closing < len(lines) else len(clean.text)
    sections = _sections(clean.text, lines, headings, body_end, year)
    body_start = lines[after_title].start if after_title < len(lines) else len(clean.text)
    return ReportStructure(
        clean=clean,
        title=title,
        year=year,
        issuers=tuple(issuers),
        issuer_inferred=inferred,
        date=date,
        addressee=addressee,
        sections=tuple(sections),
        body_span=(body_start, body_end),
        required_sections=_required(sections),
    )


def _style_levels(
    raw: str, clean: CleanText, lines: list[Line], style_headings: tuple[tuple[int, int], ...]
) -> dict[int, int]:
    """Clean-line index to heading level, for the raw lines a DOCX styled as headings."""
    if not style_headings:
        return {}
    wanted = dict(style_headings)
    raw_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
    levels: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.text:
            raw_line = bisect.bisect_right(raw_starts, clean.offsets[line.start]) - 1
            if raw_line in wanted:
                levels[index] = wanted[raw_line]
    return levels


def _sections(
    text: str,
    lines: list[Line],
    headings: list[tuple[int, int, str | None, str, bool]],
    body_end: int,
    year: int | None,
) -> list[Section]:
    raw: list[dict] = []
    stack: list[int] = []
    for index, (line_idx, level, number, heading, damaged) in enumerate(headings):
        line = lines[line_idx]
        head_start = line.start
        offset = line.text.find(heading) if heading else 0
        head_end = head_start + max(offset, 0) + len(heading)
        end = body_end
        for later in headings[index + 1 :]:
            if later[1] <= level:
                end = lines[later[0]].start - 1
                break
        while stack and raw[stack[-1]]["level"] >= level:
            stack.pop()
        raw.append(
            dict(
                level=level,
                number=number,
                heading=heading,
                damaged=damaged,
                heading_span=(head_start, head_end),
                body_span=(min(head_end + 1, end), max(end, head_end)),
                parent=stack[-1] if stack else None,
            )
        )
        stack.append(len(raw) - 1)
    sections: list[Section] = []
    for item in raw:
        kind, kinds = None, ()
        if item["level"] == 1:
            body = text[item["body_span"][0] : item["body_span"][1]]
            kind, found = classify_part(item["heading"], body, year)
            kinds = tuple(found)
        sections.append(Section(kind=kind, kinds=kinds, **item))
    return sections


def _required(sections: list[Section]) -> dict[str, int | None]:
    required: dict[str, int | None] = dict.fromkeys(REQUIRED_KINDS)
    for index, section in enumerate(sections):
        if section.level == 1:
            for kind in section.kinds:
                if kind in required and required[kind] is None:
                    required[kind] = index
    for index, section in enumerate(sections):
        if section.level == 2:
            kind = subheading_kind(section.heading)
            if kind is not None and required.get(kind) is None:
                required[kind] = index
    return required
