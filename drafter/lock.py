"""One drafter process per workspace: an OS file lock held through SQLite for the process's life.

SQLite's exclusive lock is an OS lock (fcntl on POSIX, LockFileEx on Windows), released by the
OS when the process ends for any reason, kill -9 included, so a stale lock cannot happen.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sqlite3
from pathlib import Path

from drafter import paths
from drafter.errors import WorkspaceError


class WorkspaceLock:
    """Held while a process works on a workspace; `release` or process exit frees it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._db: sqlite3.Connection | None = None

    @property
    def _lock_file(self) -> Path:
        return paths.data_dir(self.root) / "lock.sqlite3"

    @property
    def _holder_file(self) -> Path:
        return paths.data_dir(self.root) / "lock-holder.txt"

    def acquire(self) -> WorkspaceLock:
        """Take the lock or raise WorkspaceError naming who holds it."""
        try:
            self._lock_file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self._lock_file, timeout=0, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA locking_mode=EXCLUSIVE")
            db.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise WorkspaceError(f"无法锁定工作区 {self.root}（{exc}）：请检查文件夹权限。") from exc
            raise WorkspaceError(
                f"另一个 drafter（{self.holder()}）正在使用工作区 {self.root}：请先关闭它再打开，以免互相覆盖。"
            ) from None
        except OSError as exc:
            raise WorkspaceError(f"无法锁定工作区 {self.root}（{exc.strerror}）：请检查文件夹权限。") from exc
        self._db = db
        try:
            started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
            self._holder_file.write_text(f"进程 {os.getpid()}，{socket.gethostname()}，{started} 启动", encoding="utf-8")
        except OSError:
            pass
        return self

    def holder(self) -> str:
        try:
            return self._holder_file.read_text(encoding="utf-8").strip() or "未知进程"
        except OSError:
            return "未知进程"

    def release(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
