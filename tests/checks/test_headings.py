"""Headings: numbering, numeral forms, damage, mixed styles."""

from __future__ import annotations


def test_gap_in_level_two_numbering(report, check):
    measures = "（一）行政复议\n办结案件。\n（二）行政应诉\n出庭应诉。\n（四）普法\n开展普法。"
    finding = next(
        f for f in check(report(measures=measures)) if f.code == "headings.numbering_gap"
    )
    assert "四" in finding.excerpt


def test_consecutive_numbering_is_fine(report, codes):
    measures = "（一）行政复议\n办结案件。\n（二）行政应诉\n出庭应诉。\n（三）普法\n开展普法。"
    assert codes(report(measures=measures), "headings") == []


def test_repeated_number(report, codes):
    measures = "（一）行政复议\n办结案件。\n（二）行政应诉\n出庭应诉。\n（二）普法\n开展普法。"
    assert "headings.numbering_repeat" in codes(report(measures=measures))


def test_numbering_restarts_under_each_part(report, codes):
    measures = "（一）行政复议\n办结案件。\n（二）普法\n开展普法。"
    plan = "（一）提升依法决策水平。严格执行程序。\n（二）规范执法。加强执法监督。"
    assert codes(report(measures=measures, plan=plan), "headings") == []


def test_half_width_brackets_get_a_fix(report, check):
    measures = "(一)行政复议\n办结案件。"
    findings = check(report(measures=measures))
    form = next(f for f in findings if f.code == "headings.numeral_form")
    assert (form.excerpt, form.fix) == ("(一)", "（一）")
    assert "punctuation.ascii" not in [f.code for f in findings]


def test_level_one_with_a_dot(report, check):
    text = report().replace("二、存在的不足和原因", "二.存在的不足和原因")
    form = next(f for f in check(text) if f.code == "headings.numeral_form")
    assert form.fix == "二、"


def test_standard_forms_are_fine(report, codes):
    measures = "（一）行政复议\n1.办结案件\n全年办结。\n（1）纠错\n依法纠错。"
    assert codes(report(measures=measures), "headings") == []


def test_damaged_headings(report, check):
    measures = "（一）行政复议\n办结案件。\n二）行政应诉\n出庭应诉。"
    damaged = [f for f in check(report(measures=measures)) if f.code == "headings.damaged"]
    assert [f.fix for f in damaged] == ["（二）"]
    text = report().replace("二、存在的不足和原因", "、存在的不足和原因")
    lost = next(f for f in check(text) if f.code == "headings.damaged")
    assert lost.fix == "二、"


def test_mixed_run_in_and_separate_headings(report, codes):
    measures = "（一）行政复议\n办结案件。\n（二）行政应诉。全年出庭应诉。\n（三）普法\n开展普法。"
    assert "headings.mixed_style" in codes(report(measures=measures))
