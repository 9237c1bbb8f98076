"""The indicators of the current part, one `IndicatorField` each."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.session import DraftSession
from drafter.tui.widgets.indicator_field import IndicatorField


class IndicatorPanel(VerticalScroll):
    """Shows the fields of one part; the screen calls `show` and `refresh_values`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "指标"

    async def show(self, session: DraftSession, part_id: str | None) -> None:
        """Replace the fields with those of a part."""
        await self.remove_children()
        specs = session.indicators_for(part_id) if part_id else []
        if not specs:
            await self.mount(Static("本部分没有常用指标。", classes="empty-note", markup=False))
            return
        changes = session.changes()
        await self.mount_all(
            IndicatorField(
                spec,
                session.draft.values.get(spec.id),
                session.last_year_values.get(spec.id),
                changes.get(spec.id, ""),
            )
            for spec in specs
        )
        self.refresh_title(session)

    def refresh_values(self, session: DraftSession) -> None:
        """Update every field after a value changed (derived rates, 同比)."""
        changes = session.changes()
        for field in self.query(IndicatorField):
            field.update(
                session.draft.values.get(field.spec.id),
                session.last_year_values.get(field.spec.id),
                changes.get(field.spec.id, ""),
            )
        self.refresh_title(session)

    def filter(self, text: str) -> None:
        """Show only the fields whose name or unit contains `text` (all when empty)."""
        needle = text.strip()
        for field in self.query(IndicatorField):
            field.display = not needle or needle in field.spec.name or any(needle in a for a in field.spec.aliases)

    def refresh_title(self, session: DraftSession) -> None:
        pending = len(session.unconfirmed())
        self.border_subtitle = f"{pending} 项沿用值待确认" if pending else "全部已确认"
