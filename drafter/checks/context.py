"""The report being checked: its text, outline, figures and what is known of last year.

Checks look at the cleaned text (`clean`) of the corpus engine and report spans of the text as
given (`text`); `finding` and `raw_finding` do the mapping and fill the part.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from drafter.checks.figures import Mention, mentions
from drafter.checks.findings import Finding, Severity
from drafter.checks.rules import Rules
from drafter.core.models import Catalog, PartKind
from drafter.corpus.clean import CleanText
from drafter.corpus.structure import ReportStructure, parse_report


@dataclass(frozen=True)
class Line:
    """One paragraph of the clean text: its span there and the span of the text it came from."""

    clean_start: int
    clean_end: int
    start: int
    end: int


@dataclass(frozen=True)
class DraftFacts:
    """What a draft states outright, so checks need not guess it from the text."""

    filled_kinds: frozenset[PartKind]
    """Required kinds whose part has text."""
    part_heading_spans: dict[PartKind, tuple[int, int]]
    """Clean-text span of each part's heading, by kind."""


@dataclass(frozen=True)
class CheckedReport:
    """Everything the checks read; built once per check run."""

    text: str
    structure: ReportStructure
    catalog: Catalog
    rules: Rules
    year: int | None
    date: dt.date | None
    kind: str | None = None
    last_year_text: str | None = None
    last_year_values: Mapping[str, float] | None = None
    draft: DraftFacts | None = None

    @property
    def clean(self) -> CleanText:
        return self.structure.clean

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """Paragraphs of the clean text with their spans in `text`."""
        out: list[Line] = []
        pos = 0
        clean = self.clean.text
        for chunk in clean.split("\n"):
            end = pos + len(chunk)
            if chunk:
                start, stop = self.clean.to_original(pos, end)
                out.append(Line(pos, end, start, stop))
            pos = end + 1
        return tuple(out)

    @cached_property
    def body(self) -> tuple[int, int]:
        """Clean-text span from the first heading (or the opening) to the signature."""
        return self.structure.body_span

    @cached_property
    def mentions(self) -> list[Mention]:
        """Indicator figures of the body, each with the catalog indicator it most likely is."""
        start, end = self.body
        return mentions(self.clean.text, self.catalog, start, end)

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        """Clean-text start offsets of heading lines."""
        starts = set()
        for section in self.structure.sections:
            starts.add(self.line_start(section.heading_span[0]))
        return frozenset(starts)

    @cached_property
    def last_year(self) -> ReportStructure | None:
        """The outline of last year's report, when its text is known."""
        return parse_report(self.last_year_text) if self.last_year_text else None

    def line_start(self, offset: int) -> int:
        """Clean-text offset of the start of the line holding `offset`."""
        return self.clean.text.rfind("\n", 0, offset) + 1

    def part_at(self, clean_offset: int) -> PartKind | None:
        part = self.structure.part_at(clean_offset)
        return part.kind if part is not None else None

    def clean_offset(self, offset: int) -> int:
        """The clean-text offset of the first character at or after `offset` of `text`."""
        offsets = self.clean.offsets
        index = bisect_right(offsets, offset - 1, 0, len(offsets) - 1)
        return min(index, len(self.clean.text))

    def finding(
        self,
        code: str,
        severity: Severity,
        span: tuple[int, int],
        message: str,
        fix: str | None = None,
        excerpt: str | None = None,
    ) -> Finding:
        """A finding for a span of the clean text."""
        start, end = self.clean.to_original(*span)
        return Finding(
            code=code,
            severity=severity,
            part=self.part_at(span[0]),
            start=start,
            end=end,
            excerpt=self.text[start:end] if excerpt is None else excerpt,
            message=message,
            fix=fix,
        )

    def raw_finding(
        self,
        code: str,
        severity: Severity,
        span: tuple[int, int],
        message: str,
        fix: str | None = None,
    ) -> Finding:
        """A finding for a span of `text` itself."""
        start, end = span
        return Finding(
            code=code,
            severity=severity,
            part=self.part_at(self.clean_offset(start)),
            start=start,
            end=end,
            excerpt=self.text[start:end],
            message=message,
            fix=fix,
        )
