"""The workspace: last year's values and text come from the imported past reports."""

from __future__ import annotations

import tomllib
from pathlib import Path

from drafter.core.compose import compose
from drafter.core.drafts import set_value
from drafter.core.render import slot_ids
from drafter.export.text import render_text
from drafter.workspace import Workspace

FIGURES = Path(__file__).resolve().parent / "data" / "sample_figures.toml"


def figures_of(year: int) -> dict[str, float]:
    with FIGURES.open("rb") as fh:
        return next(r["values"] for r in tomllib.load(fh)["report"] if r["year"] == year)


def test_new_year_carries_the_values_extracted_from_last_years_report(sample_workspace):
    ws = Workspace.open(sample_workspace)
    ws.import_past_reports()
    assert ws.default_year() == 2026
    draft = ws.draft(2026)
    expected = figures_of(2025)
    for indicator_id in ("review_concluded", "lawsuit_lost", "mediation_cases"):
        assert draft.values[indicator_id].value == expected[indicator_id]
        assert draft.values[indicator_id].origin == "carried"
    ws.close()


def test_carry_text_starts_from_last_years_report_with_linked_numbers(sample_workspace):
    ws = Workspace.open(sample_workspace)
    ws.import_past_reports()
    draft = ws.draft(2026, carry_text=True)
    measures = draft.parts["measures_and_results"]
    assert measures.startswith("（一）")
    ids = slot_ids(measures, ws.catalog)
    assert "review_concluded" in ids, "last year's figures became slots"
    before = render_text(compose(draft, ws.kind, ws.catalog, missing="mark"))
    old = figures_of(2025)["review_concluded"]
    assert f"{old:g}件" in before
    changed = set_value(draft, ws.catalog, "review_concluded", old + 11)
    after = render_text(compose(changed, ws.kind, ws.catalog, missing="mark"))
    assert f"{old + 11:g}件" in after
    assert all(draft.parts[p.id] for p in ws.kind.parts if p.required)
    ws.close()


def test_without_carry_text_parts_start_empty(sample_workspace):
    ws = Workspace.open(sample_workspace)
    ws.import_past_reports()
    draft = ws.draft(2026)
    assert not any(draft.parts.values())
    ws.close()
