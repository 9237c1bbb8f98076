"""Atomic writes of files meant for people (DOCX, text, HTML, JSON) and free file names."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from drafter.errors import ExportError


def _fsync_directory(folder: Path) -> None:
    """Flush the directory entry after a rename where the OS allows opening directories."""
    if os.name == "nt":
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new hidden temporary file next to `name`; the umask applies (unlike mkstemp's 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = folder / f".{name[:24]}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, then the
    temporary file replaces `path` (keeping its permissions); on any failure it is removed
    and the error propagates.

    Raises:
        OSError: the folder is missing or not writable, the disk is full, and so on.
    """
    path = Path(path)
    folder = path.parent
    fd, tmp_path = _create_temp(folder, path.name)
    replaced = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp_path, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp_path, path)
        replaced = True
    finally:
        if not replaced:
            with contextlib.suppress(OSError):
                tmp_path.unlink()
    _fsync_directory(folder)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Encode `text` and write it atomically (see `atomic_write_bytes`); newlines are kept as given.

    Raises:
        OSError: the file cannot be written.
        UnicodeEncodeError: `text` cannot be encoded in `encoding`.
    """
    atomic_write_bytes(path, text.encode(encoding))


def free_path(path: Path) -> Path:
    """Return `path` if nothing exists there, else the first free `name(2).ext`, `name(3).ext`, …"""
    path = Path(path)
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}({number}){path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def write_export(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Atomically write an exported document, refusing to replace one unless `overwrite`.

    Returns:
        `path`.

    Raises:
        ExportError: `path` exists and `overwrite` is False, or the file cannot be written.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise ExportError(f"文件“{path.name}”已存在：请换一个文件名，或选择覆盖原文件。")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ExportError(
            f"无法保存“{path}”：请确认文件夹存在且可以写入，并关闭正在打开此文件的 Word 或 WPS。"
        ) from exc
    return path
