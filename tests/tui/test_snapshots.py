"""Snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import TextArea

import drafter.tui
from drafter.session import DraftSession
from drafter.tui.app import make_app
from drafter.tui.screens.export import ExportScreen
from drafter.tui.widgets.part_list import PartList
from drafter.workspace import Workspace
from tests.tui.conftest import wait_for_import

SIZES = [(80, 24), (120, 40)]


async def _imported(pilot) -> None:
    await wait_for_import(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_start_screen(snap_compare, sample_workspace, size):
    assert snap_compare(make_app(sample_workspace), terminal_size=size, run_before=_imported)


@pytest.fixture
def drafted_workspace(sample_workspace: Path) -> Path:
    """The sample workspace with a 2026 draft already holding some text (so nothing is saved
    while the snapshot is taken and the save time never shows)."""
    workspace = Workspace.open(sample_workspace)
    session = DraftSession.open(workspace, year=2026)
    session.set_text("measures_and_results", "（一）深化行政复议体制改革\n全年办结行政复议案件⟦行政复议办结⟧件。")
    session.save()
    workspace.close()
    return sample_workspace


async def _open_measures_part(pilot) -> None:
    await _imported(pilot)
    pilot.app.screen.query_one(PartList).focus()
    await pilot.press("down")
    await pilot.pause()
    editor = pilot.app.screen.query_one("#editor", TextArea)
    editor.cursor_blink = False  # a blinking caret makes the picture depend on timing
    editor.focus()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_draft_screen(snap_compare, drafted_workspace, size):
    assert snap_compare(make_app(drafted_workspace), terminal_size=size, run_before=_open_measures_part)


def test_help_screen(snap_compare, drafted_workspace):
    async def open_help(pilot) -> None:
        await _open_measures_part(pilot)
        await pilot.press("f1")

    assert snap_compare(make_app(drafted_workspace), terminal_size=(80, 24), run_before=open_help)


class ExportHost(App[None]):
    """The export modal alone, with LibreOffice reported missing, so the snapshot is the same everywhere."""

    CSS_PATH = Path(drafter.tui.__file__).parent / "drafter.tcss"

    def on_mount(self) -> None:
        errors = ["必备部分尚未填写：不足和原因", "3 项沿用上年的指标值尚未确认"]
        self.push_screen(ExportScreen(errors, pdf_available=False, export_dir="exports"))


def test_export_screen(snap_compare):
    assert snap_compare(ExportHost(), terminal_size=(80, 24))
