"""Numbers that contradict each other."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.checks.consistency import rate_verdict


@pytest.mark.parametrize(
    ("written", "part", "whole", "verdict"),
    [
        ("98", 2026, 2068, "ok"),
        ("5.38", 7, 130, "ok"),
        ("99", 2850, 2862, "truncated"),
        ("100", 2850, 2862, "ok"),
        ("99.58", 2850, 2862, "ok"),
        ("10", 1, 10, "ok"),
        ("97.60", 976, 1000, "ok"),
        ("12", 1, 10, "wrong"),
        ("5.39", 7, 130, "wrong"),
    ],
)
def test_rate_verdict_follows_the_rounding_as_written(written, part, whole, verdict):
    assert rate_verdict(Decimal(written), part, whole)[0] == verdict


def _measures(text: str) -> str:
    return "（一）化解矛盾纠纷\n" + text


def test_truncated_rate_is_a_warning_with_a_fix(report, check):
    text = report(measures=_measures("全年共调解矛盾纠纷2862件，调解成功2850件，调解成功率99%。"))
    finding = next(f for f in check(text) if f.code == "consistency.rate_rounding")
    assert finding.severity == "warning"
    assert text[finding.start : finding.end] == "99%"
    assert finding.fix == "99.58%"
    assert finding.part == "measures_and_results"


def test_rate_rounded_half_up_is_fine(report, codes):
    text = report(measures=_measures("全年调处各类矛盾纠纷2068起，调解成功2026起，成功率98%。"))
    assert codes(text, "consistency") == []


def test_rate_that_matches_no_rounding_is_an_error(report, check):
    text = report(measures=_measures("审结行政诉讼案件130件，败诉7件，败诉率5.83%。"))
    finding = next(f for f in check(text) if f.code == "consistency.rate_mismatch")
    assert finding.severity == "error"
    assert "5.38" in finding.message


def test_loss_rate_written_right_is_fine(report, codes):
    text = report(measures=_measures("审结行政诉讼案件130件，败诉7件，败诉率5.38%。"))
    assert codes(text, "consistency") == []


def test_rate_above_100_is_an_error(report, check):
    text = report(measures=_measures("受理热线工单500件，群众满意率102%。"))
    finding = next(f for f in check(text) if f.code == "consistency.rate_over_100")
    assert finding.severity == "error"


def test_completion_above_100_is_not_flagged(report, codes):
    text = report(
        measures=_measures("办理免费法律咨询案件300件，完成全年任务197%，同比增长率120%。")
    )
    assert "consistency.rate_over_100" not in codes(text)


def test_part_larger_than_whole_is_an_error(report, check):
    text = report(measures=_measures("全年审结行政诉讼案件7件，行政机关败诉9件。"))
    finding = next(f for f in check(text) if f.code == "consistency.part_exceeds_whole")
    assert finding.severity == "error"


def test_part_smaller_than_whole_is_fine(report, codes):
    text = report(measures=_measures("全年审结行政诉讼案件9件，行政机关败诉7件。"))
    assert "consistency.part_exceeds_whole" not in codes(text)


def test_totals_that_do_not_add_up(report, check):
    text = report(
        measures=_measures(
            "清理规范性文件86件，其中继续保留71件、予以修改4件、予以废止8件、宣布失效5件。"
        )
    )
    finding = next(f for f in check(text) if f.code == "consistency.sum_mismatch")
    assert "88" in finding.message


def test_totals_that_add_up(report, codes):
    text = report(
        measures=_measures(
            "清理规范性文件86件，其中继续保留71件、予以修改4件、予以废止8件、宣布失效3件。"
        )
    )
    assert "consistency.sum_mismatch" not in codes(text)


def test_same_indicator_with_two_values_is_a_warning(report, check):
    text = report(measures=_measures("办结行政复议案件40件。\n此外，办结行政复议案件42件。"))
    finding = next(f for f in check(text) if f.code == "consistency.conflicting_values")
    assert finding.severity == "warning"


def test_same_indicator_with_the_same_value_twice_is_fine(report, codes):
    text = report(measures=_measures("办结行政复议案件40件。\n此外，办结行政复议案件40件。"))
    assert "consistency.conflicting_values" not in codes(text)


def test_rate_on_another_base_in_the_sentence_is_not_a_contradiction(report, codes):
    text = report(
        measures=_measures("受理行政复议案件50件，办结行政复议案件40件，依法纠错5件，纠错率10%。")
    )
    assert "consistency.rate_mismatch" not in codes(text)
