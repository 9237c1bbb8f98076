"""The drafting screen: parts on the left, the part's text in the middle, its indicators on the right."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import threading

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static, TextArea
from textual.widgets.text_area import Selection

from drafter.core.drafts import plain_values
from drafter.core.render import hide_slot_values, show_slot_values
from drafter.errors import DrafterError, ValueProblem
from drafter.session import DraftSession
from drafter.tui.messages import (
    DraftSaved,
    ExportFailed,
    ExportFinished,
    ExportReady,
    SaveFailed,
    SuggestionsReady,
)
from drafter.tui.widgets.guidance_panel import GuidancePanel
from drafter.tui.widgets.indicator_table import IndicatorRow, IndicatorTable
from drafter.tui.widgets.part_list import OPENING_ID, PartEntry, PartList
from drafter.tui.widgets.phrase_list import PhraseEntry, PhraseList
from drafter.tui.widgets.save_status import SaveStatus
from drafter.tui.widgets.side_panel import SidePanel

AUTOSAVE_DELAY = 0.5
"""Seconds of quiet after an edit before it is saved (a kill loses at most this much typing)."""
SUGGEST_DELAY = 0.002
"""Seconds of quiet after a keystroke before suggestions are looked up: coalesces the key events of
one input-method commit or paste; a lookup still running when the clerk types on is dropped by its
serial number, so typing never waits for it."""
QUERY_CHARS = 30
"""At most this many characters before the caret make the suggestion query."""


def source_label(suggestion) -> str:
    """Where a suggestion comes from: `汀岚县2025年报告`, `另有2份报告`."""
    if not suggestion.sources:
        return "往年报告"
    first = suggestion.sources[0]
    label = f"{first.county or ''}{first.year or ''}年报告" if first.year else first.file
    more = suggestion.source_count - 1
    return label + (f"等{suggestion.source_count}份" if more > 0 else "")


class DraftScreen(Screen[None]):
    """Edit one draft; every change is saved automatically."""

    AUTO_FOCUS = "#editor"
    BINDINGS = [
        Binding("ctrl+o", "export", "导出", id="export"),
        Binding("ctrl+r", "review", "审查预览", id="review"),
        Binding("ctrl+t", "confirm_all", "确认沿用值", id="confirm_all"),
        Binding("ctrl+n", "next_part", "下一部分", id="next_part"),
        Binding("ctrl+g", "suggestions", "建议", id="suggestions"),
        Binding("ctrl+b", "previous_part", "上一部分", id="previous_part", show=False),
        Binding("ctrl+s", "save", "立即保存", show=False, id="save"),
        Binding("f3", "history", "历史版本", show=False, id="history"),
    ]

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session
        self.current_part: str = OPENING_ID
        self._save_timer: Timer | None = None
        self._suggest_timer: Timer | None = None
        self._suggest_serial = 0
        self._save_lock = threading.Lock()
        self._side: SidePanel | None = None
        """Indicators and suggestions; mounted just after the first frame (see `side_panel`)."""
        self._side_lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        # Built with the opening's content, so the first frame is the finished screen.
        draft = self.session.draft
        self.title = draft.title
        self.sub_title = f"{draft.county} · {draft.year}年度"
        yield Header(icon="≡")
        with Horizontal(id="main"):
            parts = PartList(self.part_entries(), id="parts")
            parts.border_title = "报告结构"
            yield parts
            with Vertical(id="editor-pane"):
                yield Static(self.heading(OPENING_ID), id="part-title", markup=False)
                yield TextArea(self.shown(self.stored_text(OPENING_ID)), id="editor", soft_wrap=True, tab_behavior="focus")
                yield GuidancePanel(None, id="guidance")
            with Vertical(id="side"):
                yield Static("正在载入指标…", classes="empty-note")
        with Horizontal(id="statusbar"):
            yield SaveStatus(id="save-status")
            yield Static("", id="export-path", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PartList).highlighted = 0
        self.call_after_refresh(self.sync_ime_cursor)
        self.call_later(self.side_panel)  # queued behind the refresh that paints the first frame

    async def side_panel(self) -> SidePanel:
        """The side panel, mounted on first use or just after the first frame.

        The tabs, the table and the phrase list are a third of the screen's start-up work;
        mounting them once the text is on the terminal shows the clerk the draft sooner.
        """
        async with self._side_lock:
            if self._side is None:
                slot = self.query_one("#side")
                await slot.remove_children()
                side = SidePanel()
                await slot.mount(side)
                self._side = side
                if side.is_attached:  # not when the app quit while it was mounting
                    self.show_side(self.current_part)
        return self._side

    # Parts

    def part_entries(self) -> list[PartEntry]:
        draft = self.session.draft
        entries = [PartEntry(OPENING_ID, "标题与开头", True, len(draft.opening.strip()))]
        from drafter.core.compose import part_heading

        for spec in self.session.kind.parts:
            label = spec.label or part_heading(draft, self.session.kind, spec.id)
            entries.append(PartEntry(spec.id, label, spec.required, len(draft.parts.get(spec.id, "").strip())))
        return entries

    def refresh_parts(self) -> None:
        self.query_one(PartList).set_entries(self.part_entries())

    def heading(self, part_id: str) -> str:
        """The heading shown above a part's text (the report's title for the opening)."""
        if part_id == OPENING_ID:
            return self.session.draft.title
        from drafter.core.compose import part_heading

        return part_heading(self.session.draft, self.session.kind, part_id)

    def stored_text(self, part_id: str) -> str:
        draft = self.session.draft
        return draft.opening if part_id == OPENING_ID else draft.parts.get(part_id, "")

    async def show_part(self, part_id: str) -> None:
        self.current_part = part_id
        editor = self.query_one("#editor", TextArea)
        with editor.prevent(TextArea.Changed):
            editor.load_text(self.shown(self.stored_text(part_id)))
        self.query_one("#part-title", Static).update(self.heading(part_id))
        self.query_one(GuidancePanel).show(None if part_id == OPENING_ID else self.session.kind.part(part_id))
        self.show_side(part_id)
        self.call_after_refresh(self.sync_ime_cursor)

    def show_side(self, part_id: str) -> None:
        """Show a part's indicators and look up its suggestions (once the side panel is there)."""
        if self._side is None:
            return
        indicators = self.query_one(IndicatorTable)
        indicators.filter_text = self.query_one("#indicator-filter", Input).value
        indicators.show_rows(self.indicator_rows(part_id))
        self.refresh_indicator_title()
        self.query_one(PhraseList).show_note("正在查找往年报告中的相关表述…")
        self.schedule_suggestions()

    def sync_ime_cursor(self) -> None:
        """Put the terminal cursor back on the focused caret after a layout change.

        Input methods open their candidate window at the terminal cursor. Textual moves it only
        when the caret moves, so a panel that grows or shrinks would leave it stale.
        """
        focused = self.app.focused
        if isinstance(focused, TextArea | Input) and focused.region:
            self.app.cursor_position = focused.cursor_screen_offset

    def on_resize(self) -> None:
        self.call_after_refresh(self.sync_ime_cursor)

    @on(PartList.PartChosen)
    async def part_chosen(self, event: PartList.PartChosen) -> None:
        if event.part_id != self.current_part:
            await self.show_part(event.part_id)

    @on(TextArea.Changed, "#editor")
    def text_changed(self, event: TextArea.Changed) -> None:
        self.schedule_suggestions()
        text = hide_slot_values(event.text_area.text, self.session.catalog)
        if self.current_part == OPENING_ID:
            self.session.set_opening(text)
        else:
            self.session.set_text(self.current_part, text)
        self.schedule_save()  # the part list's character counts refresh with the save

    # Suggestions

    def schedule_suggestions(self) -> None:
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, self.refresh_suggestions)

    def suggestion_query(self) -> str | None:
        """The sentence being written (up to the caret), as the query; None ranks against the part."""
        editor = self.query_one("#editor", TextArea)
        row, column = editor.cursor_location
        line = editor.document.get_line(row)[:column] if row < editor.document.line_count else ""
        sentence = re.split(r"[。；！？]", line)[-1].strip() or line.strip()
        return sentence[-QUERY_CHARS:] or None

    def refresh_suggestions(self) -> None:
        if self._side is None:
            return
        if self.current_part == OPENING_ID:
            self.query_one(PhraseList).show_note("开头段落没有建议；请选择报告的某一部分。")
            return
        self._suggest_serial += 1
        part_kind = self.session.kind.part(self.current_part).kind
        self.fetch_suggestions(self._suggest_serial, part_kind, self.suggestion_query())

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def fetch_suggestions(self, serial: int, part_kind: str, query: str | None) -> None:
        """Look up suggestions (jieba and the index load on first use, off the UI thread)."""
        try:
            found = self.session.suggest(part_kind, query)
        except DrafterError as exc:
            self.post_message(SuggestionsReady(serial, [], str(exc)))
            return
        entries = [PhraseEntry(s.text, s.rendered, source_label(s)) for s in found]
        self.post_message(SuggestionsReady(serial, entries, None))

    @on(SuggestionsReady)
    def suggestions_ready(self, event: SuggestionsReady) -> None:
        if event.serial != self._suggest_serial:
            return  # typed on since: a newer lookup is coming
        phrases = self.query_one(PhraseList)
        if event.error:
            phrases.show_note(event.error)
        else:
            phrases.show_entries(event.entries)

    async def action_suggestions(self) -> None:
        (await self.side_panel()).show_suggestions_tab()

    @on(PhraseList.PhraseChosen)
    def phrase_chosen(self, event: PhraseList.PhraseChosen) -> None:
        """Insert the phrase (its slots stay linked to the indicators) at the cursor."""
        editor = self.query_one("#editor", TextArea)
        editor.insert(self.shown(event.text))
        editor.focus()

    # Indicators

    def indicator_rows(self, part_id: str) -> list[IndicatorRow]:
        """Rows for a part's indicators (none for the opening)."""
        if part_id == OPENING_ID:
            return []
        session = self.session
        changes = session.changes()
        return [
            IndicatorRow(spec, session.draft.values.get(spec.id), session.last_year_values.get(spec.id), changes.get(spec.id, ""))
            for spec in session.indicators_for(part_id)
        ]

    def refresh_indicators(self) -> None:
        if self._side is not None:
            self.query_one(IndicatorTable).update_rows(self.indicator_rows(self.current_part))
            self.refresh_indicator_title()
        self.refresh_editor_values()

    def shown(self, stored: str) -> str:
        """Stored text as the editor shows it: every slot with its current value."""
        return show_slot_values(stored, plain_values(self.session.draft), self.session.catalog)

    def current_stored_text(self) -> str:
        return self.stored_text(self.current_part)

    def refresh_editor_values(self) -> None:
        """Show changed indicator values in the slots of the text being edited (the caret stays)."""
        editor = self.query_one("#editor", TextArea)
        text = self.shown(self.current_stored_text())
        if editor.text == text:
            return
        row, column = editor.cursor_location
        with editor.prevent(TextArea.Changed):
            editor.load_text(text)
        last_row = editor.document.line_count - 1
        row = min(row, last_row)
        editor.move_cursor((row, min(column, len(editor.document.get_line(row)))))

    def refresh_indicator_title(self) -> None:
        indicators = self.query_one(IndicatorTable)
        pending = len(self.session.unconfirmed())
        indicators.border_title = "指标"
        indicators.border_subtitle = f"{pending}项沿用值待确认" if pending else "全部已确认"

    @on(Input.Changed, "#indicator-filter")
    def filter_indicators(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one(IndicatorTable).filter(event.value)

    @on(IndicatorTable.ValueSubmitted)
    def indicator_submitted(self, event: IndicatorTable.ValueSubmitted) -> None:
        try:
            self.session.set_value_text(event.indicator_id, event.text)
        except ValueProblem as exc:
            event.table.show_message(str(exc), error=True)
            self.call_after_refresh(self.sync_ime_cursor)
            return
        self.refresh_indicators()
        event.table.value_accepted()
        self.schedule_save()

    @on(IndicatorTable.ConfirmRequested)
    def indicator_confirmed(self, event: IndicatorTable.ConfirmRequested) -> None:
        value = self.session.draft.values.get(event.indicator_id)
        if value is not None and value.origin == "carried":
            self.session.confirm(event.indicator_id)
            self.refresh_indicators()
            event.table.value_accepted()
            self.schedule_save()

    @on(IndicatorTable.InsertRequested)
    def insert_slot(self, event: IndicatorTable.InsertRequested) -> None:
        """Insert a linked slot at the editor's cursor; its number follows the indicator from now on."""
        from drafter.core.render import slot

        editor = self.query_one("#editor", TextArea)
        editor.insert(self.shown(slot(self.session.catalog.get(event.indicator_id))))
        editor.focus()

    def action_confirm_all(self) -> None:
        count = len(self.session.unconfirmed())
        self.session.confirm_all()
        self.refresh_indicators()
        self.schedule_save()
        self.notify(f"已确认 {count} 项沿用上年的指标值。")

    # Saving

    def schedule_save(self) -> None:
        self.query_one(SaveStatus).state = "dirty"
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.action_save)

    def action_save(self) -> None:
        self.refresh_parts()
        if self.session.dirty:
            self.query_one(SaveStatus).state = "saving"
            self.save_in_background()

    @work(thread=True, group="save", exit_on_error=False)
    def save_in_background(self) -> None:
        with self._save_lock:
            draft = self.session.draft
            try:
                self.session.workspace.save(draft)
            except DrafterError as exc:
                self.post_message(SaveFailed(str(exc)))
                return
        self.post_message(DraftSaved(draft, dt.datetime.now().strftime("%H:%M:%S")))

    def save_now(self) -> None:
        """Save synchronously (before quitting)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        with self._save_lock:
            if self.session.dirty:
                self.session.save()

    @on(DraftSaved)
    def draft_saved(self, event: DraftSaved) -> None:
        self.session.saved_draft = event.draft
        status = self.query_one(SaveStatus)
        status.saved_at = event.saved_at
        status.state = "dirty" if self.session.dirty else "saved"

    @on(SaveFailed)
    def save_failed(self, event: SaveFailed) -> None:
        self.query_one(SaveStatus).state = "error"
        self.notify(event.message, severity="error", markup=False)
        self.schedule_save()

    # Navigation

    def _move_part(self, step: int) -> None:
        parts = self.query_one(PartList)
        index = parts.highlighted or 0
        parts.highlighted = max(0, min(parts.option_count - 1, index + step))
        if not parts.has_focus:
            self.query_one("#editor", TextArea).focus()

    def action_next_part(self) -> None:
        self._move_part(1)

    def action_previous_part(self) -> None:
        self._move_part(-1)

    def action_review(self) -> None:
        from drafter.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session, self.reload_from_session), self.jump_to)

    def action_history(self) -> None:
        from drafter.tui.screens.history import HistoryScreen

        self.save_now()

        def restore(revision_id: int | None) -> None:
            if revision_id is None:
                return
            self.session.restore(revision_id)
            self.reload_from_session()
            self.notify("已恢复所选版本；恢复前的内容仍在历史版本中。")

        self.app.push_screen(HistoryScreen(self.session), restore)

    def action_preview(self) -> None:
        from drafter.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self.session.preview_text()))

    def reload_from_session(self) -> None:
        """The draft changed elsewhere (a review fix): show it and save it."""
        self.refresh_parts()
        self.refresh_indicators()
        self.schedule_save()

    async def jump_to(self, jump) -> None:
        """Go to where the review pointed: a part, a span in its text, or an indicator row."""
        if jump is None:
            self.reload_from_session()
            return
        self.reload_from_session()
        parts = self.query_one(PartList)
        index = next(i for i, e in enumerate(self.part_entries()) if e.part_id == jump.part_id)
        await self.show_part(jump.part_id)
        with parts.prevent(PartList.PartChosen):
            parts.highlighted = index
        if jump.indicator_id is not None:
            await self.side_panel()
            indicators = self.query_one(IndicatorTable)
            indicators.move_to(jump.indicator_id)
            indicators.query_one("DataTable").focus()
            return
        editor = self.query_one("#editor", TextArea)
        editor.focus()
        if jump.start is not None and jump.end is not None:
            stored = self.current_stored_text()
            start = len(self.shown(stored[: jump.start]))
            end = start + len(self.shown(stored[jump.start : jump.end]))
            document = editor.document
            editor.selection = Selection(
                document.get_location_from_index(start), document.get_location_from_index(end)
            )
            editor.scroll_cursor_visible(center=True)

    def commands(self) -> list[SystemCommand]:
        """Palette entries for this screen's actions."""
        return [
            SystemCommand("导出 DOCX", "按 GB/T 9704 版式导出到 exports/", lambda: self.export_now("docx")),
            SystemCommand("导出纯文本", "导出 .txt 到 exports/", lambda: self.export_now("txt")),
            SystemCommand("导出 PDF", "经 LibreOffice 转换（需已安装）", lambda: self.export_now("pdf")),
            SystemCommand("导出（选择格式）", "选择格式并查看审查结果", self.action_export),
            SystemCommand("审查与全文预览", "查看问题清单和打印效果", self.action_review),
            SystemCommand("全文预览", "按打印效果查看整篇报告", self.action_preview),
            SystemCommand("确认全部沿用值", "把所有沿用上年的指标值标为已确认", self.action_confirm_all),
            SystemCommand("下一部分", "转到报告的下一部分", self.action_next_part),
            SystemCommand("上一部分", "转到报告的上一部分", self.action_previous_part),
            SystemCommand("历史版本", "查看并恢复以前自动保存的版本", self.action_history),
            SystemCommand("立即保存", "（修改本会自动保存）", self.action_save),
        ]

    # Export

    def action_export(self) -> None:
        """Review first (in a worker), then let the clerk choose the format."""
        self.save_now()
        self.query_one("#export-path", Static).update("正在审查…")
        self.prepare_export()

    @work(thread=True, group="export", exclusive=True, exit_on_error=False)
    def prepare_export(self) -> None:
        from drafter.core.drafts import unconfirmed

        try:
            errors = [f.message for f in self.session.review() if f.severity == "error"]
        except DrafterError as exc:
            errors = [str(exc)]
        pending = unconfirmed(self.session.draft)
        if pending:
            errors.append(f"{len(pending)}项沿用上年的指标值尚未确认（Ctrl+T 可全部确认）。")
        self.post_message(ExportReady(errors))

    @on(ExportReady)
    def export_ready(self, event: ExportReady) -> None:
        from drafter.export.pdf import find_soffice
        from drafter.tui.screens.export import ExportScreen

        self.query_one("#export-path", Static).update("")

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.export_now(fmt)

        exports = str(self.session.workspace.exports_dir)
        self.app.push_screen(ExportScreen(event.errors, find_soffice() is not None, exports), chosen)

    def export_now(self, fmt: str) -> None:
        """Save, then export in a worker; the path is shown when done."""
        self.save_now()
        self.query_one("#export-path", Static).update("正在导出…")
        self.export_in_background(fmt)

    @work(thread=True, group="export", exclusive=True, exit_on_error=False)
    def export_in_background(self, fmt: str) -> None:
        try:
            path = self.session.export(fmt)
        except DrafterError as exc:
            self.post_message(ExportFailed(str(exc)))
            return
        self.post_message(ExportFinished(path))

    @on(ExportFinished)
    def export_finished(self, event: ExportFinished) -> None:
        self.query_one("#export-path", Static).update(f"已导出：{event.path}")
        self.notify(f"已导出：{event.path}", markup=False, timeout=8)

    @on(ExportFailed)
    def export_failed(self, event: ExportFailed) -> None:
        self.query_one("#export-path", Static).update("导出失败")
        self.notify(event.message, severity="error", markup=False, timeout=10)
