"""Operations on drafts: start a year from the last one, set and confirm values, what changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from drafter.core.models import Catalog, Draft, IndicatorValue, ReportKind
from drafter.core.numbers import check_range, format_change
from drafter.core.render import compute_derived, fill_placeholders
from drafter.errors import ValueProblem


@dataclass(frozen=True)
class CountyProfile:
    """Who writes the report: the fields of a workspace needed to start a draft."""

    county: str
    issuers: list[str]
    addressee: str | None = None
    city: str | None = None


def default_title(kind: ReportKind, profile: CountyProfile, year: int) -> str:
    return fill_placeholders(kind.title_patterns[0], county=profile.county, year=year, issuer=profile.issuers[0])


def new_draft(
    kind: ReportKind,
    profile: CountyProfile,
    year: int,
    catalog: Catalog,
    last_year_values: Mapping[str, float] | None = None,
    last_year_draft: Draft | None = None,
    carry_text: bool = False,
    last_year_texts: Mapping[str, str] | None = None,
) -> Draft:
    """A new draft for `year`: every indicator of last year carried over and marked unconfirmed.

    Args:
        last_year_values: indicator id to last year's value (from last year's report or draft).
        last_year_draft: last year's draft, whose text is reused when `carry_text` is set.
        carry_text: start each part from last year's text, to be rewritten.
        last_year_texts: part id to last year's text when there is no draft of last year (from
            last year's imported report).
    """
    fields = {"county": profile.county, "year": year, "next_year": year + 1, "city": profile.city or ""}
    values: dict[str, IndicatorValue] = {}
    for indicator_id, value in (last_year_values or {}).items():
        if indicator_id in catalog and not catalog.get(indicator_id).derived:
            values[indicator_id] = IndicatorValue(value=value, origin="carried", source_year=year - 1)
    parts = {p.id: "" for p in kind.parts}
    if carry_text:
        source = last_year_draft.parts if last_year_draft is not None else (last_year_texts or {})
        parts.update({k: v for k, v in source.items() if k in parts})
    draft = Draft(
        kind=kind.id,
        county=profile.county,
        year=year,
        issuers=list(profile.issuers),
        addressee=profile.addressee,
        title=default_title(kind, profile, year),
        opening=fill_placeholders(kind.opening, **fields),
        parts=parts,
        values=values,
    )
    return with_derived(draft, catalog)


def with_derived(draft: Draft, catalog: Catalog) -> Draft:
    """The draft with every derived rate recomputed from its parts."""
    values = {k: v for k, v in draft.values.items() if k in catalog and not catalog.get(k).derived}
    plain = {k: v.value for k, v in values.items()}
    for indicator_id, value in compute_derived(plain, catalog).items():
        if value is not None:
            values[indicator_id] = IndicatorValue(value=value, origin="computed", confirmed=True)
    return draft.model_copy(update={"values": values})


def plain_values(draft: Draft) -> dict[str, float | None]:
    """Indicator id to value, for rendering."""
    return {k: v.value for k, v in draft.values.items()}


def set_value(draft: Draft, catalog: Catalog, indicator_id: str, value: float | None) -> Draft:
    """Set an indicator typed by the clerk; checks range and part/whole, recomputes derived rates.

    Raises:
        ValueProblem: the value is invalid (negative count, rate over 100%, part larger than whole).
    """
    spec = catalog.get(indicator_id)
    if spec.derived:
        raise ValueProblem(f"「{spec.name}」由其他指标自动计算：请修改它的组成指标。")
    values = dict(draft.values)
    if value is None:
        values.pop(indicator_id, None)
    else:
        try:
            check_range(value, spec)
        except ValueError as exc:
            raise ValueProblem(str(exc)) from None
        values[indicator_id] = IndicatorValue(value=value, origin="typed", confirmed=True)
    problem = part_whole_problem({k: v.value for k, v in values.items()}, catalog, indicator_id)
    if problem:
        raise ValueProblem(problem)
    return with_derived(draft.model_copy(update={"values": values}), catalog)


def confirm(draft: Draft, indicator_id: str) -> Draft:
    """Mark a carried value as looked at and kept."""
    current = draft.values[indicator_id]
    values = dict(draft.values)
    values[indicator_id] = current.model_copy(update={"confirmed": True})
    return draft.model_copy(update={"values": values})


def part_whole_problem(values: Mapping[str, float | None], catalog: Catalog, changed_id: str) -> str | None:
    """A sentence when the changed indicator breaks a part ≤ whole relation, else None."""
    for spec in catalog.indicators:
        if spec.whole is None:
            continue
        if changed_id not in (spec.id, spec.whole):
            continue
        part, whole = values.get(spec.id), values.get(spec.whole)
        if part is not None and whole is not None and part > whole:
            whole_name = catalog.get(spec.whole).name
            return f"「{spec.name}」({part:g}) 不能大于「{whole_name}」({whole:g})：请检查这两个数。"
    return None


def unconfirmed(draft: Draft) -> list[str]:
    """Ids of values carried from last year that the clerk has not confirmed or changed."""
    return [k for k, v in draft.values.items() if v.origin == "carried" and not v.confirmed]


def year_over_year(draft: Draft, catalog: Catalog, last_year_values: Mapping[str, float]) -> dict[str, str]:
    """Indicator id to the change shown beside its field (`同比+12.5%`, `持平`, `新增`)."""
    ids = set(draft.values) | set(last_year_values)
    return {
        i: format_change(
            draft.values[i].value if i in draft.values else None, last_year_values.get(i), catalog.get(i)
        )
        for i in ids
        if i in catalog
    }
