"""ASCII punctuation in Chinese text: what is converted and what must stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.core.punctuation import ascii_punct_spans, to_fullwidth

HITS = [
    ("工作,持续推进", "工作，持续推进"),
    ("现将有关情况报告如下:", "现将有关情况报告如下："),
    ("一是强化领导;二是健全制度", "一是强化领导；二是健全制度"),
    ("是否按期完成?", "是否按期完成？"),
    ("成效显著!", "成效显著！"),
    ("(一)强化政治引领", "（一）强化政治引领"),
    ("(1)健全工作机制", "（1）健全工作机制"),
    ("二)健全制度", "二）健全制度"),
    ('开展"八五"普法', "开展“八五”普法"),
    ("落实'谁执法谁普法'责任", "落实‘谁执法谁普法’责任"),
    ("按时办结率达97.83%,较上年提高", "按时办结率达97.83%，较上年提高"),
    ("审核合同1,200份,无一差错", "审核合同1,200份，无一差错"),
    ("时间:15:11", "时间：15:11"),
    ("工作 , 持续", "工作，持续"),
    ("任务完成.下一步", "任务完成。下一步"),
    ("持续推进...", "持续推进……"),
    ("GDP(地区生产总值)", "GDP（地区生产总值）"),
    ("登录网站(www.example.gov.cn)查询", "登录网站（www.example.gov.cn）查询"),
    ("邮箱fzb@example.gov.cn;电话", "邮箱fzb@example.gov.cn；电话"),
    ("访问https://example.gov.cn/a?b=1,了解详情", "访问https://example.gov.cn/a?b=1，了解详情"),
    ("很好!!", "很好！！"),
]

NEAR_MISSES = [
    "按时办结率达97.83%",
    "审核合同1,000份",
    "下午15:11召开",
    "1.完善规范性文件备案审查",
    "hello, world",
    "f(x) = y",
    "见附件.docx文件",
    "https://example.gov.cn/a?b=1,2;c=3",
    "fzb@example.gov.cn",
    "don't",
    "2024,2025",
    "第3.5条",
    "已经全部完成。",
]


@pytest.mark.parametrize(("text", "expected"), HITS)
def test_converts_ascii_punctuation_in_chinese_text(text: str, expected: str) -> None:
    assert to_fullwidth(text) == expected


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_leaves_numbers_words_and_addresses_alone(text: str) -> None:
    assert to_fullwidth(text) == text
    assert ascii_punct_spans(text) == []


def test_spans_name_position_found_and_suggested() -> None:
    text = "今年,办结案件189件 ; 办结率97.83%"
    assert ascii_punct_spans(text) == [(2, 3, ",", "，"), (11, 14, " ; ", "；")]


def test_ellipsis_is_one_span() -> None:
    assert ascii_punct_spans("推进......") == [(2, 8, "......", "……")]


def test_quotes_pair_by_position() -> None:
    assert to_fullwidth('"三项制度"和"双随机、一公开"') == "“三项制度”和“双随机、一公开”"


@given(st.text())
def test_spans_match_the_text_and_do_not_overlap(text: str) -> None:
    last_end = 0
    for start, end, found, suggested in ascii_punct_spans(text):
        assert last_end <= start < end
        assert text[start:end] == found
        assert suggested and not suggested.isascii()
        last_end = end


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters=",:;?!.()\"'")))
def test_text_without_ascii_punctuation_is_unchanged(text: str) -> None:
    assert to_fullwidth(text) == text


@given(st.text(alphabet="法治政府,.:;()\"' 1a"))
def test_conversion_is_idempotent(text: str) -> None:
    once = to_fullwidth(text)
    assert to_fullwidth(once) == once
