"""Years and dates."""

from __future__ import annotations


def test_damaged_signature_date_is_an_error_with_a_fix(report, check):
    findings = check(report(date="20261月8"))
    finding = next(f for f in findings if f.code == "dates.damaged")
    assert finding.severity == "error"
    assert finding.fix == "2026年1月8日"


def test_date_with_year_and_day_is_not_damaged(report, codes):
    assert codes(report(date="2026年1月8日"), "dates") == []


def test_lost_year_character_is_a_warning(report, check):
    opening = "2025在市委、市政府的坚强领导下，测试县扎实推进法治政府建设。现将有关情况报告如下："
    finding = next(f for f in check(report(opening=opening)) if f.code == "dates.year_missing_char")
    assert finding.severity == "warning"
    assert finding.fix == "2025年"


def test_year_followed_by_a_unit_is_not_damage(report, codes):
    measures = "（一）普法\n组织2025名干部参加学法考试，开展普法活动30场。"
    assert codes(report(measures=measures), "dates") == []


def test_impossible_dates_are_errors(report, check):
    measures = "（一）学法\n2025年2月30日召开常务会议学法。"
    finding = next(f for f in check(report(measures=measures)) if f.code == "dates.impossible")
    assert finding.severity == "error"


def test_leap_day_is_possible(report, codes):
    measures = "（一）学法\n2024年2月29日召开常务会议学法，12月31日完成年度考核。"
    assert "dates.impossible" not in codes(report(measures=measures))


def test_last_years_results_in_this_years_report(report, check):
    measures = "（一）行政复议\n2024年全年办结行政复议案件40件。"
    finding = next(f for f in check(report(measures=measures)) if f.code == "dates.year_mismatch")
    assert finding.severity == "warning"


def test_earlier_year_as_background_is_fine(report, codes):
    measures = "（一）规范性文件\n对2005年以来现行有效的规范性文件进行专项清理，2025年全年备案规范性文件5件。"
    assert "dates.year_mismatch" not in codes(report(measures=measures))


def test_plans_for_another_year(report, check):
    findings = check(report(plan_heading="2025年工作安排"))
    finding = next(f for f in findings if f.code == "dates.plan_year")
    assert finding.fix == "2026"


def test_plans_for_the_next_year(report, codes):
    assert codes(report(plan_heading="2026年法治政府建设工作安排"), "dates") == []


def test_signature_date_format_of_gbt_9704(report, check):
    finding = next(
        f for f in check(report(date="2026年01月08日")) if f.code == "dates.signature_format"
    )
    assert finding.fix == "2026年1月8日"
    chinese = next(
        f for f in check(report(date="二〇二六年一月八日")) if f.code == "dates.signature_format"
    )
    assert chinese.fix == "2026年1月8日"


def test_date_after_the_publication_deadline_is_an_error(report, check):
    finding = next(
        f for f in check(report(date="2026年4月3日")) if f.code == "dates.after_deadline"
    )
    assert finding.severity == "error"


def test_date_before_the_deadline_is_fine(report, codes):
    assert codes(report(date="2026年3月31日"), "dates") == []


def test_signed_before_the_year_ended(report, check):
    finding = next(
        f for f in check(report(date="2025年6月1日")) if f.code == "dates.signed_too_early"
    )
    assert finding.severity == "warning"


def test_missing_date_is_a_hint(report, check):
    text = report().rsplit("\n", 1)[0]
    finding = next(f for f in check(text) if f.code == "dates.no_signature_date")
    assert finding.severity == "hint"
