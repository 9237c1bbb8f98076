"""Plain-text export."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.document import Block, ReportDocument
from drafter.errors import ExportError
from drafter.export.text import render_text, write_text


def test_render_text_orders_title_addressee_body_and_signature() -> None:
    doc = ReportDocument(
        title="青禾县2025年法治政府建设年度报告",
        addressee="青禾市人民政府",
        body=[
            Block("heading1", "一、主要举措和成效"),
            Block("paragraph", "全年办结案件40件,同比增长5%。"),
        ],
        issuers=["中共青禾县委", "青禾县人民政府"],
        date="2026年1月8日",
    )
    assert render_text(doc) == (
        "青禾县2025年法治政府建设年度报告\n"
        "\n"
        "青禾市人民政府：\n"
        "一、主要举措和成效\n"
        "全年办结案件40件，同比增长5%。\n"
        "\n"
        "中共青禾县委\n"
        "青禾县人民政府\n"
        "2026年1月8日\n"
    )


def test_render_text_without_optional_parts() -> None:
    doc = ReportDocument(title="青禾县法治政府建设情况", addressee=None)
    assert render_text(doc) == "青禾县法治政府建设情况\n\n"


def test_write_text_is_utf8_and_refuses_to_overwrite(
    tmp_path: Path, report: ReportDocument
) -> None:
    target = tmp_path / "青禾县报告.txt"
    assert write_text(report, target) == target
    assert target.read_text(encoding="utf-8") == render_text(report)
    with pytest.raises(ExportError):
        write_text(report, target)
    write_text(ReportDocument(title="新标题", addressee=None), target, overwrite=True)
    assert target.read_text(encoding="utf-8").startswith("新标题\n")
    assert [p.name for p in tmp_path.iterdir()] == ["青禾县报告.txt"]
