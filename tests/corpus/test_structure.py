from __future__ import annotations

import datetime as dt

import pytest

from drafter.corpus.structure import parse_report, split_issuers

ALL = {
    "measures_and_results": True,
    "shortcomings_and_causes": True,
    "first_responsible_person_duties": True,
    "next_year_plan": True,
}


@pytest.mark.parametrize(
    ("seed", "title", "year", "issuer"),
    [
        (
            "000",
            "中共南乐县委 南乐县人民政府关于2025年度法治政府建设情况的报告",
            2025,
            "中共南乐县委 南乐县人民政府",
        ),
        ("001", "宛城区人民政府关于2024年法治政府建设情况的报告", 2024, "宛城区人民政府"),
        (
            "002",
            "中共兴县县委兴县人民政府关于2023年法治政府建设工作的年度报告",
            2023,
            "中共兴县县委 兴县人民政府",
        ),
        ("003", "塔河县2025年度法治政府建设情况", 2025, "塔河县人民政府"),
        ("004", "灵丘县2025年法治政府建设年度报告", 2025, "灵丘县人民政府"),
    ],
)
def test_seed_title_year_issuer(seed_text, seed: str, title: str, year: int, issuer: str) -> None:
    structure = parse_report(seed_text(seed))
    assert (structure.title, structure.year, structure.issuer) == (title, year, issuer)


def test_seed_dates_and_addressee(seed_text) -> None:
    assert parse_report(seed_text("004")).date == dt.date(2026, 1, 8)
    damaged = parse_report(seed_text("002"))
    assert damaged.date == dt.date(2024, 1, 23)
    assert damaged.addressee == "中共吕梁市委、吕梁市人民政府"
    assert parse_report(seed_text("000")).addressee is None
    assert parse_report(seed_text("003")).issuer_inferred


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", ALL | {"shortcomings_and_causes": False, "first_responsible_person_duties": False}),
        ("001", ALL),
        ("003", ALL | {"first_responsible_person_duties": False}),
        ("004", ALL),
    ],
)
def test_seed_required_contents(seed_text, seed: str, expected: dict[str, bool]) -> None:
    assert parse_report(seed_text(seed)).required_contents == expected


def test_seed_damaged_headings_are_kept_and_flagged(seed_text) -> None:
    structure = parse_report(seed_text("002"))
    level1 = [s for s in structure.sections if s.level == 1]
    assert [s.number for s in level1] == ["一", "二", "三", "四", "五", "六", "七"]
    assert [s.damaged for s in level1][-2:] == [True, True]
    assert [s.kind for s in level1][-2:] == ["shortcomings_and_causes", "next_year_plan"]
    level2 = [s for s in structure.sections if s.level == 2 and s.damaged]
    assert [s.number for s in level2] == ["二"]


def test_heading_levels_numbers_and_spans() -> None:
    text = (
        "某县2025年法治政府建设年度报告\n"
        "2025年，某县扎实推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n"
        "（一）健全制度体系。制定文件3件。\n"
        "1.完善决策机制。召开会议2次。\n"
        "（1）细化规则\n"
        "二、存在的问题及下一步打算\n"
        "一是队伍力量不足。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "主要负责人带头学法。\n"
        "某县人民政府\n"
        "2026年1月8日\n"
    )
    structure = parse_report(text)
    outline = [(s.level, s.number, s.heading, s.kind) for s in structure.sections]
    assert outline == [
        (1, "一", "主要举措和成效", "measures_and_results"),
        (2, "一", "健全制度体系", None),
        (3, "1", "完善决策机制", None),
        (4, "1", "细化规则", None),
        (1, "二", "存在的问题及下一步打算", "shortcomings_and_causes"),
        (
            1,
            "三",
            "党政主要负责人履行推进法治建设第一责任人职责情况",
            "first_responsible_person_duties",
        ),
    ]
    assert structure.required_contents == ALL
    assert structure.sections[1].parent == 0 and structure.sections[3].parent == 2
    body = structure.clean.text[slice(*structure.sections[0].body_span)]
    assert "制定文件3件" in body and "存在的问题" not in body
    assert structure.date == dt.date(2026, 1, 8)
    assert structure.issuers == ("某县人民政府",)


def test_duty_as_its_own_subheading_counts_a_passing_sentence_does_not() -> None:
    head = "某县2025年法治政府建设情况\n一、工作开展情况\n"
    tail = "二、存在的不足\n仍有差距。\n三、下一年度工作安排\n继续努力。\n"
    nested = head + "（一）党政主要负责人履行推进法治建设第一责任人职责情况\n带头学法。\n" + tail
    passing = head + "（一）强化领导。压实党政主要负责人履行推进法治建设第一责任人职责。\n" + tail
    assert parse_report(nested).required_contents["first_responsible_person_duties"]
    assert not parse_report(passing).required_contents["first_responsible_person_duties"]


def test_thematic_heading_is_classified_by_its_text() -> None:
    text = (
        "某县2024年法治政府建设年度报告\n"
        "一、坚持依法行政，推动高质量发展\n办结行政复议案件12件，培训执法人员300人次，开展普法活动40场。\n"
        "二、聚焦短板弱项\n法治意识有待增强，队伍力量不足，执法水平不高，监督仍需加强。\n"
        "三、2025年工作思路\n将继续深化改革。\n"
    )
    kinds = [s.kind for s in parse_report(text).sections]
    assert kinds == ["measures_and_results", "shortcomings_and_causes", "next_year_plan"]


def test_style_headings_without_numerals() -> None:
    text = (
        "某县2025年法治政府建设年度报告\n主要举措和成效\n办结案件12件。\n下一步工作打算\n继续努力。"
    )
    structure = parse_report(text, style_headings=((1, 1), (3, 1)))
    assert [(s.level, s.heading, s.kind) for s in structure.sections] == [
        (1, "主要举措和成效", "measures_and_results"),
        (1, "下一步工作打算", "next_year_plan"),
    ]


def test_split_issuers() -> None:
    assert split_issuers("中共兴县县委兴县人民政府") == ["中共兴县县委", "兴县人民政府"]
    assert split_issuers("中共某县委 某县人民政府") == ["中共某县委", "某县人民政府"]
    assert split_issuers("某县司法局") == ["某县司法局"]


def test_empty_and_odd_text() -> None:
    assert parse_report("").sections == ()
    assert parse_report("一、\n（一）\n1.").sections == ()
    assert parse_report("只有一行字").title is None
