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
from functools import lru_cache

from drafter.corpus.near_duplicates import (
    JACCARD_MIN,
    estimated_jaccard,
    jaccard,
    minhash_bands,
    minhash_signature,
    shingles,
    signature_blob,
    signature_of_blob,
)
from drafter.corpus.phrases import Phrase

SHINGLES_CACHE = 2048
"""Candidate keys whose 3-grams a writer remembers (a few kB each)."""
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


class PhraseWriter:
    """Phrase writes over the index's connection (call inside its transactions)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._new_sources: dict[int, list[int]] = {}
        """Phrase id → [sources gained, newest year] not yet written to `phrases`."""
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
        """Forget unwritten source counts (the transaction rolled back)."""
        self._new_sources.clear()

    def add_sources(
        self,
        report_id: int,
        year: int | None,
        phrases: Sequence[tuple[Phrase, Sequence[str]]],
        signatures: Sequence[tuple[int, ...]] | None = None,
    ) -> None:
        """Store a report's phrases, merged into stored near-duplicates, with the report as source.

        Args:
            signatures: the MinHash signature of each phrase's key, when computed beforehand
                (e.g. in an extraction worker); computed here otherwise.
        """
        targets: dict[int, None] = {}
        terms_of_new: list[tuple[int, str]] = []
        counts: dict[str, list[int]] = {}
        for position, (phrase, words) in enumerate(phrases):
            row = self.db.execute(
                "SELECT id FROM phrases WHERE part = ? AND key = ?", (phrase.part, phrase.key)
            ).fetchone()
            if row is not None:
                targets[row[0]] = None
                continue
            signature = signatures[position] if signatures else minhash_signature(phrase.key)
            bands = minhash_bands(phrase.key, signature)
            phrase_id = self._near_duplicate(phrase, signature, bands)
            if phrase_id is None:
                terms = [PART_CODES[phrase.part] + w for w in words]
                phrase_id = self._insert(phrase, terms, signature, bands)
                terms_of_new.append((phrase_id, " ".join(terms)))
                count = counts.setdefault(phrase.part, [0, 0])
                count[0] += 1
                count[1] += len(terms)
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
        self, phrase: Phrase, signature: tuple[int, ...], bands: list[int]
    ) -> int | None:
        """Id of a stored phrase of the same part this one nearly duplicates, else None.

        Candidates share a MinHash band; those whose signatures agree on at least half their
        values are checked for 3-gram Jaccard ≥ 0.8.
        """
        candidates = self.db.execute(
            "SELECT DISTINCT p.id, p.key, p.signature FROM phrase_bands b CROSS JOIN phrases p"
            f" ON p.id = b.phrase_id WHERE b.band IN ({_marks(bands)}) AND p.part = ?"
            f" LIMIT {MAX_CANDIDATES}",
            (*bands, phrase.part),
        )
        grams: frozenset[str] | None = None
        for phrase_id, key, other in candidates:
            if estimated_jaccard(signature, signature_of_blob(other)) < 0.5:
                continue
            grams = grams or shingles(phrase.key)
            if jaccard(grams, self._shingles(key)) >= JACCARD_MIN:
                return phrase_id
        return None

    def _insert(
        self, phrase: Phrase, terms: list[str], signature: tuple[int, ...], bands: list[int]
    ) -> int:
        """Insert a new phrase and its bands (its FTS5 row is written by the caller)."""
        p = phrase
        cur = self.db.execute(
            "INSERT INTO phrases (key, text, part, topic, heading, form, tokens, length, newest,"
            " sources, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)",
            (p.key, p.text, p.part, p.topic, p.heading, p.form, " ".join(terms), len(terms),
             signature_blob(signature)),
        )  # fmt: skip
        phrase_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO phrase_bands VALUES (?, ?)",
            [(b, phrase_id) for b in bands],
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
        self.db.executemany(
            "DELETE FROM phrase_bands WHERE band = ? AND phrase_id = ?",
            [(b, phrase_id) for b in minhash_bands(key, signature_of_blob(signature))],
        )
        self.db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))
