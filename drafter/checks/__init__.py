"""The reviewer: checks a report text or a draft and returns findings.

A check is a small function from the report being checked (`CheckedReport`: text, outline,
figures, last year's report) to findings; `CHECKS` lists them in order, like a processor chain.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.checks import (
    consistency,
    dates,
    formulations,
    headings,
    punctuation,
    required,
    staleness,
)
from drafter.checks.context import CheckedReport, DraftFacts
from drafter.checks.findings import (
    DraftFinding,
    Finding,
    exit_code,
    findings_document,
    findings_to_json,
    format_finding,
    has_errors,
    sort_key,
)
from drafter.checks.rules import Rules, default_rules
from drafter.core.catalog import default_catalog
from drafter.core.models import Catalog
from drafter.corpus.structure import parse_report

Check = Callable[[CheckedReport], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    required.check_required_parts,
    consistency.check_rates,
    consistency.check_rate_bounds,
    consistency.check_part_whole,
    consistency.check_totals,
    consistency.check_conflicting_values,
    staleness.check_same_as_last_year,
    staleness.check_copied_sentences,
    dates.check_damaged_dates,
    dates.check_impossible_dates,
    dates.check_years_in_results,
    dates.check_signature_date,
    headings.check_heading_forms,
    headings.check_heading_numbering,
    headings.check_heading_styles,
    punctuation.check_ascii_punctuation,
    punctuation.check_unbalanced_pairs,
    punctuation.check_doubled_punctuation,
    punctuation.check_percent_ranges,
    punctuation.check_mixed_numerals,
    formulations.check_formulations,
)

__all__ = [
    "CHECKS",
    "CheckedReport",
    "DraftFinding",
    "Finding",
    "apply_fix",
    "check_draft",
    "check_path",
    "check_text",
    "exit_code",
    "findings_document",
    "findings_to_json",
    "format_finding",
    "has_errors",
    "prepare",
    "review_path",
    "Review",
    "run_checks",
]


def prepare(
    text: str,
    *,
    style_headings: tuple[tuple[int, int], ...] = (),
    last_year_text: str | None = None,
    last_year_values: Mapping[str, float] | None = None,
    catalog: Catalog | None = None,
    rules: Rules | None = None,
    year: int | None = None,
    date: dt.date | None = None,
    kind: str | None = None,
    draft: DraftFacts | None = None,
) -> CheckedReport:
    """Parse a report text once for all checks; `year` and `date` override what the text says."""
    structure = parse_report(text, style_headings)
    return CheckedReport(
        text=text,
        structure=structure,
        catalog=catalog or default_catalog(),
        rules=rules or default_rules(),
        year=year if year is not None else structure.year,
        date=date if date is not None else structure.date,
        kind=kind,
        last_year_text=last_year_text,
        last_year_values=last_year_values,
        draft=draft,
    )


def run_checks(report: CheckedReport, checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """Run checks on a prepared report: findings sorted by position, duplicates dropped,
    line numbers filled in."""
    newlines = [i for i, ch in enumerate(report.text) if ch == "\n"]
    seen: set[tuple[str, int, int, str]] = set()
    found: list[Finding] = []
    for check in checks:
        for finding in check(report):
            key = (finding.code, finding.start, finding.end, finding.message)
            if key in seen:
                continue
            seen.add(key)
            found.append(replace(finding, line=bisect_right(newlines, finding.start - 1) + 1))
    return sorted(found, key=sort_key)


def check_text(
    text: str,
    *,
    last_year_text: str | None = None,
    last_year_values: dict[str, float] | None = None,
    catalog: Catalog | None = None,
    style_headings: tuple[tuple[int, int], ...] = (),
) -> list[Finding]:
    """Check a whole report text; offsets of the findings index `text`.

    Args:
        text: the report as read (`read_report(path).text`); page furniture is tolerated.
        last_year_text: last year's report, for copied sentences and unchanged figures.
        last_year_values: indicator id to last year's value (wins over `last_year_text`).
        catalog: the indicator catalog (default: the bundled one).
        style_headings: DOCX heading styles, as `SourceText.style_headings`.
    """
    report = prepare(
        text,
        style_headings=style_headings,
        last_year_text=last_year_text,
        last_year_values=last_year_values,
        catalog=catalog,
    )
    return run_checks(report)


@dataclass(frozen=True)
class Review:
    """The findings on one file, with what the CLI needs to show them."""

    source: str
    """The file's name as given."""
    text: str
    """The text the offsets index (`read_report(path).text`)."""
    year: int | None
    """The year reported on, as read from the text."""
    findings: list[Finding]

    def document(self) -> dict:
        """The JSON document of `drafter check --json`."""
        return findings_document(self.findings, source=self.source, year=self.year)


def review_path(path: Path, last_year: Path | None = None) -> Review:
    """Check a report file (.txt in any common encoding, .docx, .html) and keep its text and year.

    Raises:
        ReadError: the file (or last year's file) cannot be read; the message says what to do.
    """
    from drafter.corpus.read import read_report

    source = read_report(Path(path))
    last_year_text = read_report(Path(last_year)).text if last_year is not None else None
    report = prepare(
        source.text, style_headings=source.style_headings, last_year_text=last_year_text
    )
    return Review(str(path), source.text, report.year, run_checks(report))


def check_path(path: Path, last_year: Path | None = None) -> list[Finding]:
    """Findings on a report file; offsets index `read_report(path).text`.

    Raises:
        ReadError: the file (or last year's file) cannot be read; the message says what to do.
    """
    return review_path(path, last_year).findings


from drafter.checks.drafts import apply_fix, check_draft  # noqa: E402
