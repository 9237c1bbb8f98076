"""Checking a draft and applying safe fixes to its stored text."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.checks import apply_fix, check_draft
from drafter.core.drafts import CountyProfile, new_draft, set_value
from drafter.errors import ValueProblem

TEXT = "（一）化解矛盾纠纷\n全年调解矛盾纠纷⟦调解纠纷⟧件,调解成功⟦调解成功⟧件，调解成功率99%。"


@pytest.fixture
def draft(kind, catalog):
    profile = CountyProfile("测试县", ["测试县人民政府"], "中共某市委、某市人民政府", "某市")
    draft = new_draft(kind, profile, 2025, catalog)
    draft = set_value(draft, catalog, "mediation_cases", 2862)
    draft = set_value(draft, catalog, "mediation_success", 2850)
    parts = {
        **draft.parts,
        "measures_and_results": TEXT,
        "shortcomings_and_causes": "一是能力不足。",
    }
    return draft.model_copy(update={"parts": parts, "date": dt.date(2026, 1, 8)})


def test_findings_point_into_the_rendered_part(draft, kind, catalog):
    findings = check_draft(draft, kind, catalog, None)
    comma = next(f for f in findings if f.code == "punctuation.ascii")
    assert (comma.part_id, comma.field, comma.part) == (
        "measures_and_results",
        "text",
        "measures_and_results",
    )
    rendered = "（一）化解矛盾纠纷\n全年调解矛盾纠纷2862件,调解成功2850件，调解成功率99%。"
    assert rendered[comma.start : comma.end] == ","
    rate = next(f for f in findings if f.code == "consistency.rate_rounding")
    assert rendered[rate.start : rate.end] == "99%"


def test_empty_required_parts_are_errors(draft, kind, catalog):
    missing = [
        f for f in check_draft(draft, kind, catalog, None) if f.code == "required.missing_part"
    ]
    assert {f.part_id for f in missing} == {"first_responsible_person_duties", "next_year_plan"}
    assert all(f.field == "heading" for f in missing)


def test_fixes_change_only_literal_text(draft, kind, catalog):
    findings = check_draft(draft, kind, catalog, None)
    comma = next(f for f in findings if f.code == "punctuation.ascii")
    fixed = apply_fix(draft, comma, catalog)
    assert fixed.parts["measures_and_results"] == TEXT.replace("件,", "件，")
    rate = next(f for f in findings if f.code == "consistency.rate_rounding")
    assert "调解成功率99.58%" in apply_fix(draft, rate, catalog).parts["measures_and_results"]


def test_fix_over_a_slot_is_refused(draft, kind, catalog):
    finding = next(
        f
        for f in check_draft(draft, kind, catalog, {"mediation_cases": 2862})
        if f.code == "staleness.same_value"
    )
    assert finding.fix is None
    with pytest.raises(ValueProblem):
        apply_fix(draft, finding, catalog)


def test_deadline_uses_the_drafts_date(draft, kind, catalog):
    late = draft.model_copy(update={"date": dt.date(2026, 4, 2)})
    finding = next(
        f for f in check_draft(late, kind, catalog, None) if f.code == "dates.after_deadline"
    )
    assert (finding.part_id, finding.field) == ("__closing__", "date")
    assert "dates.after_deadline" not in [f.code for f in check_draft(draft, kind, catalog, None)]
