"""Start-up time: from launching `drafter tui` to its first screen painted, against importing textual.

Each run launches a fresh process under a pseudo-terminal (120×40) and stops the clock when the
first screen's text appears in what the app writes; the baseline, `python -c "import textual.app"`,
is measured in the same loop, interleaved. For the drafting screen it also reports when the side
panel (indicators, suggestions; mounted just after the first frame) is on the terminal. Works on a
temporary copy of the sample workspace, so the repository's own .drafter/ is never touched.
POSIX only (pty).

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 2.5
ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)
START_SCREEN = "沿用上年正文作为起点"
"""Text of the start screen, shown when the workspace has no draft for its current year."""
DRAFT_SCREEN = "报告结构"
"""Title of the draft screen's part list, shown when a draft exists."""
DRAFT_COMPLETE = "项沿用值待确认"
"""Caption of the indicator table, in the side panel mounted just after the draft screen's first frame."""


def time_baseline() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
    return time.perf_counter() - started


def time_first_paint(workspace: Path, marker: str, timeout: float = 30.0) -> float:
    """Seconds from launch until `marker` is on the pseudo-terminal; the app is killed after."""
    return time_paints(workspace, [marker], timeout)[0]


def time_paints(workspace: Path, markers: list[str], timeout: float = 30.0) -> list[float]:
    """Seconds from launch until each of `markers` is on the pseudo-terminal; the app is killed after."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    command = [sys.executable, "-m", "drafter", "--workspace", str(workspace), "tui"]
    started = time.perf_counter()
    app = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = b""
    seen: list[float] = []
    try:
        while time.perf_counter() - started < timeout:
            if select.select([master], [], [], 0.005)[0]:
                try:
                    output += os.read(master, 1 << 16)
                except OSError:  # the app has gone
                    break
                text = ESCAPES.sub("", output.decode("utf-8", "ignore"))
                while len(seen) < len(markers) and markers[len(seen)] in text:
                    seen.append(time.perf_counter() - started)
                if len(seen) == len(markers):
                    return seen
        tail = ESCAPES.sub("", output.decode("utf-8", "ignore"))[-400:]
        raise RuntimeError(
            f"{markers[len(seen)]!r} did not appear within {timeout} s; the screen ended: {tail!r}"
        )
    finally:
        os.killpg(app.pid, signal.SIGKILL)
        app.wait()
        os.close(master)


def sample_workspace(parent: Path, with_draft: bool) -> Path:
    root = parent / ("with-draft" if with_draft else "fresh")
    root.mkdir()
    shutil.copy(REPO / "drafter.toml", root / "drafter.toml")
    shutil.copytree(REPO / "past_reports", root / "past_reports")
    if with_draft:
        command = [sys.executable, "-m", "drafter", "--workspace", str(root), "new"]
        subprocess.run(command, check=True, capture_output=True)
    return root


def describe(label: str, times: list[float], baseline: float, target: bool = True) -> str:
    median = statistics.median(times)
    ratio = median / baseline
    if not target:
        verdict = "(not a target)"
    else:
        verdict = "ok" if ratio <= TARGET_RATIO else f"over the {TARGET_RATIO}x target"
    spread = f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}"
    return f"{label:<34} median {median * 1000:6.0f} ms ({spread})  {ratio:4.2f}x  {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (at least 10)")
    args = parser.parse_args()
    if os.name != "posix":
        print("bench/startup.py needs a POSIX pseudo-terminal (Linux, macOS).", file=sys.stderr)
        return 2
    runs = max(args.runs, 10)
    with tempfile.TemporaryDirectory(prefix="drafter-startup-") as tmp:
        fresh = sample_workspace(Path(tmp), with_draft=False)
        drafted = sample_workspace(Path(tmp), with_draft=True)
        cold = time_first_paint(fresh, START_SCREEN)  # first open: creates the database
        baseline, start, draft, complete = [], [], [], []
        for _ in range(runs):
            baseline.append(time_baseline())
            start.append(time_first_paint(fresh, START_SCREEN))
            first, whole = time_paints(drafted, [DRAFT_SCREEN, DRAFT_COMPLETE])
            draft.append(first)
            complete.append(whole)
    base = statistics.median(baseline)
    cached = any((REPO / "drafter").glob("__pycache__/*.pyc"))
    print(f"python {sys.version.split()[0]}, {runs} runs each, pseudo-terminal 120x40, "
          f"drafter's bytecode {'cached' if cached else 'compiled on every start (no __pycache__)'}")
    print(f"{'baseline: python -c import textual.app':<34} median {base * 1000:6.0f} ms")
    print(describe("drafter tui -> start screen", start, base))
    print(describe("drafter tui -> draft screen", draft, base))
    print(describe("  ... with its side panel", complete, base, target=False))
    print(
        f"{'(first open of a new workspace)':<34} once   {cold * 1000:6.0f} ms  {cold / base:4.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
