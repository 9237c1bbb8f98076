"""Extraction of a past report: outline, indicators with their parts and catalog ids, copy damage.

`extract_text` / `extract_path` give the JSON object of DOMAIN.md "The extraction contract";
`extract_report` gives the richer `ExtractedReport` used by checks and the phrase bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

from drafter.core.models import PartKind
from drafter.corpus.clean import Damage, find_damage
from drafter.corpus.indicator_ids import default_matcher
from drafter.corpus.indicators import Figure, find_figures, json_number
from drafter.corpus.read import SourceText, read_report
from drafter.corpus.structure import ReportStructure, parse_report

_TARGET_WORDS = re.compile(r"力争|确保|目标|争取|预计|计划|拟|将|达到|以上|不低于|不少于")


@dataclass(frozen=True)
class IndicatorMention(Figure):
    """One indicator figure of a report, located and identified.

    `span` is in `structure.clean.text`; `approx` means written as approximate (余, 多, 近, 约, …).
    """

    original_span: tuple[int, int]
    """The same span in the text as read."""
    section: PartKind | None
    """Kind of the level-1 part the figure sits in (None before the first part)."""
    section_index: int | None
    """Index in `structure.sections` of the innermost section holding the figure."""
    catalog_id: str | None
    score: float
    """How well `name` matched the catalog (0 when `catalog_id` is None)."""


@dataclass(frozen=True)
class ExtractedReport:
    """A past report taken apart: everything later code needs."""

    structure: ReportStructure
    indicators: tuple[IndicatorMention, ...]
    damage: tuple[Damage, ...]
    """Characters apparently lost in copying (spans in `structure.clean.text`)."""
    source: SourceText | None = None

    def to_json(self) -> dict:
        """The JSON object of the extraction contract (DOMAIN.md), plus `id` on each indicator."""
        s = self.structure
        return {
            "title": s.title,
            "year": s.year,
            "issuer": s.issuer,
            "sections": [
                {"level": x.level, "number": x.number, "heading": x.heading, "kind": x.kind}
                for x in s.sections
            ],
            "required_contents": s.required_contents,
            "indicators": [
                {
                    "name": m.name,
                    "value": json_number(m.value),
                    "unit": m.unit,
                    "approx": m.approx,
                    "text": m.text,
                    "section": m.section,
                    "id": m.catalog_id,
                }
                for m in self.indicators
            ],
        }


def _is_plan_target(text: str, start: int) -> bool:
    clause_start = max(text.rfind(ch, 0, start) for ch in "，。；\n") + 1
    return bool(_TARGET_WORDS.search(text[clause_start:start]))


def _mentions(structure: ReportStructure) -> list[IndicatorMention]:
    text = structure.clean.text
    body_start, body_end = structure.body_span
    matcher = default_matcher()
    position = {id(section): i for i, section in enumerate(structure.sections)}
    mentions: list[IndicatorMention] = []
    for figure in find_figures(text):
        if not body_start <= figure.span[0] < body_end:
            continue
        section = structure.section_at(figure.span[0])
        part = section
        while part is not None and part.parent is not None:
            part = structure.sections[part.parent]
        kind = part.kind if part is not None and part.level == 1 else None
        if kind == "next_year_plan" and (
            figure.unit == "%" or _is_plan_target(text, figure.number_span[0])
        ):
            continue
        paragraph_start = text.rfind("\n", 0, figure.span[0]) + 1
        sentence_start = max(paragraph_start, text.rfind("。", 0, figure.span[0]) + 1)
        catalog_id, score = matcher.match(
            figure.name,
            figure.unit,
            text[sentence_start : figure.span[1]],
            text[paragraph_start : figure.span[1]],
        )
        mentions.append(
            IndicatorMention(
                *(getattr(figure, f.name) for f in fields(Figure)),
                original_span=structure.clean.to_original(*figure.span),
                section=kind,
                section_index=position[id(section)] if section is not None else None,
                catalog_id=catalog_id,
                score=score,
            )
        )
    return mentions


def _extract(
    text: str,
    style_headings: tuple[tuple[int, int], ...] = (),
    source: SourceText | None = None,
    damage: bool = True,
) -> ExtractedReport:
    structure = parse_report(text, style_headings)
    return ExtractedReport(
        structure=structure,
        indicators=tuple(_mentions(structure)),
        damage=tuple(find_damage(structure.clean.text)) if damage else (),
        source=source,
    )


def extract_report(source: Path | SourceText | str, damage: bool = True) -> ExtractedReport:
    """Take a report apart: a `Path` is read from disk, a `str` is the report's text itself.

    Args:
        damage: look for characters lost in copying; an import, which never shows them, skips it.

    Raises:
        ReadError: a path that cannot be read (only for `Path` input).
    """
    if isinstance(source, Path):
        source = read_report(source)
    if isinstance(source, SourceText):
        return _extract(source.text, source.style_headings, source, damage)
    return _extract(source, damage=damage)


def extract_text(text: str) -> dict:
    """The extraction-contract JSON object for a report's text."""
    return _extract(text).to_json()


def extract_path(path: Path) -> dict:
    """The extraction-contract JSON object for a report file.

    Raises:
        ReadError: the file cannot be read; nothing else is raised.
    """
    return extract_report(Path(path)).to_json()
