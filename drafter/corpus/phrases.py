"""The phrase bank: reusable sentences and `一是……二是……` items of past reports, figures as slots.

A phrase is stored in the slot form of `drafter.core.render` (`办结行政复议案件⟦行政复议办结⟧件`):
figures with a catalog id become slots, other figures stay as written. The report's own county
and its years become markers (`〔本县〕`, `〔本年〕`, `〔下年〕`, `〔上年〕`) so that a phrase from
any county and year reads right in another draft (`fill_markers`).

Near-duplicates are merged on a key: the text with slots, figures, markers and punctuation
normalised (`phrase_key`); keys that differ a little are merged when the Jaccard similarity of
their character 3-grams is at least 0.8, found through MinHash bands (`minhash_bands`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from drafter.core.models import Catalog, PartKind
from drafter.corpus.chinese_numbers import parse_number
from drafter.corpus.extract import ExtractedReport
from drafter.corpus.near_duplicates import (
    COUNTY_MARK,
    JACCARD_MIN,
    estimated_jaccard,
    jaccard,
    minhash_bands,
    minhash_signature,
    phrase_key,
    shingles,
)
from drafter.corpus.search_terms import bigrams_of, index_tokens
from drafter.corpus.structure import ReportStructure
from drafter.corpus.topics import TOPICS, keyword_topic

__all__ = [
    "COUNTY_MARK", "JACCARD_MIN", "MAX_ITEM", "MAX_SENTENCE", "MIN_CHARS", "TOPICS", "YEAR_MARKS",
    "Phrase", "SlotSpan", "bigrams_of", "estimated_jaccard", "fill_markers", "index_tokens",
    "jaccard", "keyword_topic", "minhash_bands", "minhash_signature", "phrase_key",
    "report_phrases", "shingles", "slot_spans",
]  # fmt: skip

YEAR_MARKS = {-1: "〔上年〕", 0: "〔本年〕", 1: "〔下年〕"}
MIN_CHARS, MAX_SENTENCE, MAX_ITEM = 14, 160, 220

Form = Literal["sentence", "item"]

_ENUM = re.compile(r"(?:^|(?<=[。；！？：，]))[一二三四五六七八九十]是")
_SENTENCE_END = re.compile(r"(?<=[。！？])")
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)([万亿])?")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=年)")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_MARK = re.compile(r"〔(本县|上年|本年|下年)〕")


@dataclass(frozen=True)
class SlotSpan:
    """A figure to turn into a slot: its span in the clean text and its indicator's name."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Phrase:
    """One reusable sentence or enumeration item, in stored slot form."""

    text: str
    part: PartKind
    topic: str
    """Keyword topic (`行政复议`), or '' when none fits."""
    heading: str
    """The level-2 heading it stood under ('' if none)."""
    form: Form
    key: str
    """Normalised text used to merge near-duplicates and to spot phrases already in a draft."""


def fill_markers(text: str, county: str, year: int) -> str:
    """Replace the county and year markers of a stored phrase for a draft of `county` and `year`."""
    offsets = {"本县": None, "上年": -1, "本年": 0, "下年": 1}
    return _MARK.sub(
        lambda m: county if m.group(1) == "本县" else f"{year + offsets[m.group(1)]}", text
    )


def slot_spans(report: ExtractedReport, catalog: Catalog) -> list[SlotSpan]:
    """The figures of a report that have a catalog id, located to the digits (and 万/亿, %)."""
    text = report.structure.clean.text
    spans: list[SlotSpan] = []
    for mention in report.indicators:
        if mention.catalog_id is None or mention.catalog_id not in catalog:
            continue
        spec = catalog.get(mention.catalog_id)
        start, end = mention.span
        for match in reversed(list(_NUMBER.finditer(text, start, end))):
            try:
                value = parse_number(match.group(0))
            except ValueError:
                continue
            if abs(value - mention.value) > 1e-9 * max(1.0, abs(value)):
                continue
            stop = match.end() if not spec.unit.startswith(("万", "亿")) else match.end(1)
            if spec.type == "percent" and text[stop : stop + 1] == "%":
                stop += 1
            spans.append(SlotSpan(match.start(), stop, spec.name))
            break
    return spans


def _with_slots(text: str, base: int, slots: Sequence[SlotSpan]) -> str:
    out, pos = [], 0
    for slot in slots:
        if base <= slot.start and slot.end <= base + len(text) and slot.start - base >= pos:
            out.append(text[pos : slot.start - base])
            out.append(f"⟦{slot.name}⟧")
            pos = slot.end - base
    out.append(text[pos:])
    return "".join(out)


def _units(line: str) -> list[tuple[Form, int, str]]:
    """(form, offset, text) of the sentences and enumeration items of one paragraph."""
    marks = [m.start() for m in _ENUM.finditer(line)]
    units: list[tuple[Form, int, str]] = []
    if len(marks) >= 2:
        bounds = [*marks, len(line)]
        units.extend(_sentences(line[: marks[0]], 0))
        for start, end in zip(bounds, bounds[1:], strict=False):
            item = line[start + 2 : end]
            if len(item) <= MAX_ITEM:
                units.append(("item", start + 2, item))
            else:
                units.extend(_sentences(item, start + 2))
        return units
    return _sentences(line, 0)


def _sentences(text: str, offset: int) -> list[tuple[Form, int, str]]:
    out: list[tuple[Form, int, str]] = []
    pos = 0
    for piece in _SENTENCE_END.split(text):
        if piece:
            out.append(("sentence", offset + pos, piece))
        pos += len(piece)
    return out


def _tidy(text: str) -> str:
    text = text.strip(" ，、：")
    if text.endswith(("；", "，")):
        text = text[:-1] + "。"
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _mark(text: str, county: str | None, year: int | None) -> str:
    if county:
        text = text.replace(county, COUNTY_MARK)
    if year is not None:
        text = _YEAR.sub(lambda m: YEAR_MARKS.get(int(m.group(1)) - year, m.group(1)), text)
    return text


def report_phrases(report: ExtractedReport, catalog: Catalog, county: str | None) -> list[Phrase]:
    """The phrases of one extracted report, in order, without duplicates within the report.

    Args:
        county: the report's county, replaced by a marker (None leaves names as written).
    """
    structure = report.structure
    slots = sorted(slot_spans(report, catalog), key=lambda s: s.start)
    seen: set[str] = set()
    phrases: list[Phrase] = []
    heading_topic = cache(keyword_topic)
    for index, section in enumerate(structure.sections):
        if section.level != 1 or section.kind is None:
            continue
        for start, line, heading in _body_lines(structure, index):
            for form, offset, unit in _units(line):
                raw = unit.strip()
                limit = MAX_ITEM if form == "item" else MAX_SENTENCE
                if not MIN_CHARS <= len(raw) <= limit or len(_CJK_CHAR.findall(raw)) < MIN_CHARS:
                    continue
                base = start + offset + (len(unit) - len(unit.lstrip()))
                text = _tidy(_mark(_with_slots(raw, base, slots), county, structure.year))
                key = phrase_key(text)
                if key in seen or len(key) < MIN_CHARS:
                    continue
                seen.add(key)
                topic = keyword_topic(text) or heading_topic(heading)
                phrases.append(Phrase(text, section.kind, topic, heading, form, key))
    return phrases


def _body_lines(structure: ReportStructure, part_index: int) -> list[tuple[int, str, str]]:
    """(start, text, level-2 heading) of the body lines of a level-1 part, heading words removed."""
    text = structure.clean.text
    part = structure.sections[part_index]
    heads = {
        s.heading_span[0]: s
        for s in structure.sections
        if part.body_span[0] <= s.heading_span[0] < part.body_span[1]
    }
    out: list[tuple[int, str, str]] = []
    heading = ""
    pos = part.body_span[0]
    while pos < part.body_span[1]:
        end = text.find("\n", pos, part.body_span[1])
        end = part.body_span[1] if end == -1 else end
        start = pos
        section = heads.get(pos)
        if section is not None:
            if section.level == 2:
                heading = section.heading
            start = section.heading_span[1]
            while start < end and text[start] in "。：:，、 ":
                start += 1
        if end > start:
            out.append((start, text[start:end], heading))
        pos = end + 1
    return out
