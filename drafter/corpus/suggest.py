"""Phrase suggestions for the part being written, ranked by BM25 and by who wrote them when.

Called as the clerk types (debounced, in a worker): each call tokenises a short query, runs one
index search for a few dozen candidates and reranks them, so it stays within a few milliseconds
on thousands of reports. jieba/rjieba is loaded once per process by `drafter.corpus.segment`.

Score: BM25 relevance scaled to 0..1 against the best candidate, plus 0.3 when a source report
is the clerk's own county, plus up to 0.2 for recent years (full for the year before the draft,
none at five years or more), plus up to 0.05 for phrases many reports share.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.core.drafts import plain_values
from drafter.core.models import Draft
from drafter.core.render import render_slotted, split_slots
from drafter.corpus.index import PhraseHit
from drafter.corpus.library import open_index
from drafter.corpus.phrases import fill_markers, index_tokens, phrase_key
from drafter.workspace import Workspace

MAX_TERMS = 24
QUERY_CHARS = 300
"""Without a query, the last characters of the part's text are the query."""
_SLOT = re.compile(r"⟦([^⟦⟧]*)⟧")


@dataclass(frozen=True)
class SourceRef:
    file: str
    county: str | None
    year: int | None


@dataclass(frozen=True)
class Suggestion:
    """A phrase offered for a part: slotted text to insert, and how it reads with the draft's values."""

    phrase_id: int
    text: str
    """Stored slotted text (`⟦指标名⟧`) with county and years filled for the draft; insert this."""
    rendered: str
    """`text` rendered with the draft's values; unfilled slots read `【待填：名称】`."""
    score: float
    part: str
    topic: str
    form: str
    """`sentence` or `item` (an `一是……` item without its ordinal)."""
    indicators: tuple[str, ...]
    """Ids of the indicators slotted into the text."""
    sources: tuple[SourceRef, ...]
    """Up to three source reports, newest first."""
    source_count: int

    @property
    def template(self) -> str:
        """The text with slots shown as `{{ 指标名 }}`."""
        return _SLOT.sub(lambda m: "{{ " + m.group(1) + " }}", self.text)


def suggestion_to_json(suggestion: Suggestion) -> dict:
    """The JSON object of a suggestion (`drafter suggest --json` prints a list of these)."""
    return {
        "id": suggestion.phrase_id,
        "text": suggestion.text,
        "template": suggestion.template,
        "rendered": suggestion.rendered,
        "score": round(suggestion.score, 4),
        "part": suggestion.part,
        "topic": suggestion.topic,
        "form": suggestion.form,
        "indicators": list(suggestion.indicators),
        "sources": [
            {"file": s.file, "county": s.county, "year": s.year} for s in suggestion.sources
        ],
        "source_count": suggestion.source_count,
    }


def draft_key(draft: Draft) -> str:
    """The whole draft normalised like phrase keys, to leave out phrases it already holds."""
    return phrase_key("\n".join([draft.opening, *draft.parts.values()]), draft.county)


def query_terms(workspace: Workspace, draft: Draft, part_kind: str, query: str | None) -> list[str]:
    """Search terms: the query's words, else the words near the end of the part's text."""
    if query is None or not query.strip():
        ids = [p.id for p in workspace.kind.parts if p.kind == part_kind]
        query = "\n".join(draft.parts.get(i, "") for i in ids)[-QUERY_CHARS:]
    terms = list(dict.fromkeys(index_tokens(query, expand=False)))
    return terms[-MAX_TERMS:]


def _recency(newest: int | None, year: int) -> float:
    if newest is None:
        return 0.0
    return max(0.0, min(1.0, 1 - (year - 1 - newest) / 5))


def suggest(
    workspace: Workspace, draft: Draft, part_kind: str, query: str | None = None, limit: int = 10
) -> list[Suggestion]:
    """Phrases for a part of the draft, best first, never one the draft already holds.

    Args:
        part_kind: the part's kind (`measures_and_results`, ...).
        query: words typed by the clerk; None ranks against the part's current text.
        limit: how many suggestions at most.
    """
    terms = query_terms(workspace, draft, part_kind, query)
    in_draft = draft_key(draft)
    index = open_index(workspace)
    try:
        wanted = max(40, limit * 4)
        hits = [h for h in index.search(part_kind, terms, wanted) if h.key not in in_draft]
        if not hits:
            return []
        best = max(h.relevance for h in hits) or 1.0
        own = index.with_county([h.id for h in hits], workspace.config.county)

        def score(hit: PhraseHit) -> float:
            shared = min(math.log2(1 + hit.sources), 4) / 4
            return (
                hit.relevance / best
                + 0.3 * (hit.id in own)
                + 0.2 * _recency(hit.newest, draft.year)
                + 0.05 * shared
            )

        ranked = sorted(((score(h), h) for h in hits), key=lambda pair: (-pair[0], pair[1].id))[
            :limit
        ]
        sources = index.sources([h.id for _, h in ranked])
    finally:
        index.close()
    values = plain_values(draft)
    out: list[Suggestion] = []
    for value, hit in ranked:
        text = fill_markers(hit.text, draft.county, draft.year)
        out.append(
            Suggestion(
                phrase_id=hit.id,
                text=text,
                rendered=render_slotted(text, values, workspace.catalog, missing="mark"),
                score=value,
                part=hit.part,
                topic=hit.topic,
                form=hit.form,
                indicators=tuple(
                    p.id for p in split_slots(text, workspace.catalog) if not isinstance(p, str)
                ),
                sources=tuple(
                    SourceRef(Path(r.path).name, r.county, r.year) for r in sources.get(hit.id, [])
                ),
                source_count=hit.sources,
            )
        )
    return out
