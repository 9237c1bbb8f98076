"""The outline of a report: title, year, issuers, date, addressee, heading tree and its parts.

Decision on required contents (DOMAIN.md: "a part (its own heading)"): an item counts as present
when a level-1 part is of that kind, or when a sub-heading names the item outright (for example
`（三）党政主要负责人履行推进法治建设第一责任人职责情况` inside item 1) — such a section still has
its own heading. A sentence inside another part never counts; `required_sections` records which
section fulfilled each item so checks can suggest promoting a sub-section to a part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from drafter.core.models import REQUIRED_KINDS, PartKind
from drafter.corpus.chinese_numbers import parse_chinese_integer
from drafter.corpus.clean import CleanText, clean_text
from drafter.corpus.parts import classify_part, subheading_kind

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
_ORG = re.compile(
    r"(?:人民政府|政府|县委|区委|市委|旗委|委员会|办公室|局|委|办|院|厅|所|中心|街道办事处)$"
)
_DATE = re.compile(r"^(20\d{2})年?(\d{1,2})月(\d{1,2})日?$")
_CN_DATE = re.compile(rf"^([〇零{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日$")
_TITLE_WORDS = re.compile(r"报告|情况|法治政府|法治建设|依法行政|工作总结")
_PARTY_COMMITTEE = re.compile(r"(中共.+?(?:县|区|市|州|盟|旗)委)(?=.)")
_PLACE = re.compile(r"^(.{2,12}?(?:县|区|市|旗|州|镇|乡|街道))(?:20\d{2}|关于)")


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


@dataclass
class _Line:
    start: int
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(_Line(pos, line))
        pos += len(line) + 1
    return out


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


def _number_value(number: str) -> int:
    return int(number) if number.isdigit() else parse_chinese_integer(number)


def _find_headings(
    lines: list[_Line], style_levels: dict[int, int]
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
            last_number[level] = _number_value(number)
        for deeper in range(level + 1, 5):
            last_number.pop(deeper, None)
        found.append((index, level, number or None, _heading_text(rest), damaged))
    return found


def _closing_start(lines: list[_Line]) -> tuple[int, tuple[str, ...], dt.date | None]:
    """(first line index of the signature block, issuers, date) found at the end of the text."""
    end = len(lines)
    date = None
    index = end - 1
    while index >= 0 and end - index <= 4:
        text = lines[index].text
        match = _DATE.match(text) or _CN_DATE.match(text)
        if match:
            date = _parse_date(match)
            end = index
            break
        index -= 1
    issuers: list[str] = []
    index = end - 1
    while index >= 0 and len(issuers) < 3:
        text = lines[index].text
        if len(text) > 40 or re.search(r"[。，；：]", text) or not _ORG.search(text):
            break
        issuers[:0] = split_issuers(text)
        index -= 1
    if issuers or date:
        return index + 1, tuple(issuers), date
    return len(lines), (), None


def _parse_date(match: re.Match[str]) -> dt.date | None:
    try:
        year, month, day = (_number_value(g) for g in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        return None


def split_issuers(text: str) -> list[str]:
    """Split `中共兴县县委兴县人民政府` or `中共南乐县委 南乐县人民政府` into the issuing bodies."""
    names: list[str] = []
    for chunk in re.split(r"[\s、，]+", text.strip()):
        rest = chunk
        while match := _PARTY_COMMITTEE.match(rest):
            names.append(match.group(1))
            rest = rest[match.end() :]
        if rest:
            names.append(rest)
    return names


def _title_lines(lines: list[_Line], stop: int) -> list[int]:
    for index in range(min(stop, 8)):
        text = lines[index].text
        if len(text) > 80 or "。" in text or text.endswith("：") or not _TITLE_WORDS.search(text):
            continue
        chosen = [index]
        if index > 0 and text.startswith("关于") and _ORG.search(lines[index - 1].text):
            chosen.insert(0, index - 1)
        elif index + 1 < stop and not re.search(r"报告|情况$", text):
            following = lines[index + 1].text
            if (
                len(following) <= 40
                and "。" not in following
                and re.search(r"报告|情况$", following)
            ):
                chosen.append(index + 1)
        return chosen
    return []


def _year(
    title: str | None, lines: list[_Line], first_body: int, date: dt.date | None
) -> int | None:
    if title:
        match = re.search(r"(?<!\d)(20\d{2})(?!\d)(?![-—–至~]\d)", title)
        if match:
            return int(match.group(1))
    for line in lines[first_body : first_body + 2]:
        match = re.search(r"(?<!\d)(20\d{2})年", line.text[:120])
        if match:
            return int(match.group(1))
    if date is not None:
        return date.year - 1 if date.month <= 6 else date.year
    return None


def parse_report(text: str, style_headings: tuple[tuple[int, int], ...] = ()) -> ReportStructure:
    """Parse the outline of a report from its raw text.

    Args:
        text: the text as read (furniture and odd punctuation are cleaned here).
        style_headings: (raw line index, level) of lines a DOCX styled as headings.
    """
    clean = clean_text(text)
    lines = _lines(clean.text)
    style_levels = _style_levels(text, clean, lines, style_headings)
    headings = _find_headings(lines, style_levels)
    closing, issuers, date = _closing_start(lines)
    headings = [h for h in headings if h[0] < closing and h[1] >= 1]
    first_heading = headings[0][0] if headings else closing
    title_idx = _title_lines(lines, first_heading)
    after_title = title_idx[-1] + 1 if title_idx else 0
    addressee = None
    if after_title < first_heading:
        candidate = lines[after_title].text
        if candidate.endswith("：") and len(candidate) <= 60 and "如下" not in candidate:
            addressee = candidate[:-1]
            after_title += 1
    title = _title(clean, lines, title_idx)
    inferred = False
    if not issuers and title:
        issuers, inferred = _issuers_from_title(title)
    if title and issuers and title.replace(" ", "").startswith("".join(issuers)):
        title = _title_with_spaces(clean, lines, title_idx, issuers)
    year = _year(title, lines, after_title, date)
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
    raw: str, clean: CleanText, lines: list[_Line], style_headings: tuple[tuple[int, int], ...]
) -> dict[int, int]:
    if not style_headings:
        return {}
    raw_starts = [0]
    for index, ch in enumerate(raw):
        if ch == "\n":
            raw_starts.append(index + 1)
    levels: dict[int, int] = {}
    for raw_line, level in style_headings:
        if 0 <= raw_line < len(raw_starts):
            for index, line in enumerate(lines):
                if line.text and clean.offsets[line.start] >= raw_starts[raw_line]:
                    if clean.offsets[line.start] < (
                        raw_starts[raw_line + 1] if raw_line + 1 < len(raw_starts) else len(raw) + 1
                    ):
                        levels[index] = level
                    break
    return levels


def _title(clean: CleanText, lines: list[_Line], title_idx: list[int]) -> str | None:
    return "".join(lines[i].text for i in title_idx) or None


def _title_with_spaces(
    clean: CleanText, lines: list[_Line], title_idx: list[int], issuers: tuple[str, ...] | list[str]
) -> str:
    """The title with the spaces the original put between issuing bodies, and only those."""
    title = "".join(lines[i].text for i in title_idx)
    start = lines[title_idx[0]].start
    out, cursor, pos = [], 0, 0
    for name in issuers[:-1]:
        pos += len(name)
        out.append(title[cursor:pos])
        cursor = pos
        gap = clean.original[clean.offsets[start + pos - 1] + 1 : clean.offsets[start + pos]]
        if gap.strip(" \t\u3000\u00a0") == "" and gap and "\n" not in gap:
            out.append(" ")
    out.append(title[cursor:])
    return "".join(out)


def _issuers_from_title(title: str) -> tuple[tuple[str, ...], bool]:
    if "关于" in title:
        head = title.split("关于", 1)[0].strip()
        if head:
            return tuple(split_issuers(head)), False
    match = _PLACE.match(title.replace(" ", ""))
    if match:
        place = match.group(1)
        if place.endswith(("县", "区", "市", "旗", "州")):
            return (place + "人民政府",), True
        return (place + "人民政府" if place.endswith(("镇", "乡")) else place + "办事处",), True
    return (), False


def _sections(
    text: str,
    lines: list[_Line],
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
