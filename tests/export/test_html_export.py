"""HTML preview export."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter.core.document import Block, ReportDocument
from drafter.errors import ExportError
from drafter.export.html import render_html, write_html


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.texts: list[str] = []
        """Text in the page body, one entry per element."""

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        if data.strip() and "main" in self.tags:
            self.texts.append(data.strip())


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_everything_the_clerk_typed_is_escaped() -> None:
    doc = ReportDocument(
        title="<b>青禾县</b>报告",
        addressee="A&B",
        body=[Block("paragraph", '<script>alert("x")</script>工作')],
        issuers=["青禾县<人民政府>"],
        date="2026年1月8日",
    )
    page = render_html(doc)
    parsed = _parse(page)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert "&lt;script&gt;" in page
    assert "青禾县&lt;人民政府&gt;" in page
    assert "A&amp;B：" in page


def test_preview_has_the_blocks_in_order(report: ReportDocument) -> None:
    parsed = _parse(render_html(report))
    assert parsed.texts[0:3] == [
        "青禾县人民政府关于2025年度法治政府建设情况的报告",
        "中共青禾市委、青禾市人民政府：",
        "2025年，我县围绕年度目标，扎实推进各项工作。现将有关情况报告如下：",
    ]
    assert parsed.texts[-2:] == ["青禾县人民政府", "2026年1月8日"]
    assert [t for t in parsed.tags if t in ("h2", "h3", "h4")][:3] == ["h2", "h3", "h4"]


def test_preview_uses_the_official_page_and_fonts(report: ReportDocument) -> None:
    page = render_html(report)
    assert '<html lang="zh-CN">' in page
    assert "margin: 37.0mm 26.0mm 35.0mm 28.0mm" in page
    assert '"仿宋_GB2312"' in page and '"方正小标宋简体"' in page


def test_write_html_refuses_to_overwrite(tmp_path: Path, report: ReportDocument) -> None:
    target = tmp_path / "预览.html"
    write_html(report, target)
    with pytest.raises(ExportError):
        write_html(report, target)
    assert target.read_text(encoding="utf-8") == render_html(report)
