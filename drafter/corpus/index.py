"""The corpus index: imported reports, their indicator values and the phrase bank, in SQLite.

This module is the one exception, besides `drafter.store`, to "only store.py speaks SQL": it owns
the `corpus_*` and `phrase*` tables of the workspace database file (`paths.database_file`) and
returns plain dataclasses. Phrases are indexed over their jieba tokens (joined by spaces).

Two rankers were built and measured (`bench/corpus.py --compare-index`): SQLite FTS5 with the
`unicode61` tokenizer over pre-tokenised text, and our own BM25 over a postings table
(`bm25_postings`, summed in SQL). FTS5 is kept as the default: on the synthetic 5,000-report
corpus it was several times faster at p95, built faster and took less space, with the same
top results on the hand queries (FTS5's `bm25()` is the same Okapi BM25, k1=1.2, b=0.75).
The BM25 engine stays selectable (`engine="bm25"`) so the comparison can be re-run.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.corpus.phrases import JACCARD_MIN, Phrase, jaccard, minhash_bands, shingles
from drafter.errors import StoreError

Engine = Literal["fts5", "bm25"]
DEFAULT_ENGINE: Engine = "fts5"
K1, B = 1.2, 0.75

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corpus_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS corpus_reports (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL,
    county TEXT, year INTEGER, title TEXT, issuer TEXT, imported_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corpus_reports_hash ON corpus_reports (hash);
CREATE TABLE IF NOT EXISTS corpus_values (
    report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL, value REAL NOT NULL, approx INTEGER NOT NULL, part TEXT, text TEXT,
    PRIMARY KEY (report_id, indicator_id));
CREATE TABLE IF NOT EXISTS phrases (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, text TEXT NOT NULL, part TEXT NOT NULL,
    fts_part TEXT NOT NULL, topic TEXT NOT NULL, heading TEXT NOT NULL, form TEXT NOT NULL,
    tokens TEXT NOT NULL, length INTEGER NOT NULL, newest INTEGER, sources INTEGER NOT NULL,
    UNIQUE (part, key));
CREATE TABLE IF NOT EXISTS phrase_sources (
    phrase_id INTEGER NOT NULL, report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    PRIMARY KEY (phrase_id, report_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS phrase_sources_report ON phrase_sources (report_id);
CREATE TABLE IF NOT EXISTS phrase_bands (band TEXT NOT NULL, phrase_id INTEGER NOT NULL,
    PRIMARY KEY (band, phrase_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS phrase_bands_phrase ON phrase_bands (phrase_id);
CREATE VIRTUAL TABLE IF NOT EXISTS phrase_fts USING fts5 (
    fts_part, tokens, content='phrases', content_rowid='id', tokenize='unicode61');
CREATE TABLE IF NOT EXISTS bm25_postings (part TEXT NOT NULL, term TEXT NOT NULL,
    phrase_id INTEGER NOT NULL, tf INTEGER NOT NULL, length INTEGER NOT NULL,
    PRIMARY KEY (part, term, phrase_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bm25_terms (part TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
    PRIMARY KEY (part, term)) WITHOUT ROWID;
INSERT OR IGNORE INTO corpus_meta VALUES ('schema', '1');
"""


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
    indicator_id: str
    value: float
    approx: bool
    part: str | None
    text: str


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found by a search, with what ranking and display need."""

    id: int
    text: str
    part: str
    topic: str
    form: str
    key: str
    relevance: float
    """BM25 relevance, higher is better (0 when found without a query)."""
    newest: int | None
    sources: int


def _fts_part(part: str) -> str:
    return part.replace("_", "")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class CorpusIndex:
    """A connection to the corpus tables of one workspace database (one thread at a time)."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            if (
                self.db.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'phrase_bands'"
                ).fetchone()
                is None
            ):
                self.db.executescript(_SCHEMA)
            stored = self._meta("engine")
            self.engine: Engine = engine or stored or DEFAULT_ENGINE  # type: ignore[assignment]
            if stored is None:
                self.db.execute(
                    "INSERT OR REPLACE INTO corpus_meta VALUES ('engine', ?)", (self.engine,)
                )
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"无法打开往年报告索引 {path}（{exc}）：请检查文件是否损坏或被占用。"
            ) from exc

    def close(self) -> None:
        self.db.close()

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM corpus_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def transaction(self, work: Callable[[], object]) -> None:
        """Run `work` in one write transaction."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                work()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"无法写入往年报告索引（{exc}）：请稍后重试，或关闭其他正在导入的 drafter。"
            ) from exc

    # Reports and values

    def reports(self) -> list[ReportRecord]:
        rows = self.db.execute(
            "SELECT id, path, hash, size, county, year, title, issuer FROM corpus_reports ORDER BY path"
        )
        return [ReportRecord(*row) for row in rows]

    def report_by_path(self, path: str) -> ReportRecord | None:
        row = self.db.execute(
            "SELECT id, path, hash, size, county, year, title, issuer FROM corpus_reports WHERE path = ?",
            (path,),
        ).fetchone()
        return None if row is None else ReportRecord(*row)

    def path_with_hash(self, digest: str) -> str | None:
        row = self.db.execute(
            "SELECT path FROM corpus_reports WHERE hash = ?", (digest,)
        ).fetchone()
        return None if row is None else row[0]

    def add_report(
        self,
        record: ReportRecord,
        values: Sequence[ValueRecord],
        phrases: Sequence[tuple[Phrase, list[str]]],
    ) -> int:
        """Insert a report, its values and its phrases with their search terms (call inside
        `transaction`); returns the report's id."""
        cur = self.db.execute(
            "INSERT INTO corpus_reports (path, hash, size, county, year, title, issuer, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.path,
                record.hash,
                record.size,
                record.county,
                record.year,
                record.title,
                record.issuer,
                _now(),
            ),
        )
        report_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO corpus_values VALUES (?, ?, ?, ?, ?, ?)",
            [(report_id, v.indicator_id, v.value, int(v.approx), v.part, v.text) for v in values],
        )
        for phrase, tokens in phrases:
            phrase_id = self._merge_target(phrase) or self._insert_phrase(phrase, tokens)
            added = self.db.execute(
                "INSERT OR IGNORE INTO phrase_sources VALUES (?, ?)", (phrase_id, report_id)
            ).rowcount
            if added:
                self.db.execute(
                    "UPDATE phrases SET sources = sources + 1, newest = max(coalesce(newest, 0), ?) WHERE id = ?",
                    (record.year or 0, phrase_id),
                )
        return report_id

    def remove_report(self, report_id: int) -> None:
        """Delete a report with its values and the phrases no other report has (inside `transaction`)."""
        affected = [
            r[0]
            for r in self.db.execute(
                "SELECT phrase_id FROM phrase_sources WHERE report_id = ?", (report_id,)
            )
        ]
        self.db.execute("DELETE FROM corpus_reports WHERE id = ?", (report_id,))
        for phrase_id in affected:
            row = self.db.execute(
                "SELECT count(*), max(r.year) FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
                " WHERE s.phrase_id = ?",
                (phrase_id,),
            ).fetchone()
            if row[0]:
                self.db.execute(
                    "UPDATE phrases SET sources = ?, newest = ? WHERE id = ?",
                    (row[0], row[1], phrase_id),
                )
            else:
                self._delete_phrase(phrase_id)

    def values(self, county: str) -> dict[int, list[tuple[ReportRecord, list[ValueRecord]]]]:
        """Indicator values of a county's imported reports, by year, reports ordered by path."""
        by_year: dict[int, list[tuple[ReportRecord, list[ValueRecord]]]] = {}
        for record in self.reports():
            if record.county != county or record.year is None:
                continue
            rows = self.db.execute(
                "SELECT indicator_id, value, approx, part, text FROM corpus_values WHERE report_id = ?",
                (record.id,),
            )
            by_year.setdefault(record.year, []).append(
                (record, [ValueRecord(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows])
            )
        return by_year

    # Phrases

    def _merge_target(self, phrase: Phrase) -> int | None:
        """Id of a stored phrase this one duplicates (same key, or 3-gram Jaccard ≥ 0.8), if any."""
        row = self.db.execute(
            "SELECT id FROM phrases WHERE part = ? AND key = ?", (phrase.part, phrase.key)
        ).fetchone()
        if row is not None:
            return row[0]
        grams = shingles(phrase.key)
        bands = minhash_bands(phrase.key)
        candidates = self.db.execute(
            f"SELECT DISTINCT p.id, p.key, p.part FROM phrase_bands b JOIN phrases p ON p.id = b.phrase_id"
            f" WHERE b.band IN ({','.join('?' * len(bands))})",
            bands,
        ).fetchall()
        for phrase_id, key, part in candidates:
            if part == phrase.part and jaccard(grams, shingles(key)) >= JACCARD_MIN:
                return phrase_id
        return None

    def _insert_phrase(self, phrase: Phrase, tokens: list[str]) -> int:
        joined = " ".join(tokens)
        cur = self.db.execute(
            "INSERT INTO phrases (key, text, part, fts_part, topic, heading, form, tokens, length, newest, sources)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)",
            (
                phrase.key,
                phrase.text,
                phrase.part,
                _fts_part(phrase.part),
                phrase.topic,
                phrase.heading,
                phrase.form,
                joined,
                len(tokens),
            ),
        )
        phrase_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO phrase_bands VALUES (?, ?)",
            [(b, phrase_id) for b in minhash_bands(phrase.key)],
        )
        if self.engine == "fts5":
            self.db.execute(
                "INSERT INTO phrase_fts (rowid, fts_part, tokens) VALUES (?, ?, ?)",
                (phrase_id, _fts_part(phrase.part), joined),
            )
        else:
            counts = Counter(tokens)
            self.db.executemany(
                "INSERT INTO bm25_postings VALUES (?, ?, ?, ?, ?)",
                [(phrase.part, t, phrase_id, n, len(tokens)) for t, n in counts.items()],
            )
            self.db.executemany(
                "INSERT INTO bm25_terms VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET df = df + 1",
                [(phrase.part, t) for t in counts],
            )
        return phrase_id

    def _delete_phrase(self, phrase_id: int) -> None:
        part, tokens = self.db.execute(
            "SELECT part, tokens FROM phrases WHERE id = ?", (phrase_id,)
        ).fetchone()
        if self.engine == "fts5":
            self.db.execute(
                "INSERT INTO phrase_fts (phrase_fts, rowid, fts_part, tokens) VALUES ('delete', ?, ?, ?)",
                (phrase_id, _fts_part(part), tokens),
            )
        else:
            terms = set(tokens.split())
            self.db.execute(
                "DELETE FROM bm25_postings WHERE part = ? AND phrase_id = ?", (part, phrase_id)
            )
            self.db.executemany(
                "UPDATE bm25_terms SET df = df - 1 WHERE part = ? AND term = ?",
                [(part, t) for t in terms],
            )
        self.db.execute("DELETE FROM phrase_bands WHERE phrase_id = ?", (phrase_id,))
        self.db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))

    def use_engine(self, engine: Engine) -> float:
        """Rebuild the search structures for `engine` from the stored phrases and keep using it.

        Returns the seconds the rebuild took (the bench compares the engines with it).
        """
        started = time.perf_counter()

        def work() -> None:
            self.db.execute("DELETE FROM bm25_postings")
            self.db.execute("DELETE FROM bm25_terms")
            self.db.execute("INSERT INTO phrase_fts (phrase_fts) VALUES ('delete-all')")
            if engine == "fts5":
                self.db.execute("INSERT INTO phrase_fts (phrase_fts) VALUES ('rebuild')")
            else:
                rows = self.db.execute("SELECT id, part, tokens FROM phrases").fetchall()
                for phrase_id, part, tokens in rows:
                    words = tokens.split()
                    self.db.executemany(
                        "INSERT INTO bm25_postings VALUES (?, ?, ?, ?, ?)",
                        [(part, t, phrase_id, n, len(words)) for t, n in Counter(words).items()],
                    )
                self.db.execute(
                    "INSERT INTO bm25_terms SELECT part, term, count(*) FROM bm25_postings GROUP BY part, term"
                )
            self.db.execute("INSERT OR REPLACE INTO corpus_meta VALUES ('engine', ?)", (engine,))

        self.transaction(work)
        self.engine = engine
        return time.perf_counter() - started

    def search(self, part: str, terms: Sequence[str], limit: int) -> list[PhraseHit]:
        """Phrases of a part ranked by BM25 against `terms`; without terms, the most shared ones."""
        terms = list(dict.fromkeys(t for t in terms if t))
        if not terms:
            rows = self.db.execute(
                "SELECT id, 0.0 FROM phrases WHERE part = ? ORDER BY sources DESC, newest DESC, id LIMIT ?",
                (part, limit),
            ).fetchall()
        elif self.engine == "fts5":
            query = (
                f"fts_part:{_fts_part(part)} AND ("
                + " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
                + ")"
            )
            rows = self.db.execute(
                "SELECT rowid, -bm25(phrase_fts, 0.0, 1.0) FROM phrase_fts WHERE phrase_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        else:
            rows = self._bm25(part, terms, limit)
        return self._hits(rows)

    def _bm25(self, part: str, terms: list[str], limit: int) -> list[tuple[int, float]]:
        marks = ",".join("?" * len(terms))
        n, avgdl = self.db.execute(
            "SELECT count(*), avg(length) FROM phrases WHERE part = ?", (part,)
        ).fetchone()
        if not n:
            return []
        dfs = self.db.execute(
            f"SELECT term, df FROM bm25_terms WHERE part = ? AND term IN ({marks})", (part, *terms)
        ).fetchall()
        if not dfs:
            return []
        idf = [(t, math.log(1 + (n - df + 0.5) / (df + 0.5))) for t, df in dfs]
        values = ",".join("(?, ?)" for _ in idf)
        return self.db.execute(
            f"WITH q(term, idf) AS (VALUES {values}) SELECT p.phrase_id,"
            f" sum(q.idf * p.tf * {K1 + 1} / (p.tf + {K1} * (1 - {B} + {B} * p.length / ?))) AS score"
            " FROM q JOIN bm25_postings p ON p.part = ? AND p.term = q.term"
            " GROUP BY p.phrase_id ORDER BY score DESC LIMIT ?",
            (*[x for pair in idf for x in pair], avgdl, part, limit),
        ).fetchall()

    def _hits(self, rows: Iterable[tuple[int, float]]) -> list[PhraseHit]:
        scores = dict(rows)
        if not scores:
            return []
        found = self.db.execute(
            f"SELECT id, text, part, topic, form, key, newest, sources FROM phrases WHERE id IN ({','.join('?' * len(scores))})",
            list(scores),
        ).fetchall()
        hits = [
            PhraseHit(r[0], r[1], r[2], r[3], r[4], r[5], scores[r[0]], r[6], r[7]) for r in found
        ]
        return sorted(hits, key=lambda h: (-h.relevance, -h.sources, h.id))

    def sources(
        self, phrase_ids: Sequence[int], per_phrase: int = 3
    ) -> dict[int, list[ReportRecord]]:
        """Up to `per_phrase` source reports of each phrase, newest first."""
        out: dict[int, list[ReportRecord]] = {i: [] for i in phrase_ids}
        if not phrase_ids:
            return out
        rows = self.db.execute(
            "SELECT s.phrase_id, r.id, r.path, r.hash, r.size, r.county, r.year, r.title, r.issuer"
            " FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
            f" WHERE s.phrase_id IN ({','.join('?' * len(phrase_ids))}) ORDER BY r.year DESC, r.path",
            list(phrase_ids),
        )
        for row in rows:
            if len(out[row[0]]) < per_phrase:
                out[row[0]].append(ReportRecord(*row[1:]))
        return out

    def with_county(self, phrase_ids: Sequence[int], county: str) -> set[int]:
        """Which of the phrases have a source report of `county`."""
        if not phrase_ids:
            return set()
        rows = self.db.execute(
            "SELECT DISTINCT s.phrase_id FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
            f" WHERE r.county = ? AND s.phrase_id IN ({','.join('?' * len(phrase_ids))})",
            (county, *phrase_ids),
        )
        return {r[0] for r in rows}

    def counts(self) -> dict[str, int]:
        """Numbers of reports, phrases and phrase sources (for summaries and the bench)."""
        one = self.db.execute
        return {
            "reports": one("SELECT count(*) FROM corpus_reports").fetchone()[0],
            "phrases": one("SELECT count(*) FROM phrases").fetchone()[0],
            "sources": one("SELECT count(*) FROM phrase_sources").fetchone()[0],
        }
