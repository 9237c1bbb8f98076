"""Imported reports and the indicator values they give: the `corpus_reports` and `corpus_values` tables.

Part of the corpus index (`drafter.corpus.index`), which owns the connection and transactions.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

REPORT_COLUMNS = "id, path, hash, size, county, year, title, issuer"


@dataclass(frozen=True)
class ReportRecord:
    """An imported report as recorded in the index."""

    id: int
    path: str
    hash: str
    size: int
    county: str | None
    year: int | None
    title: str | None
    issuer: str | None


@dataclass(frozen=True)
class ValueRecord:
    """One indicator value a report gives (see `report_entries.report_values`)."""

    indicator_id: str
    value: float
    approx: bool
    part: str | None
    text: str


class ReportTable:
    """Reads and writes of the report and value tables over the index's connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def all(self) -> list[ReportRecord]:
        rows = self.db.execute(f"SELECT {REPORT_COLUMNS} FROM corpus_reports ORDER BY path")
        return [ReportRecord(*row) for row in rows]

    def by_path(self, path: str) -> ReportRecord | None:
        row = self.db.execute(
            f"SELECT {REPORT_COLUMNS} FROM corpus_reports WHERE path = ?", (path,)
        ).fetchone()
        return None if row is None else ReportRecord(*row)

    def path_with_hash(self, digest: str) -> str | None:
        row = self.db.execute(
            "SELECT path FROM corpus_reports WHERE hash = ?", (digest,)
        ).fetchone()
        return None if row is None else row[0]

    def insert(self, record: ReportRecord, values: Sequence[ValueRecord]) -> int:
        """Insert a report and its values (inside a transaction); returns the report's id."""
        cur = self.db.execute(
            "INSERT INTO corpus_reports (path, hash, size, county, year, title, issuer, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record.path, record.hash, record.size, record.county, record.year, record.title, record.issuer,
             dt.datetime.now().isoformat(timespec="seconds")),
        )  # fmt: skip
        report_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO corpus_values VALUES (?, ?, ?, ?, ?, ?)",
            [(report_id, v.indicator_id, v.value, int(v.approx), v.part, v.text) for v in values],
        )
        return report_id

    def delete(self, report_id: int) -> None:
        """Delete a report; its values and phrase sources go with it (ON DELETE CASCADE)."""
        self.db.execute("DELETE FROM corpus_reports WHERE id = ?", (report_id,))

    def values(self, county: str) -> dict[int, list[tuple[ReportRecord, list[ValueRecord]]]]:
        """Indicator values of a county's reports by year, the reports in path order."""
        by_year: dict[int, list[tuple[ReportRecord, list[ValueRecord]]]] = {}
        for record in self.all():
            if record.county == county and record.year is not None:
                rows = self.db.execute(
                    "SELECT indicator_id, value, approx, part, text FROM corpus_values WHERE report_id = ?",
                    (record.id,),
                )
                values = [ValueRecord(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows]
                by_year.setdefault(record.year, []).append((record, values))
        return by_year
