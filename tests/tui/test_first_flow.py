"""Pilot test of the first flow: open → change a number → insert it → export → the DOCX holds it."""

from __future__ import annotations

from docx import Document
from textual.widgets import Input, TextArea

from drafter.store import Store
from drafter.tui.app import make_app
from drafter.tui.widgets.indicator_field import IndicatorField
from drafter.tui.widgets.part_list import PartList


async def start_2026(pilot) -> None:
    """From the start screen of a fresh sample workspace, start the 2026 report."""
    await pilot.pause()
    assert pilot.app.screen.query_one("#start-new").label.plain == "开始 2026 年报告"
    await pilot.press("enter")
    await pilot.pause()


async def test_open_change_number_export(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        screen = app.screen
        parts = screen.query_one(PartList)
        parts.focus()
        await pilot.press("down")
        await pilot.pause()
        assert screen.current_part == "measures_and_results"

        field = screen.query_one("#ind-review_concluded", IndicatorField)
        assert "待确认" in str(field.query_one(".indicator-detail").render())
        editor = screen.query_one("#editor", TextArea)
        editor.focus()
        for key in "全年办结行政复议案件":
            await pilot.press(key)
        field_input = field.query_one(Input)
        field_input.focus()
        field_input.value = ""
        await pilot.press("7", "7")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert editor.has_focus
        await pilot.press("件")
        assert "⟦行政复议办结⟧件" in editor.text
        assert screen.session.draft.values["review_concluded"].value == 77
        assert "同比" in str(field.query_one(".indicator-detail").render())

        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.query_one("#export-errors")  # parts still empty, values unconfirmed
        app.screen.query_one("#do-export").press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    exported = list((sample_workspace / "exports").glob("*.docx"))
    assert [p.name for p in exported] == ["汀岚县2026年法治政府建设年度报告.docx"]
    texts = [p.text for p in Document(str(exported[0])).paragraphs]
    assert "全年办结行政复议案件77件" in texts

    store = Store(sample_workspace / ".drafter" / "drafter.sqlite3")
    saved = store.load_draft("汀岚县", 2026)
    store.close()
    assert saved is not None and saved.values["review_concluded"].value == 77


async def test_invalid_value_is_refused_in_place(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        screen = app.screen
        screen.query_one(PartList).focus()
        await pilot.press("down")
        await pilot.pause()
        field = screen.query_one("#ind-lawsuit_lost", IndicatorField)
        before = screen.session.draft.values["lawsuit_lost"].value
        field_input = field.query_one(Input)
        field_input.focus()
        field_input.value = "-5"
        await pilot.pause()
        assert field.has_class("-invalid")
        assert "负数" in field.error
        assert screen.session.draft.values["lawsuit_lost"].value == before
        field_input.value = "999"
        await pilot.pause()
        assert "不能大于" in field.error
        assert screen.session.draft.values["lawsuit_lost"].value == before
        field_input.value = "2"
        await pilot.pause()
        assert field.error == "" and not field.has_class("-invalid")
        assert screen.session.draft.values["lawsuit_lost"].value == 2


async def test_indicator_filter_narrows_the_fields(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        screen = app.screen
        screen.query_one(PartList).focus()
        await pilot.press("down")
        await pilot.pause()
        fields = list(screen.query(IndicatorField))
        screen.query_one("#indicator-filter", Input).focus()
        for key in "复议":
            await pilot.press(key)
        await pilot.pause()
        shown = [f for f in fields if f.display]
        assert shown and len(shown) < len(fields)
        assert all("复议" in f.spec.name or any("复议" in a for a in f.spec.aliases) for f in shown)
