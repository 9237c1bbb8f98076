"""The Textual app: opens the workspace's current draft on the drafting screen."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from drafter import paths
from drafter.errors import DrafterError

log = logging.getLogger("drafter.tui")


class DrafterApp(App[None]):
    """drafter's terminal UI."""

    CSS_PATH = "drafter.tcss"
    TITLE = "法治政府建设年度报告起草"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [Binding("ctrl+q", "quit", "退出", id="quit", priority=True)]

    def __init__(self, workspace_root: Path) -> None:
        super().__init__()
        self.workspace_root = workspace_root
        self.session = None

    def on_mount(self) -> None:
        from drafter.session import DraftSession
        from drafter.tui.screens.draft import DraftScreen
        from drafter.tui.screens.message import MessageScreen
        from drafter.workspace import Workspace

        try:
            workspace = Workspace.open(self.workspace_root)
            workspace.lock()
            self.session = DraftSession.open(workspace)
        except DrafterError as exc:
            self.push_screen(MessageScreen(str(exc)))
            return
        self.push_screen(DraftScreen(self.session))

    async def action_quit(self) -> None:
        from drafter.tui.screens.draft import DraftScreen

        for screen in self.screen_stack:
            if isinstance(screen, DraftScreen):
                try:
                    screen.save_now()
                except DrafterError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
        self.exit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The outer edge for workers: log the traceback, show one sentence."""
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        error = event.worker.error
        if isinstance(error, DrafterError):
            self.notify(str(error), severity="error", markup=False)
            return
        _log_error(self.workspace_root, error)
        self.notify("后台任务出错（详情已记录到工作区的 .drafter/drafter.log）：请重试。", severity="error")


def _log_error(root: Path, error: BaseException) -> None:
    try:
        target = paths.log_file(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(error)) + "\n")
    except OSError:
        log.exception("cannot write the log file")


def make_app(workspace_root: Path) -> DrafterApp:
    """Build the app for a workspace (tests pass a temporary folder)."""
    return DrafterApp(workspace_root)


def run(workspace_root: Path) -> int:
    """Run the TUI until the clerk quits."""
    make_app(workspace_root).run()
    return 0
