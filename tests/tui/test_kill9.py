"""kill -9 mid-edit loses nothing that was typed more than a second ago (a real process on a pty)."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.store import Store
from drafter.workspace import Workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGKILL are POSIX")

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class PtyApp:
    """drafter's TUI in a child process on a pseudo-terminal, driven by bytes."""

    def __init__(self, workspace: Path) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "drafter", "--workspace", str(workspace), "tui"],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.master, 1 << 16)
                except OSError:
                    break
                if text in ESCAPES.sub(b"", self.output).decode("utf-8", "ignore"):
                    return
        raise AssertionError(f"{text!r} never appeared on the screen")

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.master, 1 << 16)
                except OSError:
                    return

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def test_kill_9_mid_edit_then_restart_loses_nothing(sample_workspace):
    app = PtyApp(sample_workspace)
    try:
        app.wait_for("开始 2026 年报告")  # the import of past reports has finished
        app.type("\r")  # start the 2026 report
        app.wait_for("报告结构")
        app.drain(0.5)
        app.type("本段由测试输入")
        app.wait_for("本段由测试输入")
        app.drain(1.5)  # more than the autosave delay, no save key pressed
    finally:
        app.kill()

    store = Store(sample_workspace / ".drafter" / "drafter.sqlite3")
    draft = store.load_draft("汀岚县", 2026)
    store.close()
    assert draft is not None and "本段由测试输入" in draft.opening

    workspace = Workspace.open(sample_workspace)
    workspace.lock()  # the killed process held the lock: the OS released it
    workspace.close()

    again = PtyApp(sample_workspace)
    try:
        again.wait_for("本段由测试输入")  # reopens on the draft, text intact
    finally:
        again.kill()
