"""The drafting screen opens fast: complete first frame, side panel mounted just after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent, TextArea

from drafter.session import DraftSession
from drafter.tui.app import make_app
from drafter.tui.screens.draft import DraftScreen
from drafter.tui.widgets.phrase_list import PhraseList
from drafter.workspace import Workspace


@pytest.fixture
def drafted_workspace(sample_workspace: Path) -> Path:
    workspace = Workspace.open(sample_workspace)
    DraftSession.open(workspace, year=2026).save()
    workspace.close()
    return sample_workspace


async def push_new_draft_screen(app, pilot) -> DraftScreen:
    """Push a second drafting screen and return at once: its side panel is not mounted yet."""
    await pilot.pause()
    screen = DraftScreen(app.draft_screen.session).add_class(app.breakpoint_class())
    await app.push_screen(screen)
    return screen


@pytest.mark.parametrize(("width", "expected"), [(80, "-narrow"), (109, "-narrow"), (110, "-wide"), (200, "-wide")])
async def test_draft_screen_has_its_width_class_before_the_first_frame(drafted_workspace, width, expected):
    app = make_app(drafted_workspace)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        screen = DraftScreen(app.draft_screen.session).add_class(app.breakpoint_class())
        assert expected in screen.classes  # not yet mounted, never resized
        assert expected in app.screen.classes


async def test_screen_is_filled_by_compose_without_waiting_for_mount(drafted_workspace):
    """What the first frame shows comes from compose: the opening's text, the title, the parts."""
    app = make_app(drafted_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await push_new_draft_screen(app, pilot)
        session = screen.session
        editor = screen.query_one("#editor", TextArea)
        assert session.draft.opening.strip()
        assert editor.text == session.draft.opening  # the sample's opening has no slots
        assert screen.query_one("#part-title").content == session.draft.title
        assert screen.query_one("#parts").option_count == 1 + len(session.kind.parts)
        assert screen.focused is editor


async def test_suggestions_key_works_before_the_side_panel_is_mounted(drafted_workspace):
    app = make_app(drafted_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await push_new_draft_screen(app, pilot)
        assert not screen.query(PhraseList), "the side panel was expected to come after the first frame"
        await screen.action_suggestions()  # Ctrl+G pressed at once: waits for the panel
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-suggestions"
        assert screen.focused is screen.query_one(PhraseList)
        assert len(screen.query(TabbedContent)) == 1  # the panel was mounted once


async def test_side_panel_arrives_by_itself(drafted_workspace):
    app = make_app(drafted_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        assert screen.query_one(PhraseList) is not None
        notes = [str(note.content) for note in screen.query_one("#side").query(".empty-note")]
        assert not any("正在载入指标" in note for note in notes)
        assert screen.query_one("#indicators").border_subtitle  # the pending count is shown


async def test_quitting_while_the_side_panel_mounts_is_clean(drafted_workspace):
    """The clerk quits at once: the half-mounted panel is dropped, no error, the draft is kept."""
    app = make_app(drafted_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await push_new_draft_screen(app, pilot)
        assert not screen.query(PhraseList)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    workspace = Workspace.open(drafted_workspace)
    assert workspace.draft(2026).opening.strip()
    workspace.close()
