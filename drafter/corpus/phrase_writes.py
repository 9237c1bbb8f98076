"""Writing the phrase bank: merging near-duplicates, inserting and deleting phrases with their terms.

Part of the corpus index (`drafter.corpus.index`), which owns the connection and transactions.
A phrase that duplicates a stored one (same key in the same part, or 3-gram Jaccard ≥ 0.8 found
through MinHash bands) only gains the new report as a source. Search terms go to FTS5 in one
batch per report; the source counts of phrases are added up in memory and written once per
transaction (`flush`); per-part phrase and term counts (for common-term pruning) are kept in
`corpus_meta`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from drafter.corpus.near_duplicates import (
    BAND_IDS,
    JACCARD_MIN,
    SIGNATURE_BYTES,
    estimated_jaccard,
    jaccard,
    minhash_bands,
    shingles,
    signature_blob,
    signature_of_blob,
    signatures_of_blob,
    sketch,
)
from drafter.corpus.phrases import Phrase

KNOWN_KEYS = 1 << 16
"""Phrase keys a writer remembers the ids of (emptied when full)."""
SHINGLES_CACHE = 2048
"""Candidate keys whose 3-grams a writer remembers (a few kB each)."""
ESTIMATE_MIN = 10 / 16
"""Signature agreement a candidate needs before its exact Jaccard is computed. On 1,500
synthetic reports, of 37,000 candidates agreeing on 8 or 9 of 16 values one was a near-duplicate
(of 5,200 merged); the check then skips a third of the exact Jaccard computations."""
MAX_CANDIDATES = 24
"""Near-duplicate candidates checked per new phrase; keeps imports linear on repetitive corpora."""
PART_CODES = {
    "measures_and_results": "m",
    "shortcomings_and_causes": "s",
    "first_responsible_person_duties": "f",
    "next_year_plan": "n",
    "other": "o",
}
"""Prefix letter of a part's search terms (`m行政复议`)."""


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


@dataclass(frozen=True)
class PhraseRows:
    """A report's phrases with everything the index stores for them, ready to insert.

    Built where the report is extracted (`phrase_rows`, maybe in a worker process), so the one
    process writing the index only writes; flat strings and packed bytes keep it cheap to send.
    """

    phrases: list[Phrase]
    terms: list[str]
    """Search terms of each phrase, part-prefixed (`m行政复议`) and space-joined."""
    term_counts: list[int]
    grams: list[int]
    """Number of distinct 3-grams of each phrase's key."""
    signatures: bytes
    """MinHash signatures, `signature_blob` one after another."""
    bands: bytes
    """Band ids, `BAND_IDS` one after another."""


def phrase_rows(phrases: Sequence[tuple[Phrase, Sequence[str]]]) -> PhraseRows:
    """The rows of phrases given with their search terms (`search_terms.index_tokens`)."""
    terms = [[PART_CODES[p.part] + w for w in words] for p, words in phrases]
    sketches = [sketch(p.key) for p, _ in phrases]
    return PhraseRows(
        [p for p, _ in phrases],
        [" ".join(t) for t in terms],
        [len(t) for t in terms],
        [size for _, size in sketches],
        b"".join(signature_blob(signature) for signature, _ in sketches),
        b"".join(
            BAND_IDS.pack(*minhash_bands(p.key, signature))
            for (p, _), (signature, _) in zip(phrases, sketches, strict=True)
        ),
    )


class PhraseWriter:
    """Phrase writes over the index's connection (call inside its transactions)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._new_sources: dict[int, list[int]] = {}
        """Phrase id → [sources gained, newest year] not yet written to `phrases`."""
        self._ids: dict[tuple[str, str], int] = {}
        """(part, key) → id of phrases stored or found in this connection's transactions."""
        self._shingles = lru_cache(maxsize=SHINGLES_CACHE)(shingles)
        """3-grams of stored keys: the same phrases come up as candidates again and again."""

    def flush(self) -> None:
        """Write the source counts gained since the last flush (before the transaction commits)."""
        self.db.executemany(
            "UPDATE phrases SET sources = sources + ?, newest = max(coalesce(newest, 0), ?) WHERE id = ?",
            [(count, newest, i) for i, (count, newest) in self._new_sources.items()],
        )
        self._new_sources.clear()

    def discard(self) -> None:
        """Forget unwritten source counts and remembered ids (the transaction rolled back)."""
        self._new_sources.clear()
        self._ids.clear()

    def _known(self, phrase: Phrase) -> int | None:
        """Id of the stored phrase with the same part and key, if any."""
        found = self._ids.get((phrase.part, phrase.key))
        if found is None:
            row = self.db.execute(
                "SELECT id FROM phrases WHERE part = ? AND key = ?", (phrase.part, phrase.key)
            ).fetchone()
            if row is None:
                return None
            found = self._remember(phrase, row[0])
        return found

    def _remember(self, phrase: Phrase, phrase_id: int) -> int:
        if len(self._ids) >= KNOWN_KEYS:
            self._ids.clear()
        self._ids[(phrase.part, phrase.key)] = phrase_id
        return phrase_id

    def add_sources(self, report_id: int, year: int | None, rows: PhraseRows) -> None:
        """Store a report's phrases, merged into stored near-duplicates, with the report as source."""
        targets: dict[int, None] = {}
        terms_of_new: list[tuple[int, str]] = []
        counts: dict[str, list[int]] = {}
        signatures = signatures_of_blob(rows.signatures)
        bands = list(BAND_IDS.iter_unpack(rows.bands))
        for position, phrase in enumerate(rows.phrases):
            known = self._known(phrase)
            if known is not None:
                targets[known] = None
                continue
            signature = signatures[position]
            phrase_id = self._near_duplicate(
                phrase, signature, rows.grams[position], bands[position]
            )
            if phrase_id is None:
                phrase_id = self._insert(phrase, rows, position, bands[position])
                self._remember(phrase, phrase_id)
                terms_of_new.append((phrase_id, rows.terms[position]))
                count = counts.setdefault(phrase.part, [0, 0])
                count[0] += 1
                count[1] += rows.term_counts[position]
            targets[phrase_id] = None
        self.db.executemany("INSERT INTO phrase_fts (rowid, tokens) VALUES (?, ?)", terms_of_new)
        self.db.executemany(
            "INSERT INTO phrase_sources VALUES (?, ?)", [(i, report_id) for i in targets]
        )
        for phrase_id in targets:
            gained = self._new_sources.setdefault(phrase_id, [0, 0])
            gained[0] += 1
            gained[1] = max(gained[1], year or 0)
        for part, (phrase_count, term_count) in counts.items():
            self._count(part, phrase_count, term_count)

    def _near_duplicate(
        self, phrase: Phrase, signature: tuple[int, ...], size: int, bands: Sequence[int]
    ) -> int | None:
        """Id of a stored phrase of the same part this one nearly duplicates, else None.

        Candidates share a MinHash band and have 3-gram counts that allow Jaccard ≥ 0.8 (it is at
        most the smaller count over the larger); those whose signatures agree on at least
        `ESTIMATE_MIN` of their values are checked for 3-gram Jaccard ≥ 0.8.
        """
        candidates = self.db.execute(
            "SELECT DISTINCT p.id, p.key, p.signature FROM phrase_bands b CROSS JOIN phrases p"
            f" ON p.id = b.phrase_id WHERE b.band IN ({_marks(bands)}) AND p.part = ?"
            f" AND 5 * p.grams >= ? AND 4 * p.grams <= ? LIMIT {MAX_CANDIDATES}",
            (*bands, phrase.part, 4 * size, 5 * size),
        ).fetchall()
        grams: frozenset[str] | None = None
        for phrase_id, key, other in candidates:
            if estimated_jaccard(signature, signature_of_blob(other)) < ESTIMATE_MIN:
                continue
            grams = grams or shingles(phrase.key)
            if jaccard(grams, self._shingles(key)) >= JACCARD_MIN:
                return phrase_id
        return None

    def _insert(self, phrase: Phrase, rows: PhraseRows, position: int, bands: Sequence[int]) -> int:
        """Insert a new phrase and its bands (its FTS5 row is written by the caller)."""
        p = phrase
        signature = rows.signatures[SIGNATURE_BYTES * position : SIGNATURE_BYTES * (position + 1)]
        cur = self.db.execute(
            "INSERT INTO phrases (key, text, part, topic, heading, form, tokens, length, newest,"
            " sources, signature, grams) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)",
            (p.key, p.text, p.part, p.topic, p.heading, p.form, rows.terms[position],
             rows.term_counts[position], signature, rows.grams[position]),
        )  # fmt: skip
        phrase_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO phrase_bands VALUES (?, ?)", [(b, phrase_id) for b in bands]
        )
        return phrase_id

    def _count(self, part: str, phrases: int, terms: int) -> None:
        """Keep the number of phrases and of terms per part (common-term pruning, BM25 lengths)."""
        self.db.executemany(
            "INSERT INTO corpus_meta VALUES (?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value",
            [(f"phrases:{part}", phrases), (f"terms:{part}", terms)],
        )

    def drop_sources(self, phrase_ids: Sequence[int]) -> None:
        """Recount the sources of phrases that lost one; delete those left with none."""
        self.flush()
        for phrase_id in phrase_ids:
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
                self._delete(phrase_id)

    def _delete(self, phrase_id: int) -> None:
        part, key, tokens, signature = self.db.execute(
            "SELECT part, key, tokens, signature FROM phrases WHERE id = ?", (phrase_id,)
        ).fetchone()
        self.db.execute(
            "INSERT INTO phrase_fts (phrase_fts, rowid, tokens) VALUES ('delete', ?, ?)",
            (phrase_id, tokens),
        )
        self._count(part, -1, -len(tokens.split()))
        self._ids.pop((part, key), None)
        self.db.executemany(
            "DELETE FROM phrase_bands WHERE band = ? AND phrase_id = ?",
            [(b, phrase_id) for b in minhash_bands(key, signature_of_blob(signature))],
        )
        self.db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))
