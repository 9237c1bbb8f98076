"""Required contents: items 1-4 each need a part of their own."""

from __future__ import annotations


def test_clean_report_has_no_findings(report, check):
    assert check(report()) == []


def test_missing_parts_are_errors_naming_the_item(report, check):
    findings = [
        f
        for f in check(report(shortcomings=None, duties=None))
        if f.code == "required.missing_part"
    ]
    assert {f.part for f in findings} == {
        "shortcomings_and_causes",
        "first_responsible_person_duties",
    }
    assert all(f.severity == "error" for f in findings)
    assert any("第一责任人" in f.message for f in findings)


def test_a_passing_sentence_is_not_a_part(report, codes):
    measures = "全年办结行政复议案件40件。党政主要负责人切实履行推进法治建设第一责任人职责。"
    assert "required.missing_part" in codes(report(measures=measures, duties=None))


def test_item_as_sub_heading_is_only_a_hint(report, check):
    measures = "（一）深化行政复议\n全年办结案件。\n（二）党政主要负责人履行推进法治建设第一责任人职责情况\n县长带头学法。"
    findings = check(report(measures=measures, duties=None))
    assert "required.missing_part" not in [f.code for f in findings]
    hint = next(f for f in findings if f.code == "required.part_in_subsection")
    assert hint.severity == "hint"


def test_optional_item_five_may_be_left_out(report, codes):
    assert codes(report(), "required") == []
