from __future__ import annotations

from drafter.corpus.clean import clean_text, find_damage, is_furniture

PAGE = (
    "中国政府网 | 省政府 | 市政府 | 无障碍浏览\n"
    "当前位置:首页 > 政务公开 > 法治政府\n"
    "索 引 号: 000000/2026-00001\n"
    "信息分类: 县区\n"
    "某县2025年法治政府建设年度报告\n"
    " 时间:2026-02-01 09:00   大  中  小   来源: 某县司法局\n"
    "分享:\n"
    "2025年,某县 坚持依法行政, 办结行政复议案件 12 件(含调解2件)。\n"
    "扫一扫在手机打开当前页\n"
    "某公网安备:12345678901234号\n"
)


def test_furniture_lines_are_dropped() -> None:
    clean = clean_text(PAGE)
    assert clean.text.splitlines() == [
        "某县2025年法治政府建设年度报告",
        "2025年，某县坚持依法行政，办结行政复议案件12件（含调解2件）。",
    ]


def test_related_links_after_the_body_are_dropped() -> None:
    text = "标题报告\n正文第一段。\n正文第二段。\n相关阅读:\n某县2023年法治政府建设年度报告\n"
    assert clean_text(text).text == "标题报告\n正文第一段。\n正文第二段。"


def test_punctuation_and_spaces_are_normalised_but_numbers_kept() -> None:
    clean = clean_text("会议于15:30召开,共1,200人参加;率为97.83%\u3000。OA system 上线")
    assert clean.text == "会议于15:30召开，共1,200人参加；率为97.83%。OA system上线"


def test_offsets_map_back_to_the_original() -> None:
    raw = "前言\n\n  办结案件 189 件,很好。"
    clean = clean_text(raw)
    start = clean.text.index("189")
    assert clean.original_slice(start, start + 3) == "189"
    assert len(clean.offsets) == len(clean.text) + 1
    assert clean.original[clean.offsets[clean.text.index("很")]] == "很"


def test_is_furniture() -> None:
    assert is_furniture("发布时间:2025-03-25来源:某区")
    assert is_furniture("| | | |")
    assert not is_furniture("一、主要举措和成效")


def test_damage_is_found_not_repaired() -> None:
    text = (
        "2023某市委领导下开展工作。\n二)严格审查\n)健全机制\n、存在的问题\n某县人民政府\n20241月23"
    )
    damage = find_damage(text)
    kinds = [d.kind for d in damage]
    assert kinds == [
        "year_missing",
        "heading_bracket",
        "heading_numeral",
        "heading_numeral",
        "date_incomplete",
    ]
    assert damage[0].suggestion == "2023年"
    assert damage[-1].suggestion == "2024年1月23日"
    assert text[slice(*damage[1].span)] == "二）" or text[slice(*damage[1].span)] == "二)"


def test_counts_and_full_dates_are_not_damage() -> None:
    text = "培训2000余人次，调解2068起，2024年1月23日召开，自2024年以来。"
    assert find_damage(text) == []


def test_misordered_title_marks_are_reported() -> None:
    damage = find_damage("下发工作清单》《工作要点，并落实。")
    assert [d.kind for d in damage] == ["unbalanced_quote"]
