"""Helpers shared by the pilot tests."""

from __future__ import annotations

import time


async def wait_for_import(pilot, timeout: float = 20.0) -> None:
    """Wait until the background import of past reports (started shortly after start-up) is done."""
    deadline = time.monotonic() + timeout
    while pilot.app.importing and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert not pilot.app.importing, "the import of past reports did not finish"


async def start_report(pilot, label: str = "开始 2026 年报告") -> None:
    """On the start screen, wait for the background import of past reports, then start the report."""
    await wait_for_import(pilot)
    assert pilot.app.screen.query_one("#start-new").label.plain == label
    await pilot.press("enter")
    await pilot.pause()
