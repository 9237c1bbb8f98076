"""The phrase bank: sentences and enumeration items of real reports with figures as slots."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.catalog import default_catalog
from drafter.corpus.extract import extract_report
from drafter.corpus.near_duplicates import (
    estimated_jaccard,
    minhash_signature,
    signature_blob,
    signature_of_blob,
    signatures_of_blob,
)
from drafter.corpus.phrases import (
    COUNTY_MARK,
    MAX_ITEM,
    MIN_CHARS,
    TOPICS,
    fill_markers,
    index_tokens,
    jaccard,
    keyword_topic,
    minhash_bands,
    phrase_key,
    report_phrases,
    shingles,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE_2025 = REPO / "past_reports" / "汀岚县2025年法治政府建设年度报告.txt"
SAMPLE_2024 = REPO / "past_reports" / "汀岚县2024年法治政府建设年度报告.docx"


@pytest.fixture(scope="module")
def sample_phrases():
    return report_phrases(extract_report(SAMPLE_2025), default_catalog(), "汀岚县")


def test_figures_with_a_catalog_id_become_slots(sample_phrases):
    texts = [p.text for p in sample_phrases]
    review = next(t for t in texts if "办结行政复议案件" in t)
    assert "办结行政复议案件⟦行政复议办结⟧件" in review
    assert "纠错率⟦行政复议纠错率⟧" in review
    assert not any(ch.isdigit() for ch in review)


def test_figures_without_a_catalog_id_stay_as_written(sample_phrases):
    lawsuit = next(p.text for p in sample_phrases if "败诉率" in p.text)
    assert "2.38个百分点" in lawsuit


def test_county_and_year_become_markers(sample_phrases):
    assert not any("汀岚县" in p.text for p in sample_phrases)
    other = [p.text for p in sample_phrases if p.part == "other"]
    assert any(t.startswith("〔本年〕年") for t in other)
    assert (
        fill_markers("〔本年〕年，〔本县〕司法局。〔下年〕年", "青岚县", 2026)
        == "2026年，青岚县司法局。2027年"
    )


def test_enumeration_items_are_split_without_their_ordinal(sample_phrases):
    items = [p for p in sample_phrases if p.form == "item" and p.part == "shortcomings_and_causes"]
    assert len(items) >= 5
    assert all(not p.text.startswith(("一是", "二是", "三是")) for p in items)
    assert any(p.text.startswith("依法行政能力不够均衡") for p in items)


def test_phrases_are_grouped_by_part_heading_and_topic(sample_phrases):
    kinds = {p.part for p in sample_phrases}
    assert {
        "measures_and_results",
        "shortcomings_and_causes",
        "first_responsible_person_duties",
        "next_year_plan",
    } <= kinds
    review = next(p for p in sample_phrases if "办结行政复议案件" in p.text)
    assert review.topic == "行政复议"
    assert review.heading.startswith("多元化解矛盾纠纷")


def test_lengths_are_bounded_and_keys_unique(sample_phrases):
    assert all(MIN_CHARS <= len(p.text) <= MAX_ITEM + 1 for p in sample_phrases)
    assert len({p.key for p in sample_phrases}) == len(sample_phrases)


def test_docx_report_gives_phrases_too():
    phrases = report_phrases(extract_report(SAMPLE_2024), default_catalog(), "汀岚县")
    assert len(phrases) > 30
    assert any("⟦行政复议办结⟧" in p.text for p in phrases)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
)
def test_seed_phrases_come_from_the_reports_parts(name):
    report = extract_report(SEEDS / name)
    phrases = report_phrases(report, default_catalog(), None)
    kinds = {s.kind for s in report.structure.sections if s.level == 1}
    assert phrases
    assert {p.part for p in phrases} <= kinds
    assert not any("发布时间" in p.text or "来源" in p.text[:4] for p in phrases)


def test_seed_003_keeps_its_missing_part_missing():
    report = extract_report(SEEDS / "003_cb6c64ac711a63d6.txt")
    phrases = report_phrases(report, default_catalog(), None)
    assert not any(p.part == "first_responsible_person_duties" for p in phrases)


def test_phrase_key_ignores_figures_slots_county_and_punctuation():
    a = phrase_key("全年办结行政复议案件⟦行政复议办结⟧件，纠错率⟦行政复议纠错率⟧。")
    b = phrase_key("全年办结行政复议案件64件,纠错率7.81%", None)
    c = phrase_key("全年办结行政复议案件【待填：行政复议办结】件，纠错率10%。")
    assert a == b == c
    assert phrase_key("汀岚县开展普法活动", "汀岚县") == phrase_key(f"{COUNTY_MARK}开展普法活动")


def test_near_duplicates_share_a_band_and_distinct_phrases_do_not():
    base = "全年收到行政复议申请#件，受理行政复议案件#件，办结行政复议案件#件，其中决定维持#件，调解和解#件"
    near = base.replace("其中决定维持", "其中维持")
    far = "建设县级行政执法监督平台实现与主要执法部门业务系统数据对接对执法全过程开展线上监督"
    assert jaccard(shingles(phrase_key(base)), shingles(phrase_key(near))) >= 0.8
    assert set(minhash_bands(phrase_key(base))) & set(minhash_bands(phrase_key(near)))
    assert not set(minhash_bands(phrase_key(base))) & set(minhash_bands(phrase_key(far)))
    assert minhash_bands(phrase_key(base)) == minhash_bands(phrase_key(base))


def test_index_tokens_include_slot_names_and_drop_noise():
    tokens = index_tokens("全年办结行政复议案件⟦行政复议办结⟧件，〔本县〕进一步加强普法。")
    assert "行政复议" in tokens
    assert "办结" in tokens
    assert "进一步" not in tokens
    assert all(len(t) >= 2 for t in tokens)


def plain_keyword_topic(text: str) -> str:
    """The definition keyword_topic implements in one regex pass: most keyword hits, first wins."""
    best, hits = "", 0
    for topic, words in TOPICS:
        count = sum(text.count(word) for word in words)
        if count > hits:
            best, hits = topic, count
    return best


def test_keyword_topic_counts_like_str_count_on_real_sentences():
    sentences = [
        s
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for s in line.split("。")
    ]
    sentences += ["行政复议复议行政复议", "执法治理", "法治宣传法治宣传普法", "重大行政决策决策"]
    assert len(sentences) > 200
    for sentence in sentences:
        assert keyword_topic(sentence) == plain_keyword_topic(sentence), sentence


def test_signatures_survive_packing():
    keys = [phrase_key("全年办结行政复议案件⟦行政复议办结⟧件"), phrase_key("开展各类普法活动余场")]
    signatures = [minhash_signature(k) for k in keys]
    packed = b"".join(signature_blob(s) for s in signatures)
    assert signatures_of_blob(packed) == signatures
    assert signature_of_blob(signature_blob(signatures[0])) == signatures[0]
    assert estimated_jaccard(signatures[0], signatures[0]) == 1.0
    assert estimated_jaccard(signatures[0], signatures[1]) < 0.5


def test_keyword_topic_takes_the_most_named_topic():
    assert keyword_topic("落实谁执法谁普法责任制，开展普法活动，发放普法资料") == "普法宣传"
    assert keyword_topic("天气晴朗") == ""
