"""A report kind is data: a new TOML file adds one without any Python change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from drafter.core.catalog import load_kind_file, load_kinds
from drafter.core.models import REQUIRED_KINDS
from drafter.errors import TemplateDataError
from drafter.exporting import export_draft
from drafter.session import DraftSession
from drafter.workspace import Workspace, WorkspaceConfig

DATA = Path(__file__).resolve().parents[1] / "data" / "kinds"


def test_bundled_kind_has_the_required_parts(kind):
    assert {p.kind for p in kind.parts if p.required} == set(REQUIRED_KINDS)
    assert any(not p.required and p.kind == "other" for p in kind.parts)


def test_workspace_with_its_own_kind_drafts_and_exports(tmp_path):
    root = tmp_path / "镇"
    ws = Workspace.init(root, WorkspaceConfig(county="某某镇", issuers=["某某镇人民政府"], kind="county_government"))
    ws.close()
    (root / "kinds").mkdir()
    shutil.copy(DATA / "township.toml", root / "kinds" / "township.toml")
    config = (root / "drafter.toml").read_text(encoding="utf-8").replace("county_government", "township")
    (root / "drafter.toml").write_text(config, encoding="utf-8")

    ws = Workspace.open(root)
    session = DraftSession.open(ws, year=2025)
    assert session.draft.title == "某某镇2025年法治建设工作情况报告"
    session.set_text("work_done", "（一）强化学法\n全年组织学法活动。")
    path = export_draft(ws, session.draft, "docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "一、主要工作和成效" in texts
    assert "四、2026年工作打算" in texts
    ws.close()


def test_broken_kind_file_names_the_file(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('id = "x"\nname = "坏"\ntitle_patterns = []\nopening = ""\nparts = []\n', encoding="utf-8")
    with pytest.raises(TemplateDataError, match="broken.toml"):
        load_kind_file(bad)
    bad.write_text("id = [", encoding="utf-8")
    with pytest.raises(TemplateDataError, match="broken.toml"):
        load_kind_file(bad)


def test_duplicate_kind_id_is_refused(tmp_path):
    shutil.copy(DATA / "township.toml", tmp_path / "a.toml")
    shutil.copy(DATA / "township.toml", tmp_path / "b.toml")
    with pytest.raises(TemplateDataError, match="重复"):
        load_kinds(tmp_path)
