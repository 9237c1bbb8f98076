"""The DOCX exporter, checked by reopening the written file with python-docx."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from drafter.core.document import ReportDocument
from drafter.errors import ExportError
from drafter.export.docx import write_docx

FILE_NAME = "青禾县2025年法治政府建设年度报告.docx"
EXPECTED_FONTS = {
    "Normal": "仿宋_GB2312",
    "GbTitle": "方正小标宋简体",
    "GbAddressee": "仿宋_GB2312",
    "GbHeading1": "黑体",
    "GbHeading2": "楷体_GB2312",
    "GbHeading3": "仿宋_GB2312",
    "GbSignature": "仿宋_GB2312",
    "GbDate": "仿宋_GB2312",
    "GbPageNumber": "宋体",
}


@pytest.fixture
def written(tmp_path: Path, report: ReportDocument) -> Path:
    return write_docx(report, tmp_path / FILE_NAME)


@pytest.fixture
def reopened(written: Path) -> docx.document.Document:
    return docx.Document(str(written))


def _style(document, style_id: str):
    return next(s for s in document.styles if s.style_id == style_id)


def _rfonts(element) -> dict[str, str]:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return {} if fonts is None else {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def _footers(document):
    section = document.sections[0]
    return {"odd": section.footer, "even": section.even_page_footer}


def test_page_is_a4_with_gbt9704_margins(reopened) -> None:
    section = reopened.sections[0]
    measured = {
        "width": section.page_width.mm,
        "height": section.page_height.mm,
        "top": section.top_margin.mm,
        "bottom": section.bottom_margin.mm,
        "left": section.left_margin.mm,
        "right": section.right_margin.mm,
    }
    expected = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
    for key, value in expected.items():
        assert measured[key] == pytest.approx(value, abs=0.1), key


def test_section_has_a_579_twip_line_grid(reopened) -> None:
    grid = reopened.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None


@pytest.mark.parametrize(("style_id", "font"), EXPECTED_FONTS.items())
def test_styles_name_the_official_font_in_every_slot(reopened, style_id: str, font: str) -> None:
    fonts = _rfonts(_style(reopened, style_id).element)
    assert fonts["eastAsia"] == font
    assert fonts["hAnsi"] == font
    assert fonts["ascii"] == font


def test_font_sizes_and_alignment(reopened) -> None:
    assert _style(reopened, "Normal").font.size.pt == 16
    assert _style(reopened, "GbTitle").font.size.pt == 22
    assert _style(reopened, "GbPageNumber").font.size.pt == 14
    for style_id in ("GbHeading1", "GbHeading2", "GbHeading3"):
        assert _style(reopened, style_id).font.size in (None, docx.shared.Pt(16))
    assert _style(reopened, "GbTitle").paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_body_is_condensed_and_indented_two_characters(reopened) -> None:
    normal = _style(reopened, "Normal").element
    spacing = normal.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    assert spacing.get(qn("w:val")) == "-5"
    ind = normal.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert int(ind.get(qn("w:firstLine"))) == pytest.approx(640, abs=20)
    title_ind = _style(reopened, "GbTitle").element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert title_ind.get(qn("w:firstLineChars")) == "0"


def test_every_run_names_its_paragraph_styles_east_asian_font(reopened) -> None:
    parts = [reopened.element.body] + [f._element for f in _footers(reopened).values()]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert len(runs) > 10
    for run in runs:
        paragraph = run.getparent()
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = "Normal" if style is None else style.get(qn("w:val"))
        assert _rfonts(run).get("eastAsia") == EXPECTED_FONTS[style_id], run.xpath("string(.)")


def test_no_theme_fonts_anywhere(written: Path) -> None:
    with zipfile.ZipFile(written) as package:
        xml_parts = [n for n in package.namelist() if n.endswith(".xml")]
        assert "word/styles.xml" in xml_parts
        for name in xml_parts:
            text = package.read(name).decode("utf-8")
            assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", text), name
            assert 'w:eastAsia="ja-JP"' not in text, name


def test_east_asian_language_is_chinese(reopened) -> None:
    defaults = reopened.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_odd_and_even_footers_carry_page_fields(reopened) -> None:
    assert reopened.settings.odd_and_even_pages_header_footer is True
    expected_alignment = {"odd": WD_ALIGN_PARAGRAPH.RIGHT, "even": WD_ALIGN_PARAGRAPH.LEFT}
    for side, footer in _footers(reopened).items():
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == expected_alignment[side]
        instructions = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert instructions.strip() == "PAGE"
        kinds = [f.get(qn("w:fldCharType")) for f in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert re.fullmatch(r"— \d+ —", paragraph.text), paragraph.text
    odd = _footers(reopened)["odd"].paragraphs[0].paragraph_format
    even = _footers(reopened)["even"].paragraphs[0].paragraph_format
    assert odd.right_indent.pt == pytest.approx(14, abs=0.1)
    assert even.left_indent.pt == pytest.approx(14, abs=0.1)


def test_blocks_become_styled_paragraphs_with_full_width_punctuation(reopened) -> None:
    paragraphs = [(p.style.style_id, p.text) for p in reopened.paragraphs]
    assert paragraphs[0] == ("GbTitle", "青禾县人民政府关于2025年度法治政府建设情况的报告")
    assert paragraphs[1] == ("Normal", "")
    assert paragraphs[2] == ("GbAddressee", "中共青禾市委、青禾市人民政府：")
    assert paragraphs[3] == (
        "Normal",
        "2025年，我县围绕年度目标，扎实推进各项工作。现将有关情况报告如下：",
    )
    assert ("GbHeading1", "一、主要举措和成效") in paragraphs
    assert ("GbHeading2", "（一）健全依法决策机制") in paragraphs
    assert ("GbHeading3", "1.完善规范性文件备案审查") in paragraphs
    assert (
        "Normal",
        "全年审查重大行政决策12件，合法性审查率达100%；审核合同1,200余份。",
    ) in paragraphs
    assert ("Normal", "报备规范性文件8件，及时纠正“一刀切”做法——做到有件必备……") in paragraphs


def test_issuer_is_centred_over_the_date_four_characters_in(reopened) -> None:
    issuer, date = reopened.paragraphs[-2], reopened.paragraphs[-1]
    assert (issuer.text, date.text) == ("青禾县人民政府", "2026年1月8日")
    assert reopened.paragraphs[-3].text == ""
    for paragraph in (issuer, date):
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    date_ind = date._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    issuer_ind = issuer._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    # The date is 6 characters wide (digits count half), the issuer 7: the issuer's right
    # edge sits half a character further out than the date's 4 characters.
    assert date_ind.get(qn("w:rightChars")) == "400"
    assert issuer_ind.get(qn("w:rightChars")) == "350"


def test_addressee_colon_is_not_doubled(tmp_path: Path, report: ReportDocument) -> None:
    with_colon = ReportDocument(**{**report.__dict__, "addressee": "青禾市人民政府："})
    document = docx.Document(str(write_docx(with_colon, tmp_path / "a.docx")))
    assert document.paragraphs[2].text == "青禾市人民政府："


def test_without_addressee_or_signature(tmp_path: Path) -> None:
    bare = ReportDocument(title="青禾县法治政府建设情况", addressee=None)
    document = docx.Document(str(write_docx(bare, tmp_path / "b.docx")))
    assert [p.text for p in document.paragraphs] == ["青禾县法治政府建设情况", ""]


def test_existing_file_is_not_overwritten(written: Path, report: ReportDocument) -> None:
    before = written.read_bytes()
    with pytest.raises(ExportError) as caught:
        write_docx(report, written)
    assert written.name in str(caught.value)
    assert written.read_bytes() == before


def test_overwrite_replaces_the_file(written: Path, report: ReportDocument) -> None:
    changed = ReportDocument(**{**report.__dict__, "title": "青禾县法治政府建设年度报告（修改稿）"})
    write_docx(changed, written, overwrite=True)
    assert docx.Document(str(written)).paragraphs[0].text == "青禾县法治政府建设年度报告（修改稿）"


def test_write_leaves_only_the_document_behind(written: Path) -> None:
    assert sorted(p.name for p in written.parent.iterdir()) == [FILE_NAME]


def test_failed_write_keeps_old_file_and_leaves_no_temp_file(
    written: Path, report: ReportDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = written.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError):
        write_docx(report, written, overwrite=True)
    assert written.read_bytes() == before
    assert sorted(p.name for p in written.parent.iterdir()) == [FILE_NAME]


def test_missing_folder_is_an_export_error(tmp_path: Path, report: ReportDocument) -> None:
    with pytest.raises(ExportError):
        write_docx(report, tmp_path / "不存在的文件夹" / FILE_NAME)


def test_line_break_in_title_becomes_a_break(tmp_path: Path) -> None:
    doc = ReportDocument(title="青禾县人民政府关于2025年度\n法治政府建设情况的报告", addressee=None)
    document = docx.Document(str(write_docx(doc, tmp_path / "c.docx")))
    title = document.paragraphs[0]._p
    assert len(title.findall(f"{qn('w:r')}/{qn('w:br')}")) == 1
    assert document.paragraphs[0].text == "青禾县人民政府关于2025年度\n法治政府建设情况的报告"
