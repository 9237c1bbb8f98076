"""The JSON contract of findings."""

from __future__ import annotations

import json

from drafter.checks import exit_code, findings_document, findings_to_json, format_finding

KEYS = ["code", "severity", "part", "start", "end", "line", "excerpt", "message", "fix"]


def test_json_keys_and_values(report, check):
    text = report(shortcomings=None, date="20261月8")
    findings = check(text)
    data = findings_to_json(findings)
    assert all(list(item) == KEYS for item in data)
    damaged = next(item for item in data if item["code"] == "dates.damaged")
    assert text[damaged["start"] : damaged["end"]] == damaged["excerpt"] == "20261月8"
    assert damaged["line"] == text[: damaged["start"]].count("\n") + 1
    json.dumps(data, ensure_ascii=False)


def test_document_counts_and_exit_code(report, check):
    findings = check(report(shortcomings=None))
    document = findings_document(findings, source="a.txt", year=2025)
    assert document["version"] == 1
    assert document["counts"]["error"] == 1
    assert exit_code(findings) == 1
    assert exit_code(check(report())) == 0


def test_format_finding_is_one_line(report, check):
    line = format_finding(next(f for f in check(report(date="20261月8"))))
    assert "\n" not in line and line.startswith("第")


def test_findings_are_sorted_by_position(report, check):
    text = report(measures="（一）综合\n全年办结案件40件,,依法纠错4件。", date="20261月8")
    starts = [f.start for f in check(text)]
    assert starts == sorted(starts)
