"""Regenerate the bundled sample report past_reports/<county>2024年法治政府建设年度报告.docx.

The source is a UTF-8 text file with one paragraph per line (tools/sample_2024.txt). The output is a
plain Word-like document: one paragraph per line, the title centred, issuer and date right-aligned,
as a clerk's DOCX typically looks before it is imported. Run from anywhere:

    .venv/bin/python tools/make_sample_docx.py
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / "tools" / "sample_2024.txt"
DEFAULT_OUTPUT = REPO / "past_reports" / "汀岚县2024年法治政府建设年度报告.docx"
BODY_FONT = "仿宋"
TITLE_FONT = "宋体"


def _set_fonts(run: object, name: str) -> None:
    """Name the font in every slot (ascii, hAnsi, eastAsia) so Chinese text does not fall back."""
    from docx.oxml.ns import qn

    run.font.name = name  # type: ignore[attr-defined]
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def build(lines: list[str], output: Path) -> None:
    """Write `lines` as a DOCX at `output` (atomically: temp file in the same folder, then replace)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    last = len(lines) - 1
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if index == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
            _set_fonts(run, TITLE_FONT)
            continue
        run.font.size = Pt(16)
        _set_fonts(run, BODY_FONT)
        if index >= last - 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif index > 1:
            paragraph.paragraph_format.first_line_indent = Pt(32)

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".sample-", suffix=".docx", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    text = args.source.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    build(lines, args.output)
    print(f"{args.output} ({len(lines)} paragraphs)")


if __name__ == "__main__":
    main()
