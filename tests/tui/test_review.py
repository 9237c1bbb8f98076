"""Pilot tests of the review: findings by part, apply a safe fix, jump to the span."""

from __future__ import annotations

from textual.widgets import TextArea, Tree

from drafter.tui.app import make_app
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.widgets.part_list import PartList
from tests.tui.conftest import start_report


async def open_review_with_text(pilot, text: str) -> ReviewScreen:
    app = pilot.app
    await start_report(pilot)
    app.screen.query_one(PartList).focus()
    await pilot.press("down")
    await pilot.pause()
    editor = app.screen.query_one("#editor", TextArea)
    editor.load_text(text)
    app.screen.session.set_text("measures_and_results", text)
    await pilot.press("ctrl+r")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def leaves(tree: Tree) -> list:
    found = []
    stack = list(tree.root.children)
    while stack:
        node = stack.pop(0)
        if node.data is not None:
            found.append(node)
        stack[0:0] = list(node.children)
    return found


async def test_review_groups_findings_and_applies_a_fix(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review_with_text(pilot, "全年开展执法培训,成效明显。")
        tree = review.query_one("#findings", Tree)
        groups = [str(node.label) for node in tree.root.children]
        assert any(g.startswith("不足和原因") for g in groups), "missing required parts are listed under them"
        assert any(g.startswith("沿用上年") for g in groups)
        comma = next(n for n in leaves(tree) if not isinstance(n.data, str) and n.data.excerpt == ",")
        tree.move_cursor(comma)
        await pilot.press("f")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.session.draft.parts["measures_and_results"] == "全年开展执法培训，成效明显。"
        remaining = [n.data for n in leaves(review.query_one("#findings", Tree)) if not isinstance(n.data, str)]
        assert not any(f.excerpt == "," for f in remaining)


async def test_enter_jumps_to_the_span_in_the_editor(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review_with_text(pilot, "第一句没有问题。\n全年开展执法培训,成效明显。")
        tree = review.query_one("#findings", Tree)
        comma = next(n for n in leaves(tree) if not isinstance(n.data, str) and n.data.excerpt == ",")
        tree.move_cursor(comma)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.current_part == "measures_and_results"
        editor = screen.query_one("#editor", TextArea)
        assert editor.has_focus and editor.selected_text == ","
        assert editor.selection.start[0] == 1


async def test_export_shows_reviewer_errors(sample_workspace):
    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_report(pilot)
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = str(app.screen.query_one("#export-errors").render())
        assert "还没有内容" in errors and "尚未确认" in errors


async def test_history_restores_an_earlier_revision(sample_workspace):
    from drafter.tui.screens.history import HistoryScreen

    app = make_app(sample_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_report(pilot)
        screen = app.screen
        editor = screen.query_one("#editor", TextArea)
        for text in ("第一稿", "第二稿"):
            editor.load_text(text)
            await pilot.pause()
            screen.save_now()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the newest is first: go one back
        await pilot.pause()
        assert screen.session.draft.opening == "第一稿"
        assert editor.text == "第一稿"
        screen.save_now()
        assert len(screen.session.revisions()) >= 3, "restoring keeps the later state in the history"
