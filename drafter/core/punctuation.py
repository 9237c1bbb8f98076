"""Half-width (ASCII) punctuation inside Chinese text, found and turned full-width.

A mark is converted only in a Chinese context: a CJK character next to it (spaces skipped),
or, for brackets and quotes, inside the pair. Decimals (`97.83%`), thousands (`1,000`),
times (`15:11`), level-3 numerals (`1.`), ASCII words, URLs and e-mail addresses are left alone.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str, str]
"""(start, end, found, suggested): `text[start:end] == found` should read `suggested`."""

_SIMPLE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_CLOSERS = "）”’》」』】〕"
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|www\.[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
_URL_TAIL = ".,;:!?)'\""
_ANY_MARK = re.compile(r"[,:;?!.()\"']")


def is_han(char: str) -> bool:
    """True for a Han character (CJK unified ideographs, extensions, compatibility)."""
    code = ord(char) if char else 0
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def is_cjk(char: str) -> bool:
    """True for a Han character or a Chinese punctuation mark (full-width forms, “”‘’—…)."""
    if not char:
        return False
    code = ord(char)
    return (
        is_han(char) or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or char in "“”‘’—…·"
    )


def _protected(text: str) -> list[bool]:
    mask = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        for i in range(match.start(), end):
            mask[i] = True
    return mask


def _prev(text: str, i: int) -> str:
    """The nearest character before index `i` that is not an ASCII space, or ''."""
    i -= 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return text[i] if i >= 0 else ""


def _next(text: str, i: int) -> str:
    """The nearest character from index `i` on that is not an ASCII space, or ''."""
    while i < len(text) and text[i] == " ":
        i += 1
    return text[i] if i < len(text) else ""


def _runs(text: str, mask: list[bool], marks: str, found: dict[int, str]) -> None:
    """Convert runs of `marks` (`,:;?!` or `.`) whose outside neighbours are Chinese."""
    i = 0
    while i < len(text):
        if text[i] not in marks or mask[i]:
            i += 1
            continue
        j = i
        while j < len(text) and text[j] in marks and not mask[j]:
            j += 1
        before, after = _prev(text, i), _next(text, j)
        if marks == ".":
            if j - i >= 3 and (is_cjk(before) or is_cjk(after)):
                found[i] = "……"
                for k in range(i + 1, j):
                    found[k] = ""
            elif (
                j - i == 1
                and (is_han(before) or before in _CLOSERS)
                and (after == "" or is_cjk(after))
            ):
                found[i] = "。"
        elif is_cjk(before) or is_cjk(after):
            for k in range(i, j):
                found[k] = _SIMPLE[text[k]]
        i = j


def _chinese_pair(text: str, start: int, end: int) -> bool:
    """True if a bracket/quote pair at `start`..`end` (inclusive) sits in Chinese text."""
    inside = text[start + 1 : end]
    return (
        any(is_cjk(c) for c in inside) or is_cjk(_prev(text, start)) or is_cjk(_next(text, end + 1))
    )


def _brackets(text: str, mask: list[bool], found: dict[int, str]) -> None:
    stack: list[int] = []
    lone: list[int] = []
    for i, char in enumerate(text):
        if mask[i]:
            continue
        if char == "(":
            stack.append(i)
        elif char == ")":
            if stack:
                start = stack.pop()
                if _chinese_pair(text, start, i):
                    found[start], found[i] = "（", "）"
            else:
                lone.append(i)
    for i in lone + stack:
        if is_cjk(_prev(text, i)) or is_cjk(_next(text, i + 1)):
            found[i] = "（" if text[i] == "(" else "）"


def _quotes(text: str, mask: list[bool], quote: str, pair: str, found: dict[int, str]) -> None:
    positions = [
        i
        for i, char in enumerate(text)
        if char == quote
        and not mask[i]
        and not (
            quote == "'"
            and 0 < i < len(text) - 1
            and text[i - 1].isascii()
            and text[i - 1].isalnum()
            and text[i + 1].isascii()
            and text[i + 1].isalnum()
        )
    ]
    for n in range(0, len(positions) - 1, 2):
        start, end = positions[n], positions[n + 1]
        if _chinese_pair(text, start, end):
            found[start], found[end] = pair[0], pair[1]
    if len(positions) % 2:
        last = positions[-1]
        if is_cjk(_next(text, last + 1)):
            found[last] = pair[0]
        elif is_cjk(_prev(text, last)):
            found[last] = pair[1]


def ascii_punct_spans(text: str) -> list[Span]:
    """Find ASCII punctuation used in Chinese text, with the full-width mark it should be.

    Spaces around a converted mark belong to the span (full-width marks carry their own
    spacing). Spans are sorted and never overlap.

    Returns:
        `(start, end, found, suggested)` for each place to change.
    """
    if _ANY_MARK.search(text) is None:
        return []
    mask = _protected(text)
    found: dict[int, str] = {}
    _runs(text, mask, ",:;?!", found)
    _runs(text, mask, ".", found)
    _brackets(text, mask, found)
    _quotes(text, mask, '"', "“”", found)
    _quotes(text, mask, "'", "‘’", found)
    spans: list[Span] = []
    last_end = 0
    positions = sorted(found)
    for n, pos in enumerate(positions):
        if spans and pos < spans[-1][1]:
            continue
        start, end = pos, pos + 1
        while start > last_end and text[start - 1] == " " and _prev(text, start).strip():
            start -= 1
        limit = positions[n + 1] if n + 1 < len(positions) else len(text)
        while end < limit and text[end] == " " and _next(text, end).strip():
            end += 1
        suggested = found[pos]
        while end < len(text) and found.get(end) == "" and text[end] == ".":
            end += 1
        spans.append((start, end, text[start:end], suggested))
        last_end = end
    return spans


def to_fullwidth(text: str) -> str:
    """Return `text` with ASCII punctuation inside Chinese text turned full-width.

    `工作,持续推进` becomes `工作，持续推进`; `97.83%`, `1,000`, `15:11`, `1.`, ASCII words,
    URLs and e-mail addresses are kept.
    """
    spans = ascii_punct_spans(text)
    if not spans:
        return text
    pieces = []
    cursor = 0
    for start, end, _found, suggested in spans:
        pieces.append(text[cursor:start])
        pieces.append(suggested)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
