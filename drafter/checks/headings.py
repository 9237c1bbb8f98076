"""Headings: numbering gaps and repeats per level, numeral forms of GB/T 9704, damaged and mixed
headings.

Standard forms (GB/T 9704-2012, 7.3.3): `一、` `（一）` `1.` `（1）`. Forms are read from the text
as given, since the clean-up turns half-width brackets full-width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checks.context import CheckedReport, Line
from drafter.checks.findings import Finding
from drafter.corpus.chinese_numbers import parse_chinese_integer
from drafter.corpus.structure import Section

_CN = "一二三四五六七八九十"
_FORMS: dict[int, re.Pattern[str]] = {
    1: re.compile(rf"^\s*([{_CN}]{{1,3}})\s*([、.．，,])"),
    2: re.compile(rf"^\s*([（(])\s*([{_CN}]{{1,3}})\s*([）)])(\s*[、，,.．])?"),
    3: re.compile(r"^\s*(\d{1,2})\s*([.．、，,])"),
    4: re.compile(r"^\s*([（(])\s*(\d{1,2})\s*([）)])(\s*[、，,.．])?"),
}
_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _value(number: str) -> int | None:
    try:
        return int(number) if number.isdigit() else parse_chinese_integer(number)
    except ValueError:
        return None


def _line_of(report: CheckedReport, section: Section) -> Line | None:
    start = report.line_start(section.heading_span[0])
    return next((line for line in report.lines if line.clean_start == start), None)


def _standard(level: int, number: str) -> str:
    return {1: f"{number}、", 2: f"（{number}）", 3: f"{number}.", 4: f"（{number}）"}[level]


def check_heading_forms(report: CheckedReport) -> Iterator[Finding]:
    """Numerals in a non-standard form (`(一)`, `一.`, `（一）、`, `1、`) and damaged headings."""
    for section in report.structure.sections:
        line = _line_of(report, section)
        if line is None or section.number is None:
            continue
        raw = report.text[line.start : line.end]
        if section.damaged:
            yield _damaged(report, section, line, raw)
            continue
        match = _FORMS[section.level].match(raw)
        if match is None:
            continue
        span = (line.start + match.start(1), line.start + match.end())
        written = report.text[span[0] : span[1]]
        standard = _standard(section.level, section.number)
        if written == standard or (section.level == 3 and written == f"{section.number}．"):
            continue
        severity = "hint" if section.level == 3 and written.endswith("、") else "warning"
        yield report.raw_finding(
            "headings.numeral_form",
            severity,
            span,
            f"{_LEVEL_NAMES[section.level]}标题序号「{written}」不规范，应写作「{standard}」。",
            fix=standard,
        )


def _damaged(report: CheckedReport, section: Section, line: Line, raw: str) -> Finding:
    stripped = raw.lstrip()
    offset = len(raw) - len(stripped)
    head = re.match(rf"^[{_CN}]{{0,3}}[）)、]", stripped)
    end = offset + (head.end() if head else 1)
    standard = _standard(section.level, section.number or "")
    return report.raw_finding(
        "headings.damaged",
        "warning",
        (line.start + offset, line.start + end),
        f"标题「{stripped[:12]}」的序号残缺，按上下文应为「{standard}」：请核对并补全。",
        fix=standard if section.number else None,
    )


def check_heading_numbering(report: CheckedReport) -> Iterator[Finding]:
    """Gaps (`一、二、四`) and repeats (`二、二、`) among sibling headings of one level."""
    groups: dict[tuple[int | None, int], list[Section]] = {}
    for section in report.structure.sections:
        groups.setdefault((section.parent, section.level), []).append(section)
    for (_, level), siblings in groups.items():
        previous: int | None = None
        for section in siblings:
            value = _value(section.number) if section.number else None
            if value is None:
                previous = None
                continue
            expected = 1 if previous is None else previous + 1
            if previous is not None and value < previous and level >= 3:
                previous = value
                continue
            if value == previous:
                yield _numbering(report, section, "headings.numbering_repeat", level, "重复")
            elif value > expected:
                yield _numbering(report, section, "headings.numbering_gap", level, "不连续")
            elif value < expected and level <= 2:
                yield _numbering(report, section, "headings.numbering_gap", level, "顺序颠倒")
            previous = value


def _numbering(
    report: CheckedReport, section: Section, code: str, level: int, what: str
) -> Finding:
    return report.finding(
        code,
        "warning",
        section.heading_span,
        f"{_LEVEL_NAMES[level]}标题序号「{section.number}」{what}：请按顺序重新编号。",
        excerpt=report.text[slice(*report.clean.to_original(*section.heading_span))],
    )


def check_heading_styles(report: CheckedReport) -> Iterator[Finding]:
    """Sibling headings written partly as separate lines, partly run into their paragraph."""
    text = report.clean.text
    groups: dict[tuple[int | None, int], list[Section]] = {}
    for section in report.structure.sections:
        if section.level in (2, 3):
            groups.setdefault((section.parent, section.level), []).append(section)
    for (_, level), siblings in groups.items():
        run_in: list[Section] = []
        alone: list[Section] = []
        for section in siblings:
            line_end = text.find("\n", section.heading_span[1])
            tail = text[section.heading_span[1] : line_end if line_end != -1 else len(text)]
            (run_in if tail.strip("。：；， ") else alone).append(section)
        if not run_in or not alone:
            continue
        section = (run_in if len(run_in) < len(alone) else alone)[0]
        yield report.finding(
            "headings.mixed_style",
            "hint",
            section.heading_span,
            f"同一部分的{_LEVEL_NAMES[level]}标题有的单独成行、有的与正文同段"
            f"（{len(run_in)}处同段、{len(alone)}处单独成行）：建议统一。",
        )
