"""Punctuation and numbers (GB/T 15834-2011, GB/T 15835-2011, common 公文 practice): half-width
marks in Chinese text, unbalanced pairs, doubled marks, ranges missing `%`, mixed numerals."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checks.context import CheckedReport
from drafter.checks.figures import Mention
from drafter.checks.findings import Finding
from drafter.core.punctuation import ascii_punct_spans

_HEADING_PREFIX = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)]?[、.．，,]?|[）)、])"
)
_ADJACENT = re.compile(r"[，、；：][，。、；：]|。[，、；：]")


def _heading_prefix(report: CheckedReport, clean_start: int, raw: str) -> int:
    if clean_start not in report.heading_lines:
        return 0
    match = _HEADING_PREFIX.match(raw)
    return match.end() if match else 0


def check_ascii_punctuation(report: CheckedReport) -> Iterator[Finding]:
    """Half-width `,` `:` `;` `(` `)` `"` ... inside Chinese text (heading numerals are left to
    the heading checks)."""
    for line in report.lines:
        raw = report.text[line.start : line.end]
        skip = _heading_prefix(report, line.clean_start, raw)
        for start, end, found, suggested in ascii_punct_spans(raw):
            if start < skip:
                continue
            yield report.raw_finding(
                "punctuation.ascii",
                "warning",
                (line.start + start, line.start + end),
                f"中文中使用了半角标点「{found.strip()}」：应改为全角「{suggested}」。",
                fix=suggested,
            )


def check_unbalanced_pairs(report: CheckedReport) -> Iterator[Finding]:
    """Brackets, title marks and quotes that do not pair up within a paragraph."""
    text = report.clean.text
    pairs = report.rules.punctuation.pair
    for line in report.lines:
        chunk = text[line.clean_start : line.clean_end]
        skip = _heading_prefix(report, line.clean_start, chunk)
        for pair in pairs:
            if pair.open not in chunk and pair.close not in chunk:
                continue
            position = _unpaired(chunk, skip, pair.open, pair.close)
            if position is None:
                continue
            at = line.clean_start + position
            yield report.finding(
                "punctuation.unbalanced",
                "warning",
                (at, at + 1),
                f"本段的{pair.name}「{pair.open}{pair.close}」不成对：请检查是否漏写或多写。",
            )


def _unpaired(chunk: str, skip: int, left: str, right: str) -> int | None:
    """Index of the first close without an open, or of the last open never closed."""
    opened: list[int] = []
    for index in range(skip, len(chunk)):
        char = chunk[index]
        if char == left:
            opened.append(index)
        elif char == right:
            if not opened:
                return index
            opened.pop()
    return opened[-1] if opened else None


def check_doubled_punctuation(report: CheckedReport) -> Iterator[Finding]:
    """The same mark twice (`，，` `。。`) or two clashing marks (`，。`)."""
    text = report.clean.text
    marks = re.escape(report.rules.punctuation.doubled)
    for match in re.finditer(rf"([{marks}])\1+", text):
        yield report.finding(
            "punctuation.doubled",
            "warning",
            match.span(),
            f"标点「{match.group(0)}」重复：请只保留一个。",
            fix=match.group(1),
        )
    for match in _ADJACENT.finditer(text):
        if match.group(0)[0] == match.group(0)[1]:
            continue
        yield report.finding(
            "punctuation.doubled",
            "warning",
            match.span(),
            f"标点「{match.group(0)}」连用：请只保留一个合适的标点。",
        )


def check_percent_ranges(report: CheckedReport) -> Iterator[Finding]:
    """A range of percentages written with `%` only at the end (`10-20%` → `10%～20%`)."""
    rules = report.rules.punctuation
    dashes = re.escape(rules.range_dashes + rules.range_mark)
    words = "|".join(re.escape(word) for word in rules.range_words)
    pattern = re.compile(
        rf"(?<![\d.%])(\d+(?:\.\d+)?)\s*([{dashes}]|{words})\s*(\d+(?:\.\d+)?)\s*%"
    )
    for match in pattern.finditer(report.clean.text):
        first, connector, second = match.groups()
        joiner = connector if connector in rules.range_words else rules.range_mark
        fixed = f"{first}%{joiner}{second}%"
        yield report.finding(
            "punctuation.range_percent",
            "warning",
            match.span(),
            f"百分数范围「{match.group(0)}」前一个数缺少“%”：应写作「{fixed}」。",
            fix=fixed,
        )


def check_mixed_numerals(report: CheckedReport) -> Iterator[Finding]:
    """Counts of the same unit written in Chinese numerals and in Arabic digits in one paragraph."""
    text = report.clean.text
    by_line: dict[int, list[Mention]] = {}
    for mention in report.mentions:
        if mention.is_count:
            by_line.setdefault(report.line_start(mention.figure.span[0]), []).append(mention)
    for here in by_line.values():
        arabic_units = {m.figure.unit for m in here if text[m.figure.number_span[0]].isdigit()}
        for mention in here:
            start, end = mention.figure.number_span
            if text[start].isdigit() or mention.figure.unit not in arabic_units:
                continue
            digits = f"{mention.figure.value:g}"
            yield report.finding(
                "punctuation.mixed_numerals",
                "hint",
                (start, end),
                f"同一段中“{mention.figure.unit}”的数量有的用阿拉伯数字、有的用汉字"
                f"「{text[start:end]}」：统计数字宜统一用阿拉伯数字「{digits}」。",
                fix=digits,
            )
