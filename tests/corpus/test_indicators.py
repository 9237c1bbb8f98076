from __future__ import annotations

import pytest

from drafter.corpus.extract import extract_report, extract_text
from drafter.corpus.indicators import find_figures


def one(text: str):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "name", "value", "unit", "approx"),
    [
        ("全年办结行政复议案件189件。", "办结行政复议案件", 189, "件", False),
        ("按时办结率达97.83%，", "按时办结率", 97.83, "%", False),
        ("累计播放量10万余次。", "播放量", 100000, "次", True),
        ("归集信用信息20余万条。", "归集信用信息", 200000, "条", True),
        ("领导干部集体学法十余次。", "领导干部集体学法", 10, "次", True),
        ("培训执法人员2000余人次。", "培训执法人员", 2000, "人次", True),
        ("减免公证费7850元。", "减免公证费", 7850, "元", False),
        ("受理审批事项16.76万件。", "受理审批事项", 167600, "件", False),
        ("参与群众近3000人。", "参与群众", 3000, "人", True),
        ("审批速度提升30%以上。", "审批速度提升", 30, "%", True),
        ("组织开展63次活动。", "组织开展活动", 63, "次", False),
        ("吸引300余家企业参与。", "吸引企业", 300, "家", True),
        ("开展两次案卷评查。", "开展案卷评查", 2, "次", False),
        ("监管行为数为26665，", "监管行为数", 26665, "", False),
        ("网办率提高到98.2%，", "网办率", 98.2, "%", False),
        ("群众满意率提升至96.1%。", "群众满意率", 96.1, "%", False),
        ("按期办结率保持在100%。", "按期办结率", 100, "%", False),
        ("败诉率下降到3.5%。", "败诉率", 3.5, "%", False),
        ("调解成功率稳定在98%以上。", "调解成功率", 98, "%", True),
        ("法律顾问覆盖单位增至120家。", "法律顾问覆盖单位", 120, "家", False),
    ],
)
def test_figures(text: str, name: str, value: float, unit: str, approx: bool) -> None:
    figure = one(text)
    assert (figure.name, figure.value, figure.unit, figure.approx) == (name, value, unit, approx)
    assert figure.text == text[slice(*figure.span)]


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全县扎实推进法治建设。",
        "4月8日召开述法会议，12月底完成。",
        "召开县委全面依法治县委员会第七次会议。",
        "深入学习党的二十届四中全会精神。",
        "“1+37+33+147”应急预案体系持续完善。",
        "落实“三项制度”，推进“八五”普法。",
        "12345热线与7967890政务服务热线融合。",
        "印发《关于规范执法的通知》（某政发〔2024〕3号）。",
        "依据《行政复议法》第二十四条规定。",
        "年满60周岁的老人，提供24小时服务。",
        "压缩至3个工作日，从10个方面着手。",
        "位居全市第四名，排名前三名。",
        "修订《实施纲要（2026—2030年）》。",
        "实行“一对一”服务，一次认证、全网通行，千家万户受益。",
        "统一次数标准。",
    ],
)
def test_non_indicators(text: str) -> None:
    assert find_figures(text) == []


def test_derived_rate_parts_seed_001(seed_text) -> None:
    report = extract_report(seed_text("001"))
    found = {(m.value, m.unit, m.catalog_id) for m in report.indicators}
    assert {(2068, "起", "mediation_cases"), (2026, "起", "mediation_success")} <= found
    assert (98, "%", "mediation_success_rate") in found
    assert {(130, "件", "lawsuit_concluded"), (7, "件", "lawsuit_lost")} <= found
    assert (5.38, "%", "lawsuit_loss_rate") in found


def test_derived_rate_parts_seed_004(seed_text) -> None:
    found = {(m.value, m.unit, m.catalog_id) for m in extract_report(seed_text("004")).indicators}
    assert {
        (2862, "件", "mediation_cases"),
        (2850, "件", "mediation_success"),
        (99, "%", "mediation_success_rate"),
    } <= found


def test_derived_rate_parts_seed_003(seed_text) -> None:
    found = {(m.value, m.unit, m.catalog_id) for m in extract_report(seed_text("003")).indicators}
    assert {
        (10, "件", "review_received"),
        (1, "件", "review_corrected"),
        (10, "%", "review_correction_rate"),
    } <= found


def test_seed_non_indicators_absent(seed_text) -> None:
    for seed in ("000", "001", "002", "003", "004"):
        for mention in extract_text(seed_text(seed))["indicators"]:
            assert not (2000 <= mention["value"] <= 2030 and mention["unit"] in ("", "年")), mention
            assert "第" not in mention["text"][-6:], mention
            assert mention["name"] and mention["unit"] != "年"


def test_generic_alias_needs_its_topic_nearby() -> None:
    about_firms = "一、主要举措和成效\n走访企业30家，企业满意度达97%。\n"
    about_hotline = "一、主要举措和成效\n12345热线承办群众诉求500件，群众满意度98%。\n"
    firms = extract_text("某县2025年法治政府建设年度报告\n" + about_firms)["indicators"]
    hotline = extract_text("某县2025年法治政府建设年度报告\n" + about_hotline)["indicators"]
    assert [m["id"] for m in firms if m["unit"] == "%"] == [None]
    assert [m["id"] for m in hotline] == ["hotline_tickets", "hotline_satisfaction"]


def test_occasions_never_match_counts_of_things() -> None:
    text = "某县2025年法治政府建设年度报告\n一、主要举措和成效\n开展两次案卷评查，评查案卷102件。\n"
    ids = [(m["value"], m["id"]) for m in extract_text(text)["indicators"]]
    assert ids == [(2, None), (102, "case_files_reviewed")]


def test_plan_targets_are_not_indicators() -> None:
    text = (
        "某县2025年法治政府建设年度报告\n一、主要举措和成效\n办结行政复议案件12件。\n"
        "二、下一步工作打算\n力争行政复议纠错率控制在10%以内，确保培训执法人员500人次以上。\n"
    )
    assert [m["value"] for m in extract_text(text)["indicators"]] == [12]
