"""Atomic writes and free file names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.errors import ExportError
from drafter.fileio import atomic_write_bytes, atomic_write_text, free_path, write_export


def test_atomic_write_bytes_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_atomic_write_text_encodes(tmp_path: Path) -> None:
    target = tmp_path / "灵丘县 2025 报告.txt"
    atomic_write_text(target, "法治政府\n", encoding="gbk")
    assert target.read_bytes() == "法治政府\n".encode("gbk")
    atomic_write_text(target, "法治政府\n")
    assert target.read_text(encoding="utf-8") == "法治政府\n"


def test_unencodable_text_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(tmp_path / "a.txt", "法治", encoding="ascii")
    assert list(tmp_path.iterdir()) == []


def test_failed_replace_removes_temp_file_and_keeps_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "报告.txt"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.txt"]


def test_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "无" / "a.txt", b"x")


def test_free_path_counts_up_from_two(tmp_path: Path) -> None:
    target = tmp_path / "青禾县报告.docx"
    assert free_path(target) == target
    target.write_bytes(b"")
    assert free_path(target) == tmp_path / "青禾县报告(2).docx"
    (tmp_path / "青禾县报告(2).docx").write_bytes(b"")
    assert free_path(target) == tmp_path / "青禾县报告(3).docx"


def test_free_path_without_suffix(tmp_path: Path) -> None:
    (tmp_path / "草稿").write_bytes(b"")
    assert free_path(tmp_path / "草稿") == tmp_path / "草稿(2)"


def test_write_export_refuses_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "报告.txt"
    write_export(target, b"one")
    with pytest.raises(ExportError) as caught:
        write_export(target, b"two")
    assert "报告.txt" in str(caught.value)
    assert target.read_bytes() == b"one"
    assert write_export(target, b"two", overwrite=True) == target
    assert target.read_bytes() == b"two"


def test_write_export_turns_os_errors_into_export_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_export(tmp_path / "缺少的文件夹" / "报告.txt", b"x")
    assert isinstance(caught.value.__cause__, OSError)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_new_files_follow_the_umask_and_replacements_keep_their_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "新文件.txt"
    atomic_write_bytes(fresh, b"x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "旧文件.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomic_write_bytes(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640


def test_very_long_chinese_name(tmp_path: Path) -> None:
    target = tmp_path / ("青禾县" * 25 + ".docx")
    atomic_write_bytes(target, b"x")
    assert target.read_bytes() == b"x"
