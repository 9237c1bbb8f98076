"""Shared fixtures: the five seed reports in /work/shared/seeds (read, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` (e.g. `003`)."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix} not available")
    return matches[0]


@pytest.fixture
def seed_text():
    def read(prefix: str) -> str:
        return seed_path(prefix).read_text(encoding="utf-8")

    return read
