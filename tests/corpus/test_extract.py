from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.corpus.extract import extract_path, extract_report, extract_text
from drafter.errors import ReadError

from .conftest import seed_path

KINDS = {
    "measures_and_results",
    "shortcomings_and_causes",
    "first_responsible_person_duties",
    "next_year_plan",
    "other",
}


def check_contract(data: dict) -> None:
    assert list(data) == [
        "title",
        "year",
        "issuer",
        "sections",
        "required_contents",
        "indicators",
    ]
    for section in data["sections"]:
        assert set(section) == {"level", "number", "heading", "kind"}
        assert section["level"] in (1, 2, 3, 4)
        assert section["kind"] in KINDS if section["level"] == 1 else section["kind"] is None
    assert set(data["required_contents"]) == KINDS - {"other"}
    for mention in data["indicators"]:
        assert set(mention) == {"name", "value", "unit", "approx", "text", "section", "id"}
        assert isinstance(mention["value"], int | float) and not isinstance(mention["value"], bool)
        assert mention["section"] in KINDS | {None}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_contract(seed: str) -> None:
    data = extract_path(seed_path(seed))
    check_contract(data)
    assert data["indicators"]


def test_contract_example_from_domain() -> None:
    text = (
        "灵丘县2025年法治政府建设年度报告\n"
        "一、主要举措和成效\n"
        "（一）强化政治引领,牢牢把握法治政府建设正确方向\n"
        "全年办结行政复议案件189件,累计播放量10万余次,按时办结率达97.83%。\n"
        "灵丘县人民政府\n2026年1月8日\n"
    )
    data = extract_text(text)
    check_contract(data)
    assert data["title"] == "灵丘县2025年法治政府建设年度报告"
    assert (data["year"], data["issuer"]) == (2025, "灵丘县人民政府")
    assert data["sections"] == [
        {"level": 1, "number": "一", "heading": "主要举措和成效", "kind": "measures_and_results"},
        {
            "level": 2,
            "number": "一",
            "heading": "强化政治引领，牢牢把握法治政府建设正确方向",
            "kind": None,
        },
    ]
    first, second, third = data["indicators"]
    assert first == {
        "name": "办结行政复议案件",
        "value": 189,
        "unit": "件",
        "approx": False,
        "text": "办结行政复议案件189件",
        "section": "measures_and_results",
        "id": "review_concluded",
    }
    assert (second["value"], second["unit"], second["approx"]) == (100000, "次", True)
    assert (third["value"], third["unit"], third["id"]) == (97.83, "%", "on_time_rate")
    assert isinstance(first["value"], int)


def test_rich_report_keeps_spans_and_damage(seed_text) -> None:
    raw = seed_text("002")
    report = extract_report(raw)
    for mention in report.indicators:
        start, end = mention.original_span
        number = str(int(mention.value)) if mention.value < 10000 else ""
        assert number in raw[start:end]
    assert {"year_missing", "date_incomplete", "heading_bracket", "heading_numeral"} <= {
        d.kind for d in report.damage
    }


def test_extract_path_raises_only_read_error(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    with pytest.raises(ReadError):
        extract_path(path)
    report = extract_report(seed_path("004"))
    assert report.source is not None and report.source.format == "txt"
