"""The drafting screen's side panel: the part's indicators and the suggestions, as two tabs.

The screen mounts it just after its first frame is on the terminal, so the text shows sooner.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, TabbedContent, TabPane

from drafter.tui.widgets.indicator_table import IndicatorTable
from drafter.tui.widgets.phrase_list import PhraseList


class SidePanel(Vertical):
    """Tabs 指标 (filter box and table) and 建议 (phrase list); the screen drives both."""

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="tab-indicators"):
            with TabPane("指标", id="tab-indicators"):
                yield Input(placeholder="筛选指标，如：复议", id="indicator-filter", compact=True)
                yield IndicatorTable(id="indicators")
            with TabPane("建议", id="tab-suggestions"):
                yield PhraseList(id="phrases")

    def show_suggestions_tab(self) -> None:
        self.query_one(TabbedContent).active = "tab-suggestions"
        self.query_one(PhraseList).focus()
