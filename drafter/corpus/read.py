"""Readers for past reports: plain text (any common Chinese encoding), DOCX (Word, WPS) and HTML.

Every failure becomes a `ReadError` whose message tells the clerk what to do; one bad file never
stops the others (`read_many`).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.corpus.html_text import html_to_text
from drafter.errors import ReadError

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: an annual report is a few hundred kilobytes at most."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

SourceFormat = Literal["txt", "docx", "html"]
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx"})
LEGACY_SUFFIXES = frozenset({".doc", ".wps", ".pdf", ".rtf"})
REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | LEGACY_SUFFIXES
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"})

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|body|head|meta|div|p|table)[\s>]", re.IGNORECASE
)
_DOCX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    LookupError,
    ValueError,
    SyntaxError,
    OSError,
    AttributeError,
    TypeError,
)
"""What python-docx and zipfile raise on broken packages (lxml's XMLSyntaxError is a SyntaxError)."""


@dataclass(frozen=True)
class SourceText:
    """The text of one past report as read from disk, one paragraph (or table row) a line."""

    path: Path
    format: SourceFormat
    text: str
    style_headings: tuple[tuple[int, int], ...] = ()
    """(line index, level) of DOCX paragraphs whose style or outline level makes them headings."""
    encoding: str | None = None
    """The encoding a text or HTML file was decoded with."""


def _fail(path: Path, reason: str) -> ReadError:
    return ReadError(f"无法读取 {path.name}：{reason}")


_LEGACY_MESSAGES = {
    ".doc": "这是旧版 Word 格式，请先在 Word 或 WPS 中另存为 .docx 再导入。",
    ".wps": "这是旧版 WPS 文字格式，请先在 WPS 中另存为 .docx 再导入。",
    ".pdf": "暂不支持 PDF，请在 WPS 或 Word 中打开后另存为 .docx，或把正文复制到 .txt 文件再导入。",
    ".rtf": "这是 RTF 格式，请先在 Word 或 WPS 中另存为 .docx 再导入。",
    "image": "这是图片，请先用文字识别（OCR）转成文字，保存为 .docx 或 .txt 再导入。",
    "office": "这是表格或演示文稿，请把报告正文保存为 .docx 或 .txt 再导入。",
}


def _sniff(data: bytes, suffix: str) -> str:
    """The real kind of a file from its first bytes, falling back on its suffix."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            ".wps"
            if suffix == ".wps"
            else "office"
            if suffix in (".xls", ".ppt", ".et", ".dps")
            else ".doc"
        )
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"{\\rtf"):
        return ".rtf"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")) or (
        data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    ):
        return "image"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in HTML_SUFFIXES or _HTML_SNIFF.search(data[:4096]):
        return "html"
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes, detecting UTF-8 (with or without BOM), UTF-16 with BOM and GBK/GB18030.

    Raises:
        ValueError: the bytes are not text in any of these encodings.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        raise ValueError("NUL bytes in text without a UTF-16 byte order mark")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("neither UTF-8 nor GB18030")


def _looks_binary(text: str) -> bool:
    odd = sum(
        1
        for ch in text
        if (ord(ch) < 32 and ch not in "\n\r\t\f") or "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd"
    )
    return odd > max(2, len(text) // 100)


def _read_docx(data: bytes) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text and style headings of a DOCX package; python-docx's own errors become ValueError."""
    from docx.exceptions import PythonDocxError

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise ValueError("no word/document.xml in the package")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise ValueError("package too large when unpacked")
    try:
        return _docx_lines(data)
    except PythonDocxError as exc:
        raise ValueError(str(exc)) from exc


def _docx_lines(data: bytes) -> tuple[str, tuple[tuple[int, int], ...]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    headings: list[tuple[int, int]] = []

    def walk(container, parent) -> None:  # noqa: ANN001 - lxml elements and python-docx parents
        for child in container.iterchildren():
            if child.tag == _W + "p":
                paragraph = Paragraph(child, parent)
                text = paragraph.text.strip()
                if text:
                    level = _paragraph_level(paragraph)
                    if level is not None:
                        headings.append((len(lines), level))
                    lines.append(text)
            elif child.tag == _W + "tbl":
                for row in Table(child, parent).rows:
                    cells: list[str] = []
                    seen: list[object] = []
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):
                            continue
                        seen.append(cell._tc)
                        cells.append(" ".join(cell.text.split()))
                    if any(cells):
                        lines.append("\t".join(cells))
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(document.element.body, document._body)
    return "\n".join(lines), tuple(headings)


def _paragraph_level(paragraph) -> int | None:  # noqa: ANN001 - docx.text.paragraph.Paragraph
    """Heading level from the paragraph's outline level or style name; 0 for a Title style."""
    p_pr = paragraph._p.pPr
    if p_pr is not None:
        outline = p_pr.find(_W + "outlineLvl")
        if outline is not None and (val := outline.get(_W + "val", "")).isdigit() and int(val) < 9:
            return int(val) + 1
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.lower() == "title" or name == "标题":
        return 0
    match = _HEADING_STYLE.match(name.strip())
    return int(match.group(1)) if match else None


def read_report(path: Path) -> SourceText:
    """Read one past report (.txt, .docx, .html); the format is sniffed, not taken on trust.

    Raises:
        ReadError: the file is missing, empty, too large, broken, binary or in a format we cannot
            read (.doc, .wps, .pdf, images); the message says what to do.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise _fail(path, "这是一个文件夹，请选择其中的报告文件。")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(path, "文件超过 20 MB，不像是一份年度报告，请确认选对了文件。")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise _fail(path, "找不到这个文件，请检查路径是否正确。") from exc
    except OSError as exc:
        raise _fail(path, f"文件打不开（{exc.strerror or exc}），请检查文件权限后重试。") from exc
    if not data.strip():
        raise _fail(path, "文件是空的，请确认选对了文件。")
    suffix = path.suffix.lower()
    kind = _sniff(data, suffix)
    if kind in _LEGACY_MESSAGES:
        raise _fail(path, _LEGACY_MESSAGES[kind])
    if kind == "zip":
        if suffix in (".xlsx", ".pptx", ".et", ".dps"):
            raise _fail(path, _LEGACY_MESSAGES["office"])
        try:
            text, headings = _read_docx(data)
        except _DOCX_ERRORS as exc:
            raise _fail(
                path,
                "文件已损坏或不是 Word 文档，请重新下载，或在 Word/WPS 中另存为 .docx 后再导入。",
            ) from exc
        return _checked(SourceText(path=path, format="docx", text=text, style_headings=headings))
    if suffix in DOCX_SUFFIXES:
        raise _fail(
            path, "文件已损坏或不是 Word 文档，请重新下载，或在 Word/WPS 中另存为 .docx 后再导入。"
        )
    try:
        text, encoding = decode_text(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _fail(
            path, "无法识别文字编码或文件内容不是文字，请另存为 UTF-8 文本（.txt）或 .docx 再导入。"
        ) from exc
    if _looks_binary(text):
        raise _fail(path, "文件内容不是文字，请确认选对了文件，或另存为 .txt/.docx 再导入。")
    if kind == "html":
        return _checked(
            SourceText(path=path, format="html", text=html_to_text(text), encoding=encoding)
        )
    return _checked(
        SourceText(path=path, format="txt", text=text.replace("\r\n", "\n"), encoding=encoding)
    )


def _checked(source: SourceText) -> SourceText:
    if not source.text.strip():
        raise _fail(source.path, "文件里没有文字，请确认选对了文件。")
    return source


def iter_report_files(path: Path) -> list[Path]:
    """The report files at `path`: the file itself, or every report-like file under a folder.

    Legacy formats (.doc, .wps, .pdf) are listed too, so that importing them explains what to do.

    Raises:
        ReadError: `path` does not exist.
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ReadError(f"找不到 {path}：请检查路径是否正确。")
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in REPORT_SUFFIXES
        and not p.name.startswith((".", "~$"))
    )


def read_many(paths: Iterable[Path]) -> tuple[list[SourceText], list[tuple[Path, str]]]:
    """Read several reports; unreadable ones are returned with their message instead of raising."""
    sources: list[SourceText] = []
    failures: list[tuple[Path, str]] = []
    for path in paths:
        try:
            sources.append(read_report(path))
        except ReadError as exc:
            failures.append((Path(path), exc.message))
    return sources, failures
