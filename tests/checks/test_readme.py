"""The JSON contract and list of codes documented in README match the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from drafter.checks import findings_document
from drafter.checks.findings import Finding

CHECKS_DIR = Path(__file__).resolve().parents[2] / "drafter" / "checks"
_README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
README = _README.split("## Checking a report", 1)[1].split("\n## ", 1)[0]
"""The section of the project README that documents `drafter check`."""
FAMILIES = "required|consistency|staleness|dates|headings|punctuation|formulations"


def test_documented_json_has_the_keys_the_code_writes():
    example = json.loads(re.search(r"```json\n(.*?)```", README, re.S).group(1))
    finding = Finding("x.y", "hint", None, 0, 0, "", "说明。")
    written = findings_document([finding], source="a", year=2025)
    assert list(example) == list(written)
    assert list(example["findings"][0]) == list(written["findings"][0])
    assert list(example["counts"]) == list(written["counts"])


def test_every_code_is_documented_and_every_documented_code_exists():
    source = "".join(p.read_text(encoding="utf-8") for p in CHECKS_DIR.glob("*.py"))
    in_code = set(re.findall(rf'"((?:{FAMILIES})\.[a-z_0-9]+)"', source))
    documented = set(re.findall(rf"^\| `((?:{FAMILIES})\.[a-z_0-9]+)` \|", README, re.M))
    assert {c for c in in_code if not c.endswith(".toml")} == documented
