"""The whole report as it will print, read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import TextArea


class PreviewScreen(ModalScreen[None]):
    """Shows the full text (headings, issuer, date); Esc closes."""

    BINDINGS = [Binding("escape", "dismiss", "关闭", id="close_preview")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        preview = TextArea(self.text, read_only=True, soft_wrap=True, id="preview")
        preview.border_title = "全文预览（Esc 关闭）"
        yield preview

    def action_dismiss(self) -> None:
        self.dismiss()
