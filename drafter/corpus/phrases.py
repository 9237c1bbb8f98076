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

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from drafter.core.models import Catalog, PartKind
from drafter.corpus.chinese_numbers import parse_number
from drafter.corpus.extract import ExtractedReport
from drafter.corpus.structure import ReportStructure

COUNTY_MARK = "〔本县〕"
YEAR_MARKS = {-1: "〔上年〕", 0: "〔本年〕", 1: "〔下年〕"}
MIN_CHARS, MAX_SENTENCE, MAX_ITEM = 14, 160, 220
JACCARD_MIN = 0.8
BANDS, ROWS = 4, 4

Form = Literal["sentence", "item"]

TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("行政复议", ("行政复议", "复议")),
    ("行政应诉", ("行政诉讼", "应诉", "出庭", "败诉")),
    ("规范性文件", ("规范性文件",)),
    ("重大行政决策", ("重大行政决策", "决策")),
    ("合法性审核与法律顾问", ("合法性审核", "法律顾问", "公职律师")),
    ("行政执法", ("执法", "案卷", "处罚", "检查")),
    ("政务服务与营商环境", ("政务服务", "营商环境", "网办", "审批", "一网通办", "涉企")),
    ("12345热线", ("12345", "热线", "工单")),
    ("矛盾纠纷化解", ("调解", "矛盾纠纷", "信访", "枫桥")),
    ("普法宣传", ("普法", "法治宣传", "法律明白人", "示范村")),
    ("公共法律服务", ("法律援助", "公证", "法律服务", "法律咨询")),
    ("政务公开与监督", ("政务公开", "信息公开", "人大代表", "政协", "监督")),
    ("学法用法", ("学法", "习近平法治思想", "任前", "述法", "法治思维")),
    ("组织领导与督察", ("依法治县", "督察", "第一责任人", "考核", "领导")),
)
"""Keyword topics, first match wins; used when a phrase has no level-2 heading to group by."""

_ENUM = re.compile(r"(?:^|(?<=[。；！？：，]))[一二三四五六七八九十]是")
_SENTENCE_END = re.compile(r"(?<=[。！？])")
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)([万亿])?")
_KEY_SLOT = re.compile(r"⟦[^⟦⟧]*⟧|【待填：[^】]*】|〔[上本下]年〕|\d+(?:[.,]\d+)*[万亿]?%?")
_KEY_DROP = re.compile(r"[^\u3400-\u9fff#@A-Za-z]")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=年)")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
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


def phrase_key(text: str, county: str | None = None) -> str:
    """Normalised text: slots, figures and years as `#`, the county as `@`, no punctuation."""
    if county:
        text = text.replace(county, COUNTY_MARK)
    text = text.replace(COUNTY_MARK, "@")
    return _KEY_DROP.sub("", _KEY_SLOT.sub("#", text))


def shingles(key: str, size: int = 3) -> frozenset[str]:
    """Character n-grams of a key (the key itself when shorter)."""
    if len(key) <= size:
        return frozenset({key})
    return frozenset(key[i : i + size] for i in range(len(key) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def minhash_signature(key: str) -> tuple[int, ...]:
    """MinHash signature of a phrase key over its character 3-grams (16 values).

    The 16 hash functions are the 16 32-bit words of one BLAKE2b digest per shingle (stable
    across processes, unlike `hash`).
    """
    rows = [
        struct.unpack("<16I", hashlib.blake2b(s.encode(), digest_size=64).digest())
        for s in shingles(key)
    ]
    return tuple(map(min, zip(*rows, strict=True)))


def signature_text(signature: tuple[int, ...]) -> str:
    return ".".join(f"{v:x}" for v in signature)


def estimated_jaccard(a: str, b: str) -> float:
    """Share of equal values of two signatures written by `signature_text`."""
    left, right = a.split("."), b.split(".")
    return sum(x == y for x, y in zip(left, right, strict=True)) / len(left)


def minhash_bands(key: str, signature: tuple[int, ...] | None = None) -> list[str]:
    """LSH band keys of a phrase key: keys with Jaccard ≥ 0.8 share a band with probability ~0.9."""
    values = signature or minhash_signature(key)
    return [
        f"{band}:" + signature_text(values[band * ROWS : (band + 1) * ROWS])
        for band in range(BANDS)
    ]


def keyword_topic(text: str) -> str:
    """The topic whose keywords occur most often in `text` ('' when none does)."""
    best, hits = "", 0
    for topic, words in TOPICS:
        count = sum(text.count(word) for word in words)
        if count > hits:
            best, hits = topic, count
    return best


_STOPWORDS = frozenset({
    "进一步", "不断", "持续", "全面", "深入", "积极", "切实", "有效", "加强", "推进", "开展", "工作",
    "我们", "以及", "相关", "有关", "一批", "一系列", "进行", "实现", "其中", "全年", "全县", "本县",
    "上年", "本年", "下年", "同时", "通过", "方面", "情况", "坚持", "深入开展", "扎实", "统筹", "提升",
    "提高", "不断完善",
})  # fmt: skip


def bigrams_of(word: str) -> list[str]:
    """The character bigrams of a word of three or more characters, stopwords out."""
    if len(word) < 3:
        return []
    grams = (word[i : i + 2] for i in range(len(word) - 1))
    return [
        g for g in grams if g not in _STOPWORDS and _HAS_CJK.match(g[0]) and _HAS_CJK.match(g[1])
    ]


def index_tokens(text: str, expand: bool = True) -> list[str]:
    """Search terms of a phrase or query: jieba words of two or more characters, stopwords out,
    and (with `expand`) the character bigrams of longer words.

    The domain dictionary makes compounds (`行政执法监督`); their bigrams let a query for `执法`
    or `监督` find them, as jieba's search mode would. Slot names count as words of the text;
    markers and punctuation are dropped.
    """
    from drafter.corpus import segment

    plain = _MARK.sub(" ", text.replace("⟦", " ").replace("⟧", " "))
    terms: list[str] = []
    for word in segment.cut(plain):
        if len(word) < 2 or word in _STOPWORDS:
            continue
        if _HAS_CJK.search(word):
            terms.append(word)
            if expand:
                terms.extend(bigrams_of(word))
        elif word.isalnum() and not (word.isdigit() and len(word) < 5):
            terms.append(word)
    return terms


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
    for index, section in enumerate(structure.sections):
        if section.level != 1 or section.kind is None:
            continue
        for start, line, heading in _body_lines(structure, index):
            for form, offset, unit in _units(line):
                raw = unit.strip()
                limit = MAX_ITEM if form == "item" else MAX_SENTENCE
                if (
                    not MIN_CHARS <= len(raw) <= limit
                    or len(re.findall(r"[\u4e00-\u9fff]", raw)) < MIN_CHARS
                ):
                    continue
                base = start + offset + (len(unit) - len(unit.lstrip()))
                text = _tidy(_mark(_with_slots(raw, base, slots), county, structure.year))
                key = phrase_key(text)
                if key in seen or len(key) < MIN_CHARS:
                    continue
                seen.add(key)
                topic = keyword_topic(text) or keyword_topic(heading)
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
