"""The thing a figure counts: the phrase in front of it, trimmed with jieba's part-of-speech tags,
or the noun after a classifier (`组织开展63次活动` → `组织开展活动`)."""

from __future__ import annotations

import re

from drafter.corpus import segment

DELIMITERS = frozenset("，。；：、！？（）()\n【】[]|\t,;:")
"""Characters a name never runs across."""
_LEAD = re.compile(
    r"^(?:其中|全年|年内|今年|本年度?|当年|目前|截至目前|截止目前|截至\d+月底?|一年来|同时|此外|另外|"
    r"还|已|共计|共|累计|总计|全县|全区|全市|全镇|全乡|我县|我区|我市|先后|均|"
    r"[一二三四五六七八九十]+是|\d{4}年度?(?:以来)?|\d+月(?:份|底)?|自开通以来|以来|"
    r"对|在|为|向|从|由|经|按照|针对|围绕|共有|全县共有)+"
)
_TRAIL = re.compile(
    r"(?:共计|共|累计|总计|合计|计|达到了|达到|高达|达|为|是|约|近|超过|超|逾|了|均达|均为|均|"
    r"分别为|分别|已|有|先后|的|各|仅|其中|"
    r"(?:提高|提升|上升|增长|增加|下降|降低|减少)(?:到|至)|增至|降至|(?:保持|稳定|维持)在)+$"
)
"""Words between the thing counted and its figure (`网办率提高到98.2%` names `网办率`)."""
_NOUN_FLAGS = ("n", "vn", "nz", "j", "l", "an", "ng", "nr", "ns", "nt")
_STOP_FLAGS = frozenset("cpudxmqryeof")
_STOP_VERBS = frozenset(
    {"进行", "开展", "参与", "参加", "纳入", "入驻", "通过", "实现", "获得", "荣获", "受到", "完成"}
)
_CONJUNCTIONS = frozenset("和与及或并")
MAX_NAME = 16


def context_start(text: str, position: int, floor: int) -> int:
    index = position
    while index > floor and text[index - 1] not in DELIMITERS:
        index -= 1
    return index


def trim_before(text: str, start: int, end: int, budget: int = MAX_NAME) -> tuple[int, int]:
    """Span of the name in front of a figure, fillers and leading function words removed."""
    phrase = text[start:end]
    trail = _TRAIL.search(phrase)
    if trail:
        end -= len(trail.group(0))
        phrase = text[start:end]
    lead = _LEAD.match(phrase)
    if lead and len(phrase) - lead.end() != 1:
        start += lead.end()
        phrase = text[start:end]
    if phrase[:1] in _CONJUNCTIONS:
        first_word, flag = segment.tag(phrase)[0]
        if flag == "c" and first_word in _CONJUNCTIONS:
            start += len(first_word)
            phrase = text[start:end]
    listing = phrase.rfind("等")
    if listing > 0 and len(phrase) - listing > 2:
        tail = segment.tag(phrase[listing + 1 :])
        verbs = [i for i, (_, flag) in enumerate(tail) if flag == "v"]
        start = end - sum(len(word) for word, _ in tail[verbs[0] if verbs else 0 :])
        phrase = text[start:end]
    if len(phrase) > budget or (phrase and phrase[0] in "，。；：、）)》”"):
        tokens = segment.tag(phrase)
        kept, size = 0, 0
        for word, _ in reversed(tokens):
            if size + len(word) > budget:
                break
            size += len(word)
            kept += 1
        tokens = tokens[len(tokens) - kept :]
        while tokens and (
            tokens[0][1][:1] in ("p", "c", "u", "d", "r")
            or (tokens[0][1] == "x" and tokens[0][0] not in "“《")
            or _LEAD.fullmatch(tokens[0][0])
        ):
            size -= len(tokens[0][0])
            tokens = tokens[1:]
        start = end - size
    return start, end


def noun_after(text: str, position: int) -> int:
    """End of the noun phrase right after a classifier (`…家企业参与` → after `企业`).

    Modifiers (`省级`, `重点`) may precede the noun; a quoted name (`“民主法治示范村”`) ends it.
    """
    window = text[position : position + 24]
    size = noun_end = 0
    for word, flag in segment.tag(window[:14]):
        if word == "“":
            close = window.find("”", size + 1)
            if 0 < close - size <= 21:
                noun_end = close + 1
            break
        if flag[:1] in _STOP_FLAGS or word in _STOP_VERBS or size + len(word) > 10:
            break
        if flag.startswith("v") and flag != "vn":
            break
        size += len(word)
        if flag.startswith(_NOUN_FLAGS):
            noun_end = size
    return position + noun_end


def balanced(name: str) -> str:
    """Drop quotation and title marks that lost their partner when the name was cut out."""
    for left, right in (("“", "”"), ("《", "》")):
        if name.count(left) != name.count(right) or name.find(right) < name.find(left):
            name = name.replace(left, "").replace(right, "")
    return name.strip(" ")


def phrase_after(text: str, position: int) -> int:
    index = position
    while index < len(text) and index - position < 8 and text[index] not in DELIMITERS:
        index += 1
    return index
