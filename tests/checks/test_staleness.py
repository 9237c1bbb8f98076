"""Stale content: last year's values and sentences."""

from __future__ import annotations


def test_value_equal_to_last_year_is_flagged_but_not_an_error(report, check):
    findings = check(report(), last_year_values={"review_concluded": 40})
    finding = next(f for f in findings if f.code == "staleness.same_value")
    assert finding.severity == "warning"
    assert "40" in finding.excerpt


def test_changed_value_is_not_flagged(report, codes):
    assert codes(report(), "staleness", last_year_values={"review_concluded": 39}) == []


def test_full_rates_staying_full_are_normal(report, codes):
    measures = (
        "（一）行政应诉\n应出庭应诉案件26件，负责人出庭应诉26件，行政机关负责人出庭应诉率100%。"
    )
    values = {"court_appearance_rate": 100}
    assert codes(report(measures=measures), "staleness", last_year_values=values) == []


def test_small_stock_counts_are_only_hints(report, check):
    measures = "（一）法律顾问\n县政府聘请法律顾问6名。"
    findings = check(report(measures=measures), last_year_values={"legal_advisers": 6})
    assert [f.severity for f in findings if f.code == "staleness.same_value"] == ["hint"]


def test_values_read_off_last_years_text(report, codes):
    last_year = report(2024)
    assert "staleness.same_value" in codes(report(), last_year_text=last_year)


def test_copied_sentences_and_their_share(report, check):
    shared = "一是部分干部运用法治思维和法治方式推动工作的能力不强。二是基层综合行政执法力量与日益繁重的执法任务仍不相适应。"
    findings = check(report(shortcomings=shared), last_year_text=report(2024, shortcomings=shared))
    copied = [f for f in findings if f.code == "staleness.copied_sentence"]
    assert len([f for f in copied if f.part == "shortcomings_and_causes"]) == 2
    share = next(f for f in findings if f.code == "staleness.reused_share")
    assert "%" in share.message
    assert share.severity in ("hint", "warning")


def test_rewritten_sentences_are_not_flagged(report, check):
    last = report(2024, shortcomings="一是部分干部运用法治思维和法治方式推动工作的能力还不够强。")
    this = report(shortcomings="一是部分干部运用法治思维和法治方式推动工作的能力仍需进一步提高。")
    findings = check(this, last_year_text=last)
    assert [f for f in findings if f.part == "shortcomings_and_causes"] == []
