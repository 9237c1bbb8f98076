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

Extraction (the slow part) runs in worker processes when asked; the index is written by this
process alone, a batch of reports per transaction.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from drafter import paths
from drafter.core.models import Catalog
from drafter.corpus.import_summary import FileOutcome, ImportSummary, Status
from drafter.corpus.index import CorpusIndex
from drafter.corpus.read import iter_report_files
from drafter.corpus.report_entries import (
    ReportEntries,
    ReportFile,
    entries_of_files,
    report_county,
    report_entries,
    report_values,
)
from drafter.errors import DrafterError
from drafter.store import YearValue
from drafter.workspace import Workspace

__all__ = [
    "FileOutcome", "ImportSummary", "Status", "drop_missing", "import_bundled", "import_paths",
    "open_index", "report_county", "report_values",
]  # fmt: skip

_log = logging.getLogger(__name__)
BATCH_REPORTS = 128
"""Reports written per index transaction during an import. Each commit writes every page the
batch touched (phrase keys and MinHash bands land on random B-tree pages), so small batches
multiply the bytes written; 128 reports hold the write lock for about a second. Batches
shrink towards the end of an import, so the workers are not left idle while a last big batch
is written."""
TASK_FILES = 4
"""Files an extraction worker takes at a time."""
WORKER_NICENESS = 10


def open_index(workspace: Workspace) -> CorpusIndex:
    """The corpus index of a workspace (its own connection; close it when done)."""
    return CorpusIndex(paths.database_file(workspace.root))


def _key(workspace: Workspace, path: Path) -> str:
    """How a file is recorded: relative to the workspace when inside it, so the folder can move."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def _pending(workspace: Workspace, index: CorpusIndex, path: Path) -> ReportFile | FileOutcome:
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
    return ReportFile(path, key, digest, len(data), existing)


def import_paths(
    workspace: Workspace,
    paths_: Iterable[Path],
    progress: Callable[[FileOutcome], None] | None = None,
    workers: int = 0,
) -> ImportSummary:
    """Import report files and folders (recursively) into the workspace's corpus index.

    Args:
        paths_: files or folders; folders are searched recursively for report files.
        progress: called after each file, e.g. to report progress.
        workers: extraction processes (0: extract in this process). Worker processes are
            spawned, which re-imports the program's main module: pass `os.cpu_count()` only
            from a program whose main module has the `if __name__ == "__main__":` guard.

    Returns:
        The summary; unreadable files are listed as failed with the reason, never raised.
    """
    summary = ImportSummary()
    started = time.perf_counter()
    index = open_index(workspace)
    touched: set[int] = set()
    try:
        pending: list[ReportFile] = []
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
        batch: list[tuple[ReportFile, ReportEntries | str]] = []
        entries = _entries_of(pending, workspace.catalog, workers)
        for position, item in enumerate(pending):
            batch.append((item, next(entries)))
            remaining = len(pending) - position - 1
            if remaining and len(batch) < min(BATCH_REPORTS, max(8, remaining // 4)):
                continue
            stored = time.perf_counter()
            outcomes = _store(workspace, index, batch, touched)
            summary.store_seconds += time.perf_counter() - stored
            batch = []
            summary.outcomes.extend(outcomes)
            if progress is not None:
                for outcome in outcomes:
                    progress(outcome)
        # Years the index knows but the store lacks (an import killed between its index batches
        # and this step): without this they would stay empty, as their files are now "unchanged".
        county = workspace.config.county
        lacking = set(index.values(county)) - set(workspace.store.value_years(county))
        summary.value_years = _record_values(workspace, index, touched | lacking)
    finally:
        index.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _entries_of(
    pending: list[ReportFile], catalog: Catalog, count: int
) -> Iterator[ReportEntries | str]:
    """Extract files in order, in `count` worker processes when more than one is asked for.

    Workers get `TASK_FILES` files per task, so the catalog is sent once per task, and run at
    a lower priority than this process.
    """
    if count <= 1 or len(pending) < 2:
        yield from (report_entries(item, catalog) for item in pending)
        return
    done = 0
    tasks = [pending[i : i + TASK_FILES] for i in range(0, len(pending), TASK_FILES)]
    try:
        with ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority
        ) as pool:
            queued = iter(tasks)
            running = deque(
                pool.submit(entries_of_files, task, catalog) for task in islice(queued, count * 16)
            )
            while running:
                results = running.popleft().result()
                following = next(queued, None)
                if following is not None:
                    running.append(pool.submit(entries_of_files, following, catalog))
                for result in results:
                    done += 1
                    yield result
    except (BrokenProcessPool, OSError) as exc:
        _log.warning("extraction workers failed (%s); continuing in this process", exc)
        yield from (report_entries(item, catalog) for item in pending[done:])


def _lower_priority() -> None:
    """Run an extraction worker below the process writing the index (and the TUI).

    The writer is the serial part of an import: when it waits for a core, so does everything.
    """
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _store(
    workspace: Workspace,
    index: CorpusIndex,
    batch: list[tuple[ReportFile, ReportEntries | str]],
    touched: set[int],
) -> list[FileOutcome]:
    """Write a batch of extracted reports in one transaction; returns their outcomes in order."""

    def work() -> None:
        for item, entries in batch:
            if isinstance(entries, str):
                continue
            if item.existing is not None:
                index.remove_report(item.existing.id)
            index.add_report(entries.record, entries.values, entries.phrases)

    index.transaction(work)
    outcomes: list[FileOutcome] = []
    county = workspace.config.county
    for item, entries in batch:
        if isinstance(entries, str):
            outcomes.append(FileOutcome(item.path, "failed", entries))
            continue
        existing, record = item.existing, entries.record
        for old in (record, existing):
            if old is not None and old.county == county and old.year is not None:
                touched.add(old.year)
        status: Status = "replaced" if existing is not None else "imported"
        outcomes.append(
            FileOutcome(
                item.path, status, None, record.county, record.year, record.title,
                len(entries.phrases.phrases),
            )
        )  # fmt: skip
    return outcomes


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
