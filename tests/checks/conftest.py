"""A small, clean report to vary in each test, and a helper to run the checks on it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drafter.checks import Finding, check_text

MEASURES = (
    "（一）深化行政复议\n"
    "全年办结行政复议案件40件，依法纠错4件，纠错率10%。"
    "开展行政执法监督12次，评查行政执法案卷150卷。"
)
SHORTCOMINGS = "一是部分干部法治意识不够强。二是基层执法力量仍较薄弱。"
DUTIES = "县政府主要负责人带头学法，听取法治建设工作汇报3次。"
PLAN = "（一）提升依法决策水平。严格执行重大行政决策程序。"


def build_report(
    year: int = 2025,
    *,
    measures: str = MEASURES,
    shortcomings: str | None = SHORTCOMINGS,
    duties: str | None = DUTIES,
    plan: str | None = PLAN,
    plan_heading: str | None = None,
    opening: str | None = None,
    date: str | None = None,
) -> str:
    """A report on `year` with parts 1-4 (a part is left out when its text is None)."""
    lines = [
        f"测试县人民政府关于{year}年度法治政府建设情况的报告",
        "中共某市委、某市人民政府：",
        opening
        or f"{year}年，测试县深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：",
        "一、主要举措和成效",
        measures,
    ]
    number = iter("二三四五")
    if shortcomings is not None:
        lines += [f"{next(number)}、存在的不足和原因", shortcomings]
    if duties is not None:
        lines += [f"{next(number)}、党政主要负责人履行推进法治建设第一责任人职责情况", duties]
    if plan is not None:
        lines += [f"{next(number)}、{plan_heading or f'{year + 1}年工作安排'}", plan]
    lines += ["测试县人民政府", date or f"{year + 1}年1月8日"]
    return "\n".join(lines)


@pytest.fixture
def report() -> Callable[..., str]:
    return build_report


@pytest.fixture
def check() -> Callable[..., list[Finding]]:
    """Check a text and return its findings."""
    return check_text


@pytest.fixture
def codes() -> Callable[..., list[str]]:
    """Codes of the findings of a text (optionally only those starting with a prefix)."""

    def run(text: str, prefix: str = "", **kwargs: object) -> list[str]:
        return [f.code for f in check_text(text, **kwargs) if f.code.startswith(prefix)]

    return run
