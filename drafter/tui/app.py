"""The Textual app: opens the workspace, lets the clerk pick a year, then drafts it."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from drafter import paths
from drafter.errors import DrafterError, log_traceback
from drafter.tui.messages import ImportFailed, ImportFinished, YearChosen

log = logging.getLogger("drafter.tui")

IMPORT_DELAY = 0.3
"""Seconds after start-up before past reports are imported in the background."""


class DrafterApp(App[None]):
    """drafter's terminal UI."""

    CSS_PATH = "drafter.tcss"
    TITLE = "法治政府建设年度报告起草"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", id="quit", priority=True),
        Binding("f1", "help", "帮助", id="help"),
        Binding("f2", "years", "年度", id="years"),
        Binding("f10", "toggle_theme", "明暗", id="toggle_theme", show=False),
        Binding("ctrl+p", "command_palette", "命令", id="command_palette", priority=True, show=False),
    ]

    def __init__(self, workspace_root: Path) -> None:
        super().__init__()
        self.workspace_root = workspace_root
        self.workspace = None
        self.draft_screen = None
        self.importing = True
        """True until the background import of past_reports/ has finished."""

    # Opening

    def on_mount(self) -> None:
        if self.is_web:
            self.watch_parent_process()
        # After the app's start-up batch: a screen pushed inside it has its first frame thrown away.
        self.call_later(self.open_workspace)

    def open_workspace(self) -> None:
        from drafter.tui.screens.workspace_form import WorkspaceFormScreen
        from drafter.workspace import Workspace

        if not paths.config_file(self.workspace_root).exists():
            self.push_screen(WorkspaceFormScreen(self.workspace_root), self._workspace_created)
            return
        try:
            workspace = Workspace.open(self.workspace_root)
        except DrafterError as exc:
            self._show_message(str(exc))
            return
        self._use_workspace(workspace)

    @work(thread=True, group="parent-watch", exit_on_error=False)
    def watch_parent_process(self) -> None:
        """Under `drafter serve`, quit when the server dies (even by kill -9), saving the draft,
        instead of running on forever and holding the workspace lock."""
        parent = os.getppid()
        worker = get_current_worker()
        while not worker.is_cancelled:
            time.sleep(1.0)
            if os.getppid() != parent:
                self.call_from_thread(self.action_quit)
                return

    def _workspace_created(self, workspace) -> None:
        if workspace is not None:
            self._use_workspace(workspace)

    def _use_workspace(self, workspace) -> None:
        try:
            workspace.lock()
        except DrafterError as exc:
            self._show_message(str(exc))
            return
        self.workspace = workspace
        # Shortly after the first screen is painted: the import's module loading would delay it.
        self.set_timer(IMPORT_DELAY, self.import_past_reports)
        if workspace.store.draft_years(workspace.config.county):
            self.open_draft(workspace.default_year())
        else:
            self.action_years()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_past_reports(self) -> None:
        """Read new or changed files of past_reports/ off the UI thread (jieba loads here)."""
        try:
            summary = self.workspace.import_past_reports()
        except DrafterError as exc:
            self.post_message(ImportFailed(str(exc)))
            return
        changed = bool(summary.imported or summary.replaced)
        self.post_message(ImportFinished(summary.message(), changed, [o.reason for o in summary.failed]))

    @on(ImportFinished)
    def import_finished(self, event: ImportFinished) -> None:
        self.importing = False
        if event.changed or event.failures:
            self.notify(event.message, markup=False)
        for reason in event.failures[:3]:
            self.notify(reason, severity="warning", markup=False)
        self._tell_start_screen()

    @on(ImportFailed)
    def import_failed(self, event: ImportFailed) -> None:
        self.importing = False
        self.notify(event.message, severity="error", markup=False)
        self._tell_start_screen()

    def breakpoint_class(self) -> str:
        """The width class Textual gives a screen on its first resize, so that a new screen's first
        frame already has its final layout (instead of a frame laid out without it)."""
        width = self.size.width
        return next((name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= least), "")

    def _tell_start_screen(self) -> None:
        from drafter.tui.screens.start import StartScreen

        if isinstance(self.screen, StartScreen):
            self.screen.import_done(self.workspace.default_year())

    def _show_message(self, message: str) -> None:
        from drafter.tui.screens.message import MessageScreen

        self._replace_top(MessageScreen(message))

    def _replace_top(self, screen: Screen) -> None:
        screen.add_class(self.breakpoint_class())
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_draft(self, year: int, carry_text: bool = False) -> None:
        """Show the drafting screen for a year (creating the draft from last year if needed)."""
        from drafter.session import DraftSession
        from drafter.tui.screens.draft import DraftScreen

        self._save_open_draft()
        try:
            session = DraftSession.open(self.workspace, year, carry_text=carry_text)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.draft_screen = DraftScreen(session)
        self._replace_top(self.draft_screen)

    @on(YearChosen)
    def year_chosen(self, event: YearChosen) -> None:
        self.open_draft(event.year, event.carry_text)

    def _save_open_draft(self) -> bool:
        if self.draft_screen is None:
            return True
        try:
            self.draft_screen.save_now()
        except DrafterError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        return True

    def on_unmount(self) -> None:
        self._save_open_draft()
        if self.workspace is not None:
            self.workspace.close()

    # Actions

    def action_years(self) -> None:
        if self.workspace is None:
            return
        self._save_open_draft()
        self.draft_screen = None
        from drafter.tui.screens.start import StartScreen

        self._replace_top(StartScreen(self.workspace, self.workspace.default_year(), importing=self.importing))

    def action_help(self) -> None:
        from drafter.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    async def action_quit(self) -> None:
        if self._save_open_draft():
            self.exit()
            return
        from drafter.tui.screens.confirm import ConfirmScreen

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmScreen("最近的修改没能保存。仍要退出吗？退出会丢失这些修改。", "仍然退出", "留下"), answered)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action in the command palette, in Chinese."""
        from drafter.tui.screens.draft import DraftScreen

        if isinstance(screen, DraftScreen):
            yield from screen.commands()
        yield SystemCommand("年度与工作区", "查看往年报告和草稿，开始新的年度", self.action_years)
        yield SystemCommand("帮助", "写作流程和全部按键", self.action_help)
        yield SystemCommand("切换明暗主题", "在深色和浅色界面之间切换", self.action_toggle_theme)
        yield SystemCommand("退出", "保存并退出", self.action_quit)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The outer edge for workers: log the traceback, show one sentence."""
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        error = event.worker.error
        if isinstance(error, DrafterError):
            self.notify(str(error), severity="error", markup=False)
            return
        if log_traceback(self.workspace_root, error) is None:
            log.error("cannot write the log file for %r", error)
        self.notify("后台任务出错（详情已记录到工作区的 .drafter/drafter.log）：请重试。", severity="error")


def make_app(workspace_root: Path) -> DrafterApp:
    """Build the app for a workspace (tests pass a temporary folder)."""
    return DrafterApp(workspace_root)


def run(workspace_root: Path) -> int:
    """Run the TUI until the clerk quits."""
    make_app(workspace_root).run()
    return 0
