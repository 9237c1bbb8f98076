"""The terminal cursor (where input methods put their candidate window) follows the caret.

Textual issues #5457 and #6082: with CJK input, the candidate window must stay where the text goes,
counting two cells per wide character, also after panels change size around the editor.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea

from drafter.tui.app import make_app
from drafter.tui.widgets.indicator_table import IndicatorTable
from drafter.tui.widgets.part_list import PartList
from tests.tui.conftest import start_report


async def open_draft(pilot) -> None:
    await start_report(pilot)


async def test_cursor_follows_wide_characters_in_editor(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_draft(pilot)
        editor = app.screen.query_one("#editor", TextArea)
        editor.focus()
        editor.move_cursor((0, 0))
        await pilot.pause()
        start = app.cursor_position
        for key in "全年办结":
            await pilot.press(key)
        await pilot.pause()
        assert app.cursor_position.x == start.x + 8, "four wide characters are eight cells"
        assert app.cursor_position.y == start.y
        assert app.cursor_position == editor.cursor_screen_offset


async def test_cursor_follows_caret_in_indicator_field(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        app.screen.query_one(PartList).focus()
        await pilot.press("down")
        await pilot.pause()
        indicators = app.screen.query_one(IndicatorTable)
        indicators.query_one("DataTable").focus()
        await pilot.press("enter")
        await pilot.pause()
        field_input = indicators.query_one("#indicator-input", Input)
        assert field_input.has_focus
        assert app.cursor_position == field_input.cursor_screen_offset
        region = field_input.content_region
        assert region.contains_point(app.cursor_position) or app.cursor_position.x == region.right


async def test_cursor_resynced_after_layout_change(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_draft(pilot)
        editor = app.screen.query_one("#editor", TextArea)
        editor.focus()
        for key in "依法行政":
            await pilot.press(key)
        await pilot.pause()
        before = app.cursor_position
        # The guidance panel shrinks on a narrow terminal: the editor moves, the caret with it.
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        await pilot.pause()
        assert app.cursor_position == editor.cursor_screen_offset
        assert app.cursor_position != before
