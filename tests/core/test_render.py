"""Slotted text: only tool-inserted slots are slots; clerk text is never template code."""

from __future__ import annotations

import pytest

from drafter.core.render import compute_derived, render_slotted, slot, slot_ids
from drafter.errors import RenderError


@pytest.mark.parametrize(
    "typed",
    [
        "{{ ''.__class__.__mro__ }}",
        "{% for x in range(3) %}循环{% endfor %}",
        "{# 注释 #}",
        "{#",
        "{{ 7*7 }}",
        "{{ lipsum.__globals__ }}",
        "{% raw %}",
        "⟦不存在的指标⟧",
        "【待填：行政复议办结】",
    ],
)
def test_typed_template_syntax_comes_out_literally(typed, catalog):
    text = f"开头{typed}结尾"
    assert render_slotted(text, {}, catalog) == text


def test_slot_renders_value_with_type_format(catalog):
    concluded = catalog.get("review_concluded")
    rate = catalog.get("lawsuit_loss_rate")
    text = f"办结行政复议案件{slot(concluded)}件，败诉率{slot(rate)}。"
    out = render_slotted(text, {"review_concluded": 189.0, "lawsuit_loss_rate": 5.38}, catalog)
    assert out == "办结行政复议案件189件，败诉率5.38%。"


def test_slot_next_to_braces_typed_by_clerk(catalog):
    concluded = catalog.get("review_concluded")
    text = "{{" + slot(concluded) + "}}"
    assert render_slotted(text, {"review_concluded": 3}, catalog) == "{{3}}"


def test_missing_value_raises_or_marks(catalog):
    concluded = catalog.get("review_concluded")
    text = f"办结{slot(concluded)}件"
    with pytest.raises(RenderError, match="行政复议办结"):
        render_slotted(text, {}, catalog)
    assert render_slotted(text, {}, catalog, missing="mark") == "办结【待填：行政复议办结】件"


def test_slot_ids_in_order(catalog):
    a, b = catalog.get("lawsuit_lost"), catalog.get("review_concluded")
    assert slot_ids(f"{slot(a)}和{slot(b)}和⟦无此项⟧", catalog) == ["lawsuit_lost", "review_concluded"]


def test_derived_rates_round_like_reports(catalog):
    derived = compute_derived({"lawsuit_concluded": 130, "lawsuit_lost": 7}, catalog)
    assert derived["lawsuit_loss_rate"] == 5.38
    derived = compute_derived({"mediation_cases": 2068, "mediation_success": 2026}, catalog)
    assert derived["mediation_success_rate"] == pytest.approx(97.97)


def test_derived_rate_is_none_without_parts_or_with_zero_denominator(catalog):
    assert compute_derived({"lawsuit_lost": 7}, catalog)["lawsuit_loss_rate"] is None
    assert compute_derived({"lawsuit_concluded": 0, "lawsuit_lost": 0}, catalog)["lawsuit_loss_rate"] is None


def test_editor_form_shows_values_and_round_trips(catalog):
    from drafter.core.render import hide_slot_values, show_slot_values

    concluded = catalog.get("review_concluded")
    stored = f"办结{slot(concluded)}件，⟦无此项⟧，{{{{ x }}}}"
    shown = show_slot_values(stored, {"review_concluded": 64}, catalog)
    assert shown == "办结⟦行政复议办结：64⟧件，⟦无此项⟧，{{ x }}"
    assert hide_slot_values(shown, catalog) == stored
    assert show_slot_values(stored, {}, catalog).startswith("办结⟦行政复议办结：待填⟧")
    typed_over = shown.replace("：64", "：99")
    assert hide_slot_values(typed_over, catalog) == stored, "the value shown is never taken from the text"
    assert hide_slot_values("⟦无此项：3⟧", catalog) == "⟦无此项：3⟧"
