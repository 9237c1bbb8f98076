"""Helpers shared by the pilot tests."""

from __future__ import annotations


async def start_report(pilot, label: str = "开始 2026 年报告") -> None:
    """On the start screen, wait for the background import of past reports, then start the report."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.screen.query_one("#start-new").label.plain == label
    await pilot.press("enter")
    await pilot.pause()
