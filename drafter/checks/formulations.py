"""Formulations that date a report: meetings and plans it could not yet know, or that newer ones
have replaced (data: templates/checks/formulations.toml)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from drafter.checks.context import CheckedReport
from drafter.checks.findings import Finding
from drafter.checks.rules import Formulation
from drafter.core.numbers import format_date


def latest_writing_day(report: CheckedReport, year: int) -> dt.date:
    """The last day the report can have been written: its date, else the publication deadline."""
    if report.date is not None:
        return report.date
    dues = [d.due(year) for d in report.rules.deadlines]
    return max(dues) if dues else dt.date(year + 1, 4, 1)


def check_formulations(report: CheckedReport) -> Iterator[Finding]:
    """A meeting or plan mentioned before it existed, or after a newer one replaced it."""
    year = report.year
    if year is None:
        return
    text = report.clean.text
    start, end = report.body
    latest = latest_writing_day(report, year)
    year_start = dt.date(year, 1, 1)
    for rule in report.rules.formulations:
        for match in rule.regex.finditer(text, start, end):
            if rule.valid_from > latest:
                yield _not_yet(report, rule, match.span(), year, latest)
            elif rule.outdated_from is not None and rule.outdated_from <= year_start:
                yield _outdated(report, rule, match.span(), year)


def _not_yet(
    report: CheckedReport, rule: Formulation, span: tuple[int, int], year: int, latest: dt.date
) -> Finding:
    advice = f"（{rule.advice}）" if rule.advice else ""
    return report.finding(
        "formulations.not_yet",
        rule.not_yet_severity,
        span,
        f"{rule.label}始于{format_date(rule.valid_from)}，晚于这份{year}年度报告的成文时间"
        f"（不晚于{format_date(latest)}）{advice}：请核对报告年度或删改这一表述。",
    )


def _outdated(
    report: CheckedReport, rule: Formulation, span: tuple[int, int], year: int
) -> Finding:
    advice = f"（{rule.advice}）" if rule.advice else ""
    return report.finding(
        "formulations.outdated",
        rule.outdated_severity,
        span,
        f"{rule.label}自{format_date(rule.outdated_from or rule.valid_from)}起已不是最新提法，"
        f"出现在{year}年度报告中{advice}：请改用当年的表述。",
    )
