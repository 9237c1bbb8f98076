"""Punctuation and numbers."""

from __future__ import annotations


def _measures(text: str) -> str:
    return "（一）综合\n" + text


def test_ascii_punctuation_in_chinese_text(report, check):
    text = report(measures=_measures("全年办结行政复议案件40件,依法纠错4件。"))
    finding = next(f for f in check(text) if f.code == "punctuation.ascii")
    assert (text[finding.start : finding.end], finding.fix) == (",", "，")


def test_decimals_and_thousands_are_not_punctuation(report, codes):
    text = report(measures=_measures("网办率达97.83%，受理办件1,200件，时间为15:30。"))
    assert codes(text, "punctuation") == []


def test_unbalanced_title_marks(report, check):
    text = report(measures=_measures("印发工作清单》《实施方案，推进落实。"))
    assert "punctuation.unbalanced" in [f.code for f in check(text)]


def test_balanced_pairs_are_fine(report, codes):
    text = report(measures=_measures("印发《实施方案》，落实“谁执法谁普法”（含乡镇）。"))
    assert codes(text, "punctuation") == []


def test_doubled_punctuation(report, check):
    text = report(measures=_measures("全年办结案件40件，，依法纠错4件。。"))
    doubled = [f for f in check(text) if f.code == "punctuation.doubled"]
    assert [f.fix for f in doubled] == ["，", "。"]


def test_ellipsis_and_dash_are_not_doubled(report, codes):
    text = report(measures=_measures("开展普法、调解……等工作——成效明显。"))
    assert codes(text, "punctuation") == []


def test_percent_missing_in_a_range(report, check):
    text = report(measures=_measures("审批时限压缩10-20%。"))
    finding = next(f for f in check(text) if f.code == "punctuation.range_percent")
    assert finding.fix == "10%～20%"


def test_percent_range_written_in_full(report, codes):
    text = report(measures=_measures("审批时限压缩10%～20%，2021—2025年持续推进。"))
    assert "punctuation.range_percent" not in codes(text)


def test_mixed_numerals_for_the_same_unit(report, check):
    text = report(measures=_measures("开展执法监督十二次，开展普法活动30次。"))
    finding = next(f for f in check(text) if f.code == "punctuation.mixed_numerals")
    assert (finding.severity, finding.fix) == ("hint", "12")


def test_chinese_numerals_alone_are_fine(report, codes):
    text = report(measures=_measures("开展执法监督十二次，评查案卷150卷。"))
    assert "punctuation.mixed_numerals" not in codes(text)
