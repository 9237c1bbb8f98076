"""Which required item (DOMAIN.md items 1-5) a level-1 part is, from its heading and its text."""

from __future__ import annotations

import re

from drafter.core.models import PartKind

_HEADING_PATTERNS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    (
        "first_responsible_person_duties",
        re.compile(r"第一责任人|主要负责人.{0,12}(?:职责|责任)|履行.{0,10}法治建设.{0,6}职责"),
    ),
    (
        "shortcomings_and_causes",
        re.compile(r"存在|不足|短板|差距|薄弱|问题(?:和|与|及|、)|问题$|困难"),
    ),
    (
        "next_year_plan",
        re.compile(r"下一?步|下一?年度?|明年|打算|计划|安排|思路|展望|努力方向|今后"),
    ),
    ("other", re.compile(r"^其他|其他(?:需要)?(?:报告|说明)")),
    (
        "measures_and_results",
        re.compile(
            r"举措|成效|措施|做法|工作开展|开展情况|主要工作|工作情况|进展|成绩|取得|完成情况|"
            r"基本情况|总体情况|推进情况|落实情况|建设情况"
        ),
    ),
)
_STRICT_SUBHEADING: dict[PartKind, re.Pattern[str]] = {
    "first_responsible_person_duties": _HEADING_PATTERNS[0][1],
    "shortcomings_and_causes": re.compile(
        r"存在的?(?:主要)?(?:问题|不足|短板|差距)|问题(?:和|与|及)不足"
    ),
    "next_year_plan": re.compile(
        r"下一?步(?:工作)?(?:打算|计划|安排|思路)|下一?年度?(?:工作)?(?:打算|计划|安排)"
    ),
}
_SHORTCOMING_WORDS = re.compile(
    r"有待|不够|不足|欠缺|薄弱|滞后|不强|不高|偏低|不到位|仍需|亟需|亟待|差距|短板|不平衡|不充分"
)
_PLAN_WORDS = re.compile(r"下一步|下步|明年|力争|将(?:继续|进一步|持续|着力|全面|深入|加快|不断)")
_FIGURES = re.compile(r"\d+(?:\.\d+)?\s*(?:%|余|多)?[件次人个项条家名场期]")
_YEAR = re.compile(r"(20\d{2})年")


def heading_kinds(heading: str, report_year: int | None) -> list[PartKind]:
    """Kinds a level-1 heading names, in the order they appear (`存在问题及下步打算` gives two)."""
    found: list[tuple[int, PartKind]] = []
    for kind, pattern in _HEADING_PATTERNS:
        match = pattern.search(heading)
        if match:
            found.append((match.start(), kind))
    if report_year is not None:
        for match in _YEAR.finditer(heading):
            if int(match.group(1)) > report_year and all(k != "next_year_plan" for _, k in found):
                found.append((match.start(), "next_year_plan"))
    if any(k == "shortcomings_and_causes" for _, k in found):
        found = [(p, k) for p, k in found if k != "measures_and_results"]
    return [kind for _, kind in sorted(found)]


def subheading_kind(heading: str) -> PartKind | None:
    """The required item a sub-heading names outright (`（三）党政主要负责人履行…职责情况`), if any."""
    for kind, pattern in _STRICT_SUBHEADING.items():
        if pattern.search(heading):
            return kind
    return None


def body_kind(body: str, report_year: int | None) -> PartKind:
    """Kind of a part whose heading names no item (`坚持以习近平法治思想为指导…`), from its text."""
    figures = len(_FIGURES.findall(body))
    weak = len(_SHORTCOMING_WORDS.findall(body))
    plan = len(_PLAN_WORDS.findall(body))
    if report_year is not None:
        plan += sum(1 for m in _YEAR.finditer(body) if int(m.group(1)) > report_year)
    if weak >= 3 and weak > figures:
        return "shortcomings_and_causes"
    if plan >= 2 and plan > figures:
        return "next_year_plan"
    return "measures_and_results"


def classify_part(
    heading: str, body: str, report_year: int | None
) -> tuple[PartKind, list[PartKind]]:
    """(kind, all kinds fulfilled) of a level-1 part, deciding by the heading first, then the text."""
    kinds = heading_kinds(heading, report_year)
    if kinds:
        return kinds[0], kinds
    kind = body_kind(body, report_year)
    return kind, [kind]
