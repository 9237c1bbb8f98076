"""Where things live: the workspace folder and its parts, resolved when needed (never at import)."""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_ENV = "DRAFTER_WORKSPACE"
CONFIG_NAME = "drafter.toml"


def bundled_workspace() -> Path:
    """The repository root, which is the sample county's workspace."""
    return Path(__file__).resolve().parents[1]


def resolve_workspace(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The workspace to use: `--workspace`, else $DRAFTER_WORKSPACE, else the current folder when it
    holds drafter.toml, else the bundled sample workspace."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).expanduser().resolve()
    cwd = Path.cwd()
    if (cwd / CONFIG_NAME).is_file():
        return cwd.resolve()
    return bundled_workspace()


def config_file(root: Path) -> Path:
    return root / CONFIG_NAME


def data_dir(root: Path) -> Path:
    """drafter's own data inside a workspace (git-ignored)."""
    return root / ".drafter"


def database_file(root: Path) -> Path:
    return data_dir(root) / "drafter.sqlite3"


def past_reports_dir(root: Path) -> Path:
    return root / "past_reports"


def exports_dir(root: Path) -> Path:
    return root / "exports"


def log_file(root: Path) -> Path:
    """Tracebacks go here, never to the screen."""
    return data_dir(root) / "drafter.log"


def kinds_dir(root: Path) -> Path:
    """Report kinds of the workspace's own, beside those bundled in templates/kinds."""
    return root / "kinds"
