"""Create a workspace for a county when the folder is not one yet."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from drafter.errors import DrafterError
from drafter.workspace import Workspace, WorkspaceConfig


def split_names(text: str) -> list[str]:
    """Issuers typed as `中共某县委、某县人民政府` (、，, or spaces)."""
    return [part for part in re.split(r"[、，,；;\s]+", text.strip()) if part]


class WorkspaceFormScreen(Screen[Workspace | None]):
    """Asks for the county, issuers and addressee, then makes the workspace."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="workspace-form"):
            yield Static(f"{self.root} 还不是 drafter 工作区。填写以下信息即可创建：", markup=False)
            yield Label("县（区）名称")
            yield Input(placeholder="例如：汀岚县", id="county")
            yield Label("发文机关（多个用顿号分隔，留空则为“县名人民政府”）")
            yield Input(placeholder="例如：中共汀岚县委、汀岚县人民政府", id="issuers")
            yield Label("主送机关（可留空）")
            yield Input(placeholder="例如：中共云泽市委、云泽市人民政府", id="addressee")
            yield Static("", id="form-error", markup=False)
            yield Button("创建工作区", id="create", variant="primary")
        yield Footer()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def create(self) -> None:
        county = self.query_one("#county", Input).value.strip()
        error = self.query_one("#form-error", Static)
        if not county:
            error.update("请填写县（区）名称。")
            self.query_one("#county", Input).focus()
            return
        issuers = split_names(self.query_one("#issuers", Input).value) or [f"{county}人民政府"]
        addressee = self.query_one("#addressee", Input).value.strip().rstrip("：:") or None
        try:
            workspace = Workspace.init(self.root, WorkspaceConfig(county=county, issuers=issuers, addressee=addressee))
        except DrafterError as exc:
            error.update(str(exc))
            return
        self.dismiss(workspace)
