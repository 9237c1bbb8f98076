"""The command line: thin commands over the core, one plain line on error, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from docx import Document

from drafter.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_new_set_render_on_sample(sample_workspace, capsys):
    ws = str(sample_workspace)
    code, out, _ = run(capsys, "-w", ws, "show", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["year"] == 2026 and summary["county"] == "汀岚县"
    concluded = next(i for i in summary["indicators"] if i["id"] == "review_concluded")
    assert concluded["origin"] == "carried" and concluded["confirmed"] is False
    assert concluded["value"] == concluded["last_year"]

    code, _, _ = run(capsys, "-w", ws, "set", "行政复议办结", "80")
    assert code == 0
    code, _, _ = run(capsys, "-w", ws, "set", "--part", "measures_and_results", "--text", "全年办结行政复议案件⟦行政复议办结⟧件。")
    assert code == 0
    code, out, _ = run(capsys, "-w", ws, "show", "--json")
    concluded = next(i for i in json.loads(out)["indicators"] if i["id"] == "review_concluded")
    assert concluded["value"] == 80 and concluded["origin"] == "typed" and concluded["change"].startswith("同比")

    code, out, _ = run(capsys, "-w", ws, "render", "--json")
    assert code == 0
    path = json.loads(out)["path"]
    assert path.endswith("汀岚县2026年法治政府建设年度报告.docx")
    assert "全年办结行政复议案件80件。" in [p.text for p in Document(path).paragraphs]

    code, out, _ = run(capsys, "-w", ws, "render", "--json")
    second = json.loads(out)["path"]
    assert second != path and second.endswith("(2).docx"), "an existing export is never overwritten silently"


def test_errors_are_one_plain_line(sample_workspace, capsys):
    ws = str(sample_workspace)
    for args, fragment in [
        (["set", "行政复议办结", "-3"], "负数"),
        (["set", "行政复议办结", "很多"], "不是数字"),
        (["set", "调解成功率", "130"], "100%"),
        (["set", "调解成功率", "90"], "自动计算"),
        (["set", "无此指标", "1"], "没有名为"),
        (["set", "行政诉讼败诉", "999"], "不能大于"),
        (["import-json", str(sample_workspace / "drafter.toml")], "不是有效的草稿"),
        (["import-json", str(sample_workspace / "missing.json")], "无法读取"),
    ]:
        code, out, err = run(capsys, "-w", ws, *args)
        assert code == 1, args
        assert fragment in err, (args, err)
        assert err.count("\n") == 1 and "Traceback" not in err


def test_json_roundtrip(sample_workspace, tmp_path, capsys):
    ws = str(sample_workspace)
    run(capsys, "-w", ws, "set", "行政复议办结", "81")
    target = tmp_path / "草稿.json"
    assert run(capsys, "-w", ws, "export-json", "-o", str(target))[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["values"]["review_concluded"]["value"] == 81
    code, _, err = run(capsys, "-w", ws, "import-json", str(target))
    assert code == 1 and "--force" in err
    data["values"]["review_concluded"]["value"] = 82
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "-w", ws, "import-json", str(target), "--force")[0] == 0
    code, out, _ = run(capsys, "-w", ws, "show", "--json")
    assert next(i for i in json.loads(out)["indicators"] if i["id"] == "review_concluded")["value"] == 82


def test_init_makes_a_new_workspace(tmp_path, capsys):
    root = tmp_path / "新县"
    code, _, _ = run(capsys, "init", str(root), "--county", "新县", "--issuer", "中共新县委", "--issuer", "新县人民政府")
    assert code == 0
    code, out, _ = run(capsys, "-w", str(root), "show", "--json")
    summary = json.loads(out)
    assert summary["title"] == "新县人民政府关于{}年度法治政府建设情况的报告".format(summary["year"])
    code, _, err = run(capsys, "init", str(root), "--county", "新县")
    assert code == 1 and "已经是工作区" in err


def test_not_a_workspace(tmp_path, capsys):
    code, _, err = run(capsys, "-w", str(tmp_path), "show")
    assert code == 1 and "drafter init" in err


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_subprocess_error_has_no_traceback(tmp_path, encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "-w", str(tmp_path), "show"],
        capture_output=True, env=env, timeout=60,
    )
    err = proc.stderr.decode(encoding)
    assert proc.returncode == 1
    assert "Traceback" not in err and "drafter init" in err


def test_second_process_is_told_the_workspace_is_busy(sample_workspace, capsys):
    from drafter.workspace import Workspace

    holder = Workspace.open(sample_workspace)
    holder.lock()
    try:
        code, _, err = run(capsys, "-w", str(sample_workspace), "set", "行政复议办结", "3")
        assert code == 1 and "正在使用" in err
        proc = subprocess.run(
            [sys.executable, "-m", "drafter", "-w", str(sample_workspace), "show"],
            capture_output=True, timeout=60,
        )
        assert proc.returncode == 1 and "正在使用" in proc.stderr.decode("utf-8")
    finally:
        holder.close()
    assert run(capsys, "-w", str(sample_workspace), "show")[0] == 0


def test_output_piped_into_a_reader_that_stops_early(sample_workspace):
    with subprocess.Popen(
        [sys.executable, "-m", "drafter", "-w", str(sample_workspace), "show"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:
        proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=60) == 0
    assert "内部出错" not in err and "Traceback" not in err
