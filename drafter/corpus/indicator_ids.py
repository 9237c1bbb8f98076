"""Matching the thing counted (`办结行政复议案件`) to an indicator of the catalog.

An alias contained in the name wins (longest alias first); otherwise character-bigram overlap
(Dice ≥ 0.7) between name and alias. Short, generic aliases (`成功率`, `满意度`, `保留`) only count
when the paragraph so far also names the indicator's topic (`调解`, `热线`, `规范性文件`), so that
`企业满意度` after a visit to firms is not taken for the 12345 hotline's satisfaction rate;
generic aliases must also end the name. Occasions (次, 场, 期) never match counts of things or
people, so `开展两次案卷评查` is not the number of case files reviewed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from drafter.core.catalog import default_catalog
from drafter.core.models import Catalog, IndicatorSpec
from drafter.errors import TemplateDataError

_log = logging.getLogger(__name__)
_COMMON_BIGRAMS = frozenset(
    {"行政", "政府", "法治", "工作", "建设", "开展", "案件", "人员", "服务"}
)
FUZZY_THRESHOLD = 0.75
GENERIC_ALIAS_LENGTH = 3


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of `text` (a single character counts as its own bigram)."""
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of `a` and `b` (0 to 1)."""
    left, right = bigrams(a), bigrams(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


_EVENT_UNITS = frozenset({"次", "场", "场次", "期", "轮", "批", "批次"})
"""Counts of occasions; never interchangeable with counts of things or people."""
_GENERIC_LEAD = re.compile(r"^(?:群众|各类|总体|综合|整体|平均|直接|依法|回访|实际)")


def unit_fits(unit: str, spec: IndicatorSpec) -> bool:
    """Whether a figure written with `unit` can be a value of `spec` (rate, money, occasions, count)."""
    if unit == "%":
        return spec.type == "percent"
    if unit.endswith("元"):
        return spec.type == "money" or spec.unit.endswith("元")
    if unit == "个百分点" or spec.type in ("percent", "money") or spec.unit.endswith("元"):
        return False
    return (unit in _EVENT_UNITS) == (spec.unit in _EVENT_UNITS)


def is_generic(alias: str) -> bool:
    """Aliases such as `成功率`, `群众满意度`, `保留` that name no topic of their own."""
    return len(_GENERIC_LEAD.sub("", alias)) <= GENERIC_ALIAS_LENGTH


@dataclass(frozen=True)
class _Alias:
    text: str
    spec: IndicatorSpec
    topic: frozenset[str]
    """Bigrams of the indicator's name the alias lacks; one must appear nearby for short aliases."""
    grams: frozenset[str]
    generic: bool


_Candidate = tuple[_Alias, float]
"""An alias that fits a (name, unit) before the topic check, with its score."""
MATCH_CACHE = 4096
"""(name, unit) pairs whose candidates a matcher remembers; names repeat a lot across reports."""


class CatalogMatcher:
    """Finds the catalog indicator a figure's name refers to.

    Aliases are indexed by their character bigrams: an alias contained in a name, or close
    enough for fuzzy matching, shares at least one bigram with it, so only those are scored.
    """

    def __init__(self, catalog: Catalog) -> None:
        aliases: list[_Alias] = []
        for spec in catalog.indicators:
            for alias in dict.fromkeys([spec.name, *spec.aliases]):
                grams = bigrams(alias)
                topic = bigrams(spec.name) - grams - _COMMON_BIGRAMS
                aliases.append(_Alias(alias, spec, frozenset(topic), grams, is_generic(alias)))
        aliases.sort(key=lambda a: -len(a.text))
        self._aliases = tuple(aliases)
        postings: dict[str, list[int]] = {}
        for position, alias in enumerate(aliases):
            for gram in alias.grams:
                postings.setdefault(gram, []).append(position)
        self._postings = {gram: tuple(found) for gram, found in postings.items()}
        self._short = tuple(i for i, alias in enumerate(aliases) if len(alias.text) < 2)
        """Aliases of one character have no bigram; they are always scored."""
        self._candidates = lru_cache(maxsize=MATCH_CACHE)(self._scored)

    def _scored(self, name: str, unit: str) -> tuple[_Candidate, ...]:
        """Aliases fitting `name` and `unit`, in matching order, scored before the topic check."""
        name_grams = bigrams(name)
        positions = set(self._short)
        for gram in name_grams:
            positions.update(self._postings.get(gram, ()))
        found: list[_Candidate] = []
        for position in sorted(positions):
            alias = self._aliases[position]
            if not unit_fits(unit, alias.spec):
                continue
            where = name.rfind(alias.text)
            if where >= 0:
                if alias.generic and where + len(alias.text) != len(name):
                    continue
                score = (
                    0.7
                    + 0.2 * len(alias.text) / len(name)
                    + 0.1 * (where + len(alias.text)) / len(name)
                )
            elif len(alias.text) >= 4 and len(name) >= 4 and name not in alias.text:
                score = 2 * len(name_grams & alias.grams) / (len(name_grams) + len(alias.grams))
                if score < FUZZY_THRESHOLD:
                    continue
            else:
                continue
            found.append((alias, score))
        return tuple(found)

    def match(
        self, name: str, unit: str, sentence: str = "", paragraph: str = ""
    ) -> tuple[str | None, float]:
        """(catalog id, score) for a figure named `name` with `unit`; (None, 0) when nothing fits.

        Args:
            sentence: the sentence up to the figure, where a generic alias looks for its topic.
            paragraph: the paragraph up to the figure, searched next at a lower score.
        """
        best: tuple[str | None, float] = (None, 0.0)
        for alias, score in self._candidates(name, unit):
            if alias.generic and alias.topic:
                if any(gram in name + sentence for gram in alias.topic):
                    pass
                elif any(gram in paragraph for gram in alias.topic):
                    score -= 0.1
                else:
                    continue
            if score > best[1]:
                best = (alias.spec.id, score)
        return best


@cache
def default_matcher() -> CatalogMatcher:
    """A matcher over the bundled catalog; an unreadable catalog gives a matcher that finds nothing."""
    try:
        catalog = default_catalog()
    except TemplateDataError as exc:
        _log.warning("indicator catalog unavailable, figures get no catalog id: %s", exc)
        catalog = Catalog(indicators=[])
    return CatalogMatcher(catalog)
