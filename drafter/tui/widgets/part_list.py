"""The navigator: the report's parts with a completion mark each."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

OPENING_ID = "__opening__"
"""The pseudo-part holding the title and the opening paragraph."""


@dataclass(frozen=True)
class PartEntry:
    """How one part is shown in the list."""

    part_id: str
    label: str
    required: bool
    chars: int


def entry_prompt(entry: PartEntry) -> str:
    mark = "✓" if entry.chars else "○" if entry.required else "·"
    suffix = "" if entry.required else "·可选"
    return f"{mark}{entry.label}\n  {entry.chars}字{suffix}"


def options(entries: list[PartEntry]) -> list[Option]:
    return [Option(entry_prompt(e), id=e.part_id) for e in entries]


class PartList(OptionList):
    """Lists parts; posts `PartList.PartChosen` when the highlight moves to another part."""

    @dataclass
    class PartChosen(Message):
        part_list: PartList
        part_id: str

        @property
        def control(self) -> PartList:
            return self.part_list

    def __init__(self, entries: list[PartEntry], **kwargs) -> None:
        super().__init__(*options(entries), **kwargs)

    def set_entries(self, entries: list[PartEntry]) -> None:
        """Show or refresh the entries (attributes down)."""
        if self.option_count != len(entries):
            self.clear_options()
            self.add_options(options(entries))
            return
        for entry in entries:
            self.replace_option_prompt(entry.part_id, entry_prompt(entry))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.PartChosen(self, event.option.id))
