"""A drafting session: one workspace, one draft being edited, last year's values beside it.

The TUI holds one of these; it owns no widgets and is safe to test headless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.core import drafts
from drafter.core.models import Draft, IndicatorSpec
from drafter.core.numbers import parse_user_number
from drafter.errors import ValueProblem
from drafter.workspace import Workspace


@dataclass
class DraftSession:
    """The draft being edited and what is needed to show it."""

    workspace: Workspace
    draft: Draft
    last_year_values: dict[str, float] = field(default_factory=dict)
    saved_draft: Draft | None = None
    """The draft as last saved; `dirty` compares against it."""

    @classmethod
    def open(cls, workspace: Workspace, year: int | None = None, carry_text: bool = False) -> DraftSession:
        """Open the draft for `year` (default: the current one), creating it from last year."""
        draft = workspace.draft(year or workspace.default_year(), carry_text=carry_text)
        return cls(workspace, draft, workspace.known_values(draft.year - 1), saved_draft=draft)

    @property
    def catalog(self):
        return self.workspace.catalog

    @property
    def kind(self):
        return self.workspace.kind

    @property
    def dirty(self) -> bool:
        return self.draft != self.saved_draft

    def indicators_for(self, part_id: str) -> list[IndicatorSpec]:
        """The indicators shown with a part: those the catalog files under it, then those slotted in its text."""
        from drafter.core.render import slot_ids

        part_kind = self.kind.part(part_id).kind
        specs = [s for s in self.catalog.indicators if s.part == part_kind]
        slotted = [self.catalog.get(i) for i in slot_ids(self.draft.parts.get(part_id, ""), self.catalog)]
        return specs + [s for s in slotted if s not in specs]

    def set_text(self, part_id: str, text: str) -> None:
        self.draft = self.draft.model_copy(update={"parts": {**self.draft.parts, part_id: text}})

    def set_opening(self, text: str) -> None:
        self.draft = self.draft.model_copy(update={"opening": text})

    def set_value_text(self, indicator_id: str, text: str) -> None:
        """Set an indicator from what the clerk typed; empty text clears it.

        Raises:
            ValueProblem: the text is not a valid value for this indicator.
        """
        spec = self.catalog.get(indicator_id)
        value = None
        if text.strip():
            try:
                value = parse_user_number(text, spec)
            except ValueError as exc:
                raise ValueProblem(str(exc)) from None
        current = self.draft.values.get(indicator_id)
        if current is not None and current.value == value and value is not None:
            self.draft = drafts.confirm(self.draft, indicator_id)
            return
        self.draft = drafts.set_value(self.draft, self.catalog, indicator_id, value)

    def confirm(self, indicator_id: str) -> None:
        self.draft = drafts.confirm(self.draft, indicator_id)

    def confirm_all(self) -> None:
        for indicator_id in drafts.unconfirmed(self.draft):
            self.draft = drafts.confirm(self.draft, indicator_id)

    def unconfirmed(self) -> list[str]:
        return drafts.unconfirmed(self.draft)

    def changes(self) -> dict[str, str]:
        return drafts.year_over_year(self.draft, self.catalog, self.last_year_values)

    def save(self) -> bool:
        """Save the current draft (one transaction). Returns False when nothing changed."""
        draft = self.draft
        changed = self.workspace.save(draft)
        self.saved_draft = draft
        return changed

    def preview_text(self) -> str:
        """The whole report as it will print, unfilled slots marked 【待填】."""
        from drafter.core.compose import compose
        from drafter.export.text import render_text

        return render_text(compose(self.draft, self.kind, self.catalog, missing="mark"))

    def revisions(self) -> list:
        """Saved revisions of this draft, newest first."""
        return self.workspace.store.revisions(self.draft.county, self.draft.year)

    def restore(self, revision_id: int) -> None:
        """Go back to a saved revision (the current state stays in the history)."""
        self.draft = self.workspace.store.load_revision(revision_id)

    def suggest(self, part_kind: str, query: str | None, limit: int = 10) -> list:
        """Phrases from past reports for a part, with the draft's values filled in."""
        from drafter.corpus.suggest import suggest

        return suggest(self.workspace, self.draft, part_kind, query, limit)

    def review(self) -> list:
        """The reviewer's findings on the draft as it would print (DraftFinding list)."""
        from drafter.checks import check_draft

        ws = self.workspace
        return check_draft(self.draft, self.kind, self.catalog, self.last_year_values, ws.last_year_text(self.draft.year))

    def apply_fix(self, finding) -> None:
        """Apply a finding's safe fix to the draft.

        Raises:
            ValueProblem: the fix cannot be applied safely (the clerk must edit by hand).
        """
        from drafter.checks import apply_fix

        self.draft = apply_fix(self.draft, finding, self.catalog, self.kind)

    def export(self, fmt: str = "docx", overwrite: bool = False) -> Path:
        from drafter.exporting import export_draft

        return export_draft(self.workspace, self.draft, fmt, overwrite=overwrite)  # type: ignore[arg-type]
