"""Keyword topics of phrases (`行政复议`, `12345热线` …), for grouping when no heading does."""

from __future__ import annotations

import re

TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("行政复议", ("行政复议", "复议")),
    ("行政应诉", ("行政诉讼", "应诉", "出庭", "败诉")),
    ("规范性文件", ("规范性文件",)),
    ("重大行政决策", ("重大行政决策", "决策")),
    ("合法性审核与法律顾问", ("合法性审核", "法律顾问", "公职律师")),
    ("行政执法", ("执法", "案卷", "处罚", "检查")),
    ("政务服务与营商环境", ("政务服务", "营商环境", "网办", "审批", "一网通办", "涉企")),
    ("12345热线", ("12345", "热线", "工单")),
    ("矛盾纠纷化解", ("调解", "矛盾纠纷", "信访", "枫桥")),
    ("普法宣传", ("普法", "法治宣传", "法律明白人", "示范村")),
    ("公共法律服务", ("法律援助", "公证", "法律服务", "法律咨询")),
    ("政务公开与监督", ("政务公开", "信息公开", "人大代表", "政协", "监督")),
    ("学法用法", ("学法", "习近平法治思想", "任前", "述法", "法治思维")),
    ("组织领导与督察", ("依法治县", "督察", "第一责任人", "考核", "领导")),
)
"""Keyword topics, first match wins; used when a phrase has no level-2 heading to group by."""

_TOPIC_OF = {word: i for i, (_, words) in enumerate(TOPICS) for word in words}
_KEYWORD = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _TOPIC_OF})) + "])"
    "(?=(" + "|".join(re.escape(w) for w in sorted(_TOPIC_OF, key=len, reverse=True)) + "))"
)
"""Every occurrence of every keyword in one pass (no keyword starts another or overlaps itself);
the first lookahead skips positions no keyword starts at."""


def keyword_topic(text: str) -> str:
    """The topic whose keywords occur most often in `text` ('' when none does)."""
    counts = [0] * len(TOPICS)
    for match in _KEYWORD.finditer(text):
        counts[_TOPIC_OF[match.group(1)]] += 1
    best, hits = "", 0
    for (topic, _), count in zip(TOPICS, counts, strict=True):
        if count > hits:
            best, hits = topic, count
    return best
