"""Pydantic models of the domain: report kinds, parts, the indicator catalog and the draft."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

PartKind = Literal[
    "measures_and_results",
    "shortcomings_and_causes",
    "first_responsible_person_duties",
    "next_year_plan",
    "other",
]
"""The required-contents kinds of DOMAIN.md (items 1-4) plus the optional item 5."""

REQUIRED_KINDS: tuple[PartKind, ...] = (
    "measures_and_results",
    "shortcomings_and_causes",
    "first_responsible_person_duties",
    "next_year_plan",
)

IndicatorType = Literal["integer", "decimal", "percent", "money"]
Origin = Literal["typed", "carried", "computed", "extracted"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartSpec(_Strict):
    """One level-1 part of a report kind."""

    id: str
    """Stable identifier, used as key in drafts."""
    kind: PartKind
    """Which required-contents item this part fulfils."""
    required: bool = True
    heading: str
    """Default heading without its numeral, may contain `{year}` / `{next_year}`."""
    label: str | None = None
    """Short name for navigation (`主要举措和成效`); defaults to the heading."""
    guidance: str
    """What the part must say, shown to the clerk."""
    subheadings: list[str] = []
    """Typical level-2 sub-headings (without `(一)`), offered as a starting outline."""


class ReportKind(_Strict):
    """A kind of report (county government, department, township ...), loaded from templates/kinds/."""

    id: str
    name: str
    title_patterns: list[str] = Field(min_length=1)
    """Title patterns with `{county}`, `{year}`, `{issuer}`; the first is the default."""
    addressee_options: list[str] = []
    opening: str
    """Default opening paragraph, may contain `{county}`, `{year}`."""
    closing: str = "特此报告。"
    parts: list[PartSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _required_kinds_present(self) -> ReportKind:
        ids = [p.id for p in self.parts]
        if len(set(ids)) != len(ids):
            raise ValueError("部分的 id 重复")
        return self

    def part(self, part_id: str) -> PartSpec:
        for spec in self.parts:
            if spec.id == part_id:
                return spec
        raise KeyError(part_id)


class IndicatorSpec(_Strict):
    """A recurring indicator of the catalog (templates/indicators.toml)."""

    id: str
    """ASCII identifier used in code and JSON."""
    name: str
    """Short Chinese name, unique; slots in text use it: `⟦行政复议办结⟧`."""
    aliases: list[str] = []
    """Phrases real reports use for the thing counted (`办结行政复议案件`)."""
    unit: str
    type: IndicatorType
    part: PartKind = "measures_and_results"
    min: float = 0
    max: float | None = None
    formula: str | None = None
    """For derived indicators: an expression over other ids, e.g. `a / b * 100`."""
    digits: int = 2
    """Decimal places kept when rounding a derived or decimal value."""
    whole: str | None = None
    """Id of the indicator this one is a part of (败诉 ≤ 审结)."""
    sum_of: list[str] = []
    """Ids whose values add up to this total."""

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @model_validator(mode="after")
    def _percent_bounds(self) -> IndicatorSpec:
        if self.type == "percent" and self.max is None:
            object.__setattr__(self, "max", 100.0)
        return self


class Catalog(_Strict):
    """All indicators, looked up by id or Chinese name."""

    indicators: list[IndicatorSpec]
    _by_id: dict[str, IndicatorSpec] = PrivateAttr(default_factory=dict)
    _by_name: dict[str, IndicatorSpec] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        self._by_id = {s.id: s for s in self.indicators}
        self._by_name = {s.name: s for s in self.indicators}

    @model_validator(mode="after")
    def _unique(self) -> Catalog:
        for attr in ("id", "name"):
            seen: set[str] = set()
            for spec in self.indicators:
                key = getattr(spec, attr)
                if key in seen:
                    raise ValueError(f"指标 {attr} 重复: {key}")
                seen.add(key)
        ids = {s.id for s in self.indicators}
        for spec in self.indicators:
            for ref in [spec.whole, *spec.sum_of]:
                if ref is not None and ref not in ids:
                    raise ValueError(f"指标 {spec.id} 引用了不存在的指标 {ref}")
        return self

    def get(self, indicator_id: str) -> IndicatorSpec:
        """The indicator with this id (KeyError if unknown)."""
        return self._by_id[indicator_id]

    def by_name(self, name: str) -> IndicatorSpec | None:
        """The indicator with this Chinese name, or None."""
        return self._by_name.get(name)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id


class IndicatorValue(BaseModel):
    """One indicator's value in a draft, with where it came from."""

    model_config = ConfigDict(extra="forbid")

    value: float | None
    origin: Origin
    source_year: int | None = None
    """For carried values: the year the value was taken from."""
    confirmed: bool = False
    """False while a carried value has not been looked at by the clerk."""
    approx: bool = False
    """The figure is approximate (余/多/近/约)."""


class Draft(BaseModel):
    """A report being written: county, year, text per part, indicator values."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    kind: str
    county: str = Field(min_length=1)
    year: int
    """The year reported on."""
    issuers: list[str] = Field(min_length=1)
    addressee: str | None = None
    title: str
    date: dt.date | None = None
    """成文日期; defaults to the day of export when empty."""
    opening: str = ""
    parts: dict[str, str] = {}
    """Part id to the part's text (with `⟦指标名⟧` slots); blank lines separate paragraphs."""
    headings: dict[str, str] = {}
    """Part id to its heading without numeral, when the clerk changed the kind's default."""
    included: list[str] = []
    """Optional parts the clerk chose to include."""
    values: dict[str, IndicatorValue] = {}
    """Indicator id to value."""

    @field_validator("year")
    @classmethod
    def _sane_year(cls, year: int) -> int:
        this_year = dt.date.today().year
        if not 2000 <= year <= this_year + 1:
            raise ValueError(f"年度 {year} 不合理：应在 2000 年到 {this_year + 1} 年之间")
        return year
