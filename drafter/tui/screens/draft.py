"""The drafting screen: parts on the left, the part's text in the middle, its indicators on the right."""

from __future__ import annotations

import datetime as dt
import threading

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea

from drafter.errors import DrafterError, ValueProblem
from drafter.session import DraftSession
from drafter.tui.messages import DraftSaved, ExportFailed, ExportFinished, SaveFailed
from drafter.tui.widgets.guidance_panel import GuidancePanel
from drafter.tui.widgets.indicator_field import IndicatorField
from drafter.tui.widgets.indicator_panel import IndicatorPanel
from drafter.tui.widgets.part_list import OPENING_ID, PartEntry, PartList
from drafter.tui.widgets.save_status import SaveStatus

AUTOSAVE_DELAY = 0.5
"""Seconds of quiet after an edit before it is saved (a kill loses at most this much typing)."""


class DraftScreen(Screen[None]):
    """Edit one draft; every change is saved automatically."""

    BINDINGS = [
        Binding("ctrl+o", "export('docx')", "导出DOCX", id="export_docx"),
        Binding("ctrl+t", "confirm_all", "确认沿用值", id="confirm_all"),
        Binding("ctrl+s", "save", "立即保存", show=False, id="save"),
    ]

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session
        self.current_part: str = OPENING_ID
        self._save_timer: Timer | None = None
        self._save_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield PartList(id="parts")
            with Vertical(id="editor-pane"):
                yield Static("", id="part-title", markup=False)
                yield TextArea("", id="editor", soft_wrap=True, tab_behavior="focus")
                yield GuidancePanel(id="guidance")
            yield IndicatorPanel(id="indicators")
        with Horizontal(id="statusbar"):
            yield SaveStatus(id="save-status")
            yield Static("", id="export-path", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        draft = self.session.draft
        self.title = draft.title
        self.sub_title = f"{draft.county} · {draft.year}年度"
        self.query_one(PartList).border_title = "报告结构"
        self.refresh_parts()
        await self.show_part(OPENING_ID)
        self.query_one(PartList).highlighted = 0
        self.query_one("#editor", TextArea).focus()

    # Parts

    def part_entries(self) -> list[PartEntry]:
        draft = self.session.draft
        entries = [PartEntry(OPENING_ID, "标题与开头", True, len(draft.opening.strip()))]
        from drafter.core.compose import part_heading

        for spec in self.session.kind.parts:
            label = part_heading(draft, self.session.kind, spec.id)
            entries.append(PartEntry(spec.id, label, spec.required, len(draft.parts.get(spec.id, "").strip())))
        return entries

    def refresh_parts(self) -> None:
        self.query_one(PartList).set_entries(self.part_entries())

    async def show_part(self, part_id: str) -> None:
        self.current_part = part_id
        draft = self.session.draft
        editor = self.query_one("#editor", TextArea)
        spec = None if part_id == OPENING_ID else self.session.kind.part(part_id)
        text = draft.opening if spec is None else draft.parts.get(part_id, "")
        with editor.prevent(TextArea.Changed):
            editor.load_text(text)
        heading = next(e.label for e in self.part_entries() if e.part_id == part_id)
        self.query_one("#part-title", Static).update(heading if spec else f"{draft.title}")
        self.query_one(GuidancePanel).show(spec)
        await self.query_one(IndicatorPanel).show(self.session, None if spec is None else part_id)

    @on(PartList.PartChosen)
    async def part_chosen(self, event: PartList.PartChosen) -> None:
        if event.part_id != self.current_part:
            await self.show_part(event.part_id)

    @on(TextArea.Changed, "#editor")
    def text_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if self.current_part == OPENING_ID:
            self.session.set_opening(text)
        else:
            self.session.set_text(self.current_part, text)
        self.refresh_parts()
        self.schedule_save()

    # Indicators

    @on(IndicatorField.Changed)
    def indicator_changed(self, event: IndicatorField.Changed) -> None:
        try:
            self.session.set_value_text(event.indicator_id, event.text)
        except ValueProblem as exc:
            event.field.error = str(exc)
            return
        event.field.error = ""
        self.query_one(IndicatorPanel).refresh_values(self.session)
        self.schedule_save()

    @on(IndicatorField.Confirmed)
    def indicator_confirmed(self, event: IndicatorField.Confirmed) -> None:
        if event.indicator_id in self.session.draft.values and not event.field.error:
            self.session.confirm(event.indicator_id)
            self.query_one(IndicatorPanel).refresh_values(self.session)
            self.schedule_save()

    @on(IndicatorField.InsertRequested)
    def insert_slot(self, event: IndicatorField.InsertRequested) -> None:
        """Insert a linked slot at the editor's cursor; its number follows the field from now on."""
        from drafter.core.render import slot

        editor = self.query_one("#editor", TextArea)
        editor.insert(slot(self.session.catalog.get(event.indicator_id)))
        editor.focus()

    def action_confirm_all(self) -> None:
        count = len(self.session.unconfirmed())
        self.session.confirm_all()
        self.query_one(IndicatorPanel).refresh_values(self.session)
        self.schedule_save()
        self.notify(f"已确认 {count} 项沿用上年的指标值。")

    # Saving

    def schedule_save(self) -> None:
        self.query_one(SaveStatus).state = "dirty"
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.action_save)

    def action_save(self) -> None:
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

    # Export

    def action_export(self, fmt: str) -> None:
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
