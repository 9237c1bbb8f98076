"""Importing past reports into a workspace: incremental by content hash, one summary at the end.

An unchanged file (same path, same SHA-256) is skipped, a changed one replaces its old entries,
a file with the content of one already imported is skipped as a copy, and `drop_missing` removes
the entries of files that are gone. One bad file never stops the others.

Prior-year values: for every report of the workspace's own county, the indicator values with a
catalog id are recorded per year in the store (`Workspace.record_year_values`). Per report and
indicator the first mention in the measures part (主要举措和成效) wins, else the first mention in
another part; mentions in the next-year plan are targets and never count. Later mentions that
disagree are ignored rather than dropping the indicator: in the reports seen, a second mention
is a recap or a sub-total, and the first one in the measures part is the figure reported.
When several reports give the same county and year, the first by path wins per indicator.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal

from drafter import paths
from drafter.core.models import Catalog
from drafter.corpus.extract import ExtractedReport, extract_report
from drafter.corpus.index import CorpusIndex, Engine, ReportRecord, ValueRecord
from drafter.corpus.phrases import Phrase, index_tokens, report_phrases
from drafter.corpus.read import iter_report_files
from drafter.errors import DrafterError
from drafter.store import YearValue
from drafter.workspace import Workspace

_log = logging.getLogger(__name__)
Status = Literal["imported", "replaced", "unchanged", "failed"]
PARALLEL_FROM = 40
"""Imports of at least this many changed files extract in one process per CPU."""
_GOVERNMENT = re.compile(r"^(?:.{2,8}?[省市州盟])?(.{1,8}?[县区市旗])人民政府$")
_PARTY = re.compile(r"^中共(?:.{2,8}?[市州盟]委)?(.{1,8}?[县区市旗])(?:[县区市旗])?委(?:员会)?$")
_TITLE_PLACE = re.compile(r"^(?:中共)?(.{1,8}?[县区旗市])(?:县委|区委|委|人民政府|20\d{2}|关于)")


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


def open_index(workspace: Workspace, engine: Engine | None = None) -> CorpusIndex:
    """The corpus index of a workspace (its own connection; close it when done)."""
    return CorpusIndex(paths.database_file(workspace.root), engine)


def report_county(report: ExtractedReport) -> str | None:
    """The county (县/区/县级市/旗) a report is about, from its issuers, else from its title."""
    issuers = report.structure.issuers
    for pattern in (_GOVERNMENT, _PARTY):
        for issuer in issuers:
            match = pattern.match(issuer.replace(" ", ""))
            if match:
                return match.group(1)
    title = (report.structure.title or "").replace(" ", "")
    match = _TITLE_PLACE.match(title)
    return match.group(1) if match else None


def report_values(report: ExtractedReport, catalog: Catalog) -> list[ValueRecord]:
    """One value per catalog indicator: the first mention in the measures part, else the first one."""
    chosen: dict[str, ValueRecord] = {}
    for mention in sorted(
        report.indicators, key=lambda m: (m.section != "measures_and_results", m.span)
    ):
        if (
            mention.catalog_id is None
            or mention.catalog_id not in catalog
            or mention.section == "next_year_plan"
        ):
            continue
        if mention.catalog_id in chosen:
            continue
        spec = catalog.get(mention.catalog_id)
        value = mention.value
        if spec.unit.startswith("万") and mention.unit != spec.unit:
            value = value / 10_000
        elif spec.unit.startswith("亿") and mention.unit != spec.unit:
            value = value / 100_000_000
        chosen[mention.catalog_id] = ValueRecord(
            spec.id, value, mention.approx, mention.section, mention.text
        )
    return list(chosen.values())


def _key(workspace: Workspace, path: Path) -> str:
    """How a file is recorded: relative to the workspace when inside it, so the folder can move."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(resolved)


@dataclass(frozen=True)
class _Pending:
    """A file to (re)import: read and hashed, not yet extracted."""

    path: Path
    key: str
    digest: str
    size: int
    existing: ReportRecord | None


@dataclass(frozen=True)
class _Prepared:
    """What one report adds to the index, computed away from the database (maybe in a worker)."""

    record: ReportRecord
    values: list[ValueRecord]
    phrases: list[tuple[Phrase, list[str]]]


def _prepare(pending: _Pending, catalog: Catalog) -> _Prepared | str:
    """Extract a report and build its record, values and phrases; a failure gives its message."""
    try:
        report = extract_report(pending.path)
    except DrafterError as exc:
        return exc.message
    county = report_county(report)
    s = report.structure
    record = ReportRecord(
        0, pending.key, pending.digest, pending.size, county, s.year, s.title, s.issuer
    )
    phrases = [(p, index_tokens(p.text)) for p in report_phrases(report, catalog, county)]
    return _Prepared(record, report_values(report, catalog), phrases)


def _pending(workspace: Workspace, index: CorpusIndex, path: Path) -> _Pending | FileOutcome:
    """The file to import, or the outcome when it is unreadable or already imported."""
    key = _key(workspace, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileOutcome(
            path, "failed", f"无法读取 {path.name}（{exc.strerror or exc}）：请检查文件权限后重试。"
        )
    digest = hashlib.sha256(data).hexdigest()
    existing = index.report_by_path(key)
    if existing is not None and existing.hash == digest:
        return FileOutcome(
            path,
            "unchanged",
            "文件未改动，已跳过。",
            existing.county,
            existing.year,
            existing.title,
        )
    if existing is None and (twin := index.path_with_hash(digest)) is not None:
        return FileOutcome(path, "unchanged", f"与已导入的 {twin} 内容相同，已跳过。")
    return _Pending(path, key, digest, len(data), existing)


def import_paths(
    workspace: Workspace,
    paths_: Iterable[Path],
    engine: Engine | None = None,
    progress: Callable[[FileOutcome], None] | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import report files and folders (recursively) into the workspace's corpus index.

    Args:
        paths_: files or folders; folders are searched recursively for report files.
        engine: index engine for a new index (default FTS5); an existing index keeps its own.
        progress: called after each file, e.g. to report progress.
        workers: extraction processes; default one per CPU when there are many files, else none.

    Returns:
        The summary; unreadable files are listed as failed with the reason, never raised.
    """
    summary = ImportSummary()
    started = time.perf_counter()
    index = open_index(workspace, engine)
    touched: set[int] = set()
    try:
        pending: list[_Pending] = []
        for given in paths_:
            try:
                files = iter_report_files(Path(given))
            except DrafterError as exc:
                summary.outcomes.append(FileOutcome(Path(given), "failed", exc.message))
                continue
            for path in files:
                found = _pending(workspace, index, path)
                if isinstance(found, FileOutcome):
                    summary.outcomes.append(found)
                    if progress is not None:
                        progress(found)
                else:
                    pending.append(found)
        for item, prepared in zip(
            pending, _prepare_all(pending, workspace.catalog, workers), strict=True
        ):
            stored = time.perf_counter()
            outcome = _store(workspace, index, item, prepared, touched)
            summary.store_seconds += time.perf_counter() - stored
            summary.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        summary.value_years = _record_values(workspace, index, touched)
    finally:
        index.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _prepare_all(
    pending: list[_Pending], catalog: Catalog, workers: int | None
) -> Iterator[_Prepared | str]:
    """Prepare files in order, in worker processes when there are enough of them to pay off."""
    if workers is not None:
        count = workers
    else:
        count = (os.cpu_count() or 1) if len(pending) >= PARALLEL_FROM else 0
    if count <= 1:
        yield from (_prepare(item, catalog) for item in pending)
        return
    done = 0
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
            items = iter(pending)
            running = deque(pool.submit(_prepare, i, catalog) for i in islice(items, count * 8))
            while running:
                result = running.popleft().result()
                following = next(items, None)
                if following is not None:
                    running.append(pool.submit(_prepare, following, catalog))
                done += 1
                yield result
    except (BrokenProcessPool, OSError) as exc:
        _log.warning("extraction workers failed (%s); continuing in this process", exc)
        yield from (_prepare(item, catalog) for item in pending[done:])


def _store(
    workspace: Workspace,
    index: CorpusIndex,
    item: _Pending,
    prepared: _Prepared | str,
    touched: set[int],
) -> FileOutcome:
    if isinstance(prepared, str):
        return FileOutcome(item.path, "failed", prepared)
    existing, record = item.existing, prepared.record

    def work() -> None:
        if existing is not None:
            index.remove_report(existing.id)
        index.add_report(record, prepared.values, prepared.phrases)

    index.transaction(work)
    county = workspace.config.county
    for old in (record, existing):
        if old is not None and old.county == county and old.year is not None:
            touched.add(old.year)
    status: Status = "replaced" if existing is not None else "imported"
    return FileOutcome(
        item.path, status, None, record.county, record.year, record.title, len(prepared.phrases)
    )


def _record_values(workspace: Workspace, index: CorpusIndex, years: set[int]) -> list[int]:
    """Rewrite the store's values of the workspace's county for the given years from the index."""
    by_year = index.values(workspace.config.county)
    for year in sorted(years):
        merged: dict[str, YearValue] = {}
        for record, values in by_year.get(year, []):
            for value in values:
                merged.setdefault(
                    value.indicator_id, YearValue(value.value, value.approx, Path(record.path).name)
                )
        workspace.record_year_values(year, merged)
    return sorted(years)


def drop_missing(workspace: Workspace) -> list[str]:
    """Remove the reports whose file no longer exists; returns their recorded paths."""
    index = open_index(workspace)
    dropped: list[str] = []
    touched: set[int] = set()
    try:
        for record in index.reports():
            path = Path(record.path)
            if not path.is_absolute():
                path = workspace.root / path
            if path.exists():
                continue
            index.transaction(lambda record=record: index.remove_report(record.id))
            dropped.append(record.path)
            if record.county == workspace.config.county and record.year is not None:
                touched.add(record.year)
        _record_values(workspace, index, touched)
    finally:
        index.close()
    return dropped


def import_bundled(workspace: Workspace) -> ImportSummary:
    """Import the workspace's past_reports/ folder (on first start; unchanged files are skipped)."""
    folder = workspace.past_reports_dir
    if not folder.is_dir():
        return ImportSummary()
    summary = import_paths(workspace, [folder])
    summary.dropped = drop_missing(workspace)
    return summary
