"""A screen that shows one plain sentence when the workspace cannot be opened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static


class MessageScreen(Screen[None]):
    """Shows an error sentence; the only action is to quit."""

    BINDINGS = [Binding("escape,enter", "app.quit", "退出")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(self.message, id="message", markup=False)
        yield Footer()
