"""Years and dates: damaged or impossible dates, years that do not fit the year reported on,
the 成文日期 format of GB/T 9704 and the publication deadline."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from drafter.checks.context import CheckedReport
from drafter.checks.findings import Finding
from drafter.core.numbers import format_date
from drafter.corpus.chinese_numbers import parse_chinese_integer
from drafter.corpus.clean import Damage, find_damage

_FULL_DATE = re.compile(r"(?<![\d.])(20\d{2}|19\d{2})年(\d{1,2})月(?:(\d{1,2})日)?")
_DAY = re.compile(r"(?<![\d.年])(\d{1,2})月(\d{1,2})日")
_RANGE_AFTER = "至到—－-~～、"
_CN = "〇零一二三四五六七八九十"
_DATE_LINE = re.compile(
    rf"^(\d{{4}}|[{_CN}]{{4}})\s*[年.\-/．]\s*(\d{{1,2}}|[{_CN}]{{1,2}})\s*[月.\-/．]\s*"
    rf"(\d{{1,2}}|[{_CN}]{{1,3}})\s*日?$"
)
_STALE_OPENING = re.compile(r"^(20\d{2})年(?:全年|年内|以来|，)")
_WHOLE_YEAR = re.compile(r"(20\d{2})年(?:全年|年内)")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_ANY_YEAR = re.compile(r"20\d\d")


def check_damaged_dates(report: CheckedReport) -> Iterator[Finding]:
    """Dates and years that lost characters in copying (`20241月23`, `2023吕梁市委`)."""
    text = report.clean.text
    for damage in _damage(report):
        start, end = damage.span
        written = text[start:end]
        if damage.kind == "date_incomplete":
            if text[end : end + 1] in _RANGE_AFTER and text[end : end + 1]:
                continue
            severity = "error" if "年" not in written else "warning"
            yield report.finding(
                "dates.damaged",
                severity,
                damage.span,
                f"日期「{written}」缺字，应为「{damage.suggestion}」：请补全。",
                fix=damage.suggestion,
            )
        elif damage.kind == "year_missing":
            yield report.finding(
                "dates.year_missing_char",
                "warning",
                damage.span,
                f"「{text[start : end + 4]}」中年份后疑似缺少“年”字：请核对并补上。",
                fix=damage.suggestion,
            )


def _damage(report: CheckedReport) -> Iterator[Damage]:
    """Damage of the lines that hold a year (find_damage line by line, spans in the clean text)."""
    text = report.clean.text
    for line in report.lines:
        if _ANY_YEAR.search(text, line.clean_start, line.clean_end) is None:
            continue
        for damage in find_damage(text[line.clean_start : line.clean_end]):
            start, end = damage.span
            yield replace(damage, span=(line.clean_start + start, line.clean_start + end))


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    days = calendar.monthrange(year or 2024, month)[1]
    return 1 <= day <= days


def check_impossible_dates(report: CheckedReport) -> Iterator[Finding]:
    """Dates that cannot exist (`13月`, `2月30日`, `2025年2月29日`)."""
    text = report.clean.text
    for match in _FULL_DATE.finditer(text):
        day = int(match.group(3)) if match.group(3) else None
        if not _valid(int(match.group(1)), int(match.group(2)), day):
            yield _impossible(report, match)
    for match in _DAY.finditer(text):
        if not _valid(None, int(match.group(1)), int(match.group(2))):
            yield _impossible(report, match)


def _impossible(report: CheckedReport, match: re.Match[str]) -> Finding:
    return report.finding(
        "dates.impossible",
        "error",
        match.span(),
        f"日期「{match.group(0)}」不存在：请核对月份和日期。",
    )


def check_years_in_results(report: CheckedReport) -> Iterator[Finding]:
    """Results of another year (`2024年全年` in a 2025 report), plans for a year other than the next."""
    year = report.year
    if year is None:
        return
    text = report.clean.text
    for line in report.lines:
        kind = report.part_at(line.clean_start)
        chunk = text[line.clean_start : line.clean_end]
        if line.clean_start < report.body[0] or kind not in (None, "measures_and_results"):
            continue
        if line.clean_start in report.heading_lines:
            continue
        opening = _STALE_OPENING.match(chunk)
        spans = [m for m in _WHOLE_YEAR.finditer(chunk)]
        if opening and not any(m.start() == 0 for m in spans):
            spans.insert(0, opening)
        for match in spans:
            written = int(match.group(1))
            if written == year:
                continue
            span = (line.clean_start + match.start(1), line.clean_start + match.end(1))
            yield report.finding(
                "dates.year_mismatch",
                "warning",
                span,
                f"本报告总结{year}年工作，这里却写「{match.group(0)}」：请确认是否沿用了其他年度的内容。",
            )
    yield from _plan_years(report, year)


def _plan_years(report: CheckedReport, year: int) -> Iterator[Finding]:
    text = report.clean.text
    for section in report.structure.sections:
        if section.level != 1 or section.kind != "next_year_plan":
            continue
        start, end = section.heading_span
        first_line_end = text.find("\n", section.body_span[0])
        body_head = (section.body_span[0], first_line_end if first_line_end != -1 else len(text))
        heading_years = list(_YEAR.finditer(text, start, end))
        opening = _STALE_OPENING.match(text, *body_head)
        matches = heading_years if len(heading_years) == 1 else []
        if opening:
            matches.append(opening)
        for match in matches:
            written = int(match.group(1))
            if written == year + 1:
                continue
            yield report.finding(
                "dates.plan_year",
                "warning",
                match.span(1),
                f"下一年度安排应写{year + 1}年，这里写的是{written}年：请核对年份。",
                fix=str(year + 1),
            )


def _number(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_integer(text)


def _signature_line(report: CheckedReport) -> tuple[tuple[int, int], re.Match[str]] | None:
    text = report.clean.text
    for line in reversed(report.lines[-4:]):
        chunk = text[line.clean_start : line.clean_end]
        match = _DATE_LINE.match(chunk)
        if match:
            return (line.clean_start, line.clean_end), match
    return None


def check_signature_date(report: CheckedReport) -> Iterator[Finding]:
    """The 成文日期: Arabic numerals without zero padding (GB/T 9704), after the year, in time."""
    found = _signature_line(report)
    date = report.date
    if found is not None:
        span, match = found
        try:
            date = dt.date(*(_number(g) for g in match.groups()))
        except ValueError:
            yield report.finding(
                "dates.impossible", "error", span, f"成文日期「{match.group(0)}」不存在：请核对。"
            )
            return
        standard = format_date(date)
        if match.group(0) != standard:
            yield report.finding(
                "dates.signature_format",
                "warning",
                span,
                f"成文日期应使用阿拉伯数字、年月日齐全且不编虚位，写作「{standard}」。",
                fix=standard,
            )
    elif date is None and report.draft is None:
        anchor = report.body[1]
        yield report.finding(
            "dates.no_signature_date",
            "hint",
            (anchor, anchor),
            "没有找到成文日期：正式报告应在落款下方写明成文日期。",
            excerpt="",
        )
    if date is None or report.year is None:
        return
    yield from _date_against_year(report, date, report.year, found[0] if found else None)


def _date_against_year(
    report: CheckedReport, date: dt.date, year: int, span: tuple[int, int] | None
) -> Iterator[Finding]:
    where = span or (report.body[1], report.body[1])
    written = format_date(date)
    if date.year < year or (date.year == year and date.month < 11):
        severity = "error" if date.year < year else "warning"
        yield report.finding(
            "dates.signed_too_early",
            severity,
            where,
            f"成文日期{written}早于{year}年度结束，年度报告应在年度结束后成文：请核对日期或报告年度。",
        )
        return
    for deadline in report.rules.deadlines:
        if deadline.kinds and report.kind not in deadline.kinds:
            continue
        if dt.date(year + 1, 1, 1) < deadline.valid_from:
            continue
        due = deadline.due(year)
        if date >= due:
            yield report.finding(
                "dates.after_deadline",
                deadline.severity,
                where,
                f"成文日期{written}晚于{deadline.name}的期限（{format_date(due)}之前，"
                f"依据{deadline.basis}）：请核对日期并尽快报送公开。",
            )
