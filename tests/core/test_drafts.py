"""Drafts start from last year, recompute derived rates and refuse invalid values."""

from __future__ import annotations

import pytest

from drafter.core.drafts import (
    CountyProfile,
    confirm,
    new_draft,
    set_value,
    unconfirmed,
    year_over_year,
)
from drafter.core.models import Draft
from drafter.errors import ValueProblem

PROFILE = CountyProfile(county="测试县", issuers=["测试县人民政府"], addressee="中共某市委")
LAST_YEAR = {"lawsuit_concluded": 130.0, "lawsuit_lost": 7.0, "lawsuit_loss_rate": 9.99, "review_concluded": 40.0}


@pytest.fixture
def draft(kind, catalog) -> Draft:
    return new_draft(kind, PROFILE, 2026, catalog, last_year_values=LAST_YEAR)


def test_new_draft_carries_last_year_unconfirmed(draft):
    carried = draft.values["lawsuit_concluded"]
    assert carried.value == 130 and carried.origin == "carried" and carried.source_year == 2025
    assert set(unconfirmed(draft)) == {"lawsuit_concluded", "lawsuit_lost", "review_concluded"}
    assert draft.title == "测试县人民政府关于2026年度法治政府建设情况的报告"


def test_derived_rates_recompute_instead_of_carrying(draft):
    rate = draft.values["lawsuit_loss_rate"]
    assert rate.value == 5.38 and rate.origin == "computed"


def test_set_value_updates_rate_and_marks_typed(draft, catalog):
    updated = set_value(draft, catalog, "lawsuit_lost", 13)
    assert updated.values["lawsuit_loss_rate"].value == 10.0
    assert updated.values["lawsuit_lost"].origin == "typed"
    assert "lawsuit_lost" not in unconfirmed(updated)


def test_part_larger_than_whole_is_refused(draft, catalog):
    with pytest.raises(ValueProblem, match="不能大于"):
        set_value(draft, catalog, "lawsuit_lost", 131)
    with pytest.raises(ValueProblem, match="不能大于"):
        set_value(draft, catalog, "lawsuit_concluded", 6)


def test_negative_count_and_derived_edit_are_refused(draft, catalog):
    with pytest.raises(ValueProblem, match="负数"):
        set_value(draft, catalog, "review_concluded", -1)
    with pytest.raises(ValueProblem, match="自动计算"):
        set_value(draft, catalog, "lawsuit_loss_rate", 3)


def test_confirm_keeps_value(draft):
    confirmed = confirm(draft, "review_concluded")
    assert confirmed.values["review_concluded"].value == 40
    assert "review_concluded" not in unconfirmed(confirmed)


def test_year_over_year(draft, catalog):
    changed = set_value(draft, catalog, "review_concluded", 45)
    changes = year_over_year(changed, catalog, LAST_YEAR)
    assert changes["review_concluded"] == "同比+12.5%"
    assert changes["lawsuit_concluded"] == "持平"


def test_nonsense_year_is_refused(kind, catalog):
    with pytest.raises(ValueError, match="年度"):
        new_draft(kind, PROFILE, 1887, catalog)
