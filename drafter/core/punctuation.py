"""Half-width (ASCII) punctuation inside Chinese text, found and turned full-width.

A mark is converted only in a Chinese context: a CJK character next to it (spaces skipped),
or, for brackets and quotes, inside the pair. Decimals (`97.83%`), thousands (`1,000`),
times (`15:11`), level-3 numerals (`1.`), ASCII words, URLs and e-mail addresses are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    return is_han(char) or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or char in "“”‘’—…·"


def _protected(text: str) -> list[bool]:
    mask = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        for i in range(match.start(), end):
            mask[i] = True
    return mask


@dataclass
class _Scan:
    """One text being scanned; `found` maps converted positions to their replacement."""

    text: str
    mask: list[bool]
    found: dict[int, str] = field(default_factory=dict)

    def prev(self, i: int) -> int:
        """Index of the nearest character before `i` that is not an ASCII space, or -1."""
        i -= 1
        while i >= 0 and self.text[i] == " ":
            i -= 1
        return i

    def next(self, i: int) -> int:
        """Index of the nearest character from `i` on that is not an ASCII space, or len."""
        while i < len(self.text) and self.text[i] == " ":
            i += 1
        return i

    def cjk(self, i: int) -> bool:
        """True if position `i` holds a CJK character or a mark already being converted."""
        return 0 <= i < len(self.text) and (i in self.found or is_cjk(self.text[i]))

    def ends_clause(self, i: int) -> bool:
        """True if a full stop may follow position `i`: a Han character or a closing mark."""
        if not 0 <= i < len(self.text):
            return False
        char = self.found.get(i) or self.text[i]
        return is_han(char) or char[-1] in _CLOSERS

    def runs(self, marks: str) -> None:
        """Convert runs of `marks` (`,:;?!` or `.`) whose outside neighbours are Chinese."""
        text, i = self.text, 0
        while i < len(text):
            if text[i] not in marks or self.mask[i]:
                i += 1
                continue
            j = i
            while j < len(text) and text[j] in marks and not self.mask[j]:
                j += 1
            before, after = self.prev(i), self.next(j)
            chinese = self.cjk(before) or self.cjk(after)
            if marks != ".":
                if chinese:
                    self.found.update((k, _SIMPLE[text[k]]) for k in range(i, j))
            elif j - i >= 3 and chinese:
                self.found[i] = "……"
                self.found.update((k, "") for k in range(i + 1, j))
            elif (
                j - i == 1 and self.ends_clause(before) and (after == len(text) or self.cjk(after))
            ):
                self.found[i] = "。"
            i = j

    def chinese_pair(self, start: int, end: int) -> bool:
        """True if a bracket/quote pair at `start`..`end` (inclusive) sits in Chinese text."""
        return (
            any(self.cjk(k) for k in range(start + 1, end))
            or self.cjk(self.prev(start))
            or self.cjk(self.next(end + 1))
        )

    def brackets(self) -> None:
        stack: list[int] = []
        lone: list[int] = []
        for i, char in enumerate(self.text):
            if self.mask[i]:
                continue
            if char == "(":
                stack.append(i)
            elif char == ")":
                if not stack:
                    lone.append(i)
                    continue
                start = stack.pop()
                if self.chinese_pair(start, i):
                    self.found[start], self.found[i] = "（", "）"
        for i in lone + stack:
            if self.cjk(self.prev(i)) or self.cjk(self.next(i + 1)):
                self.found[i] = "（" if self.text[i] == "(" else "）"

    def quotes(self, quote: str, pair: str) -> None:
        text = self.text
        positions = [
            i
            for i, char in enumerate(text)
            if char == quote
            and not self.mask[i]
            and not (quote == "'" and _between_ascii_alnum(text, i))
        ]
        for n in range(0, len(positions) - 1, 2):
            start, end = positions[n], positions[n + 1]
            if self.chinese_pair(start, end):
                self.found[start], self.found[end] = pair[0], pair[1]
        if len(positions) % 2:
            last = positions[-1]
            if self.cjk(self.next(last + 1)):
                self.found[last] = pair[0]
            elif self.cjk(self.prev(last)):
                self.found[last] = pair[1]


def _inline(text: str, i: int) -> bool:
    """True if index `i` holds a visible character (so spaces up to it may be absorbed)."""
    return 0 <= i < len(text) and not text[i].isspace()


def _between_ascii_alnum(text: str, i: int) -> bool:
    """True for an apostrophe inside an ASCII word (`don't`)."""
    return 0 < i < len(text) - 1 and all(
        c.isascii() and c.isalnum() for c in (text[i - 1], text[i + 1])
    )


def ascii_punct_spans(text: str) -> list[Span]:
    """Find ASCII punctuation used in Chinese text, with the full-width mark it should be.

    Spaces around a converted mark belong to the span (full-width marks carry their own
    spacing). Spans are sorted and never overlap.

    Returns:
        `(start, end, found, suggested)` for each place to change.
    """
    if _ANY_MARK.search(text) is None:
        return []
    scan = _Scan(text, _protected(text))
    while True:
        converted = len(scan.found)
        scan.brackets()
        scan.quotes('"', "“”")
        scan.quotes("'", "‘’")
        scan.runs(",:;?!")
        scan.runs(".")
        if len(scan.found) == converted:
            break
    found = scan.found
    spans: list[Span] = []
    last_end = 0
    positions = sorted(found)
    for n, pos in enumerate(positions):
        if spans and pos < spans[-1][1]:
            continue
        start, end = pos, pos + 1
        while start > last_end and text[start - 1] == " " and _inline(text, scan.prev(start)):
            start -= 1
        limit = positions[n + 1] if n + 1 < len(positions) else len(text)
        while end < limit and text[end] == " " and _inline(text, scan.next(end)):
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
