"""What one report adds to the corpus index: its record, county, indicator values and phrases.

Computed away from the database, in an extraction worker process when an import uses them, so
that the process writing the index only writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.core.models import Catalog
from drafter.corpus.extract import ExtractedReport, extract_report
from drafter.corpus.phrase_writes import PhraseRows, phrase_rows
from drafter.corpus.phrases import report_phrases
from drafter.corpus.report_table import ReportRecord, ValueRecord
from drafter.corpus.search_terms import index_tokens
from drafter.errors import DrafterError

_GOVERNMENT = re.compile(r"^(?:.{2,8}?[省市州盟])?(.{1,8}?[县区市旗])人民政府$")
_PARTY = re.compile(r"^中共(?:.{2,8}?[市州盟]委)?(.{1,8}?[县区市旗])(?:[县区市旗])?委(?:员会)?$")
_TITLE_PLACE = re.compile(r"^(?:中共)?(.{1,8}?[县区旗市])(?:县委|区委|委|人民政府|20\d{2}|关于)")


def report_county(report: ExtractedReport) -> str | None:
    """The county (县/区/县级市/旗) a report is about, from its issuers, else from its title."""
    issuers = report.structure.issuers
    for pattern in (_GOVERNMENT, _PARTY):
        for issuer in issuers:
            match = pattern.match(issuer.replace(" ", ""))
            if match:
                return match.group(1)
    title = (report.structure.title or "").replace(" ", "")
    match = _TITLE_PLACE.match(title)
    return match.group(1) if match else None


def report_values(report: ExtractedReport, catalog: Catalog) -> list[ValueRecord]:
    """One value per catalog indicator: the first mention in the measures part, else the first one."""
    chosen: dict[str, ValueRecord] = {}
    for mention in sorted(
        report.indicators, key=lambda m: (m.section != "measures_and_results", m.span)
    ):
        if (
            mention.catalog_id is None
            or mention.catalog_id not in catalog
            or mention.section == "next_year_plan"
        ):
            continue
        if mention.catalog_id in chosen:
            continue
        spec = catalog.get(mention.catalog_id)
        value = mention.value
        if spec.unit.startswith("万") and mention.unit != spec.unit:
            value = value / 10_000
        elif spec.unit.startswith("亿") and mention.unit != spec.unit:
            value = value / 100_000_000
        chosen[mention.catalog_id] = ValueRecord(
            spec.id, value, mention.approx, mention.section, mention.text
        )
    return list(chosen.values())


@dataclass(frozen=True)
class ReportFile:
    """A file to (re)import: read and hashed, not yet extracted."""

    path: Path
    key: str
    """How the file is recorded (relative to the workspace when inside it)."""
    digest: str
    size: int
    existing: ReportRecord | None


@dataclass(frozen=True)
class ReportEntries:
    """What one report adds to the index."""

    record: ReportRecord
    values: list[ValueRecord]
    phrases: PhraseRows


def report_entries(item: ReportFile, catalog: Catalog) -> ReportEntries | str:
    """Extract a report and build its record, values and phrases; a failure gives its message."""
    try:
        report = extract_report(item.path, damage=False)
    except DrafterError as exc:
        return exc.message
    county = report_county(report)
    s = report.structure
    record = ReportRecord(0, item.key, item.digest, item.size, county, s.year, s.title, s.issuer)
    phrases = [(p, index_tokens(p.text)) for p in report_phrases(report, catalog, county)]
    return ReportEntries(record, report_values(report, catalog), phrase_rows(phrases))


def entries_of_files(items: list[ReportFile], catalog: Catalog) -> list[ReportEntries | str]:
    """`report_entries` of several files: one task for an extraction worker."""
    return [report_entries(item, catalog) for item in items]
