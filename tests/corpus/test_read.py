from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from drafter.corpus.read import MAX_BYTES, iter_report_files, read_many, read_report
from drafter.errors import ReadError

REPORT = "某县2025年法治政府建设年度报告\n一、主要举措和成效\n办结行政复议案件12件。\n"


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes(REPORT.encode("utf-8"))
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    assert read_report(plain).text == REPORT
    assert read_report(bom).text == REPORT
    assert read_report(bom).format == "txt"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_is_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode(encoding))
    source = read_report(path)
    assert source.text == REPORT
    assert source.encoding == "gb18030"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    assert read_report(path).text == REPORT


def test_docx_paragraphs_tables_and_heading_styles(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县2025年法治政府建设年度报告", style="Title")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("办结行政复议案件12件。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).text = "法律援助案件"
    table.cell(1, 1).text = "139件"
    document.add_paragraph("表后的段落。")
    path = tmp_path / "report.docx"
    document.save(path)
    source = read_report(path)
    assert source.format == "docx"
    assert source.text.splitlines() == [
        "某县2025年法治政府建设年度报告",
        "主要举措和成效",
        "办结行政复议案件12件。",
        "指标\t数值",
        "法律援助案件\t139件",
        "表后的段落。",
    ]
    assert source.style_headings == ((0, 0), (1, 1))


def test_html_article_without_menus(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><meta charset="utf-8">
    <title>某县2025年法治政府建设年度报告_某县人民政府</title>
    <style>p{color:red}</style><script>var menu = "首页";</script></head><body>
    <header><a href="/">首页</a><a href="/gk">政务公开</a><a href="/hd">互动交流</a></header>
    <nav><ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li></ul></nav>
    <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/f">法治政府</a></div>
    <div class="article"><h1>某县2025年法治政府建设年度报告</h1>
    <div class="info">发布时间：2026-02-01 来源：某县司法局</div>
    <div id="zoom"><p>2025年，某县坚持依法行政。</p><p>一、主要举措和成效</p>
    <p>办结行政复议案件12件，<b>出庭应诉率</b>100%。</p></div></div>
    <div class="links"><a href="/1">某县2024年报告</a> <a href="/2">某县2023年报告</a>
    <a href="/3">其他稿件</a></div>
    <aside>热点专题</aside><footer>版权所有：某县人民政府 网站标识码 1234</footer>
    </body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    source = read_report(path)
    assert source.format == "html"
    lines = source.text.splitlines()
    assert lines[0] == "某县2025年法治政府建设年度报告"
    assert "办结行政复议案件12件，出庭应诉率100%。" in lines
    for menu_word in ("政务公开", "机构概况", "某县2024年报告", "热点专题", "版权所有", "var menu"):
        assert menu_word not in source.text


def test_html_in_gbk_saved_as_doc_is_read(tmp_path: Path) -> None:
    path = tmp_path / "报告.doc"
    path.write_bytes("<html><body><p>某县2025年法治政府建设报告</p></body></html>".encode("gbk"))
    assert read_report(path).text == "某县2025年法治政府建设报告"


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        ("empty.txt", b"", "空的"),
        ("blank.txt", b"  \n\r\n ", "空的"),
        ("binary.txt", bytes(range(256)) * 8, "不是文字"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "已损坏"),
        ("not-a-zip.docx", "纯文本内容".encode(), "已损坏"),
        ("2024年报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为 .docx"),
        ("old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "WPS"),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "图片"),
        ("report.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_bad_inputs_give_one_sentence(tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_report(path)
    message = str(info.value)
    assert message.startswith(f"无法读取 {name}：")
    assert phrase in message
    assert "\n" not in message and message.endswith("。")


def test_truncated_real_docx(tmp_path: Path) -> None:
    import docx

    whole = tmp_path / "whole.docx"
    document = docx.Document()
    document.add_paragraph("某县2025年法治政府建设年度报告")
    document.save(whole)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ReadError, match="已损坏"):
        read_report(cut)


def test_docx_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="已损坏"):
        read_report(path)


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError, match="20 MB"):
        read_report(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="找不到"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="文件夹"):
        read_report(tmp_path)
    with pytest.raises(ReadError, match="找不到"):
        iter_report_files(tmp_path / "nope")


def test_iter_and_read_many(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    good = tmp_path / "sub" / "2024.txt"
    good.write_text(REPORT, encoding="utf-8")
    legacy = tmp_path / "2023.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (tmp_path / "~$2024.docx").write_bytes(b"lock")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    files = iter_report_files(tmp_path)
    assert files == [legacy, good]
    sources, failures = read_many(files)
    assert [s.path for s in sources] == [good]
    assert [(p, "旧版 Word" in m) for p, m in failures] == [(legacy, True)]
