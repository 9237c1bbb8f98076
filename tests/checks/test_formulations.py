"""Formulations that date a report."""

from __future__ import annotations


def _opening(year: int, phrase: str) -> str:
    return f"{year}年，测试县{phrase}，扎实推进法治政府建设。现将有关情况报告如下："


def test_plenum_that_had_not_met_yet(report, check):
    text = report(2024, opening=_opening(2024, "深入学习贯彻党的二十届四中全会精神"))
    finding = next(f for f in check(text) if f.code == "formulations.not_yet")
    assert finding.severity == "error"


def test_plenum_that_had_met_by_the_time_of_writing(report, codes):
    text = report(2025, opening=_opening(2025, "深入学习贯彻党的二十届四中全会精神"))
    assert codes(text, "formulations") == []


def test_outdated_meetings(report, check):
    text = report(2025, opening=_opening(2025, "深入学习贯彻党的十九届历次全会精神"))
    finding = next(f for f in check(text) if f.code == "formulations.outdated")
    assert finding.severity == "warning"


def test_meetings_current_in_their_year(report, codes):
    text = report(2022, opening=_opening(2022, "深入学习贯彻党的十九届六中全会精神"))
    assert codes(text, "formulations") == []


def test_plan_periods_by_year(report, check):
    old = report(2026, opening=_opening(2026, "围绕“十四五”规划目标"))
    assert [f.severity for f in check(old) if f.code == "formulations.outdated"] == ["hint"]
    current = report(2025, opening=_opening(2025, "围绕“十四五”规划收官，谋划“十五五”"))
    assert [f for f in check(current) if f.code.startswith("formulations")] == []
