"""Search terms of phrases and queries: jieba words, and the bigrams of longer words.

Both the index (`drafter.corpus.index`) and suggestions (`drafter.corpus.suggest`) tokenise
through `index_tokens`, so a query meets the terms the phrases were stored under.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset({
    "进一步", "不断", "持续", "全面", "深入", "积极", "切实", "有效", "加强", "推进", "开展", "工作",
    "我们", "以及", "相关", "有关", "一批", "一系列", "进行", "实现", "其中", "全年", "全县", "本县",
    "上年", "本年", "下年", "同时", "通过", "方面", "情况", "坚持", "深入开展", "扎实", "统筹", "提升",
    "提高", "不断完善",
})  # fmt: skip
WORD_CACHE = 1 << 16
"""Distinct words whose terms are remembered; report vocabularies are small and repetitive."""
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARK = re.compile(r"〔(?:本县|上年|本年|下年)〕|[⟦⟧]")


def bigrams_of(word: str) -> list[str]:
    """The character bigrams of a word of three or more characters, stopwords out."""
    if len(word) < 3:
        return []
    grams = (word[i : i + 2] for i in range(len(word) - 1))
    return [g for g in grams if g not in STOPWORDS and _CJK.match(g[0]) and _CJK.match(g[1])]


@lru_cache(maxsize=WORD_CACHE)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms one jieba word contributes (none for stopwords, short words and small numbers)."""
    if len(word) < 2 or word in STOPWORDS:
        return ()
    if _CJK.search(word):
        return (word, *bigrams_of(word))
    if word.isalnum() and not (word.isdigit() and len(word) < 5):
        return (word,)
    return ()


def index_tokens(text: str, expand: bool = True) -> list[str]:
    """Search terms of a phrase or query: jieba words of two or more characters, stopwords out,
    and (with `expand`) the character bigrams of longer words.

    The domain dictionary makes compounds (`行政执法监督`); their bigrams let a query for `执法`
    or `监督` find them, as jieba's search mode would. Slot names count as words of the text;
    markers and punctuation are dropped.
    """
    from drafter.corpus import segment

    words = segment.cut(_MARK.sub(" ", text))
    if expand:
        return [term for word in words for term in _word_terms(word)]
    return [terms[0] for terms in map(_word_terms, words) if terms]
