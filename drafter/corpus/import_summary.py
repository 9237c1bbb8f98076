"""The outcome of an import: what happened to each file, and one line for the clerk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["imported", "replaced", "unchanged", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file of an import."""

    path: Path
    status: Status
    reason: str | None = None
    """Why a file failed or was skipped, one Chinese sentence."""
    county: str | None = None
    year: int | None = None
    title: str | None = None
    phrases: int = 0


@dataclass
class ImportSummary:
    """The outcome of an import, file by file."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Paths of reports removed because their file is gone."""
    value_years: list[int] = field(default_factory=list)
    """Years whose prior-year values of the workspace's county were rewritten."""
    seconds: float = 0.0
    """Wall time of the import."""
    store_seconds: float = 0.0
    """Of which writing to the index (the part that cannot run in parallel)."""

    def by_status(self, status: Status) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def imported(self) -> list[FileOutcome]:
        return self.by_status("imported")

    @property
    def replaced(self) -> list[FileOutcome]:
        return self.by_status("replaced")

    @property
    def unchanged(self) -> list[FileOutcome]:
        return self.by_status("unchanged")

    @property
    def failed(self) -> list[FileOutcome]:
        return self.by_status("failed")

    def message(self) -> str:
        """One Chinese line for the clerk."""
        text = (
            f"导入完成：新增 {len(self.imported)} 份，更新 {len(self.replaced)} 份，"
            f"未变跳过 {len(self.unchanged)} 份，失败 {len(self.failed)} 份"
        )
        if self.dropped:
            text += f"，移除已删除文件 {len(self.dropped)} 份"
        return text + "。"

    def to_json(self) -> dict:
        return {
            "imported": len(self.imported), "replaced": len(self.replaced),
            "unchanged": len(self.unchanged), "failed": len(self.failed), "dropped": self.dropped,
            "value_years": self.value_years,
            "files": [
                {"path": str(o.path), "status": o.status, "reason": o.reason, "county": o.county,
                 "year": o.year, "title": o.title, "phrases": o.phrases}
                for o in self.outcomes
            ],
        }  # fmt: skip
