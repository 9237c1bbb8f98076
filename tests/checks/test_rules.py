"""Rule data in templates/checks and the import hygiene of the checks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.checks.rules import default_rules, load_rules
from drafter.core.catalog import templates_dir
from drafter.errors import TemplateDataError


def test_bundled_rules_load_and_are_ordered():
    rules = default_rules()
    assert rules.formulations and rules.deadlines
    for rule in rules.formulations:
        assert rule.outdated_from is None or rule.outdated_from > rule.valid_from
    assert {p.open for p in rules.punctuation.pair} >= {"（", "《", "“"}


def test_broken_rule_file_names_itself(tmp_path: Path):
    folder = tmp_path / "checks"
    shutil.copytree(templates_dir() / "checks", folder)
    path = folder / "formulations.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[formulation]]\nid = "x"\n', encoding="utf-8"
    )
    with pytest.raises(TemplateDataError, match="formulations.toml"):
        load_rules(folder)


def test_bad_pattern_is_refused(tmp_path: Path):
    folder = tmp_path / "checks"
    shutil.copytree(templates_dir() / "checks", folder)
    (folder / "formulations.toml").write_text(
        '[[formulation]]\nid = "x"\nlabel = "x"\npattern = "(("\nvalid_from = 2020-01-01\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateDataError, match="formulations.toml"):
        load_rules(folder)


def test_checks_do_not_import_textual():
    code = "import sys, drafter.checks; assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
