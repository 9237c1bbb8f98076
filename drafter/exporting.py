"""Exporting a draft: compose the report and write it under exports/ in the asked format."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from drafter.core.compose import compose
from drafter.core.models import Draft
from drafter.errors import ExportError
from drafter.workspace import Workspace

Format = Literal["docx", "txt", "html", "pdf"]


def export_draft(
    ws: Workspace, draft: Draft, fmt: Format = "docx", output: Path | None = None, overwrite: bool = False
) -> Path:
    """Write the draft's report and return the path written.

    An existing file is never replaced unless `overwrite` is set: the next free name
    (`…(2).docx`) is used instead, and the returned path says which.

    Raises:
        RenderError: a slot has no value.
        ExportError: the file cannot be written, or LibreOffice is missing for PDF.
    """
    from drafter.fileio import atomic_write_bytes, free_path

    document = compose(draft, ws.kind, ws.catalog)
    target = output or ws.export_name(draft, f".{fmt}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"无法创建文件夹 {target.parent}（{exc.strerror}）：请检查权限。") from exc
    if target.exists() and not overwrite:
        target = free_path(target)
    if fmt == "docx":
        from drafter.export.docx import write_docx

        return write_docx(document, target, overwrite=True)
    if fmt == "txt":
        from drafter.export.text import write_text

        return write_text(document, target, overwrite=True)
    if fmt == "html":
        from drafter.export.html import write_html

        return write_html(document, target, overwrite=True)
    from drafter.export.docx import write_docx
    from drafter.export.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        source = write_docx(document, Path(tmp) / target.with_suffix(".docx").name, overwrite=True)
        pdf = convert_to_pdf(source, Path(tmp))
        try:
            atomic_write_bytes(target, pdf.read_bytes())
        except OSError as exc:
            raise ExportError(f"无法写入 {target}（{exc.strerror}）：请检查权限。") from exc
    return target
