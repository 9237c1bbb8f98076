"""A `ReportDocument` as plain text, e.g. to paste into a government website's editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.punctuation import to_fullwidth
from drafter.fileio import write_export

if TYPE_CHECKING:
    from drafter.core.document import ReportDocument


def render_text(doc: ReportDocument) -> str:
    """Title, a blank line, addressee, body paragraphs, a blank line, issuer(s) and date.

    One paragraph per line, ASCII punctuation in Chinese text made full-width.
    """
    lines = [to_fullwidth(doc.title), ""]
    if doc.addressee:
        lines.append(f"{to_fullwidth(doc.addressee.rstrip(':：'))}：")
    lines.extend(to_fullwidth(block.text) for block in doc.body)
    if doc.issuers or doc.date:
        lines.append("")
        lines.extend(to_fullwidth(issuer) for issuer in doc.issuers)
        if doc.date:
            lines.append(to_fullwidth(doc.date))
    return "\n".join(lines) + "\n"


def write_text(doc: ReportDocument, path: Path, *, overwrite: bool = False) -> Path:
    """Write `render_text(doc)` to `path` in UTF-8, atomically.

    Raises:
        ExportError: `path` exists and `overwrite` is False, or the file cannot be written.
    """
    return write_export(path, render_text(doc).encode("utf-8"), overwrite=overwrite)
