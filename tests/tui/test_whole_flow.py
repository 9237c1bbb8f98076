"""The whole flow of a clerk, in one pilot: new year → text → indicator → suggestion → review fix → export."""

from __future__ import annotations

from docx import Document
from textual.widgets import DataTable, TextArea, Tree

from drafter.tui.app import make_app
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.widgets.indicator_table import IndicatorTable
from drafter.tui.widgets.part_list import PartList
from drafter.tui.widgets.phrase_list import PhraseList
from tests.tui.conftest import start_report


async def test_whole_flow_from_last_year_to_docx(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        # New year from last year: every value carried, unconfirmed.
        await start_report(pilot)
        screen = app.screen
        session = screen.session
        last_year = session.last_year_values["review_concluded"]
        assert session.draft.values["review_concluded"].value == last_year

        # Edit text in the measures part, with a linked slot for 行政复议办结 and an ASCII comma.
        screen.query_one(PartList).focus()
        await pilot.press("down")
        await pilot.pause()
        editor = screen.query_one("#editor", TextArea)
        editor.focus()
        for key in "全年办结行政复议案件":
            await pilot.press(key)
        indicators = screen.query_one(IndicatorTable)
        indicators.query_one(DataTable).focus()
        indicators.move_to("review_concluded")
        await pilot.press("ctrl+l")
        for key in "件,较上年有所增加":
            await pilot.press(key)
        editor.insert("。")  # the pilot cannot press full-width punctuation keys; a terminal sends them as text
        await pilot.press("enter")
        await pilot.pause()

        # Change the indicator: 同比, the derived rate and the linked text follow.
        indicators.query_one(DataTable).focus()
        indicators.move_to("review_concluded")
        await pilot.press("enter")
        new_value = int(last_year) + 16
        for key in str(new_value):
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        row = indicators.rows["review_concluded"]
        assert row.value.value == new_value and row.change.startswith("同比+")
        corrected = session.draft.values["review_corrected"].value
        assert indicators.rows["review_correction_rate"].value.value == round(corrected / new_value * 100, 2)
        assert f"全年办结行政复议案件{new_value}件" in session.preview_text()
        assert f"⟦行政复议办结：{new_value}⟧件" in editor.text

        # Insert a suggestion from past reports (its slots stay linked).
        editor.focus()
        await pilot.press("end")
        screen.refresh_suggestions()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+g")
        phrases = screen.query_one(PhraseList)
        assert phrases.has_focus and phrases.entries, "suggestions from the imported past reports"
        chosen = phrases.entries[0]
        phrases.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert chosen.text in session.draft.parts["measures_and_results"] and editor.has_focus

        # Review: fix the ASCII comma from the review screen.
        await pilot.press("ctrl+r")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        tree = review.query_one("#findings", Tree)
        comma = next(
            node for node in _leaves(tree) if not isinstance(node.data, str) and node.data.excerpt == ","
        )
        tree.move_cursor(comma)
        await pilot.press("f")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert "件，较上年有所增加。" in session.draft.parts["measures_and_results"]
        assert "件，较上年有所增加。" in editor.text

        # Export: the reviewer's errors are shown, the clerk exports anyway.
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#do-export").press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    exported = sample_workspace / "exports" / "汀岚县2026年法治政府建设年度报告.docx"
    paragraphs = [p.text for p in Document(str(exported)).paragraphs]
    assert any(p.startswith(f"全年办结行政复议案件{new_value}件，较上年有所增加。") for p in paragraphs)
    assert any(chosen.rendered[:20] in p for p in paragraphs), "the inserted suggestion, values filled"


def _leaves(tree: Tree) -> list:
    found, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        if node.data is not None:
            found.append(node)
        stack[0:0] = list(node.children)
    return found
