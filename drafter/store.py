"""The workspace database: drafts with their revision history and per-year indicator values (SQLite).

Only this module speaks SQL; it returns models. Every save is one transaction, the journal is WAL,
and commits are synced, so a killed process leaves either the old or the new draft, never a mix.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from drafter.core.models import Draft
from drafter.errors import StoreError

KEEP_REVISIONS = 500
"""Revisions kept per draft; older ones are pruned on save."""


def _m1_drafts(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE drafts (
            county TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL,
            data TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (county, year))"""
    )
    db.execute(
        """CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, county TEXT NOT NULL, year INTEGER NOT NULL,
            data TEXT NOT NULL, saved_at TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX revisions_draft ON revisions (county, year, id)")
    db.execute(
        """CREATE TABLE year_values (
            county TEXT NOT NULL, year INTEGER NOT NULL, indicator_id TEXT NOT NULL,
            value REAL NOT NULL, approx INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL,
            PRIMARY KEY (county, year, indicator_id))"""
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [("m1_drafts", _m1_drafts)]
"""Named migrations, applied in order, each in its own transaction."""


@dataclass(frozen=True)
class Revision:
    """One saved state of a draft."""

    id: int
    saved_at: str


@dataclass(frozen=True)
class YearValue:
    """An indicator's value for a county and year, with where it came from."""

    value: float
    approx: bool
    source: str


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class Store:
    """A connection to the workspace database (safe to share between threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"无法打开草稿数据库 {path}（{exc}）：请检查文件是否损坏或被占用。") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _migrate(self) -> None:
        with self._lock:
            self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
            for name, step in MIGRATIONS:
                if name in done:
                    continue
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    step(self._db)
                    self._db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise

    def _write(self, statements: Callable[[sqlite3.Connection], None]) -> None:
        """Run statements in one transaction."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    statements(self._db)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                raise StoreError(f"无法保存到草稿数据库（{exc}）：请稍后重试，或关闭其他正在使用本工作区的 drafter。") from exc

    # Drafts

    def save_draft(self, draft: Draft) -> bool:
        """Save a draft and record a revision, in one transaction. Returns False if nothing changed."""
        data = draft.model_dump_json()
        changed = True

        def statements(db: sqlite3.Connection) -> None:
            nonlocal changed
            row = db.execute(
                "SELECT data FROM drafts WHERE county = ? AND year = ?", (draft.county, draft.year)
            ).fetchone()
            if row is not None and row[0] == data:
                changed = False
                return
            now = _now()
            db.execute(
                "INSERT INTO drafts VALUES (?, ?, ?, ?, ?) ON CONFLICT (county, year) DO UPDATE"
                " SET kind = excluded.kind, data = excluded.data, updated_at = excluded.updated_at",
                (draft.county, draft.year, draft.kind, data, now),
            )
            db.execute(
                "INSERT INTO revisions (county, year, data, saved_at) VALUES (?, ?, ?, ?)",
                (draft.county, draft.year, data, now),
            )
            db.execute(
                "DELETE FROM revisions WHERE county = ? AND year = ? AND id NOT IN"
                " (SELECT id FROM revisions WHERE county = ? AND year = ? ORDER BY id DESC LIMIT ?)",
                (draft.county, draft.year, draft.county, draft.year, KEEP_REVISIONS),
            )

        self._write(statements)
        return changed

    def load_draft(self, county: str, year: int) -> Draft | None:
        """The saved draft of a county and year, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM drafts WHERE county = ? AND year = ?", (county, year)
            ).fetchone()
        return None if row is None else self._parse(row[0])

    def draft_years(self, county: str) -> list[int]:
        """Years that have a draft, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT year FROM drafts WHERE county = ? ORDER BY year DESC", (county,)
            ).fetchall()
        return [r[0] for r in rows]

    def delete_draft(self, county: str, year: int) -> None:
        self._write(lambda db: db.execute("DELETE FROM drafts WHERE county = ? AND year = ?", (county, year)))

    def revisions(self, county: str, year: int) -> list[Revision]:
        """Saved revisions of a draft, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, saved_at FROM revisions WHERE county = ? AND year = ? ORDER BY id DESC",
                (county, year),
            ).fetchall()
        return [Revision(id=r[0], saved_at=r[1]) for r in rows]

    def load_revision(self, revision_id: int) -> Draft:
        with self._lock:
            row = self._db.execute("SELECT data FROM revisions WHERE id = ?", (revision_id,)).fetchone()
        if row is None:
            raise StoreError(f"找不到第 {revision_id} 号历史版本：请从版本列表中重新选择。")
        return self._parse(row[0])

    @staticmethod
    def _parse(data: str) -> Draft:
        try:
            return Draft.model_validate_json(data)
        except ValidationError as exc:
            raise StoreError("草稿数据无法读取：数据库中的草稿格式不正确，请从历史版本恢复。") from exc

    # Indicator values of past years

    def set_year_values(self, county: str, year: int, values: dict[str, YearValue]) -> None:
        """Replace a county's indicator values for a year, in one transaction."""

        def statements(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM year_values WHERE county = ? AND year = ?", (county, year))
            db.executemany(
                "INSERT INTO year_values VALUES (?, ?, ?, ?, ?, ?)",
                [(county, year, k, v.value, int(v.approx), v.source) for k, v in values.items()],
            )

        self._write(statements)

    def year_values(self, county: str, year: int) -> dict[str, YearValue]:
        with self._lock:
            rows = self._db.execute(
                "SELECT indicator_id, value, approx, source FROM year_values WHERE county = ? AND year = ?",
                (county, year),
            ).fetchall()
        return {r[0]: YearValue(value=r[1], approx=bool(r[2]), source=r[3]) for r in rows}

    def value_years(self, county: str) -> list[int]:
        """Years with known indicator values, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT year FROM year_values WHERE county = ? ORDER BY year DESC", (county,)
            ).fetchall()
        return [r[0] for r in rows]
