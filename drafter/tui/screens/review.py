"""The review screen: findings grouped by part, carried values still unconfirmed, a full preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea, Tree

from drafter.errors import DrafterError, ValueProblem
from drafter.session import DraftSession

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "hint": "提示"}
OPENING_LABEL = "标题与开头"
CLOSING_LABEL = "结尾与落款"


@dataclass(frozen=True)
class Jump:
    """Where the clerk wants to go from the review: a part (with a text span) or an indicator."""

    part_id: str
    start: int | None = None
    end: int | None = None
    indicator_id: str | None = None


@dataclass
class ReviewReady(Message):
    findings: list


@dataclass
class ReviewFailed(Message):
    message: str


class ReviewScreen(Screen[Jump | None]):
    """Enter jumps to a finding or value, F applies a safe fix, Esc goes back."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back_to_draft"),
        Binding("f", "fix", "应用修改", id="apply_fix"),
        Binding("r", "rerun", "重新审查", id="rerun_review"),
    ]

    def __init__(self, session: DraftSession, changed: Callable[[], None]) -> None:
        super().__init__()
        self.session = session
        self.changed = changed
        self.findings: list = []

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="review"):
            tree: Tree = Tree("审查结果", id="findings")
            tree.show_root = False
            yield tree
            yield TextArea("", id="preview", read_only=True, soft_wrap=True)
        yield Static("正在审查…", id="review-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview", TextArea).border_title = "全文预览"
        self.query_one("#findings", Tree).border_title = "问题清单（回车跳转，F 应用修改）"
        self.action_rerun()

    def action_rerun(self) -> None:
        self.query_one("#review-status", Static).update("正在审查…（首次需要加载分词词典）")
        self.query_one("#preview", TextArea).load_text(self.session.preview_text())
        self.run_review()

    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def run_review(self) -> None:
        try:
            findings = self.session.review()
        except DrafterError as exc:
            self.post_message(ReviewFailed(str(exc)))
            return
        self.post_message(ReviewReady(findings))

    @on(ReviewFailed)
    def review_failed(self, event: ReviewFailed) -> None:
        self.query_one("#review-status", Static).update(event.message)

    @on(ReviewReady)
    def review_ready(self, event: ReviewReady) -> None:
        self.findings = event.findings
        tree = self.query_one("#findings", Tree)
        tree.clear()
        labels = {OPENING_LABEL: "__opening__", CLOSING_LABEL: "__closing__"}
        kind = self.session.kind
        groups: dict[str, list] = {}
        for finding in self.findings:
            groups.setdefault(finding.part_id, []).append(finding)
        order = ["__opening__", *(p.id for p in kind.parts), "__closing__"]
        for part_id in order:
            found = groups.get(part_id, [])
            if not found:
                continue
            if part_id in labels.values():
                title = OPENING_LABEL if part_id == "__opening__" else CLOSING_LABEL
            else:
                spec = kind.part(part_id)
                title = spec.label or spec.heading
            branch = tree.root.add(f"{title}（{len(found)}）", expand=True)
            for finding in found:
                branch.add_leaf(f"[{SEVERITY_LABELS[finding.severity]}] {finding.message}", data=finding)
        pending = self.session.unconfirmed()
        if pending:
            branch = tree.root.add(f"沿用上年、尚未确认的指标值（{len(pending)}）", expand=len(pending) <= 12)
            for indicator_id in pending:
                spec = self.session.catalog.get(indicator_id)
                branch.add_leaf(f"{spec.name}：{self.session.draft.values[indicator_id].value:g}{spec.unit}", data=indicator_id)
        errors = sum(1 for f in self.findings if f.severity == "error")
        warnings = sum(1 for f in self.findings if f.severity == "warning")
        hints = len(self.findings) - errors - warnings
        self.query_one("#review-status", Static).update(
            f"共{errors}个错误、{warnings}个警告、{hints}个提示；{len(pending)}项沿用值待确认。"
        )
        tree.focus()

    def _selected(self) -> object:
        node = self.query_one("#findings", Tree).cursor_node
        return None if node is None else node.data

    @on(Tree.NodeSelected)
    def node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if data is None:
            return
        if isinstance(data, str):
            part = next(
                (p.id for p in self.session.kind.parts if p.kind == self.session.catalog.get(data).part),
                self.session.kind.parts[0].id,
            )
            self.dismiss(Jump(part, indicator_id=data))
            return
        from drafter.checks.drafts import stored_span

        span = stored_span(self.session.draft, data, self.session.catalog)
        part_id = data.part_id if data.part_id != "__closing__" else "__opening__"
        self.dismiss(Jump(part_id, *(span or (None, None))))

    def action_fix(self) -> None:
        finding = self._selected()
        if finding is None or isinstance(finding, str):
            self.notify("请先选中一条问题。")
            return
        try:
            self.session.apply_fix(finding)
        except ValueProblem as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.changed()
        self.notify("已修改。")
        self.action_rerun()

    def action_back(self) -> None:
        self.dismiss(None)
