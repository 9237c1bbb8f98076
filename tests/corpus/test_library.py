"""Importing past reports into a workspace: incremental, tolerant of bad files, feeding prior-year values."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from drafter.corpus.library import drop_missing, import_bundled, import_paths, open_index
from drafter.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE_2025 = "汀岚县2025年法治政府建设年度报告.txt"


@pytest.fixture
def sample(sample_workspace: Path):
    ws = Workspace.open(sample_workspace)
    yield ws
    ws.close()


def figures() -> list[dict]:
    with (REPO / "tests" / "data" / "sample_figures.toml").open("rb") as fh:
        return tomllib.load(fh)["report"]


def mismatches(ws: Workspace) -> set[tuple[int, str]]:
    wrong = set()
    for report in figures():
        got = ws.store.year_values(ws.config.county, report["year"])
        for key, value in report["values"].items():
            found = got.get(key)
            approx = key in report.get("approx", [])
            if found is None or abs(found.value - value) > 1e-9 or found.approx != approx:
                wrong.add((report["year"], key))
    return wrong


def test_bundled_reports_give_the_figures_of_figures_toml(sample):
    summary = import_bundled(sample)
    assert len(summary.imported) == 2 and not summary.failed
    assert summary.value_years == [2024, 2025]
    assert mismatches(sample) == set()
    for report in figures():
        extra = set(sample.store.year_values("汀岚县", report["year"])) - set(report["values"])
        assert extra == set(), f"values not in figures.toml for {report['year']}: {extra}"


def test_rates_after_a_trailing_verb_get_their_values(sample):
    import_bundled(sample)
    values = sample.store.year_values(sample.config.county, 2025)
    assert values["online_rate"].value == 98.2
    assert values["hotline_satisfaction"].value == 96.1


def test_prior_year_defaults_come_from_the_imported_reports(sample):
    import_bundled(sample)
    draft = sample.draft(2026)
    assert draft.values["review_concluded"].value == 64
    assert draft.values["review_concluded"].origin == "carried"
    assert sample.known_values(2024)["legal_aid_recovered"] == 386.5


def test_reimport_skips_unchanged_files(sample):
    import_bundled(sample)
    again = import_paths(sample, [sample.past_reports_dir])
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    assert again.value_years == []
    assert "未变跳过 2 份" in again.message()


def test_a_changed_file_replaces_its_entries(sample):
    import_bundled(sample)
    path = sample.past_reports_dir / SAMPLE_2025
    text = path.read_bytes().decode("gbk").replace("办结行政复议案件64件", "办结行政复议案件65件")
    path.write_bytes(text.encode("gbk"))
    summary = import_paths(sample, [sample.past_reports_dir])
    assert [o.status for o in summary.outcomes] == ["unchanged", "replaced"]
    assert sample.store.year_values("汀岚县", 2025)["review_concluded"].value == 65
    index = open_index(sample)
    try:
        assert index.counts()["reports"] == 2
    finally:
        index.close()


def test_deleted_files_are_dropped_with_their_values(sample):
    import_bundled(sample)
    (sample.past_reports_dir / SAMPLE_2025).unlink()
    assert drop_missing(sample) == [f"past_reports/{SAMPLE_2025}"]
    assert sample.store.year_values("汀岚县", 2025) == {}
    assert sample.store.year_values("汀岚县", 2024)
    assert drop_missing(sample) == []


def test_bad_files_fail_with_a_reason_and_do_not_stop_the_others(sample, tmp_path: Path):
    folder = tmp_path / "混合"
    folder.mkdir()
    (folder / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "空白.txt").write_bytes(b"")
    (folder / "坏的.docx").write_bytes(b"PK\x03\x04broken zip")
    (folder / "图片.txt").write_bytes(bytes(range(256)) * 20)
    shutil.copy(sample.past_reports_dir / SAMPLE_2025, folder / "好的.txt")
    summary = import_paths(sample, [folder, tmp_path / "不存在"])
    status = {o.path.name: o.status for o in summary.outcomes}
    assert status.pop("好的.txt") == "imported"
    assert set(status.values()) == {"failed"}
    assert len(summary.failed) == 5
    assert all(o.reason and "。" in o.reason for o in summary.failed)
    assert "另存为 .docx" in next(o.reason for o in summary.failed if o.path.name == "旧版.doc")


def test_a_copy_under_another_name_is_skipped(sample, tmp_path: Path):
    import_bundled(sample)
    copy = tmp_path / "副本.txt"
    shutil.copy(sample.past_reports_dir / SAMPLE_2025, copy)
    (outcome,) = import_paths(sample, [copy]).outcomes
    assert outcome.status == "unchanged"
    assert SAMPLE_2025 in (outcome.reason or "")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_seeds_are_recorded_with_county_and_year_but_give_no_values_to_another_county(workspace):
    summary = import_paths(workspace, [SEEDS])
    found = {o.path.name[:3]: (o.county, o.year) for o in summary.imported}
    assert found == {
        "000": ("南乐县", 2025), "001": ("宛城区", 2024), "002": ("兴县", 2023),
        "003": ("塔河县", 2025), "004": ("灵丘县", 2025),
    }  # fmt: skip
    assert summary.value_years == []
    assert workspace.store.value_years("测试县") == [2025]
    index = open_index(workspace)
    try:
        by_year = index.values("宛城区")
        values = {v.indicator_id: v.value for v in by_year[2024][0][1]}
    finally:
        index.close()
    assert values["lawsuit_loss_rate"] == 5.38
    assert values["lawsuit_lost"] == 7


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_worker_processes_give_the_same_index(tmp_path: Path, workspace):
    from drafter.workspace import WorkspaceConfig

    other = Workspace.init(
        tmp_path / "另一个", WorkspaceConfig(county="测试县", issuers=["测试县人民政府"])
    )
    try:
        serial = import_paths(workspace, [SEEDS], workers=0)
        parallel = import_paths(other, [SEEDS], workers=2)
        assert [o.phrases for o in serial.outcomes] == [o.phrases for o in parallel.outcomes]
        counts = []
        for ws in (workspace, other):
            index = open_index(ws)
            counts.append(index.counts())
            index.close()
        assert counts[0] == counts[1]
    finally:
        other.close()


def test_summary_json_lists_every_file(sample):
    data = import_bundled(sample).to_json()
    assert data["imported"] == 2 and data["failed"] == 0
    assert {f["status"] for f in data["files"]} == {"imported"}
    assert all(f["county"] == "汀岚县" for f in data["files"])


def test_values_come_back_after_an_import_killed_before_recording_them(sample):
    from drafter.corpus.library import import_bundled

    first = import_bundled(sample)
    assert first.imported
    county = sample.config.county
    expected = sample.store.year_values(county, 2025)
    assert expected
    sample.store.set_year_values(county, 2025, {})  # as if killed after the index batch
    again = import_bundled(sample)
    assert not again.imported and again.unchanged
    assert sample.store.year_values(county, 2025) == expected
