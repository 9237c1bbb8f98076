"""Indicator mentions in report text: a figure with its unit, approximation and the thing counted.

Figures are found with regular expressions; the thing counted (`name`) comes from `figure_names`
(the phrase in front of the figure, or the noun after a classifier). Figures that are not
indicators are left out: years, dates, ordinals (`第七次`), figures inside quotation or title marks (`“1+37+33+147”`, `《…2025年》`),
ranks, durations, ages, phone and document numbers (they carry no counting unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.corpus.chinese_numbers import CHINESE_DIGITS, parse_number
from drafter.corpus.figure_names import (
    MAX_NAME,
    balanced,
    context_start,
    noun_after,
    phrase_after,
    trim_before,
)

COUNT_UNITS = (
    "个百分点", "人次", "件次", "场次", "家次", "户次", "批次", "车次", "架次", "元",
    "人", "件", "次", "个", "项", "条", "家", "名", "场", "处", "部", "篇", "期", "所", "批",
    "份", "支", "台", "本", "宗", "册", "户", "起", "例", "卷", "套", "张", "座", "间", "轮",
    "组", "队", "单", "封", "面", "幅", "辆", "%",
)  # fmt: skip
_CLASSIFIERS = frozenset("个家名所项条支部篇场次件批期处份台套张座间组队面本")
_CHINESE_OK_UNITS = frozenset({"次", "场", "期", "批", "轮", "件", "人次", "名", "场次", "家"})
_APPROX_PREFIX = ("超过", "近", "约", "超", "逾")
_UNIT_RE = "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True))
_MENTION = re.compile(
    r"(?P<pre>超过|近|约|超|逾)?"
    r"(?<![\d.A-Za-z+])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    r"(?P<mult>[万亿])?(?P<approx>余|多)?(?P<mult2>[万亿])?(?P<approx2>余|多)?"
    rf"(?P<unit>{_UNIT_RE})(?P<post>以上|左右|有余)?"
)
_BARE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{1,10}?(?:数据|数|量|总数|总量))(?:为|达|是|达到)"
    r"(?P<num>\d+(?:\.\d+)?)(?=[，。；、\n]|$)"
)
_BARE_ANCHOR = re.compile(r"[据数量](?:为|达|是)\d")
"""Where `_BARE` can match; it is only run on the lines holding one."""
_AFTER_STOP = re.compile(r"^(?:工作日|月|小时|季度|星期|年|方面|维度|层面|字|周|分钟|百分点)")
_RANK_BEFORE = re.compile(r"(?:位居|排名|名列|排在|位列|居)(?:全[省市县区国])?(?:前|第)?$")


@dataclass(frozen=True)
class Figure:
    """A figure found in text, before it is attached to a section and a catalog id."""

    name: str
    value: float
    unit: str
    approx: bool
    text: str
    span: tuple[int, int]
    """Span of `text` in the text searched."""
    number_span: tuple[int, int]


def json_number(value: float) -> int | float:
    """189.0 → 189 for JSON; 97.83 stays."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def quoted_mask(text: str) -> bytearray:
    """1 for characters inside “…”, ‘…’, 「…」 or 《…》 (closed within the line, not too far)."""
    mask = bytearray(len(text))
    for left, right, limit in (("“", "”", 30), ("‘", "’", 30), ("「", "」", 30), ("《", "》", 80)):
        start = text.find(left)
        while start != -1:
            end = text.find(right, start + 1, start + 1 + limit)
            newline = text.find("\n", start + 1, end if end != -1 else start + 1)
            if end != -1 and newline == -1:
                mask[start : end + 1] = b"\x01" * (end + 1 - start)
                start = text.find(left, end + 1)
            else:
                start = text.find(left, start + 1)
    return mask


def _excluded(text: str, match: re.Match[str], mask: bytearray) -> bool:
    start = match.start("num")
    first = match.start()
    number, unit = match.group("num"), match.group("unit")
    if mask[start] or (first > 0 and text[first - 1] in "第+＋") or text[start - 1 : start] == "第":
        return True
    if _RANK_BEFORE.search(text[max(0, first - 6) : first]):
        return True
    if not number[0].isdigit():
        if unit not in _CHINESE_OK_UNITS:
            return True
        if number[0] not in CHINESE_DIGITS and number[0] != "十":
            return True
        if first > 0 and text[first - 1] in "一二三四五六七八九十两百千万统唯单同":
            return True
    after = text[match.end() : match.end() + 4]
    if unit == "个" and _AFTER_STOP.match(after):
        return True
    year_like = number.isdigit() and len(number) == 4 and 1990 <= int(number) <= 2100
    return year_like and unit in "期届"


def _value(match: re.Match[str]) -> float | None:
    written = match.group("num") + (match.group("mult") or "") + (match.group("mult2") or "")
    try:
        value = parse_number(written)
    except ValueError:
        return None
    if not match.group("num")[0].isdigit() and value < 2:
        return None
    return value


def find_figures(text: str) -> list[Figure]:
    """Every indicator-like figure in (clean) text, in order, non-indicators left out."""
    mask = quoted_mask(text)
    figures: list[Figure] = []
    floor = 0
    for match in _MENTION.finditer(text):
        if _excluded(text, match, mask):
            continue
        value = _value(match)
        if value is None:
            continue
        unit = match.group("unit")
        end = match.end()
        after_end = noun_after(text, end) if unit in _CLASSIFIERS else end
        after = text[end:after_end].strip("“”")
        ctx = context_start(text, match.start(), floor)
        budget = max(6, MAX_NAME - len(after))
        name_start, name_end = trim_before(text, ctx, match.start(), budget)
        before = text[name_start:name_end]
        if not before and not after:
            after_end = phrase_after(text, end)
            after = text[end:after_end]
            if not after and figures and figures[-1].span[1] == match.start():
                before = figures[-1].name
        name = balanced(before + after)
        if len(name) < 2 or not re.search(r"[\u4e00-\u9fff]", name):
            floor = end
            continue
        span = (name_start if before else match.start(), max(end, after_end if after else end))
        approx = bool(
            (match.group("pre") in _APPROX_PREFIX)
            or match.group("approx")
            or match.group("approx2")
            or match.group("post")
        )
        figures.append(
            Figure(
                name=name,
                value=value,
                unit=unit,
                approx=approx,
                text=text[span[0] : span[1]],
                span=span,
                number_span=(match.start("num"), match.end("num")),
            )
        )
        floor = span[1]
    figures.extend(_bare_figures(text, mask, [f.number_span for f in figures]))
    return sorted(figures, key=lambda f: f.span)


def _bare_matches(text: str) -> list[re.Match[str]]:
    """`_BARE.finditer(text)`, run only over the lines where it can match (it never spans lines)."""
    matches: list[re.Match[str]] = []
    line_end = -1
    for anchor in _BARE_ANCHOR.finditer(text):
        if anchor.start() < line_end:
            continue
        line_start = text.rfind("\n", 0, anchor.start()) + 1
        line_end = text.find("\n", anchor.start())
        line_end = len(text) if line_end == -1 else line_end
        matches.extend(_BARE.finditer(text, line_start, line_end))
    return matches


def _bare_figures(text: str, mask: bytearray, taken: list[tuple[int, int]]) -> list[Figure]:
    """Unit-less counts stated as `监管行为数为26665`."""
    found: list[Figure] = []
    for match in _bare_matches(text):
        span = match.span("num")
        if mask[span[0]] or any(s <= span[0] < e for s, e in taken):
            continue
        name_start, name_end = trim_before(text, match.start("name"), match.end("name"))
        name = text[name_start:name_end]
        if len(name) < 2:
            continue
        found.append(
            Figure(
                name=name,
                value=float(match.group("num")),
                unit="",
                approx=False,
                text=text[name_start : match.end()],
                span=(name_start, match.end()),
                number_span=span,
            )
        )
    return found
