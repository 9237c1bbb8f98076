"""Stale content: indicators with exactly last year's value, sentences copied from last year.

Both are signs of a report written by editing last year's, not errors: findings are warnings
or hints. Rates that stay at 100% are normal and never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checks.context import CheckedReport
from drafter.checks.figures import Mention, mentions
from drafter.checks.findings import Finding, Severity

FLOW_UNITS = frozenset({"件", "次", "人次", "场", "场次", "条", "份", "卷", "期", "宗", "起", "批"})
"""Units of work done in the year; stock counts (法律顾问6名, 调解组织196个) often stay the same."""
MIN_SENTENCE = 20
"""Shorter sentences (`现将有关情况报告如下：`) are set phrases, not copying."""
WARN_SHARE = 0.3
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_IGNORED = re.compile(r"[\s，、：“”‘’（）《》]")


def last_year_values(report: CheckedReport) -> dict[str, float]:
    """Last year's values: given outright, or read off last year's text."""
    if report.last_year_values is not None:
        return dict(report.last_year_values)
    structure = report.last_year
    if structure is None:
        return {}
    start, end = structure.body_span
    values: dict[str, float] = {}
    for mention in mentions(structure.clean.text, report.catalog, start, end):
        if mention.spec is not None and mention.strong and not mention.figure.approx:
            values.setdefault(mention.spec.id, mention.value)
    return values


def _severity(mention: Mention) -> Severity:
    if mention.figure.unit in FLOW_UNITS and mention.value >= 20:
        return "warning"
    return "hint"


def check_same_as_last_year(report: CheckedReport) -> Iterator[Finding]:
    """An indicator written with exactly last year's value."""
    known = last_year_values(report)
    if not known:
        return
    seen: set[str] = set()
    for mention in report.mentions:
        spec = mention.spec
        if spec is None or not mention.strong or mention.figure.approx or spec.id in seen:
            continue
        seen.add(spec.id)
        last = known.get(spec.id)
        if last is None or last != mention.value:
            continue
        if spec.type == "percent" and mention.value == 100:
            continue
        yield report.finding(
            "staleness.same_value",
            _severity(mention),
            mention.figure.span,
            f"「{spec.name}」与上年数值完全相同（{mention.figure.text}）：请核实是否已更新为本年度数据。",
        )


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    for match in _SENTENCE.finditer(text, start, end):
        key = _IGNORED.sub("", match.group(0)).rstrip("。！？；")
        if len(key) >= MIN_SENTENCE:
            yield match.start(), match.end(), key


def check_copied_sentences(report: CheckedReport) -> Iterator[Finding]:
    """Sentences copied verbatim from last year's report, and the share of reused text."""
    last = report.last_year
    if last is None:
        return
    last_keys = {key for _, _, key in _sentences(last.clean.text, *last.body_span)}
    start, end = report.body
    body_chars = len(_IGNORED.sub("", report.clean.text[start:end])) or 1
    copied = 0
    found: list[Finding] = []
    for s_start, s_end, key in _sentences(report.clean.text, start, end):
        if key not in last_keys:
            continue
        copied += len(key)
        found.append(
            report.finding(
                "staleness.copied_sentence",
                "hint",
                (s_start, s_end),
                "这句话与上年报告一字不差：请确认内容仍符合本年度实际。",
            )
        )
    if not found:
        return
    share = copied / body_chars
    yield report.finding(
        "staleness.reused_share",
        "warning" if share >= WARN_SHARE else "hint",
        (start, start),
        f"正文有{len(found)}句与上年报告完全相同，约占正文的{share:.0%}：请结合本年度工作重新撰写。",
        excerpt="",
    )
    yield from found
