"""The corpus index on a real SQLite file: reports, values, phrase merging, both rankers."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.index import CorpusIndex, ReportRecord, ValueRecord
from drafter.corpus.phrases import Phrase, index_tokens, phrase_key


def phrase(
    text: str, part: str = "measures_and_results", topic: str = ""
) -> tuple[Phrase, list[str]]:
    return Phrase(text, part, topic, "", "sentence", phrase_key(text)), index_tokens(text)  # type: ignore[arg-type]


def record(path: str, county: str = "甲县", year: int = 2024, digest: str = "h") -> ReportRecord:
    return ReportRecord(
        0, path, digest + path, 100, county, year, f"{county}{year}年报告", f"{county}人民政府"
    )


REVIEW = (
    "全年收到行政复议申请⟦行政复议申请⟧件，受理行政复议案件⟦行政复议受理⟧件，"
    "办结行政复议案件⟦行政复议办结⟧件，依法纠错⟦行政复议纠错⟧件，纠错率⟦行政复议纠错率⟧。"
)
REVIEW_NEAR = REVIEW.replace("办结行政复议案件", "共办结行政复议案件")
PUFA = "开展各类普法活动⟦普法活动⟧余场，发放普法资料⟦普法资料⟧余份，法治宣传覆盖城乡。"
AID = "办理法律援助案件⟦法律援助案件⟧件，为受援人挽回经济损失⟦挽回经济损失⟧万元。"
PLAN = "建设县级行政执法监督平台，实现与主要执法部门业务系统数据对接。"


@pytest.fixture
def index(tmp_path: Path):
    idx = CorpusIndex(tmp_path / "db.sqlite3")
    yield idx
    idx.close()


def add(idx: CorpusIndex, rec: ReportRecord, *phrases, values=()) -> int:
    ids: list[int] = []
    idx.transaction(lambda: ids.append(idx.add_report(rec, list(values), list(phrases))))
    return ids[0]


def test_search_ranks_by_relevance_within_the_part(index):
    add(
        index,
        record("a.txt"),
        phrase(PUFA),
        phrase(REVIEW),
        phrase(AID),
        phrase(PLAN, "next_year_plan"),
    )
    hits = index.search("measures_and_results", ["行政复议", "纠错"], 10)
    assert hits[0].text == REVIEW
    assert all(h.part == "measures_and_results" for h in hits)
    assert index.search("next_year_plan", ["执法", "监督"], 10)[0].text == PLAN
    assert index.search("next_year_plan", ["普法"], 10) == []


def test_without_terms_the_most_shared_phrases_come_first(index):
    add(index, record("a.txt"), phrase(PUFA), phrase(AID))
    add(index, record("b.txt"), phrase(AID))
    hits = index.search("measures_and_results", [], 10)
    assert [h.text for h in hits] == [AID, PUFA]
    assert hits[0].sources == 2


def test_near_duplicates_merge_and_keep_every_source(index):
    add(index, record("a.txt", "甲县", 2023), phrase(REVIEW))
    add(index, record("b.txt", "乙县", 2025), phrase(REVIEW_NEAR))
    assert index.counts()["phrases"] == 1
    (hit,) = index.search("measures_and_results", ["行政复议"], 10)
    assert hit.sources == 2 and hit.newest == 2025
    sources = index.sources([hit.id])[hit.id]
    assert [s.county for s in sources] == ["乙县", "甲县"]
    assert index.with_county([hit.id], "甲县") == {hit.id}
    assert index.with_county([hit.id], "丙县") == set()


def test_same_text_in_another_part_is_not_merged(index):
    add(index, record("a.txt"), phrase(PLAN), phrase(PLAN, "next_year_plan"))
    assert index.counts()["phrases"] == 2


def test_removing_a_report_drops_only_phrases_no_other_report_has(index):
    first = add(index, record("a.txt", year=2023), phrase(REVIEW), phrase(PUFA))
    add(index, record("b.txt", year=2025), phrase(REVIEW))
    index.transaction(lambda: index.remove_report(first))
    assert index.counts() == {"reports": 1, "phrases": 1, "sources": 1}
    assert index.search("measures_and_results", ["普法"], 10) == []
    (hit,) = index.search("measures_and_results", ["行政复议"], 10)
    assert hit.sources == 1 and hit.newest == 2025


def test_values_are_kept_per_report_and_removed_with_it(index):
    rid = add(
        index,
        record("a.txt", "甲县", 2024),
        values=[ValueRecord("review_concluded", 64, False, "measures_and_results", "办结64件")],
    )
    add(
        index,
        record("b.txt", "乙县", 2024),
        values=[ValueRecord("review_concluded", 9, False, None, "办结9件")],
    )
    by_year = index.values("甲县")
    assert list(by_year) == [2024]
    ((rec, values),) = by_year[2024]
    assert rec.path == "a.txt" and values[0].value == 64
    index.transaction(lambda: index.remove_report(rid))
    assert index.values("甲县") == {}


def test_a_failed_transaction_leaves_nothing(index):
    def work() -> None:
        index.add_report(record("a.txt"), [], [phrase(REVIEW)])
        raise KeyError("boom")

    with pytest.raises(KeyError):
        index.transaction(work)
    assert index.counts() == {"reports": 0, "phrases": 0, "sources": 0}


def test_reopening_keeps_the_data(tmp_path: Path):
    path = tmp_path / "db.sqlite3"
    first = CorpusIndex(path)
    add(first, record("a.txt"), phrase(REVIEW))
    first.close()
    again = CorpusIndex(path)
    assert again.search("measures_and_results", ["行政复议"], 5)[0].text == REVIEW
    assert again.report_by_path("a.txt") is not None
    assert again.path_with_hash("ha.txt") == "a.txt"
    again.close()


def test_an_index_of_an_older_schema_is_rebuilt_empty(tmp_path: Path):
    path = tmp_path / "db.sqlite3"
    first = CorpusIndex(path)
    add(first, record("a.txt"), phrase(REVIEW))
    first.db.execute("UPDATE corpus_meta SET value = '0' WHERE key = 'schema'")
    first.close()
    again = CorpusIndex(path)
    assert again.counts() == {"reports": 0, "phrases": 0, "sources": 0}
    again.close()


def test_quotes_in_terms_do_not_break_the_fts_query(index):
    add(index, record("a.txt"), phrase(REVIEW))
    assert index.search("measures_and_results", ['行政"复议', "OR", "NEAR"], 5) is not None


def test_rebuild_keeps_the_results(index):
    add(index, record("a.txt"), phrase(PUFA), phrase(REVIEW), phrase(AID))
    before = [h.id for h in index.search("measures_and_results", ["法律援助"], 3)]
    assert index.rebuild() >= 0
    assert [h.id for h in index.search("measures_and_results", ["法律援助"], 3)] == before
    word = phrase(AID)[1][0]
    assert index.df([f"m{word}", "m没有这个词"]) == {f"m{word}": 1}


def test_common_terms_are_dropped_when_rarer_ones_remain(index):
    many = [
        phrase(f"第{n}条依法行政的工作措施落到实处，{word}成效明显。")
        for n, word in enumerate("甲乙丙丁戊己庚辛")
    ]
    add(index, record("a.txt"), *many, phrase(REVIEW))
    hits = index.search("measures_and_results", ["依法行政", "行政复议"], 10)
    assert [h.text for h in hits] == [REVIEW]
    assert len(index.search("measures_and_results", ["依法行政"], 10)) == 8


def test_a_failed_transaction_forgets_the_phrases_it_added(index):
    def work() -> None:
        index.add_report(record("a.txt"), [], [phrase(REVIEW)])
        raise KeyError("boom")

    with pytest.raises(KeyError):
        index.transaction(work)
    add(index, record("b.txt", year=2025), phrase(REVIEW))
    (hit,) = index.search("measures_and_results", ["行政复议"], 10)
    assert hit.sources == 1 and hit.newest == 2025


def test_sources_of_many_reports_in_one_transaction_add_up(index):
    def work() -> None:
        for n, year in enumerate((2021, 2024, 2022)):
            index.add_report(record(f"{n}.txt", year=year), [], [phrase(REVIEW), phrase(PUFA)])

    index.transaction(work)
    hits = index.search("measures_and_results", [], 10)
    assert {(h.text, h.sources, h.newest) for h in hits} == {(REVIEW, 3, 2024), (PUFA, 3, 2024)}


def test_a_removed_phrase_can_be_added_again(index):
    first = add(index, record("a.txt"), phrase(PLAN))
    index.transaction(lambda: index.remove_report(first))
    add(index, record("b.txt"), phrase(PLAN))
    assert index.counts() == {"reports": 1, "phrases": 1, "sources": 1}
    assert index.search("measures_and_results", ["执法", "监督"], 10)[0].text == PLAN


def test_searches_matching_many_phrases_rank_the_newest_ones(index, monkeypatch):
    monkeypatch.setattr("drafter.corpus.index.MAX_SCORED", 3)
    filler = [
        phrase(text)
        for text in (
            "行政复议宣传进社区，发放资料讲解申请途径。",
            "聘请律师参与行政复议听证，提升办案质量。",
            "行政复议决定书在门户网站依法公开接受监督。",
            "召开行政复议委员会会议研究疑难复杂案件。",
            "对行政复议工作人员开展专题业务培训。",
        )
    ]
    add(index, record("a.txt"), *filler, phrase(REVIEW))
    hits = index.search("measures_and_results", ["行政复议"], 10)
    assert len(hits) == 3
    assert hits[0].text == REVIEW
    assert [h.relevance for h in hits] == sorted((h.relevance for h in hits), reverse=True)
