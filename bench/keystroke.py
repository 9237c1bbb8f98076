"""Keystroke to updated suggestions in the real TUI, with a synthetic corpus of past reports.

Builds the corpus of bench/corpus.py (1,000 reports by default), imports it into a temporary copy
of the sample workspace, opens the app headless (Textual's pilot), types a sentence into the
measures part one character at a time, and times each keystroke, from the key event reaching the app until the
suggestions for that keystroke have arrived back on the UI thread (the debounce delay included). The baseline in the same run is
the bare `suggest()` call for the same text, so the UI's share of the latency is visible.

    .venv/bin/python bench/keystroke.py [--reports 1000] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

TYPED = "全面推进行政复议规范化建设畅通群众申请渠道加强行政执法监督"
TARGET_P95_MS = 50.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


async def type_and_time(root: Path) -> tuple[list[float], list[float]]:
    from textual import events

    from drafter.tui.app import make_app
    from drafter.tui.messages import SuggestionsReady
    from drafter.tui.widgets.part_list import PartList

    arrivals: dict[int, float] = {}
    keys: list[float] = []

    def hook(message) -> None:
        if isinstance(message, SuggestionsReady):
            arrivals[message.serial] = time.perf_counter()
        elif isinstance(message, events.Key) and message.character:
            keys.append(time.perf_counter())

    app = make_app(root)
    latencies: list[float] = []
    direct: list[float] = []
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        while app.importing:  # past reports are imported in the background after start-up
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # start (or continue) the report
        await pilot.pause()
        screen = app.screen
        screen.query_one(PartList).focus()
        await pilot.press("down")
        await pilot.pause()
        editor = screen.query_one("#editor")
        editor.focus()
        await app.workers.wait_for_complete()  # jieba and the index load on the first lookup
        await pilot.pause(0.5)
        for char in TYPED:
            serial_before = screen._suggest_serial
            started = time.perf_counter()
            await pilot.press(char)
            deadline = started + 5
            while time.perf_counter() < deadline:
                if screen._suggest_serial > serial_before and screen._suggest_serial in arrivals:
                    break
                await asyncio.sleep(0.001)
            latencies.append(arrivals[screen._suggest_serial] - keys[-1])
            query = screen.suggestion_query()
            kind = screen.session.kind.part(screen.current_part).kind
            began = time.perf_counter()
            screen.session.suggest(kind, query)
            direct.append(time.perf_counter() - began)
            await pilot.pause(0.05)
    return latencies, direct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="reuse a corpus folder built before")
    args = parser.parse_args()

    from corpus import build_corpus

    from drafter.corpus.library import import_paths
    from drafter.tui.screens import draft as draft_screen
    from drafter.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="drafter-keystroke-") as tmp:
        root = Path(tmp) / "sample"
        root.mkdir()
        shutil.copy(REPO / "drafter.toml", root / "drafter.toml")
        shutil.copytree(REPO / "past_reports", root / "past_reports")
        corpus = args.corpus or Path(tmp) / "corpus"
        if args.corpus is None:
            build_corpus(args.reports, corpus)
        workspace = Workspace.open(root)
        started = time.perf_counter()
        workspace.import_past_reports()
        summary = import_paths(workspace, [corpus])
        workspace.close()
        print(f"corpus: {len(summary.imported)} reports imported in {time.perf_counter() - started:.1f} s")

        latencies, direct = asyncio.run(type_and_time(root))
    ms = [1000 * x for x in latencies]
    base = [1000 * x for x in direct]
    print(f"debounce delay: {1000 * draft_screen.SUGGEST_DELAY:.0f} ms; keystrokes: {len(ms)}")
    print(f"keystroke → suggestions updated: p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms"
          f" (target p95 ≤ {TARGET_P95_MS:.0f} ms)")
    print(f"baseline suggest() alone:        p50 {statistics.median(base):.1f} ms, p95 {percentile(base, 0.95):.1f} ms")
    print(f"UI share of the p50: {statistics.median(ms) - statistics.median(base):.1f} ms")


if __name__ == "__main__":
    main()
