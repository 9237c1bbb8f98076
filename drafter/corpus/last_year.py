"""Last year's report as the starting text of this year's parts, its figures turned into slots."""

from __future__ import annotations

from pathlib import Path

from drafter.core.models import Catalog, ReportKind
from drafter.core.render import slot
from drafter.corpus.extract import ExtractedReport, extract_report
from drafter.corpus.phrases import slot_spans


def report_part_texts(
    report: ExtractedReport, kind: ReportKind, catalog: Catalog
) -> dict[str, str]:
    """Part id to the text of the report's part of the same kind (the first one of each kind).

    Figures that have a catalog id become slots, so this year's values replace last year's as soon
    as the clerk updates the indicators; the rest stays as written, to be rewritten.
    """
    text = report.structure.clean.text
    slots = sorted(slot_spans(report, catalog), key=lambda s: s.start)
    by_kind: dict[str, str] = {}
    for section in report.structure.sections:
        if section.level != 1 or section.kind is None or section.kind in by_kind:
            continue
        start, end = section.body_span
        pieces, pos = [], start
        for span in slots:
            if start <= span.start and span.end <= end and span.start >= pos:
                pieces.append(text[pos : span.start])
                spec = catalog.by_name(span.name)
                pieces.append(slot(spec) if spec else text[span.start : span.end])
                pos = span.end
        pieces.append(text[pos:end])
        lines = [line.strip() for line in "".join(pieces).splitlines()]
        by_kind[section.kind] = "\n".join(line for line in lines if line)
    return {part.id: by_kind[part.kind] for part in kind.parts if part.kind in by_kind}


def part_texts_from_file(path: Path, kind: ReportKind, catalog: Catalog) -> dict[str, str]:
    """`report_part_texts` of a report file.

    Raises:
        ReadError: the file cannot be read.
    """
    return report_part_texts(extract_report(path), kind, catalog)
