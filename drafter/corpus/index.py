"""The corpus index: imported reports, their indicator values and the phrase bank, in SQLite.

This module is the one exception, besides `drafter.store`, to "only store.py speaks SQL": it owns
the `corpus_*`, `phrase*` and `bm25_*` tables of the workspace database (`paths.database_file`)
and returns dataclasses. Phrases are indexed over their jieba words and the bigrams of longer
words, each prefixed with a letter for the part (`m行政复议`), so a search in one part never
touches the postings of another and needs no AND with a part column.

Two rankers are built on the same terms: SQLite FTS5 (`unicode61` over the space-joined terms,
its `bm25()`), and our own Okapi BM25 (k1=1.2, b=0.75) summed in SQL over a postings table.
Both drop query terms found in more than a fifth of a part's phrases (when rarer ones remain),
and query words the index lacks are replaced by their bigrams. The kept default and the
measurements behind it: see `DEFAULT_ENGINE` and `bench/corpus.py --compare-index`.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.corpus.phrases import (
    JACCARD_MIN,
    Phrase,
    bigrams_of,
    estimated_jaccard,
    jaccard,
    minhash_bands,
    minhash_signature,
    shingles,
    signature_text,
)
from drafter.errors import StoreError

Engine = Literal["fts5", "bm25"]
DEFAULT_ENGINE: Engine = "fts5"
K1, B = 1.2, 0.75
COMMON = 0.2
"""Query terms in more than this share of a part's phrases are dropped when rarer ones remain."""
MAX_CANDIDATES = 24
"""Near-duplicate candidates checked per new phrase; keeps imports linear on repetitive corpora."""
SCHEMA = "3"
PART_CODES = {
    "measures_and_results": "m",
    "shortcomings_and_causes": "s",
    "first_responsible_person_duties": "f",
    "next_year_plan": "n",
    "other": "o",
}

_TABLES = ("phrase_fts", "bm25_terms", "bm25_postings", "phrase_bands", "phrase_sources", "phrases",
           "corpus_values", "corpus_reports", "corpus_meta")  # fmt: skip
_SCHEMA = f"""
CREATE TABLE corpus_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE corpus_reports (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, hash TEXT NOT NULL,
    size INTEGER NOT NULL, county TEXT, year INTEGER, title TEXT, issuer TEXT, imported_at TEXT NOT NULL);
CREATE INDEX corpus_reports_hash ON corpus_reports (hash);
CREATE TABLE corpus_values (report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL, value REAL NOT NULL, approx INTEGER NOT NULL, part TEXT, text TEXT,
    PRIMARY KEY (report_id, indicator_id));
CREATE TABLE phrases (id INTEGER PRIMARY KEY, key TEXT NOT NULL, text TEXT NOT NULL, part TEXT NOT NULL,
    topic TEXT NOT NULL, heading TEXT NOT NULL, form TEXT NOT NULL, tokens TEXT NOT NULL,
    length INTEGER NOT NULL, newest INTEGER, sources INTEGER NOT NULL, signature TEXT NOT NULL,
    UNIQUE (part, key));
CREATE INDEX phrases_shared ON phrases (part, sources DESC, newest DESC);
CREATE TABLE phrase_sources (phrase_id INTEGER NOT NULL,
    report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    PRIMARY KEY (phrase_id, report_id)) WITHOUT ROWID;
CREATE INDEX phrase_sources_report ON phrase_sources (report_id);
CREATE TABLE phrase_bands (band TEXT NOT NULL, phrase_id INTEGER NOT NULL,
    PRIMARY KEY (band, phrase_id)) WITHOUT ROWID;
CREATE INDEX phrase_bands_phrase ON phrase_bands (phrase_id);
CREATE VIRTUAL TABLE phrase_fts USING fts5 (tokens, content='phrases', content_rowid='id',
    tokenize='unicode61');
CREATE TABLE bm25_postings (term TEXT NOT NULL, phrase_id INTEGER NOT NULL, tf INTEGER NOT NULL,
    length INTEGER NOT NULL, PRIMARY KEY (term, phrase_id)) WITHOUT ROWID;
CREATE TABLE bm25_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO corpus_meta VALUES ('schema', '{SCHEMA}');
"""
_REPORT_COLUMNS = "id, path, hash, size, county, year, title, issuer"


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
    """One indicator value a report gives (see `library.report_values`)."""

    indicator_id: str
    value: float
    approx: bool
    part: str | None
    text: str


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
    """A connection to the corpus tables of one workspace database (use from one thread)."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            if self._meta("schema") != SCHEMA:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.executescript(
                    "".join(f"DROP TABLE IF EXISTS {t};" for t in _TABLES) + _SCHEMA
                )
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.phrase_vocab USING fts5vocab(main, 'phrase_fts', 'row')"
            )
            stored = self._meta("engine")
            self.engine: Engine = engine if stored is None and engine else stored or DEFAULT_ENGINE  # type: ignore[assignment]
            if stored is None:
                self.db.execute("INSERT INTO corpus_meta VALUES ('engine', ?)", (self.engine,))
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"无法打开往年报告索引 {path}（{exc}）：请检查文件是否损坏或被占用。"
            ) from exc

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
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"无法写入往年报告索引（{exc}）：请稍后重试，或关闭其他正在导入的 drafter。"
            ) from exc

    # Reports and their values

    def reports(self) -> list[ReportRecord]:
        rows = self.db.execute(f"SELECT {_REPORT_COLUMNS} FROM corpus_reports ORDER BY path")
        return [ReportRecord(*row) for row in rows]

    def report_by_path(self, path: str) -> ReportRecord | None:
        row = self.db.execute(
            f"SELECT {_REPORT_COLUMNS} FROM corpus_reports WHERE path = ?", (path,)
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
        """Insert a report, its values and its phrases with their search terms; returns its id.

        Call inside `transaction`. A phrase that duplicates a stored one (same key in the same
        part, or 3-gram Jaccard ≥ 0.8) only gains this report as a source.
        """
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
        for phrase, tokens in phrases:
            phrase_id, signature = self._merge_target(phrase)
            if phrase_id is None:
                phrase_id = self._insert_phrase(phrase, tokens, signature)
            if self.db.execute(
                "INSERT OR IGNORE INTO phrase_sources VALUES (?, ?)", (phrase_id, report_id)
            ).rowcount:
                self.db.execute(
                    "UPDATE phrases SET sources = sources + 1, newest = max(coalesce(newest, 0), ?) WHERE id = ?",
                    (record.year or 0, phrase_id),
                )
        return report_id

    def remove_report(self, report_id: int) -> None:
        """Delete a report, its values and the phrases no other report has (inside `transaction`)."""
        affected = [
            r[0]
            for r in self.db.execute(
                "SELECT phrase_id FROM phrase_sources WHERE report_id = ?", (report_id,)
            )
        ]
        self.db.execute("DELETE FROM corpus_reports WHERE id = ?", (report_id,))
        for phrase_id in affected:
            count, newest = self.db.execute(
                "SELECT count(*), max(r.year) FROM phrase_sources s JOIN corpus_reports r ON r.id = s.report_id"
                " WHERE s.phrase_id = ?",
                (phrase_id,),
            ).fetchone()
            if count:
                self.db.execute(
                    "UPDATE phrases SET sources = ?, newest = ? WHERE id = ?",
                    (count, newest, phrase_id),
                )
            else:
                self._delete_phrase(phrase_id)

    def values(self, county: str) -> dict[int, list[tuple[ReportRecord, list[ValueRecord]]]]:
        """Indicator values of a county's reports by year, the reports in path order."""
        by_year: dict[int, list[tuple[ReportRecord, list[ValueRecord]]]] = {}
        for record in self.reports():
            if record.county == county and record.year is not None:
                rows = self.db.execute(
                    "SELECT indicator_id, value, approx, part, text FROM corpus_values WHERE report_id = ?",
                    (record.id,),
                )
                values = [ValueRecord(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows]
                by_year.setdefault(record.year, []).append((record, values))
        return by_year

    # Phrases

    def _merge_target(self, phrase: Phrase) -> tuple[int | None, str]:
        """(id of a stored phrase this one duplicates or None, the phrase's MinHash signature).

        Candidates share a MinHash band; those whose signatures agree on at least half their
        values are checked for 3-gram Jaccard ≥ 0.8.
        """
        row = self.db.execute(
            "SELECT id FROM phrases WHERE part = ? AND key = ?", (phrase.part, phrase.key)
        ).fetchone()
        if row is not None:
            return row[0], ""
        signature = minhash_signature(phrase.key)
        bands = minhash_bands(phrase.key, signature)
        text = signature_text(signature)
        candidates = self.db.execute(
            "SELECT DISTINCT p.id, p.key, p.signature FROM phrase_bands b CROSS JOIN phrases p"
            f" ON p.id = b.phrase_id WHERE b.band IN ({_marks(bands)}) AND p.part = ?"
            f" LIMIT {MAX_CANDIDATES}",
            (*bands, phrase.part),
        )
        grams = shingles(phrase.key)
        for phrase_id, key, other in candidates:
            if (
                estimated_jaccard(text, other) >= 0.5
                and jaccard(grams, shingles(key)) >= JACCARD_MIN
            ):
                return phrase_id, text
        return None, text

    def _insert_phrase(self, phrase: Phrase, words: list[str], signature: str) -> int:
        terms = [PART_CODES[phrase.part] + w for w in words]
        p = phrase
        cur = self.db.execute(
            "INSERT INTO phrases (key, text, part, topic, heading, form, tokens, length, newest,"
            " sources, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)",
            (
                p.key,
                p.text,
                p.part,
                p.topic,
                p.heading,
                p.form,
                " ".join(terms),
                len(terms),
                signature,
            ),
        )
        phrase_id = int(cur.lastrowid or 0)
        values = tuple(int(v, 16) for v in signature.split("."))
        self.db.executemany(
            "INSERT OR IGNORE INTO phrase_bands VALUES (?, ?)",
            [(b, phrase_id) for b in minhash_bands(p.key, values)],
        )
        self._index(phrase_id, " ".join(terms), +1)
        self._count(phrase.part, +1, len(terms))
        return phrase_id

    def _count(self, part: str, phrases: int, terms: int) -> None:
        """Keep the number of phrases and of terms per part (for BM25's N and average length)."""
        self.db.executemany(
            "INSERT INTO corpus_meta VALUES (?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value",
            [(f"phrases:{part}", phrases), (f"terms:{part}", terms)],
        )

    def _part_size(self, part: str) -> tuple[int, float]:
        """(phrases, average terms per phrase) of a part."""
        n, terms = (int(self._meta(f"{k}:{part}") or 0) for k in ("phrases", "terms"))
        return n, terms / n if n else 0.0

    def _delete_phrase(self, phrase_id: int) -> None:
        part, tokens = self.db.execute(
            "SELECT part, tokens FROM phrases WHERE id = ?", (phrase_id,)
        ).fetchone()
        self._index(phrase_id, tokens, -1)
        self._count(part, -1, -len(tokens.split()))
        self.db.execute("DELETE FROM phrase_bands WHERE phrase_id = ?", (phrase_id,))
        self.db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))

    def _index(self, phrase_id: int, tokens: str, sign: int) -> None:
        """Add (sign +1) or remove (-1) a phrase's terms in the engine's structures."""
        if self.engine == "fts5":
            command = "INSERT INTO phrase_fts (rowid, tokens) VALUES (?, ?)"
            if sign < 0:
                command = (
                    "INSERT INTO phrase_fts (phrase_fts, rowid, tokens) VALUES ('delete', ?, ?)"
                )
            self.db.execute(command, (phrase_id, tokens))
            return
        counts = Counter(tokens.split())
        if sign > 0:
            length = sum(counts.values())
            self.db.executemany(
                "INSERT INTO bm25_postings VALUES (?, ?, ?, ?)",
                [(t, phrase_id, n, length) for t, n in counts.items()],
            )
        else:
            self.db.execute("DELETE FROM bm25_postings WHERE phrase_id = ?", (phrase_id,))
        self.db.executemany(
            "INSERT INTO bm25_terms VALUES (?, ?) ON CONFLICT DO UPDATE SET df = df + excluded.df",
            [(t, sign) for t in counts],
        )

    def use_engine(self, engine: Engine) -> float:
        """Rebuild the search structures for `engine` from the stored phrases and keep using it.

        Returns the seconds the rebuild took (the bench compares the engines with it).
        """
        started = time.perf_counter()

        def work() -> None:
            self.db.execute("DELETE FROM bm25_postings")
            self.db.execute("DELETE FROM bm25_terms")
            self.db.execute("INSERT INTO phrase_fts (phrase_fts) VALUES ('delete-all')")
            self.engine = engine
            if engine == "fts5":
                self.db.execute("INSERT INTO phrase_fts (phrase_fts) VALUES ('rebuild')")
            else:
                for phrase_id, tokens in self.db.execute(
                    "SELECT id, tokens FROM phrases"
                ).fetchall():
                    self._index(phrase_id, tokens, +1)
            self.db.execute("UPDATE corpus_meta SET value = ? WHERE key = 'engine'", (engine,))

        self.transaction(work)
        return time.perf_counter() - started

    def _df(self, terms: Sequence[str]) -> dict[str, int]:
        if self.engine == "fts5":
            sql = f"SELECT term, doc FROM temp.phrase_vocab WHERE term IN ({_marks(terms)})"
        else:
            sql = f"SELECT term, df FROM bm25_terms WHERE term IN ({_marks(terms)}) AND df > 0"
        return dict(self.db.execute(sql, list(terms)).fetchall())

    def _query(self, part: str, words: Sequence[str]) -> tuple[dict[str, int], int]:
        """(term → df, phrases in the part) for the words of a query, common terms dropped."""
        code = PART_CODES[part]
        terms = list(dict.fromkeys(code + w for w in words))
        df = self._df(terms)
        missing = [code + g for t in terms if t not in df for g in bigrams_of(t[1:])]
        if missing:
            df.update(self._df(missing))
        n, _ = self._part_size(part)
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
        if self.engine == "fts5":
            match = " OR ".join(f'"{t}"' for t in df if '"' not in t)
            rows = self.db.execute(
                "SELECT rowid, -bm25(phrase_fts) FROM phrase_fts WHERE phrase_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit),
            ).fetchall()
        else:
            _, avgdl = self._part_size(part)
            idf = [(t, math.log(1 + (n - d + 0.5) / (d + 0.5))) for t, d in df.items()]
            rows = self.db.execute(
                f"WITH q(term, idf) AS (VALUES {','.join('(?, ?)' for _ in idf)}) SELECT p.phrase_id,"
                f" sum(q.idf * p.tf * {K1 + 1} / (p.tf + {K1} * (1 - {B} + {B} * p.length / ?))) AS score"
                " FROM q JOIN bm25_postings p ON p.term = q.term GROUP BY p.phrase_id ORDER BY score DESC LIMIT ?",
                (*[x for pair in idf for x in pair], avgdl, limit),
            ).fetchall()
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
            f"SELECT s.phrase_id, {', '.join('r.' + c for c in _REPORT_COLUMNS.split(', '))}"
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
