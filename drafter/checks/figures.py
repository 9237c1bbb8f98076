"""Indicator figures of a text tied to the catalog: which indicator a figure most likely is.

The corpus engine finds figures and the phrase in front of them (`find_figures`); here the
phrase is matched against the catalog's names and aliases. The alias ending closest to the
figure wins, the longer one on a tie (`应出庭应诉案件` over `出庭应诉案件`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.core.models import Catalog, IndicatorSpec
from drafter.corpus.indicators import Figure, find_figures

MONEY_UNITS = frozenset({"元"})
NON_COUNT_UNITS = frozenset({"%", "元", "个百分点"})


@dataclass(frozen=True)
class Mention:
    """A figure in the text and the indicator it is taken to be (None when unknown)."""

    figure: Figure
    spec: IndicatorSpec | None
    alias: str = ""
    """The catalog name or alias found in the figure's name."""

    @property
    def strong(self) -> bool:
        """True when the name ends with a specific alias, so the indicator is all but certain."""
        return len(self.alias) >= 4 and self.figure.name.endswith(self.alias)

    def could_be(self, spec: IndicatorSpec) -> bool:
        """True when the figure's name and unit fit `spec` (ambiguous aliases fit several)."""
        if self.spec is not None and self.spec.id == spec.id:
            return True
        if not unit_fits(spec, self.figure.unit):
            return False
        return any(alias in self.figure.name for alias in (spec.name, *spec.aliases))

    @property
    def value(self) -> float:
        """The value in the indicator's unit (`386.5万元` is 386.5 for a `万元` indicator)."""
        if self.spec is not None and self.spec.unit == "万元":
            return self.figure.value / 10_000
        return self.figure.value

    @property
    def is_rate(self) -> bool:
        return self.figure.unit == "%"

    @property
    def is_count(self) -> bool:
        return self.figure.unit not in NON_COUNT_UNITS and self.figure.unit != ""


def unit_fits(spec: IndicatorSpec, unit: str) -> bool:
    if spec.type == "percent":
        return unit == "%"
    if spec.type == "money":
        return unit in MONEY_UNITS
    return unit not in NON_COUNT_UNITS


@dataclass(frozen=True)
class AliasIndex:
    """Every name and alias of the catalog, searchable from the end of a figure's name.

    One reversed-alias pattern per unit class: searching the reversed name finds the alias that
    ends closest to the figure, the longest one first (alternatives are tried longest first).
    """

    patterns: dict[str, re.Pattern[str]]
    specs: dict[tuple[str, str], IndicatorSpec]
    """(unit class, alias) to the first indicator of the catalog using it."""

    @classmethod
    def build(cls, catalog: Catalog) -> AliasIndex:
        specs: dict[tuple[str, str], IndicatorSpec] = {}
        for spec in catalog.indicators:
            for alias in (spec.name, *spec.aliases):
                specs.setdefault((_unit_class(spec), alias), spec)
        patterns = {}
        for unit_class in ("percent", "money", "count"):
            aliases = sorted((a for c, a in specs if c == unit_class), key=len, reverse=True)
            if aliases:
                reverse = "|".join(re.escape(a[::-1]) for a in aliases)
                patterns[unit_class] = re.compile(reverse)
        return cls(patterns, specs)

    def find(self, name: str, unit: str) -> tuple[IndicatorSpec | None, str]:
        """The indicator a figure's name and unit most likely stand for, and the alias seen."""
        unit_class = "percent" if unit == "%" else "money" if unit in MONEY_UNITS else "count"
        if unit_class == "count" and unit in NON_COUNT_UNITS:
            return None, ""
        pattern = self.patterns.get(unit_class)
        match = pattern.search(name[::-1]) if pattern is not None else None
        if match is None:
            return None, ""
        alias = match.group(0)[::-1]
        return self.specs[(unit_class, alias)], alias


def _unit_class(spec: IndicatorSpec) -> str:
    return {"percent": "percent", "money": "money"}.get(spec.type, "count")


def indicator_for(name: str, unit: str, catalog: Catalog) -> tuple[IndicatorSpec | None, str]:
    """The catalog indicator a figure's name and unit most likely stand for, and the alias seen."""
    return AliasIndex.build(catalog).find(name, unit)


def mentions(text: str, catalog: Catalog, start: int = 0, end: int | None = None) -> list[Mention]:
    """Figures of `text[start:end]` (spans index `text`), each with its indicator."""
    stop = len(text) if end is None else end
    index = AliasIndex.build(catalog)
    found = []
    for figure in find_figures(text):
        if figure.span[0] < start or figure.span[1] > stop:
            continue
        found.append(Mention(figure, *index.find(figure.name, figure.unit)))
    return found
