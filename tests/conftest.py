"""Shared fixtures: the bundled catalog and kind, and fresh workspaces in temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.core.catalog import default_catalog, load_kinds
from drafter.core.models import Catalog, ReportKind
from drafter.store import YearValue
from drafter.workspace import Workspace, WorkspaceConfig

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def kind() -> ReportKind:
    return load_kinds()["county_government"]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """An empty county workspace with known 2025 figures."""
    ws = Workspace.init(
        tmp_path / "测试县工作区",
        WorkspaceConfig(county="测试县", issuers=["测试县人民政府"], addressee="中共某市委、某市人民政府"),
    )
    ws.record_year_values(
        2025,
        {
            "review_concluded": YearValue(value=40, approx=False, source="test"),
            "review_corrected": YearValue(value=4, approx=False, source="test"),
            "lawsuit_concluded": YearValue(value=130, approx=False, source="test"),
            "lawsuit_lost": YearValue(value=7, approx=False, source="test"),
        },
    )
    yield ws
    ws.close()


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A copy of the bundled sample county workspace (drafter.toml and past_reports/)."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(REPO / "drafter.toml", root / "drafter.toml")
    shutil.copytree(REPO / "past_reports", root / "past_reports")
    (root / "exports").mkdir()
    return root
