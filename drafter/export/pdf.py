"""DOCX to PDF through LibreOffice (`soffice --headless --convert-to pdf`).

Used for print previews and as the layout referee in tests. Each conversion runs with its
own throw-away LibreOffice profile, so it neither touches nor waits for the user's LibreOffice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from drafter.errors import ExportError

_CONVERSION_LOCK = threading.Lock()
"""Serialises conversions within this process: one LibreOffice at a time."""

_CANDIDATES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice/program/soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def _run(command: list[str], timeout: float) -> int:
    """Run `command` in its own process group; on timeout kill the whole group and re-raise.

    `soffice` starts `soffice.bin` as a child, which must not outlive a timed-out conversion.
    """
    if os.name == "nt":
        group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        group = {"start_new_session": True}
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **group,
    ) as process:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            if os.name == "nt":
                process.kill()
            else:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise


def find_soffice() -> str | None:
    """Return the path of LibreOffice's `soffice` program, or None if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _CANDIDATES:
        if candidate.is_file():
            return str(candidate)
    return None


def convert_to_pdf(docx_path: Path, out_dir: Path, timeout: float = 120) -> Path:
    """Convert `docx_path` to `out_dir/<stem>.pdf` with LibreOffice and return that path.

    Raises:
        ExportError: LibreOffice is missing, times out, fails, or writes no PDF.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ExportError("未找到 LibreOffice：请先安装 LibreOffice，再生成 PDF。")
    docx_path, out_dir = Path(docx_path).resolve(), Path(out_dir).resolve()
    if not docx_path.is_file():
        raise ExportError(f"找不到要转换的文件“{docx_path.name}”：请先导出 DOCX。")
    pdf_path = out_dir / f"{docx_path.stem}.pdf"
    with (
        _CONVERSION_LOCK,
        tempfile.TemporaryDirectory(prefix="drafter-lo-", ignore_cleanup_errors=True) as profile,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ]
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            pdf_path.unlink(missing_ok=True)
            returncode = _run(command, timeout)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(
                f"LibreOffice 转换“{docx_path.name}”超过 {timeout:g} 秒未完成：请关闭其他 LibreOffice 窗口后重试。"
            ) from exc
        except OSError as exc:
            raise ExportError(
                f"无法用 LibreOffice 转换“{docx_path.name}”：请检查 LibreOffice 是否安装完整、输出文件夹是否可写入。"
            ) from exc
    if returncode != 0 or not pdf_path.is_file():
        raise ExportError(
            f"LibreOffice 未能把“{docx_path.name}”转换为 PDF：请用 Word 或 WPS 打开该文件确认无误后重试。"
        )
    return pdf_path
