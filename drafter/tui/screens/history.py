"""Saved revisions of the draft; Enter goes back to one (the current state stays in the history)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.core.models import Draft
from drafter.session import DraftSession


def revision_summary(draft: Draft) -> str:
    chars = sum(len(t.strip()) for t in draft.parts.values()) + len(draft.opening.strip())
    typed = sum(1 for v in draft.values.values() if v.origin == "typed")
    return f"正文{chars}字，已改指标{typed}项"


class HistoryScreen(ModalScreen[int | None]):
    """Returns the revision id to restore, or None."""

    BINDINGS = [Binding("escape", "cancel", "关闭", id="close_history")]

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("历史版本（每次自动保存都会留下一版；回车恢复所选版本）", markup=False)
            yield OptionList(id="revisions")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        store = self.session.workspace.store
        for revision in self.session.revisions()[:200]:
            summary = revision_summary(store.load_revision(revision.id))
            options.add_option(Option(f"{revision.saved_at.replace('T', ' ')}  {summary}", id=str(revision.id)))
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(str(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
