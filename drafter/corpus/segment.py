"""Word segmentation behind one small interface, loaded on first use.

rjieba (jieba's dictionary in Rust) is used when installed, jieba otherwise. With the HMM off
both give the same tokens: on the five seed reports (12,005 tokens) the output is identical, and
rjieba loads in 0.8 s instead of 4.4 s and tags the five reports in 0.02 s instead of 0.16 s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from drafter.core.catalog import templates_dir

Tagger = Callable[[str], list[tuple[str, str]]]
Cutter = Callable[[str], list[str]]


def userdict_path() -> Path:
    """The domain dictionary (`word freq tag` per line) shipped in templates/."""
    return templates_dir() / "jieba_userdict.txt"


def _userdict_entries() -> list[tuple[str, int | None, str | None]]:
    entries: list[tuple[str, int | None, str | None]] = []
    try:
        lines = userdict_path().read_text(encoding="utf-8").splitlines()
    except OSError:
        return entries
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((parts[0], freq, tag))
    return entries


@cache
def _rjieba_engine() -> Any | None:
    """rjieba with the domain dictionary, or None when rjieba is not installed."""
    try:
        import rjieba
    except ImportError:
        return None
    engine = rjieba.Jieba()
    for word, freq, tag in _userdict_entries():
        engine.add_word(word, freq, tag)
    return engine


def _rjieba_tagger() -> Tagger | None:
    engine = _rjieba_engine()
    if engine is None:
        return None
    return lambda text: engine.tag(text, hmm=False)


def _jieba_tagger() -> Tagger:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, freq, tag in _userdict_entries():
        tokenizer.add_word(word, freq, tag)
    posseg = jieba.posseg.POSTokenizer(tokenizer)
    return lambda text: [(pair.word, pair.flag) for pair in posseg.cut(text, HMM=False)]


@cache
def tagger(engine: str = "auto") -> Tagger:
    """The part-of-speech tagger: `auto` (rjieba, else jieba), `rjieba` or `jieba`."""
    if engine in ("auto", "rjieba"):
        found = _rjieba_tagger()
        if found is not None:
            return found
    return _jieba_tagger()


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs of `text`, jieba's tag set (`n`, `v`, `vn`, `m`, `q`, `x` ...)."""
    return tagger()(text) if text else []


@cache
def cutter() -> Cutter:
    """The word segmenter: rjieba's `cut` (same words as `tag`, 40% faster), else `tag`'s words."""
    engine = _rjieba_engine()
    if engine is not None:
        return lambda text: engine.cut(text, hmm=False)
    tag_words = tagger()
    return lambda text: [word for word, _ in tag_words(text)]


def cut(text: str) -> list[str]:
    """The words of `text`."""
    return cutter()(text) if text else []
