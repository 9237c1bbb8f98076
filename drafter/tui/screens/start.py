"""The start screen: the county, its past reports and drafts by year, and starting a new year."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Footer, Header, Static

from drafter.tui.messages import YearChosen
from drafter.workspace import Workspace, YearRow


def describe_row(row: YearRow) -> tuple[str, str, str, str]:
    sources = "、".join(s for s, present in (("往年报告", row.has_report), ("草稿", row.draft is not None)) if present)
    if row.draft is None:
        state = "—"
    else:
        pending = sum(1 for v in row.draft.values.values() if v.origin == "carried" and not v.confirmed)
        state = f"必备部分 {row.parts_done}/{row.parts_required}" + (f"，{pending} 项待确认" if pending else "")
    return (f"{row.year}年", sources, state, row.draft.title if row.draft else "")


class StartScreen(Screen[None]):
    """Choose the year to work on."""

    BINDINGS = [Binding("escape", "app.pop_screen_if_drafting", "返回草稿", id="back", show=False)]

    def __init__(self, workspace: Workspace, next_year: int, importing: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.next_year = next_year
        self.importing = importing
        """True while past reports are still being imported (their values feed the new draft)."""

    def compose(self) -> ComposeResult:
        config = self.workspace.config
        yield Header(icon="≡")
        with Vertical(id="start"):
            yield Static(f"{config.county}", id="county-name", markup=False)
            yield Static(
                f"发文机关：{'、'.join(config.issuers)}\n主送机关：{config.addressee or '（无）'}\n工作区文件夹：{self.workspace.root.name}",
                id="county-details",
                markup=False,
            )
            yield DataTable(id="years", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="start-actions"):
                yield Button(f"开始 {self.next_year} 年报告", id="start-new", variant="primary")
                yield Checkbox("沿用上年正文作为起点", id="carry-text")
            yield Static("正在读取往年报告（首次需要几秒钟）…", id="start-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("年度", "已有", "进度", "标题")
        self.show_years()
        self.query_one("#start-new", Button).focus()

    def show_years(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        rows = self.workspace.overview()
        for row in rows:
            table.add_row(*describe_row(row), key=str(row.year))
        button = self.query_one("#start-new", Button)
        if self.importing:
            button.label = "正在读取往年报告…"
            button.disabled = True
            return
        button.disabled = False
        has_draft = any(r.draft is not None and r.year == self.next_year for r in rows)
        button.label = f"{'继续' if has_draft else '开始'} {self.next_year} 年报告"
        hint = self.query_one("#start-hint", Static)
        hint.update(
            f"新报告会把{self.next_year - 1}年的全部指标值带入并标为“待确认”，比率由分项自动计算。"
            "在上表中选中已有草稿的年份并按回车可继续编辑。"
        )

    def import_done(self, next_year: int) -> None:
        """The background import finished: show its years and allow starting."""
        self.importing = False
        self.next_year = next_year
        self.show_years()
        self.query_one("#start-new", Button).focus()

    @on(Button.Pressed, "#start-new")
    def start_new(self) -> None:
        carry = self.query_one("#carry-text", Checkbox).value
        self.post_message(YearChosen(self.next_year, carry))

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        year = int(str(event.row_key.value))
        if self.workspace.store.load_draft(self.workspace.config.county, year) is not None:
            self.post_message(YearChosen(year, False))
        else:
            self.notify(f"{year} 年只有往年报告，没有草稿：可用“开始 {self.next_year} 年报告”新建。")
