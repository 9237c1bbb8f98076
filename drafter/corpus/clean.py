"""Clean-up of copied report text: page furniture out, punctuation and spaces normalised.

The clean text keeps one paragraph per line and a map from each of its characters back to the
original text, so spans found in the clean text can be shown in the clerk's own words.
Lost characters (`20241月23`, `2023吕梁市委`, `二)`) are reported by `find_damage`, never repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_SPACES = {
    "\u00a0",
    "\u3000",
    "\t",
    "\u202f",
    "\u205f",
    "\u2007",
    "\u2009",
    "\u200a",
    "\u2002",
    "\u2003",
}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\r", "\x0b", "\x0c"}
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}

_FURNITURE = re.compile(
    r"^(?:"
    r"发布(?:时间|日期|机构)\s*[:：]|(?:信息)?来源\s*[:：]|时间\s*[:：]\s*\d{4}|作者\s*[:：]|"
    r"(?:浏览|点击|阅读|访问)(?:次数|数|量)?\s*[:：]|分享(?:到)?\s*[:：]?$|分享到|"
    r"扫一扫|当前位置|您(?:当前)?(?:现在)?的?位置|首页\s*[>＞»]|"
    r"索\s*引\s*号|信息分类|主题分类|组配分类|体裁分类|公开方式|公开范围|公开时限|有效性\s*[:：]|"
    r"文\s*号\s*[:：]|时\s*效\s*[:：]|标\s*题\s*[:：]|成文日期\s*[:：]|发文机关\s*[:：]|"
    r"【?\s*(?:字[号体]\s*[:：]?)?\s*大\s*中\s*小\s*】?|【?打印(?:本页)?】?|【?关闭(?:窗口|本页)?】?|"
    r"上一篇|下一篇|网站地图|联系我们|版权所有|主办单位|承办单位|网站标识码|无障碍|"
    r"相关(?:阅读|链接|稿件|解读|政策|文件|新闻|附件)|关联稿件"
    r")"
)
_FURNITURE_ANYWHERE = re.compile(
    r"公网安备|ICP备|网站支持IPv6|扫一扫在手机|大\s+中\s+小|(?:时间|日期).{0,30}来源\s*[:：]"
)
MAX_FURNITURE_LINE = 160
"""Longer lines are body text run together, never dropped as furniture."""
_TAIL_MARKER = re.compile(r"^(?:相关(?:阅读|链接|稿件|解读|政策|文件|新闻)|关联稿件)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NEEDS_WORK = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\r\x0b\x0c\u00a0\u3000\t\u202f\u205f\u2007"
    '\u2009\u200a\u2002\u2003 \uff10-\uff19\uff21-\uff3a\uff41-\uff5a％"．,:;()?!]'
)
"""Characters `_normalise_line` changes or drops; a line without any is kept as it is."""
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·]")


@dataclass(frozen=True)
class CleanText:
    """Cleaned text (one paragraph a line) with `offsets[i]` = index in `original` of `text[i]`."""

    original: str
    text: str
    offsets: tuple[int, ...]
    """One entry per character of `text`, plus one for its end."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the clean text to the span of the original it came from."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind a span of the clean text."""
        o_start, o_end = self.to_original(start, end)
        return self.original[o_start:o_end]


@dataclass(frozen=True)
class Damage:
    """Characters apparently lost in copying, found but not repaired."""

    kind: str
    """`year_missing`, `date_incomplete`, `heading_bracket`, `heading_numeral`, `unbalanced_quote`."""
    span: tuple[int, int]
    snippet: str
    suggestion: str
    """What the text probably said, in Chinese, for the clerk."""


def is_furniture(line: str) -> bool:
    """True for short web-page furniture lines (dates, sources, share widgets, index blocks, menus)."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > MAX_FURNITURE_LINE:
        return False
    if _FURNITURE.match(stripped) or _FURNITURE_ANYWHERE.search(stripped):
        return True
    if not _CJK.search(stripped) and not re.search(r"\d", stripped):
        return True
    parts = [p.strip() for p in re.split(r"\s*[|｜]\s*", stripped)]
    return len(parts) >= 3 and all(len(p) <= 14 for p in parts)


def _normalise_line(line: str, start: int) -> list[tuple[str, int]]:
    chars: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        if ch in _INVISIBLE:
            continue
        if ch in _SPACES or ch == " ":
            ch = " "
        elif "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
            ch = chr(ord(ch) - 0xFEE0)
        elif ch == "％":
            ch = "%"
        chars.append((ch, start + i))
    while chars and chars[0][0] == " ":
        chars.pop(0)
    while chars and chars[-1][0] == " ":
        chars.pop()
    out: list[tuple[str, int]] = []
    for i, (ch, pos) in enumerate(chars):
        if ch == " ":
            prev = out[-1][0] if out else ""
            nxt = chars[i + 1][0] if i + 1 < len(chars) else ""
            if prev == " " or not (
                prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()
            ):
                continue
        out.append((ch, pos))
    has_cjk = any(_CJK.match(ch) for ch, _ in out)
    quote_open = True
    for i, (ch, pos) in enumerate(out):
        prev = out[i - 1][0] if i else ""
        nxt = out[i + 1][0] if i + 1 < len(out) else ""
        if ch == '"' and has_cjk:
            out[i] = ("“" if quote_open else "”", pos)
            quote_open = not quote_open
        elif ch == "．" and prev.isdigit():
            out[i] = (".", pos)
        elif ch in _HALF_TO_FULL and has_cjk:
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                continue
            if ch in "()" and prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha():
                continue
            if ch in "()" or _CJK_OR_PUNCT.match(prev or "a") or _CJK_OR_PUNCT.match(nxt or "a"):
                out[i] = (_HALF_TO_FULL[ch], pos)
    return out


def clean_text(raw: str) -> CleanText:
    """Drop page furniture and blank lines, normalise punctuation and spaces, keep offsets."""
    lines: list[tuple[str, int]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x85")
        lines.append((body, pos))
        pos += len(line)
    pieces: list[str] = []
    offsets: list[int] = []
    for index, (line, start) in enumerate(lines):
        if _NEEDS_WORK.search(line):
            normalised = _normalise_line(line, start)
            text = "".join(ch for ch, _ in normalised)
            positions: Iterable[int] = (p for _, p in normalised)
        else:
            text, positions = line, range(start, start + len(line))
        if not text or is_furniture(text):
            if _TAIL_MARKER.match(text) and index >= len(lines) * 0.5:
                break
            continue
        if pieces:
            pieces.append("\n")
            offsets.append(start - 1 if start else 0)
        pieces.append(text)
        offsets.extend(positions)
    offsets.append(len(raw))
    return CleanText(original=raw, text="".join(pieces), offsets=tuple(offsets))


_UNIT_AFTER_NUMBER = (
    "件次人个元项条家名场处部篇期所批份支台本宗册户起余多万亿千百以来至—-~～年月日号届"
)
_DAMAGE_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "date_incomplete",
        re.compile(r"(?<!\d)(20\d{2})年?(1[0-2]|0?[1-9])月(\d{1,2})(?![日号\d])"),
        "{0}年{1}月{2}日",
    ),
    (
        "date_incomplete",
        re.compile(r"(?<!\d)(20\d{2})(1[0-2]|0?[1-9])月(\d{1,2})日?"),
        "{0}年{1}月{2}日",
    ),
    ("year_missing", re.compile(r"(?<![\d.])(20\d{2})(?=[\u4e00-\u9fff])"), "{0}年"),
    ("heading_bracket", re.compile(r"(?m)^([一二三四五六七八九十]{1,3})[）)]"), "（{0}）"),
    ("heading_numeral", re.compile(r"(?m)^[）)](?=\S)"), "（？）"),
    ("heading_numeral", re.compile(r"(?m)^、(?=\S)"), "？、"),
)


def find_damage(text: str) -> list[Damage]:
    """Spots where characters were apparently lost in copying (dates, years, heading numerals)."""
    found: list[Damage] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, suggestion in _DAMAGE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            if kind == "year_missing":
                after = text[span[1] : span[1] + 1]
                if after in _UNIT_AFTER_NUMBER:
                    continue
            if (
                kind == "date_incomplete"
                and match.group(0).count("年")
                and match.group(0)[-1] == "日"
            ):
                continue
            taken.append(span)
            found.append(
                Damage(
                    kind=kind,
                    span=span,
                    snippet=text[max(0, span[0] - 6) : span[1] + 6],
                    suggestion=suggestion.format(*match.groups()),
                )
            )
    found.extend(_unbalanced_quotes(text))
    return sorted(found, key=lambda d: d.span)


def _unbalanced_quotes(text: str) -> list[Damage]:
    found: list[Damage] = []
    pos = 0
    for line in text.split("\n"):
        for left, right in (("《", "》"), ("“", "”")):
            if left not in line and right not in line:
                continue
            depth = 0
            for ch in re.findall(f"[{left}{right}]", line):
                depth += 1 if ch == left else -1
                if depth < 0:
                    break
            if depth != 0:
                found.append(
                    Damage(
                        kind="unbalanced_quote",
                        span=(pos, pos + len(line)),
                        snippet=line[:30],
                        suggestion=f"检查{left}{right}是否成对",
                    )
                )
                break
        pos += len(line) + 1
    return found
