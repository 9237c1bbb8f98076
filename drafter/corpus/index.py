"""The corpus index: imported reports, their indicator values and the phrase bank, in SQLite.

This module is the one exception, besides `drafter.store`, to "only store.py speaks SQL": it owns
the `corpus_*` and `phrase*` tables of the workspace database (`paths.database_file`) and returns
dataclasses. Reports and values are written by `report_table`, phrases by `phrase_writes`; this
module holds the connection, transactions and search (tables: `index_schema`). Phrases are
indexed over their jieba words and the bigrams of longer words, each prefixed with a letter for
the part (`m行政复议`), so a search in one part never touches the postings of another. Query terms found in more than a fifth of a part's phrases are dropped when
rarer ones remain; query words the index lacks are replaced by their bigrams. An index written
by an older schema is dropped and recreated empty: it is derived data, the next import re-reads
every file.

Ranking is SQLite FTS5 (`unicode61` over the space-joined terms, its Okapi BM25), over at most
`MAX_SCORED` matches. Our own BM25 over a postings table summed in SQL was measured against it
on the same terms (`bench/corpus.py --compare-index`, 5,000 synthetic reports, 147,110 phrases,
two runs on a shared 2-core machine): index 16.3 MB vs 92.9 MB, build 1.4-1.6 s vs 14.8 s,
suggest p50 10.2-11.6 ms vs 4.9-5.7 ms and p95 16.8-18.0 ms vs 12.8-18.7 ms, same precision on
the hand queries. FTS5 is kept for its sixth of the size and its cheap builds and one-row
updates per phrase, which the import pays for; own BM25 stays in the bench.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafter.corpus.index_schema import SCHEMA, SCHEMA_SQL, TABLES
from drafter.corpus.phrase_writes import PART_CODES, PhraseRows, PhraseWriter, phrase_rows
from drafter.corpus.phrases import Phrase
from drafter.corpus.report_table import REPORT_COLUMNS, ReportRecord, ReportTable, ValueRecord
from drafter.corpus.search_terms import bigrams_of
from drafter.errors import StoreError

__all__ = [
    "COMMON",
    "PART_CODES",
    "SCHEMA",
    "CorpusIndex",
    "PhraseHit",
    "ReportRecord",
    "ValueRecord",
]

COMMON = 0.2
"""Query terms in more than this share of a part's phrases are dropped when rarer ones remain."""
MAX_SCORED = 4000
"""Matches a search scores at most: past this, only the most recently stored are ranked.

FTS5 computes BM25 for every match before sorting (about 2 µs each); a query for a word in
10,000 phrases would take 20 ms, past the 30 ms p95 budget of suggestions with the rest."""
CACHE_KIB = 64 * 1024
"""Page cache of the index connection; B-tree inserts into a growing index stay in memory."""


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found by a search."""

    id: int
    text: str
    part: str
    topic: str
    form: str
    key: str
    relevance: float
    """BM25 relevance, higher is better (0 when found without terms)."""
    newest: int | None
    sources: int


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


class CorpusIndex:
    """A connection to the corpus tables of one workspace database (use from one thread).

    The connection writes with `synchronous=NORMAL` (WAL): a power cut may lose the last index
    writes, never corrupt them, and the index is derived data that the next import rebuilds.
    Drafts in the same file are written by `drafter.store` on its own connection, which keeps
    `synchronous=FULL`.
    """

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA temp_store=MEMORY")
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            if self._meta("schema") != SCHEMA:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.executescript(
                    "BEGIN IMMEDIATE;"
                    + "".join(f"DROP TABLE IF EXISTS {t};" for t in TABLES)
                    + SCHEMA_SQL
                    + "COMMIT;"
                )
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.phrase_vocab USING fts5vocab(main, 'phrase_fts', 'row')"
            )
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"无法打开往年报告索引 {path}（{exc}）：请检查文件是否损坏或被占用。"
            ) from exc
        self._reports = ReportTable(self.db)
        self._phrases = PhraseWriter(self.db)

    def close(self) -> None:
        self.db.close()

    def _meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM corpus_meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else row[0]

    def transaction(self, work: Callable[[], object]) -> None:
        """Run `work` in one write transaction."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                work()
                self._phrases.flush()
                self.db.execute("COMMIT")
            except BaseException:
                self._phrases.discard()
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"无法写入往年报告索引（{exc}）：请稍后重试，或关闭其他正在导入的 drafter。"
            ) from exc

    # Reports and their values

    def reports(self) -> list[ReportRecord]:
        return self._reports.all()

    def report_by_path(self, path: str) -> ReportRecord | None:
        return self._reports.by_path(path)

    def path_with_hash(self, digest: str) -> str | None:
        return self._reports.path_with_hash(digest)

    def values(self, county: str) -> dict[int, list[tuple[ReportRecord, list[ValueRecord]]]]:
        """Indicator values of a county's reports by year, the reports in path order."""
        return self._reports.values(county)

    def add_report(
        self,
        record: ReportRecord,
        values: Sequence[ValueRecord],
        phrases: Sequence[tuple[Phrase, Sequence[str]]] | PhraseRows,
    ) -> int:
        """Insert a report, its values and its phrases with their search terms; returns its id.

        Call inside `transaction`. `phrases` are given with their search terms, or as the rows
        `phrase_writes.phrase_rows` built beforehand. A phrase that duplicates a stored one (same
        key in the same part, or 3-gram Jaccard ≥ 0.8) only gains this report as a source.
        """
        rows = phrases if isinstance(phrases, PhraseRows) else phrase_rows(phrases)
        report_id = self._reports.insert(record, values)
        self._phrases.add_sources(report_id, record.year, rows)
        return report_id

    def remove_report(self, report_id: int) -> None:
        """Delete a report, its values and the phrases no other report has (inside `transaction`)."""
        affected = [
            r[0]
            for r in self.db.execute(
                "SELECT phrase_id FROM phrase_sources WHERE report_id = ?", (report_id,)
            )
        ]
        self._reports.delete(report_id)
        self._phrases.drop_sources(affected)

    # Search

    def part_size(self, part: str) -> tuple[int, float]:
        """(phrases, average terms per phrase) of a part."""
        n, terms = (int(self._meta(f"{k}:{part}") or 0) for k in ("phrases", "terms"))
        return n, terms / n if n else 0.0

    def rebuild(self) -> float:
        """Rebuild the FTS5 index from the stored phrases; returns the seconds it took."""
        started = time.perf_counter()
        self.transaction(
            lambda: self.db.execute("INSERT INTO phrase_fts (phrase_fts) VALUES ('rebuild')")
        )
        return time.perf_counter() - started

    def df(self, terms: Sequence[str]) -> dict[str, int]:
        """Number of phrases holding each of `terms` (part-prefixed); absent terms are left out."""
        sql = f"SELECT term, doc FROM temp.phrase_vocab WHERE term IN ({_marks(terms)})"
        return dict(self.db.execute(sql, list(terms)).fetchall())

    def _query(self, part: str, words: Sequence[str]) -> tuple[dict[str, int], int]:
        """(term → df, phrases in the part) for the words of a query, common terms dropped."""
        code = PART_CODES[part]
        terms = list(dict.fromkeys(code + w for w in words))
        df = self.df(terms)
        missing = [code + g for t in terms if t not in df for g in bigrams_of(t[1:])]
        if missing:
            df.update(self.df(missing))
        n, _ = self.part_size(part)
        rare = {t: d for t, d in df.items() if d <= COMMON * n}
        if not rare and df:
            term = min(df, key=df.__getitem__)
            rare = {term: df[term]}
        return rare, n

    def search(self, part: str, words: Sequence[str], limit: int) -> list[PhraseHit]:
        """Phrases of a part ranked by BM25 against `words`; without words, the most shared ones."""
        if not words:
            rows = self.db.execute(
                "SELECT id, 0.0 FROM phrases WHERE part = ? ORDER BY sources DESC, newest DESC LIMIT ?",
                (part, limit),
            ).fetchall()
            return self._hits(rows)
        df, n = self._query(part, words)
        if not df:
            return []
        match = " OR ".join(f'"{t}"' for t in df if '"' not in t)
        if sum(df.values()) <= MAX_SCORED:
            rows = self.db.execute(
                "SELECT rowid, -bm25(phrase_fts) FROM phrase_fts WHERE phrase_fts MATCH ?"
                " ORDER BY rank LIMIT ?",
                (match, limit),
            ).fetchall()
        else:
            newest = self.db.execute(
                "SELECT rowid, -bm25(phrase_fts) FROM phrase_fts WHERE phrase_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?",
                (match, MAX_SCORED),
            ).fetchall()
            rows = sorted(newest, key=lambda row: -row[1])[:limit]
        return self._hits(rows)

    def _hits(self, rows: list[tuple[int, float]]) -> list[PhraseHit]:
        scores = dict(rows)
        found = self.db.execute(
            f"SELECT id, text, part, topic, form, key, newest, sources FROM phrases WHERE id IN ({_marks(scores)})",
            list(scores),
        ).fetchall()
        hits = [PhraseHit(*r[:6], scores[r[0]], r[6], r[7]) for r in found]  # type: ignore[arg-type]
        return sorted(hits, key=lambda h: (-h.relevance, -h.sources, h.id))

    def sources(
        self, phrase_ids: Sequence[int], per_phrase: int = 3
    ) -> dict[int, list[ReportRecord]]:
        """Up to `per_phrase` source reports of each phrase, newest first."""
        out: dict[int, list[ReportRecord]] = {i: [] for i in phrase_ids}
        rows = self.db.execute(
            f"SELECT s.phrase_id, {', '.join('r.' + c for c in REPORT_COLUMNS.split(', '))}"
            " FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
            f" WHERE s.phrase_id IN ({_marks(phrase_ids)}) ORDER BY r.year DESC, r.path",
            list(phrase_ids),
        )
        for row in rows:
            if len(out[row[0]]) < per_phrase:
                out[row[0]].append(ReportRecord(*row[1:]))
        return out

    def with_county(self, phrase_ids: Sequence[int], county: str) -> set[int]:
        """Which of the phrases have a source report of `county`."""
        rows = self.db.execute(
            "SELECT DISTINCT s.phrase_id FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
            f" WHERE r.county = ? AND s.phrase_id IN ({_marks(phrase_ids)})",
            (county, *phrase_ids),
        )
        return {r[0] for r in rows}

    def counts(self) -> dict[str, int]:
        """Numbers of reports, phrases and phrase sources."""
        tables = {"reports": "corpus_reports", "phrases": "phrases", "sources": "phrase_sources"}
        return {
            k: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for k, t in tables.items()
        }
