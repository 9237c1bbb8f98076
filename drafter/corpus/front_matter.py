"""The front and back matter of a report: title, year, issuers, addressee and 成文日期."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from drafter.corpus.chinese_numbers import parse_chinese_integer
from drafter.corpus.clean import CleanText

_CN = "一二三四五六七八九十"
_ORG = re.compile(
    r"(?:人民政府|政府|县委|区委|市委|旗委|委员会|办公室|局|委|办|院|厅|所|中心|街道办事处)$"
)
_DATE = re.compile(r"^(20\d{2})年?(\d{1,2})月(\d{1,2})日?$")
_CN_DATE = re.compile(rf"^([〇零{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日$")
_TITLE_WORDS = re.compile(r"报告|情况|法治政府|法治建设|依法行政|工作总结")
_PARTY_COMMITTEE = re.compile(r"(中共.+?(?:县|区|市|州|盟|旗)委)(?=.)")
_PLACE = re.compile(r"^(.{2,12}?(?:县|区|市|旗|州|镇|乡|街道))(?:20\d{2}|关于)")


@dataclass
class Line:
    """One line (paragraph) of the clean text and where it starts."""

    start: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their start offsets."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(Line(pos, line))
        pos += len(line) + 1
    return out


def number_value(number: str) -> int:
    """`12` or `十二` as an int."""
    return int(number) if number.isdigit() else parse_chinese_integer(number)


def closing_block(lines: list[Line]) -> tuple[int, tuple[str, ...], dt.date | None]:
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
        year, month, day = (number_value(g) for g in match.groups())
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


def title_lines(lines: list[Line], stop: int) -> list[int]:
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


def report_year(
    title: str | None, lines: list[Line], first_body: int, date: dt.date | None
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


def title_with_spaces(
    clean: CleanText, lines: list[Line], title_idx: list[int], issuers: tuple[str, ...] | list[str]
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


def issuers_from_title(title: str) -> tuple[tuple[str, ...], bool]:
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
