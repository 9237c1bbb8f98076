"""LibreOffice as referee: the PDF of our DOCX must show 28 characters a line, 22 lines a page.

Skipped when LibreOffice or poppler is missing, unless DRAFTER_REQUIRE_SOFFICE is set (CI),
in which case their absence fails the run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from drafter.core.document import ReportDocument
from drafter.export.docx import write_docx
from drafter.export.pdf import convert_to_pdf, find_soffice

PT_PER_MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


def _require(found: str | None, what: str) -> None:
    if found:
        return
    if os.environ.get("DRAFTER_REQUIRE_SOFFICE"):
        pytest.fail(f"{what} is required (DRAFTER_REQUIRE_SOFFICE is set) but not installed")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def tools() -> None:
    _require(find_soffice(), "LibreOffice (soffice)")
    _require(shutil.which("pdftotext"), "poppler-utils (pdftotext)")


def _pdf_of(doc: ReportDocument, folder: Path) -> Path:
    docx_path = write_docx(doc, folder / "青禾县法治政府建设年度报告.docx")
    return convert_to_pdf(docx_path, folder / "pdf")


def _pages(pdf: Path) -> list[list[str]]:
    """The non-blank lines of each page, as `pdftotext -layout` reads them, spaces removed."""
    output = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = output.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [
        [re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()] for page in pages
    ]


def _line_boxes(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of each line on `page`, in points from the top left."""
    output = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    root = ET.fromstring(output)
    boxes = []
    for line in root.iter("{http://www.w3.org/1999/xhtml}line"):
        text = "".join(w.text or "" for w in line)
        boxes.append((*(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), text))
    return boxes


@pytest.fixture(scope="module")
def long_pdf(tools: None, tmp_path_factory, long_report: ReportDocument) -> Path:
    return _pdf_of(long_report, tmp_path_factory.mktemp("long"))


@pytest.fixture(scope="module")
def report_pdf(tools: None, tmp_path_factory, report: ReportDocument) -> Path:
    return _pdf_of(report, tmp_path_factory.mktemp("report"))


def _body_lines(page: list[str]) -> list[str]:
    return [line for line in page if not PAGE_NUMBER.match(line)]


def test_pdf_has_pages(long_pdf: Path, report_pdf: Path) -> None:
    assert len(_pages(long_pdf)) >= 4
    assert len(_pages(report_pdf)) >= 1


def test_full_body_line_holds_28_characters(long_pdf: Path, long_report: ReportDocument) -> None:
    first_paragraph = long_report.body[0].text
    lines = _body_lines(_pages(long_pdf)[1])
    assert lines, "page 2 is empty"
    for line in lines:
        assert len(line) == 28, line
        assert line in first_paragraph
    # The first line of a paragraph is indented two characters.
    page_one = _body_lines(_pages(long_pdf)[0])
    opening = next(line for line in page_one if first_paragraph.startswith(line))
    assert len(opening) == 26


def test_full_page_holds_22_body_lines(long_pdf: Path) -> None:
    pages = _pages(long_pdf)
    for number in (2, 3):
        assert len(_body_lines(pages[number - 1])) == 22, f"page {number}"


def test_page_numbers_are_dashed_and_alternate_sides(long_pdf: Path) -> None:
    pages = _pages(long_pdf)
    for number, page in enumerate(pages, start=1):
        numbers = [m.group(1) for m in map(PAGE_NUMBER.match, page) if m]
        assert numbers == [str(number)], f"page {number}"
    left_edge, right_edge = 28 * PT_PER_MM, (210 - 26) * PT_PER_MM
    text_bottom = (297 - 35) * PT_PER_MM
    for number in (1, 2):
        boxes = _line_boxes(long_pdf, number)
        x_min, y_min, x_max, y_max, _text = next(b for b in boxes if PAGE_NUMBER.match(b[4]))
        body_bottom = max(b[3] for b in boxes if not PAGE_NUMBER.match(b[4]))
        assert body_bottom <= text_bottom + 1
        dash_y = (y_min + y_max) / 2
        assert 5 * PT_PER_MM < dash_y - text_bottom < 9 * PT_PER_MM
        if number % 2:
            assert x_max == pytest.approx(right_edge - 14, abs=3)
        else:
            assert x_min == pytest.approx(left_edge + 14, abs=3)


def test_realistic_report_renders_its_text(report_pdf: Path) -> None:
    text = "".join(line for page in _pages(report_pdf) for line in page)
    assert "中共青禾市委、青禾市人民政府：" in text
    assert "（一）健全依法决策机制" in text
    assert "合法性审查率达100%；" in text
    assert text.endswith("青禾县人民政府2026年1月8日—1—")
