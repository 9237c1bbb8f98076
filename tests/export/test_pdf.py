"""LibreOffice lookup and the errors when it is missing (no LibreOffice needed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.errors import ExportError
from drafter.export import pdf


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_CANDIDATES", ())


def test_find_soffice_returns_none_when_missing(no_soffice: None) -> None:
    assert pdf.find_soffice() is None


def test_missing_libreoffice_asks_to_install_it(no_soffice: None, tmp_path: Path) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(b"")
    with pytest.raises(ExportError) as caught:
        pdf.convert_to_pdf(source, tmp_path)
    assert "安装 LibreOffice" in str(caught.value)


def test_find_soffice_prefers_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/bin/{name}")
    assert pdf.find_soffice() == "/opt/bin/soffice"


def _fake_soffice(tmp_path: Path, script: str) -> str:
    program = tmp_path / "fake-soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    return str(program)


posix_only = pytest.mark.skipif(os.name == "nt", reason="uses a shell script as soffice")


@posix_only
def test_failing_libreoffice_is_an_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: _fake_soffice(tmp_path, "exit 1"))
    source = tmp_path / "青禾县报告.docx"
    source.write_bytes(b"")
    with pytest.raises(ExportError) as caught:
        pdf.convert_to_pdf(source, tmp_path / "out")
    assert "青禾县报告.docx" in str(caught.value)


@posix_only
def test_libreoffice_that_writes_nothing_is_an_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: _fake_soffice(tmp_path, "exit 0"))
    source = tmp_path / "报告.docx"
    source.write_bytes(b"")
    (tmp_path / "报告.pdf").write_bytes(b"stale")
    with pytest.raises(ExportError):
        pdf.convert_to_pdf(source, tmp_path)


@posix_only
def test_hanging_libreoffice_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: _fake_soffice(tmp_path, "exec sleep 30"))
    source = tmp_path / "报告.docx"
    source.write_bytes(b"")
    with pytest.raises(ExportError) as caught:
        pdf.convert_to_pdf(source, tmp_path, timeout=0.5)
    assert "0.5 秒" in str(caught.value)


@posix_only
def test_conversion_uses_its_own_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "args.txt"
    script = (
        f'printf "%s\\n" "$@" > "{log}"\nfor a; do last="$a"; done\n: > "{tmp_path}/out/报告.pdf"'
    )
    monkeypatch.setattr(pdf, "find_soffice", lambda: _fake_soffice(tmp_path, script))
    source = tmp_path / "报告.docx"
    source.write_bytes(b"")
    assert pdf.convert_to_pdf(source, tmp_path / "out") == tmp_path / "out" / "报告.pdf"
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[0].startswith("-env:UserInstallation=file:///")
    assert "--headless" in args
    assert args[-3:] == ["--outdir", str(tmp_path / "out"), str(source)]
