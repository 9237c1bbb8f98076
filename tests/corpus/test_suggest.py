"""Suggestions: ranked phrases for a part, slots filled from the draft, never what the draft holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.core.render import render_slotted
from drafter.corpus.index import ReportRecord
from drafter.corpus.library import import_paths, open_index
from drafter.corpus.phrases import Phrase, index_tokens, phrase_key
from drafter.corpus.suggest import suggest, suggestion_to_json
from drafter.workspace import Workspace, WorkspaceConfig

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "drafter.toml", root / "drafter.toml")
    shutil.copytree(REPO / "past_reports", root / "past_reports")
    ws = Workspace.open(root)
    import_paths(ws, [ws.past_reports_dir, *([SEEDS] if SEEDS.is_dir() else [])])
    yield ws
    ws.close()


def test_query_ranks_matching_phrases_first_and_fills_slots(sample):
    draft = sample.draft(2026)
    found = suggest(sample, draft, "measures_and_results", "行政复议", limit=5)
    assert len(found) == 5
    assert all("复议" in s.text for s in found[:3])
    review = next(s for s in found if "⟦行政复议办结⟧" in s.text)
    assert "办结行政复议案件64件" in review.rendered
    assert "review_concluded" in review.indicators
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_rendering_matches_render_slotted(sample):
    draft = sample.draft(2026)
    for s in suggest(sample, draft, "measures_and_results", "执法证件 换发", limit=10):
        values = {k: v.value for k, v in draft.values.items()}
        assert s.rendered == render_slotted(s.text, values, sample.catalog, missing="mark")


def test_phrases_already_in_the_draft_are_left_out(sample):
    draft = sample.draft(2026)
    first = suggest(sample, draft, "measures_and_results", "人民调解", limit=3)
    for inserted in (first[0].text, first[0].rendered):
        with_it = draft.model_copy(
            update={"parts": {**draft.parts, "measures_and_results": "开头。" + inserted}}
        )
        again = suggest(sample, with_it, "measures_and_results", "人民调解", limit=3)
        assert first[0].phrase_id not in [s.phrase_id for s in again]


def test_without_a_query_the_part_text_is_the_query(sample):
    draft = sample.draft(2026)
    draft = draft.model_copy(
        update={"parts": {**draft.parts, "measures_and_results": "深入开展普法宣传，"}}
    )
    found = suggest(sample, draft, "measures_and_results", None, limit=5)
    assert "普法" in found[0].text
    assert sum("普法" in s.text or "宣传" in s.text for s in found) >= 4


def test_suggestions_stay_in_their_part(sample):
    draft = sample.draft(2026)
    found = suggest(sample, draft, "next_year_plan", "执法监督", limit=5)
    assert found and all(s.part == "next_year_plan" for s in found)
    assert all(not any(ch.isdigit() for ch in s.text) or "〔" not in s.text for s in found)


def test_markers_are_filled_for_the_drafts_county_and_year(sample):
    draft = sample.draft(2026)
    for s in suggest(sample, draft, "other", "先进集体", limit=5):
        assert "〔" not in s.text
    found = suggest(sample, draft, "other", "先进集体", limit=5)
    assert any(s.text.startswith("2026年") for s in found)


def test_json_shape(sample):
    draft = sample.draft(2026)
    (s,) = suggest(sample, draft, "measures_and_results", "行政复议 办结", limit=1)
    data = suggestion_to_json(s)
    assert set(data) == {
        "id", "text", "template", "rendered", "score", "part", "topic", "form", "indicators",
        "sources", "source_count",
    }  # fmt: skip
    assert "{{ 行政复议办结 }}" in data["template"] and "⟦" not in data["template"]
    assert data["sources"][0]["county"] == "汀岚县"
    assert set(data["sources"][0]) == {"file", "county", "year"}


def _seed_index(
    ws: Workspace, own_year: int, other_year: int, own_first: bool, own: str | None = None
) -> None:
    texts = [
        "依法办理行政复议案件，切实维护群众合法权益，复议工作规范有序推进。",
        "依法办理行政复议案件，切实维护企业合法权益，复议工作规范高效运行。",
    ]
    if not own_first:
        texts.reverse()
    index = open_index(ws)
    try:
        for number, (text, county, year) in enumerate(
            [(texts[0], own or ws.config.county, own_year), (texts[1], "别的县", other_year)]
        ):
            phrase = Phrase(
                text, "measures_and_results", "行政复议", "", "sentence", phrase_key(text)
            )
            (ws.root / f"{number}.txt").write_text(text, encoding="utf-8")
            record = ReportRecord(0, f"{number}.txt", f"h{number}", 10, county, year, None, None)
            index.transaction(
                lambda r=record, p=phrase: index.add_report(r, [], [(p, index_tokens(p.text))])
            )
    finally:
        index.close()


@pytest.mark.parametrize("own_first", [True, False])
def test_the_clerks_own_county_comes_first(tmp_path: Path, own_first: bool):
    ws = Workspace.init(
        tmp_path / "ws", WorkspaceConfig(county="测试县", issuers=["测试县人民政府"])
    )
    try:
        _seed_index(ws, 2020, 2020, own_first)
        (top, _) = suggest(ws, ws.draft(2025), "measures_and_results", "行政复议", limit=2)
        assert top.sources[0].county == "测试县"
    finally:
        ws.close()


def test_recent_years_come_first(tmp_path: Path):
    ws = Workspace.init(
        tmp_path / "ws", WorkspaceConfig(county="第三县", issuers=["第三县人民政府"])
    )
    try:
        _seed_index(ws, 2014, 2024, True, own="再一个县")
        (top, _) = suggest(ws, ws.draft(2025), "measures_and_results", "行政复议", limit=2)
        assert top.sources[0].year == 2024
    finally:
        ws.close()


def test_an_empty_index_suggests_nothing(workspace):
    assert suggest(workspace, workspace.draft(2026), "measures_and_results", "行政复议") == []
