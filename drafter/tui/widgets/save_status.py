"""A one-line status: whether the draft is saved, and when."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class SaveStatus(Static):
    """Shows `已保存 21:40:12`, `正在保存…` or `有修改，稍后自动保存`."""

    state: reactive[str] = reactive("saved")
    saved_at: reactive[str] = reactive("")

    def render(self) -> str:
        if self.state == "dirty":
            return "● 有修改，稍后自动保存"
        if self.state == "saving":
            return "◌ 正在保存…"
        if self.state == "error":
            return "✗ 保存失败，正在重试"
        return f"✓ 已保存 {self.saved_at}".rstrip()

    def watch_state(self, state: str) -> None:
        for name in ("saved", "dirty", "saving", "error"):
            self.set_class(state == name, f"-{name}")
