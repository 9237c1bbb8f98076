"""Done means: the real seeds and the sample reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import check_path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"
PAST = REPO / "past_reports"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _findings(prefix: str):
    return check_path(_seed(prefix))


def test_000_lacks_items_2_and_3():
    missing = {f.part for f in _findings("000") if f.code == "required.missing_part"}
    assert missing == {"shortcomings_and_causes", "first_responsible_person_duties"}


def test_003_lacks_item_3():
    missing = {f.part for f in _findings("003") if f.code == "required.missing_part"}
    assert missing == {"first_responsible_person_duties"}


def test_004_mediation_rate_rounded_down():
    path = _seed("004")
    findings = check_path(path)
    rate = next(f for f in findings if f.code == "consistency.rate_rounding")
    assert rate.excerpt == "99%" and rate.fix == "99.58%"
    assert "2850" in rate.message and "2862" in rate.message


def test_002_damaged_date_and_lost_year():
    findings = _findings("002")
    damaged = next(f for f in findings if f.code == "dates.damaged")
    assert damaged.excerpt == "20241月23" and damaged.severity == "error"
    lost = [f for f in findings if f.code == "dates.year_missing_char"]
    assert any(f.excerpt == "2023" and "吕梁市委" in f.message for f in lost)


def test_001_rates_agree_with_their_parts():
    findings = _findings("001")
    assert [f for f in findings if f.code.startswith("consistency")] == []


def test_001_wrong_rate_would_be_caught():
    text = (_seed("001")).read_text(encoding="utf-8")
    from drafter.checks import check_text

    broken = text.replace("败诉率5.38%", "败诉率5.83%").replace("成功率98%", "成功率96%")
    codes = [f.code for f in check_text(broken)]
    assert codes.count("consistency.rate_mismatch") == 2


@pytest.mark.parametrize(
    "name", sorted(p.name for p in PAST.iterdir() if p.suffix in (".txt", ".docx"))
)
def test_sample_reports_give_no_error(name):
    assert [f for f in check_path(PAST / name) if f.severity == "error"] == []


def test_sample_against_last_year_gives_no_error():
    this_year = next(PAST.glob("*2025*.txt"))
    last_year = next(PAST.glob("*2024*.docx"))
    findings = check_path(this_year, last_year)
    assert [f for f in findings if f.severity == "error"] == []
    assert any(f.code == "staleness.same_value" for f in findings)
