"""Pilot tests of the first flow: open → change a number → insert it → export → the DOCX holds it."""

from __future__ import annotations

from docx import Document
from textual.widgets import DataTable, Input, TextArea

from drafter.store import Store
from drafter.tui.app import make_app
from drafter.tui.widgets.indicator_table import IndicatorTable
from drafter.tui.widgets.part_list import PartList
from tests.tui.conftest import start_report


async def start_2026(pilot) -> None:
    """From the start screen of a fresh sample workspace, start the 2026 report."""
    await start_report(pilot)


async def open_measures(pilot) -> IndicatorTable:
    screen = pilot.app.screen
    screen.query_one(PartList).focus()
    await pilot.press("down")
    await pilot.pause()
    assert screen.current_part == "measures_and_results"
    return screen.query_one(IndicatorTable)


async def select_row(pilot, indicators: IndicatorTable, indicator_id: str) -> None:
    table = indicators.query_one(DataTable)
    table.focus()
    indicators.move_to(indicator_id)
    await pilot.pause()
    assert indicators.current_id == indicator_id


async def type_value(pilot, text: str) -> None:
    await pilot.press("enter")  # edit the highlighted row
    await pilot.pause()
    for key in text:
        await pilot.press(key)
    await pilot.press("enter")
    await pilot.pause()


async def test_open_change_number_export(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        screen = app.screen
        indicators = await open_measures(pilot)
        assert indicators.rows["review_concluded"].state == "待确认"

        editor = screen.query_one("#editor", TextArea)
        editor.focus()
        for key in "全年办结行政复议案件":
            await pilot.press(key)
        await select_row(pilot, indicators, "review_concluded")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert editor.has_focus
        await pilot.press("件")
        last_year = screen.session.last_year_values["review_concluded"]
        assert f"⟦行政复议办结：{last_year:g}⟧件" in editor.text, "the slot shows its current value"
        assert "⟦行政复议办结⟧件" in screen.session.draft.parts["measures_and_results"]

        await select_row(pilot, indicators, "review_concluded")
        await type_value(pilot, "77")
        assert screen.session.draft.values["review_concluded"].value == 77
        assert "⟦行政复议办结：77⟧件" in editor.text, "the linked text follows the new value"
        assert indicators.rows["review_concluded"].state == "已填写"
        assert indicators.rows["review_concluded"].change.startswith("同比")
        corrected = screen.session.draft.values["review_corrected"].value
        assert screen.session.draft.values["review_correction_rate"].value == round(corrected / 77 * 100, 2)

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
        indicators = await open_measures(pilot)
        before = screen.session.draft.values["lawsuit_lost"].value
        message = indicators.query_one("#indicator-message")

        await select_row(pilot, indicators, "lawsuit_lost")
        await type_value(pilot, "-5")
        assert indicators.has_class("-invalid") and "负数" in str(message.render())
        assert screen.session.draft.values["lawsuit_lost"].value == before

        field = indicators.query_one("#indicator-input", Input)
        field.value = "999"
        await pilot.press("enter")
        await pilot.pause()
        assert "不能大于" in str(message.render())
        assert screen.session.draft.values["lawsuit_lost"].value == before

        field.value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert not indicators.has_class("-invalid")
        assert screen.session.draft.values["lawsuit_lost"].value == 2


async def test_space_confirms_a_carried_value(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        indicators = await open_measures(pilot)
        pending = len(app.screen.session.unconfirmed())
        await select_row(pilot, indicators, "review_received")
        await pilot.press("space")
        await pilot.pause()
        assert indicators.rows["review_received"].state == "已确认"
        assert len(app.screen.session.unconfirmed()) == pending - 1


async def test_indicator_filter_narrows_the_rows(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_2026(pilot)
        indicators = await open_measures(pilot)
        table = indicators.query_one(DataTable)
        total = table.row_count
        app.screen.query_one("#indicator-filter", Input).focus()
        for key in "复议":
            await pilot.press(key)
        await pilot.pause()
        assert 0 < table.row_count < total
        for key in table.rows:
            spec = indicators.rows[str(key.value)].spec
            assert "复议" in spec.name or any("复议" in a for a in spec.aliases)


async def test_second_drafter_on_the_workspace_is_told_clearly(sample_workspace):
    from drafter.workspace import Workspace

    holder = Workspace.open(sample_workspace)
    holder.lock()
    try:
        app = make_app(sample_workspace)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            message = str(app.screen.query_one("#message").render())
            assert "正在使用" in message and "请先关闭它" in message
    finally:
        holder.close()


async def test_new_folder_asks_for_the_county_then_drafts(tmp_path):
    app = make_app(tmp_path / "新县")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#county", Input).value = "新县"
        app.screen.query_one("#issuers", Input).value = "中共新县委、新县人民政府"
        app.screen.query_one("#create").press()
        await start_report(pilot)
        assert app.screen.session.draft.issuers == ["中共新县委", "新县人民政府"]
    assert (tmp_path / "新县" / "drafter.toml").is_file()
