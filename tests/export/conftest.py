"""Report documents written for the export tests (our own sentences, not the seeds')."""

from __future__ import annotations

import pytest

from drafter.core.document import Block, ReportDocument

HAN_RUN = "坚持依法行政推进严格规范公正文明执法深化政务公开优化法治化营商环境夯实基层法治基础"
"""Han characters only: no punctuation, so line breaks are never moved by kinsoku rules."""


def han_text(length: int, offset: int = 0) -> str:
    """`length` Han characters cut from a repeated phrase starting at `offset`."""
    repeated = HAN_RUN * (length // len(HAN_RUN) + 2)
    return repeated[offset : offset + length]


@pytest.fixture(scope="session")
def report() -> ReportDocument:
    """A short but complete report with every block kind and some ASCII punctuation."""
    return ReportDocument(
        title="青禾县人民政府关于2025年度法治政府建设情况的报告",
        addressee="中共青禾市委、青禾市人民政府",
        body=[
            Block("paragraph", "2025年,我县围绕年度目标,扎实推进各项工作.现将有关情况报告如下:"),
            Block("heading1", "一、主要举措和成效"),
            Block("heading2", "(一)健全依法决策机制"),
            Block("paragraph", "全年审查重大行政决策12件,合法性审查率达100%;审核合同1,200余份。"),
            Block("heading3", "1.完善规范性文件备案审查"),
            Block("paragraph", '报备规范性文件8件,及时纠正"一刀切"做法——做到有件必备……'),
            Block("heading1", "二、存在的不足和原因"),
            Block("paragraph", "基层执法力量仍然薄弱,队伍专业化水平有待提高。"),
        ],
        issuers=["青禾县人民政府"],
        date="2026年1月8日",
    )


@pytest.fixture(scope="session")
def long_report() -> ReportDocument:
    """Three pages and more of plain Han body text after a title and an addressee."""
    return ReportDocument(
        title="青禾县2025年法治政府建设年度报告",
        addressee="青禾市人民政府",
        body=[Block("paragraph", han_text(28 * 22 * 3, offset=n)) for n in range(2)],
        issuers=["青禾县人民政府"],
        date="2026年2月3日",
    )
