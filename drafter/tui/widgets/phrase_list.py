"""Suggested phrases from past reports; Enter inserts the chosen one into the text."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class PhraseEntry:
    """One suggestion as shown: slotted text to insert, how it reads now, where it came from."""

    text: str
    rendered: str
    source: str


class PhraseList(OptionList):
    """Shows suggestions (attributes down); posts `PhraseList.PhraseChosen` on Enter or click."""

    @dataclass
    class PhraseChosen(Message):
        phrase_list: PhraseList
        text: str

        @property
        def control(self) -> PhraseList:
            return self.phrase_list

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[PhraseEntry] = []

    def show_note(self, note: str) -> None:
        """A line instead of suggestions (loading, nothing found)."""
        self.entries = []
        self.clear_options()
        self.add_option(Option(note, disabled=True))

    def show_entries(self, entries: list[PhraseEntry]) -> None:
        if not entries:
            self.show_note("没有找到相关表述：换几个关键词试试，或先导入往年报告。")
            return
        self.entries = entries
        self.clear_options()
        self.add_options(Option(f"{e.rendered}\n  —— {e.source}", id=str(i)) for i, e in enumerate(entries))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.PhraseChosen(self, self.entries[int(event.option.id)].text))
