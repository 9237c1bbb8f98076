"""The tables of the corpus index (`drafter.corpus.index`), recreated empty when `SCHEMA` changes.

The index is derived data: an index of an older schema is dropped and the next import re-reads
every file.
"""

from __future__ import annotations

SCHEMA = "5"
TABLES = ("phrase_fts", "bm25_terms", "bm25_postings", "phrase_bands", "phrase_sources", "phrases",
           "corpus_values", "corpus_reports", "corpus_meta")  # fmt: skip
SCHEMA_SQL = f"""
CREATE TABLE corpus_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE corpus_reports (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, hash TEXT NOT NULL,
    size INTEGER NOT NULL, county TEXT, year INTEGER, title TEXT, issuer TEXT, imported_at TEXT NOT NULL);
CREATE INDEX corpus_reports_hash ON corpus_reports (hash);
CREATE TABLE corpus_values (report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL, value REAL NOT NULL, approx INTEGER NOT NULL, part TEXT, text TEXT,
    PRIMARY KEY (report_id, indicator_id));
CREATE TABLE phrases (id INTEGER PRIMARY KEY, key TEXT NOT NULL, text TEXT NOT NULL, part TEXT NOT NULL,
    topic TEXT NOT NULL, heading TEXT NOT NULL, form TEXT NOT NULL, tokens TEXT NOT NULL,
    length INTEGER NOT NULL, newest INTEGER, sources INTEGER NOT NULL, signature BLOB NOT NULL,
    grams INTEGER NOT NULL,
    UNIQUE (part, key));
CREATE INDEX phrases_shared ON phrases (part, sources DESC, newest DESC);
CREATE TABLE phrase_sources (phrase_id INTEGER NOT NULL,
    report_id INTEGER NOT NULL REFERENCES corpus_reports (id) ON DELETE CASCADE,
    PRIMARY KEY (phrase_id, report_id)) WITHOUT ROWID;
CREATE INDEX phrase_sources_report ON phrase_sources (report_id);
CREATE TABLE phrase_bands (band INTEGER NOT NULL, phrase_id INTEGER NOT NULL,
    PRIMARY KEY (band, phrase_id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE phrase_fts USING fts5 (tokens, content='phrases', content_rowid='id',
    tokenize='unicode61');
INSERT INTO corpus_meta VALUES ('schema', '{SCHEMA}');
"""
